"""Helpers shared by the renderers: which changes to flag first, titles, dates and excerpts."""

from __future__ import annotations

import re

from comparator.models import ALERT_RANK, Change, Comparison


def alerts(comparison: Comparison) -> list[tuple[int, Change]]:
    """(position, change) of every change on a watched topic, most serious first."""
    flagged = [(k, c) for k, c in enumerate(comparison.changes) if c.topics and c.is_change]
    return sorted(flagged, key=lambda kc: (ALERT_RANK[kc[1].verdict], kc[0]))


def section_of(change: Change) -> str | None:
    side = change.new or change.old
    return side[0].section if side else None


def title(comparison: Comparison) -> str:
    return comparison.new.title or comparison.old.title or "Statement"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dates(comparison: Comparison) -> tuple[str, str]:
    return comparison.old.date or comparison.old.source.path, comparison.new.date or comparison.new.source.path


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Statement text safe for a terminal: control characters (escape sequences) become U+FFFD."""
    return CONTROL.sub("\ufffd", text)
