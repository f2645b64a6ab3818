"""The sqlite file behind each on-disk cache (embedding vectors, pair digests), used so that no failure is fatal.

A database found corrupt (not a database, or damaged) is replaced by an empty
one. One that is busy, locked or read-only is left alone: the cache misses or
skips its writes, and another process's cache is never deleted under it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Self

_CORRUPT = frozenset({sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT})
_CHUNK = 500  # keys per IN (...) query: stays under SQLite's bound-parameter limit
BUSY_TIMEOUT = 5.0  # seconds to wait for another process's write to finish


class SqliteStore:
    """One cache database with a versioned schema; every failure degrades to a miss or a skipped write."""

    def __init__(self, path: Path, schema: Sequence[str], version: int) -> None:
        self.path = path
        self._schema, self._version = schema, version
        self._db = self._open()

    @property
    def enabled(self) -> bool:
        """Return whether the cache is backed by a usable database."""
        return self._db is not None

    def select(self, sql: str, keys: Sequence[str], *params: object) -> list[tuple]:
        """Return the rows of ``sql`` for ``keys``, whose placeholders ``{marks}`` follow ``params``; none on failure."""
        if self._db is None:
            return []
        rows: list[tuple] = []
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                rows += self._db.execute(sql.format(marks=",".join("?" * len(chunk))), (*params, *chunk)).fetchall()
        except sqlite3.Error as error:
            self._recover(error)
            return []
        return rows

    def write(self, sql: str, rows: Iterable[tuple]) -> None:
        """Run ``sql`` for every row in one transaction; a failed write is dropped."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as error:
            self._recover(error)

    def close(self) -> None:
        """Close the database; later calls behave as an empty, read-only cache."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> sqlite3.Connection | None:
        """Open the database, replacing it if it is corrupt or foreign; None if unusable."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        except (OSError, sqlite3.Error):
            return None
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == self._version:
                return db
            if version == 0:  # new, or made before schemas were stamped
                self._create(db)
                return db
        except sqlite3.Error as error:
            db.close()
            return self._fresh() if _is_corrupt(error) else None
        db.close()
        return self._fresh()  # another schema: a foreign file, or another version of comparator

    def _recover(self, error: sqlite3.Error) -> None:
        """Replace a database found corrupt mid-run; leave other failures (busy, locked, read-only) alone."""
        if _is_corrupt(error):
            self.close()
            self._db = self._fresh()

    def _fresh(self) -> sqlite3.Connection | None:
        """Delete the database and create an empty one; None if that fails (a read-only folder)."""
        try:
            for stale in (self.path, self.path.with_name(self.path.name + "-journal")):
                stale.unlink(missing_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        except (OSError, sqlite3.Error):
            return None
        try:
            self._create(db)
        except sqlite3.Error:
            db.close()
            return None
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        """Create the tables and stamp the schema version."""
        with db:
            for statement in self._schema:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {self._version}")


def _is_corrupt(error: sqlite3.Error) -> bool:
    """Say whether an error means the file is damaged or no database, rather than busy, locked or read-only."""
    # The low byte is the primary code: SQLITE_CORRUPT_INDEX and the like are corruption too.
    return ((getattr(error, "sqlite_errorcode", None) or 0) & 0xFF) in _CORRUPT
