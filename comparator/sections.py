"""Which section of the new statement each section of the old one became."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def section_correspondence(
    carried: Iterable[tuple[str | None, str | None]], new_sections: Sequence[str]
) -> dict[str | None, str | None]:
    """Map old section to new section from the (old, new) sections of carried-over points.

    A heading the new statement keeps is the same section wherever it now
    stands; a renamed section is the one most of its points went to (on a tie,
    the earlier in the new statement).
    """
    votes: dict[str | None, Counter] = {}
    for src, dst in carried:
        votes.setdefault(src, Counter())[dst] += 1
    order = {name: k for k, name in enumerate(new_sections)}
    kept = set(new_sections) | {None}
    return {
        src: src if src in kept else min(c, key=lambda dst: (-c[dst], order.get(dst, -1)))
        for src, c in votes.items()
    }
