"""Where a statement comes from: its entry in the series manifest next to it, and how far its text can be trusted.

The entry is read by ``comparator.series.manifest``: from ``manifest.toml``, else from a
legacy ``manifest.json``. A missing, unreadable or malformed manifest means no
provenance, never an error: provenance decorates a report, it does not gate it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from comparator.models import Source
from comparator.series.manifest import SeriesError, file_date, legacy_entries, load_manifest

LABELS = {"official": "Official text", "caution": "Not the official text", "unknown": "Provenance unknown"}


@dataclass(frozen=True)
class Provenance:
    """A statement's provenance note, its ``status`` (official, caution or unknown) and the label shown for it."""

    note: str
    status: str
    label: str
    source_url: str | None

    @property
    def source_link(self) -> str | None:
        """The source URL when it may become a link: http(s) only, never ``javascript:`` and the like."""
        return web_link(self.source_url)


def web_link(url: str | None) -> str | None:
    """Return ``url`` if it is an absolute http(s) URL with a host, else None (show it as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def provenance_for(path: str | Path) -> dict[str, Any] | None:
    """The manifest entry of the statement at ``path``, or None (stdin, no manifest, no entry)."""
    if str(path) == "-":
        return None
    file = Path(path)
    try:
        entry = load_manifest(file.parent).get(file.name)
    except SeriesError:
        entry = None
    return dict(vars(entry)) if entry is not None else legacy_entries(file.parent).get(file.name)


def with_record(source: Source) -> Source:
    """The source knowing the title and date its manifest entry records, else the date in its file name."""
    if source.path == "-":
        return source
    entry = provenance_for(source.path) or {}
    title = entry.get("title")
    return replace(
        source,
        known_title=title if isinstance(title, str) and title.strip() else None,
        known_date=file_date(source.path, entry.get("date")),
    )


def alike(old: Source, new: Source) -> tuple[Source, Source]:
    """Two statements whose headers are read alike: where only one's manifest knows a title, neither uses one, so a
    lone first line (a subtitle) is the title on both sides, not a point on one (which showed a copy of a series
    file, compared with it, as having dropped its subtitle)."""
    if (old.known_title is None) == (new.known_title is None):
        return old, new
    return replace(old, known_title=None), replace(new, known_title=None)


def provenance_of(entry: Mapping[str, Any] | None) -> Provenance:
    """Classify a manifest entry's provenance: official only when its note says so first."""
    note = str(entry.get("provenance") or "").strip() if entry else ""
    status = "official" if note.lower().startswith("official") else "caution" if note else "unknown"
    url = entry.get("source_url") if entry else None
    return Provenance(note, status, LABELS[status], str(url) if url else None)
