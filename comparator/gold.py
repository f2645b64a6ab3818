"""Score a comparison against a gold alignment (the metrics of gold/FORMAT.md, "Scoring").

Tool units are mapped to gold sentences by character offsets: a unit covers
a gold sentence when it overlaps more than half of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from comparator.align import Scores, split_exact
from comparator.classify import normalise
from comparator.models import Change, Comparison, Sentence, Shift, Statement


@dataclass
class Tally:
    """Counts behind the metrics; add tallies of several pairs to get overall figures."""

    link: list[int] = field(default_factory=lambda: [0, 0, 0])
    labels: list[int] = field(default_factory=lambda: [0, 0])
    shifts: list[tuple[str, str]] = field(default_factory=list)
    topics: list[int] = field(default_factory=lambda: [0, 0, 0])
    moved: list[int] = field(default_factory=lambda: [0, 0, 0])
    offsets: list[int] = field(default_factory=lambda: [0, 0])
    weak: list[int] = field(default_factory=lambda: [0, 0, 0])
    """``weakened`` verdicts over every new-side gold sentence: true, false and missed."""
    review: list[int] = field(default_factory=lambda: [0, 0, 0])
    """Changes without the review flag that are right (link and shift), all changes without it, all changes."""

    def __iadd__(self, other: Tally) -> Tally:
        for name in ("link", "labels", "topics", "moved", "offsets", "weak", "review"):
            setattr(self, name, [a + b for a, b in zip(getattr(self, name), getattr(other, name))])
        self.shifts += other.shifts
        return self

    def metrics(self) -> dict[str, float]:
        tp, fp, fn = self.weak
        return {
            "link_f1": f1(*self.link),
            "label_acc": ratio(*self.labels),
            "shift_f1": macro_f1(self.shifts),
            "weak_p": ratio(tp, tp + fp),
            "weak_r": ratio(tp, tp + fn),
            "topic_f1": f1(*self.topics),
            "moved_f1": f1(*self.moved),
            "offsets": ratio(*self.offsets),
            "sure_p": ratio(self.review[0], self.review[1]),
            "flagged": 1 - ratio(self.review[1], self.review[2]) if self.review[2] else 0.0,
        }


def f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro-F1 over the gold classes of (gold, predicted) pairs."""
    classes = sorted({g for g, _ in pairs})
    if not classes:
        return 1.0
    scores = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in pairs)
        fp = sum(g != c and p == c for g, p in pairs)
        fn = sum(g == c and p != c for g, p in pairs)
        scores.append(f1(tp, fp, fn))
    return sum(scores) / len(scores)


@dataclass(frozen=True)
class GoldPair:
    """One gold file: the two statement paths (relative to the corpus) and its links."""

    name: str
    old: str
    new: str
    links: tuple[dict, ...]


def load_gold(folder: Path) -> list[GoldPair]:
    """Every ``*.json`` gold file under ``folder`` (subfolders too), sorted by path."""
    pairs = []
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        pairs.append(GoldPair(path.stem, data["old"], data["new"], tuple(data["links"])))
    return pairs


def spans(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for s in sentences:
        start = text.find(s)
        if start < 0:
            raise ValueError(f"gold sentence not in file: {s[:60]!r}")
        out.append((start, start + len(s)))
    return out


def covered(unit: Sentence, gold_spans: list[tuple[int, int]]) -> list[int]:
    """Gold sentence indices a unit covers by more than half."""
    return [
        k for k, (a, b) in enumerate(gold_spans)
        if (min(b, unit.end) - max(a, unit.start)) * 2 > (b - a)
    ]


def edges(olds: list[int], news: list[int]) -> set[tuple[int | None, int | None]]:
    if olds and news:
        return {(o, n) for o in olds for n in news}
    return {(o, None) for o in olds} | {(None, n) for n in news}


def index_gold(gold: GoldPair, old_text: str, new_text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[dict, list[int], list[int]]]]:
    """Spans of the gold's old and new sentences in the texts, and each link with the indices of its sentences."""
    gold_old = [s for link in gold.links for s in link["old"]]
    gold_new = [s for link in gold.links for s in link["new"]]
    old_index = {s: k for k, s in enumerate(gold_old)}
    new_index = {s: k for k, s in enumerate(gold_new)}
    indexed = [(link, [old_index[s] for s in link["old"]], [new_index[s] for s in link["new"]]) for link in gold.links]
    return spans(old_text, gold_old), spans(new_text, gold_new), indexed


def score(gold: GoldPair, comparison: Comparison) -> Tally:
    """Tally one comparison against its gold pair."""
    old_text, new_text = comparison.old.source.text, comparison.new.source.text
    old_spans, new_spans, indexed = index_gold(gold, old_text, new_text)

    truth: set = set()
    gold_of_old: dict[int, dict] = {}
    gold_of_new: dict[int, dict] = {}
    group_of_old: dict[int, tuple] = {}
    group_of_new: dict[int, tuple] = {}
    for link, o, n in indexed:
        truth |= edges(o, n)
        gold_of_old.update((k, link) for k in o)
        gold_of_new.update((k, link) for k in n)
        group = (tuple(o), tuple(n))
        group_of_old.update((k, group) for k in o)
        group_of_new.update((k, group) for k in n)
    tally = Tally()
    found: set = set()
    tool_of_old: dict[int, Change] = {}
    tool_of_new: dict[int, Change] = {}
    for change in comparison.changes:
        o = [k for s in change.old for k in covered(s, old_spans)]
        n = [k for s in change.new for k in covered(s, new_spans)]
        tool_of_old.update((k, change) for k in o)
        tool_of_new.update((k, change) for k in n)
        found |= edges(o, n)
        # Right: the change links exactly one gold link's sentences, with its label and shift.
        groups = {group_of_old[k] for k in o} | {group_of_new[k] for k in n}
        gold_link = gold_of_old.get(o[0]) if o else gold_of_new.get(n[0]) if n else None
        right = groups == {(tuple(sorted(o)), tuple(sorted(n)))} and gold_link is not None and gold_link["label"] == change.kind.value and (
            change.shift is None or gold_link.get("shift", "neutral") == change.shift.value
        )
        tally.review[2] += 1
        if not change.review:
            tally.review[1] += 1
            tally.review[0] += right
        for s, text in [*((s, old_text) for s in change.old), *((s, new_text) for s in change.new)]:
            tally.offsets[1] += 1
            tally.offsets[0] += normalise(text[s.start : s.end]) == normalise(s.text)
    tally.link = [len(found & truth), len(found - truth), len(truth - found)]

    for gold_map, tool_map in ((gold_of_old, tool_of_old), (gold_of_new, tool_of_new)):
        for k, link in gold_map.items():
            change = tool_map.get(k)
            tally.labels[1] += 1
            tally.labels[0] += change is not None and change.kind.value == link["label"]
            want, got = set(link.get("topics", [])), set(change.topics if change else ())
            tally.topics = [tally.topics[0] + len(want & got), tally.topics[1] + len(got - want), tally.topics[2] + len(want - got)]
    for k, link in gold_of_new.items():
        change = tool_of_new.get(k)
        if link["label"] == "reworded":
            tally.shifts.append((link.get("shift", "neutral"), change.shift.value if change and change.shift else "none"))
        want = link["label"] == "reworded" and link.get("shift") == "weakened"
        got = change is not None and change.shift is Shift.WEAKENED
        tally.weak = [tally.weak[0] + (want and got), tally.weak[1] + (got and not want), tally.weak[2] + (want and not got)]
        if link["label"] == "unchanged":
            want, got = bool(link.get("moved")), bool(change and change.moved)
            tally.moved = [tally.moved[0] + (want and got), tally.moved[1] + (got and not want), tally.moved[2] + (want and not got)]
    return tally


def outscored(gold: GoldPair, old: Statement, new: Statement, scorer: Callable[[list[int], list[int]], np.ndarray]) -> tuple[int, int]:
    """How many of the gold's reworded sentence pairs a pair the gold leaves unlinked outscores, of how many.

    A pair is outscored when its old sentence scores higher with another new
    sentence, or its new sentence with another old one, that the gold does not
    link it to: there the score disagrees with the gold. Identical sentences
    are left out, as the aligner links them before scoring, and so are gold
    sentences no segmented sentence covers.
    """
    old_spans, new_spans, indexed = index_gold(gold, old.source.text, new.source.text)
    old_of = {k: i for i, s in enumerate(old.sentences) for k in covered(s, old_spans)}
    new_of = {k: j for j, s in enumerate(new.sentences) for k in covered(s, new_spans)}
    linked: set[tuple[int, int]] = set()
    reworded: set[tuple[int, int]] = set()
    for link, o, n in indexed:
        pairs = {(old_of[a], new_of[b]) for a in o if a in old_of for b in n if b in new_of}
        linked |= pairs
        if link["label"] == "reworded":
            reworded |= pairs
    _, rows, cols = split_exact([normalise(s.text) for s in old.sentences], [normalise(s.text) for s in new.sentences])
    reworded = {(i, j) for i, j in reworded if i in rows and j in cols}
    if not reworded:
        return 0, 0
    score = Scores(rows, cols, scorer(rows, cols))
    beaten = 0
    for i, j in sorted(reworded):
        rivals = [(i, c) for c in cols if score[i, c] > score[i, j]]
        rivals += [(r, j) for r in rows if score[r, j] > score[i, j]]
        beaten += any(pair not in linked for pair in rivals)
    return beaten, len(reworded)
