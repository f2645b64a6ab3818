"""Align old and new sentences globally: exact anchors, optimal assignment, gaps, splits and merges.

The input is the sentences' normalised texts and a function that scores any
block of old x new sentences (see ``score.py``); the output is a list of links
covering every sentence of both sides exactly once. Only sentences left after
the exact matches are scored, so a long statement compared with a lightly
edited version of itself stays cheap.

1. Identical sentences (modulo white space) are linked first: in order with
   difflib's matcher, then any left that moved elsewhere.
2. The rest is an assignment problem solved optimally (Hungarian method), so a
   near-duplicate cannot steal a sentence that fits another one better.
   Pairs scoring at least ``accept`` are kept.
3. A weaker pair (at least ``accept_in_gap``) is kept when it sits in order
   between accepted links: its neighbours vouch for it.
   Either way, a pair that shares no word of what its point is about (see
   ``object_words``), or whose acts are of opposite kinds (a concern and a
   commitment: ``stance``), must score ``unshared``: sharing a topic, an
   actor and an act is not the same point.
4. A 1:1 link whose two sentences each fit a neighbouring link better (a
   split's half paired with a merge's half) is undone, each joining its
   neighbour; so is one whose sentence says only words of the other side of
   a neighbouring link, a clause of them lost there (a split's half taken by
   a sentence on its topic). Then a sentence still unmatched joins an
   adjacent link (a split or a merge) when it scores at least ``attach``
   against that link's other side.
5. A sentence still unmatched joins an adjacent link whose other side holds a
   clause of its distinctive words (a split or merge that scores low), and
   two neighbouring 1:1 links between which a clause moved one way become one
   2:2 link (words crossing both ways were traded, each point kept).
"""

from __future__ import annotations

import bisect
import importlib.machinery
import importlib.util
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np
from cydifflib import SequenceMatcher

from comparator.lexical import content_words, party_words, stem
from comparator.models import Link


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds, calibrated on the gold pairs (see ``make eval``).

    Where a looser value scores within noise of these on the gold, the
    stricter one is kept as a margin for unseen statements: ``attach`` 0.45
    ties 0.50 on link F1 and gains 0.002 in label accuracy. ``unshared``
    scores the same anywhere from 0.50 up, even never linking without a
    shared word; 0.60 still links a paraphrase that changed every noun (0.55
    also linked two points on one topic in a held-out pair: "North Korea's
    export of missiles to Russia" / "the deployment of North Korean troops
    to Russia").
    """

    accept: float = 0.45
    accept_in_gap: float = 0.35
    attach: float = 0.50
    unshared: float = 0.60


SamePoint = Callable[[int, int], bool]  # whether old sentence i and new sentence j may make one point
MAX_CELLS = 25_000_000  # 200 MB of float64 scores: beyond this, refuse rather than exhaust memory


class TooLargeError(ValueError):
    """Too many unmatched sentences on both sides to score every pair."""


def align(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    scorer: Callable[[list[int], list[int]], np.ndarray],
    t: Thresholds = Thresholds(),
    no_object: frozenset[str] = frozenset(),
    institutions: frozenset[str] = frozenset(),
    stance: Callable[[str], int] = lambda text: 0,
) -> list[Link]:
    """Link old to new sentence indices; ``*_keys`` are whitespace-normalised texts.

    ``scorer(rows, cols)`` returns the similarity of old sentences ``rows``
    with new sentences ``cols`` as a ``len(rows) x len(cols)`` matrix.
    ``no_object`` holds the stems of words that never say what a point is
    about ("also", "the Ministers"); ``institutions`` the stems of the last
    words of names of initiatives ("partnership"), whose names are objects;
    ``stance(text)`` the kind of act a sentence makes (-1 a concern, 1 a
    commitment, 0 neither), two opposite kinds being two points.
    """
    exact, free_old, free_new = split_exact(old_keys, new_keys)
    pairs = dict(exact)
    if len(free_old) * len(free_new) > MAX_CELLS:
        raise TooLargeError(
            f"{len(free_old)} old and {len(free_new)} new sentences differ: too many to compare pair by pair"
        )
    matrix = scorer(free_old, free_new) if free_old and free_new else np.zeros((len(free_old), len(free_new)))
    score = Scores(free_old, free_new, matrix)
    candidates = assign(score)
    bags = [[frozenset(content_words(text)) for text in keys] for keys in (old_keys, new_keys)]
    stems = [[frozenset(stem(w) for w in bag) - no_object for bag in side] for side in bags]  # what each sentence says
    objects = object_words(stems)

    @cache
    def act(side: int, k: int) -> int:
        return stance((old_keys, new_keys)[side][k])

    def same_point(i: int, j: int, topic: frozenset[str] = frozenset()) -> bool:
        """Whether the pair reads alike enough, or makes acts of one kind about a shared word of what its point is
        about besides ``topic``."""
        return score[i, j] >= t.unshared or bool((objects[0][i] & objects[1][j]) - topic) and act(0, i) * act(1, j) >= 0

    @cache
    def names(side: int, k: int) -> frozenset[str]:
        """The words of the names of parties and places that sentence ``k`` of ``side`` writes."""
        return party_words((old_keys, new_keys)[side][k], institutions)

    @cache
    def named_stems(side: int, k: int) -> frozenset[str]:
        return frozenset(map(stem, names(side, k)))

    def topic(i: int, j: int) -> frozenset[str]:
        """The names of parties and places both sentences write ("China"): a topic, not yet a point."""
        return named_stems(0, i) & named_stems(1, j)

    for i, j in candidates:
        if score[i, j] >= t.accept and same_point(i, j):
            pairs[i] = j
    linked_olds = sorted(pairs)
    # A pair kept only for standing between kept links must share more than a topic.
    for i, j in sorted(candidates, key=lambda p: -score[p]):
        if i not in pairs and score[i, j] >= t.accept_in_gap and same_point(i, j, topic(i, j)) and in_gap(pairs, linked_olds, i, j):
            pairs[i] = j
            bisect.insort(linked_olds, i)
    groups = {j: ([i], [j]) for i, j in pairs.items()}
    yield_to_neighbours(score, groups, t.attach, same_point)
    reclaim_halves(score, groups, stems, named_stems, t.attach, same_point)
    attach_leftovers(score, groups, t.attach, same_point)
    attach_crossed(score, groups, bags, names, no_object)
    regroup_crossed(score, groups, bags)
    return build_links(score, groups, len(old_keys), len(new_keys), exact)


CROSSED_WORDS = 3  # content words that crossed from one sentence into another: a clause's worth
SPLIT_WORDS = 2  # distinctive words of a half, lost from its neighbour's link and found in it, that join it there ("and in cyber security")
DISTINCTIVE_IN = 2  # a word in at most this many sentences of each statement is its clause's own, not boilerplate
OBJECT_SHARE = 0.1  # a long statement returns to its points' objects more often: "energy" in 5 of 170 sentences


def distinctive(bags: list[list[frozenset[str]]], share: float = 0.0) -> set[str]:
    """The words of the two statements' ``bags`` that are few sentences' own on both sides, not their common topic:
    in at most ``DISTINCTIVE_IN`` sentences of each, or in a long statement at most its ``share`` of them."""
    counts = [Counter(w for bag in side for w in bag) for side in bags]
    most = [max(DISTINCTIVE_IN, share * len(side)) for side in bags]
    return {w for w, n in counts[0].items() if n <= most[0] and counts[1][w] <= most[1]}


def object_words(stems: list[list[frozenset[str]]]) -> list[list[frozenset[str]]]:
    """Each sentence's distinctive stems (of its words but fillers): as near as words tell, what its point is about
    (the Senkaku Islands, supply chains). Words common to a statement ("the Ministers confirmed") are not
    distinctive; a rare verb shared counts. Two sentences that share none make two points, however alike they read
    ("strengthen the resilience of supply chains" / "deepen cooperation in the space domain")."""
    own = distinctive(stems, OBJECT_SHARE)
    return [[bag & own for bag in side] for side in stems]


def attach_crossed(
    score: Scores, groups: dict, bags: list[list[frozenset[str]]], names: Callable[[int, int], frozenset[str]], no_object: frozenset[str]
) -> None:
    """Join a sentence still unmatched to the adjacent link whose other side holds a clause of its distinctive words.

    The half of a split can read too unlike the whole to score high enough ("..., and that they would expand
    training" becoming a sentence of its own), yet its clause is missing from its neighbour and found in their link.
    Names of parties and places alone (``names(side, k)``: those words of sentence k) are no clause: "the South
    China Sea" is a place a new point may be about. Fillers say nothing either way ("They also ...").
    """
    own = distinctive(bags)
    for side, free in ((0, score.rows), (1, score.cols)):
        member = {k: key for key, g in groups.items() if g[0][0] in score.row_of for k in g[side]}
        for k in free:
            if k in member:
                continue
            best, most = None, SPLIT_WORDS - 1
            said = {w for w in bags[side][k] if stem(w) not in no_object}
            for key in sorted({member[n] for n in (k - 1, k + 1) if n in member}):
                mine, other = (frozenset().union(*(bags[s][n] for n in groups[key][s])) for s in (side, 1 - side))
                lost = other - mine  # what the link's other side says and this side does not
                words = lost & bags[side][k] & own
                crossed = len(words) if words - names(side, k) else 0
                # A short half is all crossed words, if not distinctive ones: "..., and Secretary Austin welcomed
                # such initiatives." split off.
                if len(said) >= 2 and said <= lost and said - names(side, k):
                    crossed = max(crossed, SPLIT_WORDS)
                if crossed > most:  # of two neighbours as good, the earlier keeps it
                    best, most = key, crossed
            if best is not None:
                groups[best][side].append(k)
                member[k] = best


def regroup_crossed(score: Scores, groups: dict, bags: list[list[frozenset[str]]]) -> None:
    """Join two neighbouring 1:1 links when a clause crossed between them (a 2:2 regrouping).

    "A and B. C." → "A. B and C.": linked A→A and C→"B and C", the clause B looks left out of one
    and added to the other; read together, it only moved.
    """
    singles = sorted((g[0][0], g[1][0], key) for key, g in groups.items() if len(g[0]) == 1 and len(g[1]) == 1 and g[0][0] in score.row_of)
    merged: set = set()
    for (a, b, first), (a2, b2, second) in zip(singles, singles[1:]):
        if a2 != a + 1 or b2 != b + 1 or first in merged:
            continue
        old, new, old2, new2 = bags[0][a], bags[1][b], bags[0][a2], bags[1][b2]
        forward = (old - new) & (new2 - old2)  # left A, arrived in the next new sentence
        backward = (old2 - new2) & (new - old)  # left the next old sentence, arrived in A's new one
        # A clause moves one way; words crossing both ways are values the two points traded, each point kept (two
        # voters changing sides, a decision and the minority's view trading "reduce" and "maintain").
        if max(len(forward), len(backward)) >= CROSSED_WORDS and not (forward and backward):
            groups[first] = ([a, a2], [b, b2])
            del groups[second]
            merged.add(second)


def split_exact(old_keys: Sequence[str], new_keys: Sequence[str]) -> tuple[dict[int, int], list[int], list[int]]:
    """The identical pairs, and the old and new sentences left to score."""
    exact = exact_pairs(old_keys, new_keys)
    taken_new = set(exact.values())
    return (
        exact,
        [i for i in range(len(old_keys)) if i not in exact],
        [j for j in range(len(new_keys)) if j not in taken_new],
    )


def exact_pairs(old_keys: Sequence[str], new_keys: Sequence[str]) -> dict[int, int]:
    """Identical sentences: in-order blocks first, then moved ones by text."""
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    pairs = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    taken = set(pairs.values())
    unmatched_new: dict[str, list[int]] = {}
    for j, key in enumerate(new_keys):
        if j not in taken:
            unmatched_new.setdefault(key, []).append(j)
    for i, key in enumerate(old_keys):
        if i not in pairs and unmatched_new.get(key):
            pairs[i] = unmatched_new[key].pop(0)
    return pairs


class Scores:
    """Scores of the unmatched sentences, indexed by original sentence numbers."""

    def __init__(self, rows: list[int], cols: list[int], matrix: np.ndarray) -> None:
        self.rows, self.cols, self.matrix = rows, cols, matrix
        self.row_of = {i: k for k, i in enumerate(rows)}
        self.col_of = {j: k for k, j in enumerate(cols)}

    def __getitem__(self, pair: tuple[int, int]) -> float:
        i, j = pair
        return float(self.matrix[self.row_of[i], self.col_of[j]])

    def place(self, side: int, index: int) -> int:
        """The row (``side`` 0, an old sentence) or column (1, a new one) of sentence ``index``."""
        return self.col_of[index] if side else self.row_of[index]

    @cached_property
    def best(self) -> tuple[np.ndarray, np.ndarray]:
        """Each row's best score and each column's (zeros where the other side is empty)."""
        rows, cols = self.matrix.shape
        return (self.matrix.max(axis=1) if cols else np.zeros(rows)), (self.matrix.max(axis=0) if rows else np.zeros(cols))

    @cached_property
    def row_leaders(self) -> np.ndarray:
        """For each row, the columns of its ``RIVALS`` highest scores, best first."""
        return leaders(self.matrix)

    @cached_property
    def col_leaders(self) -> np.ndarray:
        """For each column, the rows of its ``RIVALS`` highest scores, best first."""
        return leaders(self.matrix.T)

    def best_outside(self, k: int, inside: set[int], by_row: bool) -> float | None:
        """The best score of row (or column) ``k`` outside the positions ``inside``; None when there is none."""
        line = self.matrix[k] if by_row else self.matrix[:, k]
        for other in (self.row_leaders if by_row else self.col_leaders)[k]:
            if other not in inside:
                return float(line[other])
        if len(inside) < len(line):  # a link wider than the leaders kept: look at the whole line
            return float(np.delete(line, sorted(inside)).max())
        return None


RIVALS = 4  # leaders kept per row and column: a link's best rival is among them unless the link is wider


def leaders(matrix: np.ndarray) -> np.ndarray:
    """Column indices of each row's ``RIVALS`` highest values, highest first (empty rows give no columns)."""
    k = min(RIVALS, matrix.shape[1])
    if k == 0:
        return np.zeros((matrix.shape[0], 0), dtype=np.intp)
    top = np.argpartition(-matrix, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(matrix, top, axis=1), axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1)


def assign(score: Scores) -> list[tuple[int, int]]:
    """Optimal one-to-one assignment of the scored old sentences to new ones, maximising total score."""
    if not score.rows or not score.cols:
        return []
    r, c = linear_sum_assignment()(score.matrix, maximize=True)
    return [(score.rows[a], score.cols[b]) for a, b in zip(r, c)]


@cache
def linear_sum_assignment() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """scipy's compiled ``linear_sum_assignment``, loaded without the ``scipy.optimize`` package.

    Importing ``scipy.optimize`` costs about 0.3 s for this one call; its
    extension module ``_lsap`` needs only numpy. The same solver keeps ties
    resolved as before; pyproject pins the scipy versions this is tested on.
    """
    name = "scipy.optimize._lsap"
    if name in sys.modules:
        return sys.modules[name].linear_sum_assignment
    scipy = importlib.util.find_spec("scipy")
    if scipy is None or not scipy.submodule_search_locations:
        raise ImportError("scipy is not installed")
    folder = Path(scipy.submodule_search_locations[0]) / "optimize"
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"_lsap{suffix}"
        spec = importlib.util.spec_from_file_location(name, path)
        if path.is_file() and spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.linear_sum_assignment
    raise ImportError(f"scipy's assignment solver (_lsap) is missing from {folder}")


def in_gap(pairs: dict[int, int], linked_olds: list[int], i: int, j: int) -> bool:
    """True when (i, j) keeps order with the nearest accepted links on both sides; ``linked_olds`` is ``sorted(pairs)``."""
    k = bisect.bisect_left(linked_olds, i)
    before = pairs[linked_olds[k - 1]] if k > 0 else -1
    after = pairs[linked_olds[k]] if k < len(linked_olds) else float("inf")
    return before < j < after


YIELD_MARGIN = 0.1  # how much better the sentence that moves must fit its neighbour's link than its partner
LONE_MARGIN = 0.2  # the same, where its partner is left alone


def yield_to_neighbours(score: Scores, groups: dict[int, tuple[list[int], list[int]]], attach: float, same_point: SamePoint) -> None:
    """Undo a scored 1:1 link whose two sentences each fit a neighbouring link better: a split's half and a merge's
    half taken for each other.

    The assignment maximises the total score, so it may pair the half of a split with the half of a merge ("A. B.
    C." → "A and B. C1. C2." linked B → C1) where each fits its neighbour's link better (B with A's, C1 with C's).
    The one that moves must fit its new link by ``YIELD_MARGIN`` better than the pair, the other at least as well,
    both at ``attach`` or above, and each passing the same-point test with a sentence of its new link. Where the
    other fits no neighbour, a pair below ``attach`` still gives way if the one that moves fits by ``LONE_MARGIN``
    better; the other is left unmatched.
    """
    scored, member = scored_links(score, groups)
    singles = sorted((score[g[0][0], g[1][0]], n) for n, g in enumerate(scored) if len(g[0]) == len(g[1]) == 1)
    for here, n in singles:
        olds, news = scored[n]
        if len(olds) != 1 or len(news) != 1:
            continue  # grown by a sentence that moved to it
        for mover, side, rest in ((news[0], 1, olds[0]), (olds[0], 0, news[0])):
            if score.best[side][score.place(side, mover)] < here + YIELD_MARGIN:
                continue  # nothing it could join fits it better
            target = best_group(scored, member[side], side, mover, score, max(here + YIELD_MARGIN, attach), same_point)
            home = best_group(scored, member[1 - side], 1 - side, rest, score, max(here, attach), same_point)
            if home is None and target is not None:
                # Its partner fits no neighbour: a pair too weak to join a split gives way only where the sentence
                # fits its neighbour far better, and the partner is left alone.
                floor = max(here + LONE_MARGIN, attach)
                target = best_group(scored, member[side], side, mover, score, floor, same_point) if here < attach else None
            if target is not None:
                scored[target][side].append(mover)
                member[side][mover] = target
                if home is not None:
                    scored[home][1 - side].append(rest)
                    member[1 - side][rest] = home
                olds.clear()
                news.clear()
                break
    drop_emptied(groups)


def reclaim_halves(
    score: Scores, groups: dict, stems: list[list[frozenset[str]]], named: Callable[[int, int], frozenset[str]], attach: float, same_point: SamePoint,
) -> None:
    """Give a split's (or merge's) half back to the link it came from when another sentence took it for a partner.

    "A, and confirmed B." → "A." + "To that end, they confirmed B." may pair the second half with a neighbouring old
    sentence on B's topic that scores higher. The half goes back where every word it says stands in the other
    side of a neighbouring link, a clause of them lost from that link, and not every one in its partner; the
    partner joins a link next to it that it fits at ``attach`` or above and at least as well as the half ("C" merged
    into "C and D"). ``named(side, k)`` are the stems of the names sentence k writes: no clause of their own.
    """
    scored, member = scored_links(score, groups)
    for n, (olds, news) in enumerate(scored):
        if len(olds) != 1 or len(news) != 1:
            continue
        here = score[olds[0], news[0]]
        for side, mover, partner in ((1, news[0], olds[0]), (0, olds[0], news[0])):
            said = stems[side][mover] - named(side, mover)
            if not said or said <= stems[1 - side][partner]:
                continue
            target = None
            for m in sorted({member[side][k] for k in (mover - 1, mover + 1) if k in member[side]} - {n}):
                whole = frozenset().union(*(stems[1 - side][k] for k in scored[m][1 - side]))
                kept = frozenset().union(*(stems[side][k] for k in scored[m][side]))
                if said <= whole and len(said & (whole - kept)) >= CROSSED_WORDS:
                    target = m
            home = best_group(scored, member[1 - side], 1 - side, partner, score, max(here, attach), same_point) if target is not None else None
            if home is not None and home != target:
                scored[target][side].append(mover)
                scored[home][1 - side].append(partner)
                member[side][mover], member[1 - side][partner] = target, home
                olds.clear()
                news.clear()
                break
    drop_emptied(groups)


def scored_links(score: Scores, groups: dict) -> tuple[list, list[dict[int, int]]]:
    """The links made by scoring (identical sentences stay 1:1), and for each side each sentence's place among them."""
    scored = [g for g in groups.values() if g[0][0] in score.row_of]
    return scored, [{k: n for n, g in enumerate(scored) for k in g[side]} for side in (0, 1)]


def drop_emptied(groups: dict) -> None:
    """Delete the links whose sentences all moved to others."""
    for key in [key for key, g in groups.items() if not g[0]]:
        del groups[key]


def attach_leftovers(score: Scores, groups: dict[int, tuple[list[int], list[int]]], attach: float, same_point: SamePoint) -> None:
    """Join unmatched sentences to an adjacent link they fit (splits and merges), by the same-point test too: old
    ones first, then new.

    Only links made by scoring take part: identical sentences stay 1:1.
    """
    # Each sentence of a scored link is mapped to its link's place in ``scored``: neighbours are found, not searched for.
    scored, member = scored_links(score, groups)
    for side, free in ((0, score.rows), (1, score.cols)):
        used = {k for g in groups.values() for k in g[side]}
        for k in free:
            if k not in used:
                best = best_group(scored, member[side], side, k, score, attach, same_point)
                if best is not None:
                    scored[best][side].append(k)
                    member[side][k] = best


def best_group(scored: list, member: dict[int, int], side: int, index: int, score: Scores, attach: float, same_point: SamePoint) -> int | None:
    """The place in ``scored`` of the link next to ``index`` on ``side`` that ``index`` fits best, if any fits: at
    ``attach`` or above, with a sentence it makes the same point with.

    Of links that fit equally well, the later in ``scored`` wins.
    """
    best, best_fit = None, attach
    for n in sorted({member[k] for k in (index - 1, index + 1) if k in member}):
        pairs = [(index, o) if side == 0 else (o, index) for o in scored[n][1 - side]]
        fit = max((score[pair] for pair in pairs if same_point(*pair)), default=-1.0)
        if fit >= best_fit:
            best, best_fit = n, fit
    return best


def build_links(score: Scores, groups, n_old: int, n_new: int, exact: dict[int, int]) -> list[Link]:
    """Links for matched groups plus single-sided links for the rest, with confidences."""
    links = []
    used_old, used_new = set(), set()
    for olds, news in groups.values():
        olds, news = tuple(sorted(olds)), tuple(sorted(news))
        used_old.update(olds)
        used_new.update(news)
        if len(olds) == 1 and len(news) == 1 and exact.get(olds[0]) == news[0]:
            links.append(Link(olds, news, 1.0, 1.0))
        else:
            sim = max(score[i, j] for i in olds for j in news)
            links.append(Link(olds, news, sim, match_confidence(score, olds, news, sim)))
    row_best, col_best = score.best
    for i in range(n_old):
        if i not in used_old:
            links.append(Link((i,), (), None, unmatched_confidence(float(row_best[score.row_of[i]]))))
    for j in range(n_new):
        if j not in used_new:
            links.append(Link((), (j,), None, unmatched_confidence(float(col_best[score.col_of[j]]))))
    return links


def match_confidence(score: Scores, olds: tuple[int, ...], news: tuple[int, ...], inside: float) -> float:
    """Margin of the link's score ``inside`` over the best rival of any of its sentences, squashed to [0, 1]."""
    rows = {score.row_of[i] for i in olds}
    cols = {score.col_of[j] for j in news}
    rivals = [score.best_outside(r, cols, by_row=True) for r in rows] + [score.best_outside(c, rows, by_row=False) for c in cols]
    best = max((r for r in rivals if r is not None), default=0.0)
    margin = inside - best
    return round(float(np.clip(0.5 + margin, 0.0, 1.0)), 4)


def unmatched_confidence(best: float) -> float:
    """How sure we are a sentence has no counterpart: the lower its best score, the surer."""
    return round(float(np.clip(1.0 - best, 0.0, 1.0)), 4)
