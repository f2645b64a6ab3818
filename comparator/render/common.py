"""Helpers shared by the renderers: which changes to flag first, and short labels."""

from __future__ import annotations

import re

from comparator.models import Change, Comparison, Kind

# Weakened and dropped commitments are what an analyst must not miss.
ALERT_RANK = {"weakened": 0, "dropped": 1, "altered": 2, "strengthened": 3, "new": 4, "neutral": 5, "moved": 6}


def verdict(change: Change) -> str:
    """One word for what happened: the shift for rewordings, else the kind (or 'moved')."""
    if change.kind is Kind.REWORDED and change.shift is not None:
        return change.shift.value
    if change.kind is Kind.UNCHANGED:
        return "moved" if change.moved else "unchanged"
    return change.kind.value


def alerts(comparison: Comparison) -> list[tuple[int, Change]]:
    """(position, change) of every change on a watched topic, most serious first."""
    flagged = [
        (k, c) for k, c in enumerate(comparison.changes)
        if c.topics and (c.kind is not Kind.UNCHANGED or c.moved)
    ]
    return sorted(flagged, key=lambda kc: (ALERT_RANK[verdict(kc[1])], kc[0]))


def section_of(change: Change) -> str | None:
    side = change.new or change.old
    return side[0].section if side else None


def dates(comparison: Comparison) -> tuple[str, str]:
    return comparison.old.date or comparison.old.source.path, comparison.new.date or comparison.new.source.path


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Statement text safe for a terminal: control characters (escape sequences) become U+FFFD."""
    return CONTROL.sub("\ufffd", text)
