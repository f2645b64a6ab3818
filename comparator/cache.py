"""On-disk embedding cache: float32 vectors in sqlite, keyed by model name and sentence hash.

Kept cheap to import (sqlite3, hashlib, numpy): a warm run must not pay for the model.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from comparator.embed import Embedder

DB_NAME = "embeddings.sqlite"
_SCHEMA_VERSION = 1
_CORRUPT = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
_CHUNK = 500  # stays under SQLite's bound-parameter limit
_VECTOR = np.dtype("<f4")


def cache_dir() -> Path:
    """Return the cache directory: $COMPARATOR_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get("COMPARATOR_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("comparator"))


def text_key(text: str) -> str:
    """Return the cache key of a sentence: the sha256 hex digest of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Embedding vectors on disk; every failure degrades to a miss or a skipped write."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory if directory is not None else cache_dir()) / DB_NAME
        self._db = _open(self.path)

    @property
    def enabled(self) -> bool:
        """Return whether the cache is backed by a usable database."""
        return self._db is not None

    def get(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors of ``texts`` under ``model``, keyed by text."""
        by_key = {text_key(t): t for t in texts}
        if self._db is None or not by_key:
            return {}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT sha256, dim, vector FROM embeddings WHERE model = ? AND sha256 IN ({marks})",
                    (model, *chunk),
                )
                for key, dim, blob in rows:
                    if isinstance(blob, bytes) and len(blob) == dim * _VECTOR.itemsize > 0:
                        found[by_key[key]] = np.frombuffer(blob, dtype=_VECTOR).astype(np.float32)
        except sqlite3.Error as error:
            self._recover(error)
            return {}
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (text -> 1-d vector) under ``model``; a failed write is dropped."""
        if self._db is None or not vectors:
            return
        rows = [
            (model, text_key(t), len(v), np.ascontiguousarray(v, dtype=_VECTOR).tobytes())
            for t, v in vectors.items()
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._recover(error)

    def close(self) -> None:
        """Close the database; later calls behave as an empty, read-only cache."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _recover(self, error: sqlite3.Error) -> None:
        """Replace a database found corrupt mid-run; leave other failures (busy, read-only) alone."""
        if getattr(error, "sqlite_errorcode", None) in _CORRUPT:
            self.close()
            self._db = _fresh(self.path)


def embed(texts: Sequence[str], embedder: Embedder, cache: EmbeddingCache | None) -> np.ndarray:
    """Return one embedding row per text, encoding every cache miss in a single ``encode`` call."""
    if not texts:
        return np.asarray(embedder.encode([]), dtype=np.float32)  # (0, d): the model knows d
    unique = list(dict.fromkeys(texts))
    found = cache.get(embedder.name, unique) if cache is not None else {}
    missing = [t for t in unique if t not in found]
    if missing:
        fresh = dict(zip(missing, np.asarray(embedder.encode(missing), dtype=np.float32)))
        if cache is not None:
            cache.put(embedder.name, fresh)
        found.update(fresh)
    return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)


def _open(path: Path) -> sqlite3.Connection | None:
    """Open the cache database, replacing it if it is corrupt or foreign; None if unusable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=5)
    except (OSError, sqlite3.Error):
        return None
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            _create(db)
            return db
        if version == _SCHEMA_VERSION:
            return db
    except sqlite3.Error as error:
        if error.sqlite_errorcode not in _CORRUPT:
            db.close()
            return None
    db.close()
    return _fresh(path)


def _fresh(path: Path) -> sqlite3.Connection | None:
    """Delete the database at ``path`` and create an empty one; None if that fails."""
    try:
        for stale in (path, path.with_name(path.name + "-journal")):
            stale.unlink(missing_ok=True)
        db = sqlite3.connect(path, timeout=5)
        _create(db)
    except (OSError, sqlite3.Error):
        return None
    return db


def _create(db: sqlite3.Connection) -> None:
    """Create the embeddings table and stamp the schema version."""
    with db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings ("
            " model TEXT NOT NULL, sha256 TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model, sha256)) WITHOUT ROWID"
        )
        db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
