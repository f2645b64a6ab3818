"""Where a statement file comes from: its entry in a sibling ``manifest.toml`` or ``manifest.json``.

Both manifests hold the same entries, each a table with at least ``file`` (the
statement's name next to the manifest) and usually ``provenance`` and
``source_url``: ``manifest.json`` as a list, ``manifest.toml`` as
``[[statements]]``. A missing, unreadable or malformed manifest means no
provenance, never an error: provenance decorates a report, it does not gate it.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any


def provenance_for(path: str | Path) -> dict[str, Any] | None:
    """The manifest entry of the statement at ``path``, or None (stdin, no manifest, no entry)."""
    if str(path) == "-":
        return None
    file = Path(path)
    for entries in (_toml_entries(file.parent / "manifest.toml"), _json_entries(file.parent / "manifest.json")):
        for entry in entries:
            if entry.get("file") == file.name:
                return dict(entry)
    return None


def _json_entries(manifest: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return _tables(data)


def _toml_entries(manifest: Path) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    return _tables(data.get("statements"))


def _tables(data: Any) -> list[dict[str, Any]]:
    return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []
