"""Turn alignment links into changes: kind, moved flag, shift with reasons, topics, word edits."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from comparator.models import Change, Kind, Link, Sentence, Statement
from comparator.shift import Lexicon, detect_shift
from comparator.topics import WatchList
from comparator.worddiff import word_edits

WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse white space: two texts equal after this are 'unchanged'."""
    return WHITESPACE.sub(" ", text).strip()


def classify(links: Sequence[Link], old: Statement, new: Statement, watch: WatchList, lexicon: Lexicon | None = None) -> tuple[Change, ...]:
    """Classify every link, in reading order of the new statement (dropped points where they stood)."""
    moved = moved_links(links, old, new)
    changes = [
        make_change(link, [old.sentences[i] for i in link.old], [new.sentences[j] for j in link.new], link in moved, watch, lexicon)
        for link in links
    ]
    keys = reading_order(links)
    return tuple(change for _, change in sorted(zip(keys, changes), key=lambda kc: kc[0]))


def make_change(link: Link, olds: list[Sentence], news: list[Sentence], moved: bool, watch: WatchList, lexicon: Lexicon | None) -> Change:
    old_text = " ".join(s.text for s in olds)
    new_text = " ".join(s.text for s in news)
    if olds and news and normalise(old_text) == normalise(new_text):
        # Nothing to watch in a point carried over word for word.
        return Change(Kind.UNCHANGED, moved, 1.0, None, (), (), link.confidence, tuple(olds), tuple(news))
    topics = watch.tag([s.text for s in (*olds, *news)])
    if not news:
        return Change(Kind.DROPPED, False, None, None, (), topics, link.confidence, tuple(olds), ())
    if not olds:
        return Change(Kind.NEW, False, None, None, (), topics, link.confidence, (), tuple(news))
    shift, reasons = detect_shift(old_text, new_text, lexicon)
    similarity = round(link.similarity, 4) if link.similarity is not None else None
    return Change(
        Kind.REWORDED, moved, similarity, shift, reasons, topics, link.confidence,
        tuple(olds), tuple(news), word_edits(old_text, new_text),
    )


def reading_order(links: Sequence[Link]) -> list[tuple[int, int, int]]:
    """Sort keys: by first new sentence; a dropped point follows the link of the old sentence before it."""
    anchor_of_old = {}
    for link in links:
        if link.new:
            for i in link.old:
                anchor_of_old[i] = min(link.new)
    anchored = sorted(anchor_of_old)
    keys = []
    for link in links:
        if link.new:
            keys.append((min(link.new), 0, min(link.old, default=-1)))
        else:
            i = min(link.old)
            k = bisect.bisect_left(anchored, i)
            keys.append((anchor_of_old[anchored[k - 1]] if k else -1, 1, i))
    return keys


def moved_links(links: Sequence[Link], old: Statement, new: Statement) -> set[Link]:
    """Links whose point changed section, or left the order of its section's carried-over points.

    Sections correspond by where most of their carried-over points go, so a
    renamed or reordered section moving as a block moves none of its points.
    """
    carried = [link for link in links if link.old and link.new]
    target = section_map(carried, old, new)
    moved = set()
    groups: dict[tuple, list[Link]] = {}
    for link in carried:
        src = old.sentences[link.old[0]].section
        dst = new.sentences[link.new[0]].section
        if target.get(src) != dst:
            moved.add(link)
        else:
            groups.setdefault((src, dst), []).append(link)
    for group in groups.values():
        in_order = longest_increasing([min(link.new) for link in sorted(group, key=lambda l: min(l.old))])
        moved.update(link for k, link in enumerate(sorted(group, key=lambda l: min(l.old))) if k not in in_order)
    return moved


def section_map(carried: Sequence[Link], old: Statement, new: Statement) -> dict[str | None, str | None]:
    """Each old section's counterpart: the new section most of its carried-over points land in."""
    votes: dict[str | None, Counter] = {}
    for link in carried:
        src = old.sentences[link.old[0]].section
        votes.setdefault(src, Counter())[new.sentences[link.new[0]].section] += 1
    order = {name: k for k, name in enumerate(new.sections)}
    return {
        src: min(c, key=lambda dst: (-c[dst], dst != src, order.get(dst, -1)))
        for src, c in votes.items()
    }


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []
    tail_pos: list[int] = []
    parent = [-1] * len(values)
    for k, v in enumerate(values):
        t = bisect.bisect_left(tails, v)
        if t == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[t] = v
            tail_pos[t] = k
        parent[k] = tail_pos[t - 1] if t else -1
    keep, k = set(), tail_pos[-1] if tail_pos else -1
    while k >= 0:
        keep.add(k)
        k = parent[k]
    return keep
