"""A series' manifest: the file recording its statements, read on every ``compare`` for a statement's title and date.

A series is one folder of statement files (``*.txt``) plus ``manifest.toml``::

    format = 1

    [[statements]]
    file = "2023-10-04.txt"          # the statement file, relative to the folder (required)
    sha256 = "9f2c..."               # sha256 of the file's bytes when it was recorded (required)
    date = "2023-10-04"              # ISO date; orders the series (required by `check`)
    title = "Japan-U.S. Defense Ministerial Meeting (Summary)"
    provenance = "official text"     # how far the text can be trusted; shown in every report
    source_url = "https://..."

Entries are kept sorted by (date, file); ``title``, ``provenance`` and
``source_url`` may be edited by hand. ``comparator corpus init`` writes the
file (idempotently) and ``comparator corpus add`` appends to it (``comparator.series.folder``).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import tomli

from comparator.write import write_text_atomic

MANIFEST = "manifest.toml"
LEGACY_MANIFEST = "manifest.json"
FORMAT = 1
_DATE_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HEADER = (
    "# Statements of this series, recorded by `comparator corpus init` / `comparator corpus add`.\n"
    "# Edit title, provenance and source_url freely; sha256 is the recorded file's bytes.\n\n"
)


class SeriesError(Exception):
    """A series folder or manifest that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Entry:
    """One recorded statement."""

    file: str
    sha256: str
    date: str | None = None
    title: str | None = None
    provenance: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Manifest:
    """The recorded statements of a series, sorted by (date, file)."""

    entries: tuple[Entry, ...]

    def get(self, file: str) -> Entry | None:
        return next((e for e in self.entries if e.file == file), None)


def parse_manifest(text: str, source: str) -> Manifest:
    """Parse manifest TOML text; ``source`` names it in errors."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise SeriesError(f"{source}: not valid TOML: {e}") from None
    if data.get("format", FORMAT) != FORMAT:
        raise SeriesError(f"{source}: unsupported format {data.get('format')!r} (this comparator reads {FORMAT})")
    tables = data.get("statements", [])
    if not isinstance(tables, list):
        raise SeriesError(f"{source}: 'statements' must be an array of tables ([[statements]])")
    entries = []
    numbers: dict[str, int] = {}
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict) or not isinstance(table.get("file"), str) or not isinstance(table.get("sha256"), str):
            raise SeriesError(f"{source}: statement #{number} needs 'file' and 'sha256' strings")
        fields = {k: table.get(k) for k in ("date", "title", "provenance", "source_url")}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            raise SeriesError(f"{source}: statement #{number} ({table['file']}): date, title, provenance and source_url must be strings")
        if fields["date"] is not None and iso_date(fields["date"]) is None:
            raise SeriesError(f"{source}: statement #{number} ({table['file']}): date {fields['date']!r} is not YYYY-MM-DD")
        entry = Entry(file=table["file"], sha256=table["sha256"], **fields)
        first = numbers.setdefault(os.path.normpath(entry.file), number)
        if first != number:
            twin = entries[first - 1]
            raise SeriesError(
                f"{source}: {entry.file} is recorded twice, as statement #{first} (date {twin.date}) "
                f"and statement #{number} (date {entry.date}); keep one"
            )
        entries.append(entry)
    return Manifest(sorted_entries(entries))


def dump_manifest(manifest: Manifest) -> str:
    """Return the TOML text of a manifest: a comment header, then one table per statement."""
    tables = [{k: v for k, v in vars(entry).items() if v is not None} for entry in manifest.entries]
    import tomli_w  # only to write a manifest: compare reads one on every run

    return _HEADER + tomli_w.dumps({"format": FORMAT, "statements": tables})


def load_manifest(folder: Path) -> Manifest:
    """Read ``folder/manifest.toml``."""
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeriesError(f"{path}: no manifest; record the series with `comparator corpus init {folder}`") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SeriesError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    return parse_manifest(text, str(path))


def write_manifest(folder: Path, manifest: Manifest) -> None:
    write_text_atomic(folder / MANIFEST, dump_manifest(manifest))


def legacy_entries(folder: Path) -> dict[str, dict]:
    """Entries of a legacy ``manifest.json`` by file name; empty when absent or unreadable."""
    try:
        data = json.loads((folder / LEGACY_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, list):
        return {}
    return {item["file"]: item for item in data if isinstance(item, dict) and isinstance(item.get("file"), str)}


def file_date(name: str, recorded: object = None) -> str | None:
    """A recorded date when it is YYYY-MM-DD, else the date in a YYYY-MM-DD prefix of the file name."""
    return (iso_date(recorded) if isinstance(recorded, str) else None) or name_date(name)


def name_date(name: str) -> str | None:
    """Return the date in a YYYY-MM-DD prefix of a file name."""
    match = _DATE_PREFIX.match(Path(name).name)
    return iso_date(match[1]) if match else None


def iso_date(text: str) -> str | None:
    """Return ``text`` if it is a real date written YYYY-MM-DD, else None."""
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def sorted_entries(entries) -> tuple[Entry, ...]:
    """Order entries by date, then name without suffix (so DATE.txt precedes DATE-2.txt)."""
    return tuple(sorted(entries, key=lambda e: (e.date or "9999-99-99", Path(e.file).stem, e.file)))
