"""Score comparator on the gold pairs: per pair, overall, and as it would fare on unseen pairs.

usage: python bench/eval.py [GOLD_DIR] [CORPUS_DIR]

Three blocks (metrics of gold/FORMAT.md, "Scoring"):

1. the shipped thresholds on every gold pair, and overall against the targets;
2. leave one pair out: for each pair, the alignment thresholds of a small
   grid that link and label best on the other pairs, scored on the pair left
   out. Calibrating on the very pairs being scored flatters the figures; this
   estimates them on statements the thresholds were not chosen on (the
   lexicon and the score's weights were still chosen on all pairs);
3. where the score itself disagrees with the gold: reworded sentence pairs of
   the gold that rank below, in their row or column, a pair the gold leaves
   unlinked. The aligner may still link some of them (the rival can be taken
   by a better partner), but the score argues against each;
4. shifts decided on the gold's own links, apart from alignment errors.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

from comparator.align import Thresholds
from comparator.cache import EmbeddingCache
from comparator.compare import compare_statements, pair_scorer
from comparator.embed import load_embedder
from comparator.gold import Tally, load_gold, macro_f1, outscored, score
from comparator.read import read_source
from comparator.segment import segment
from comparator.shift import detect_shift

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"link_f1": 0.95, "label_acc": 0.93, "shift_f1": 0.75, "topic_f1": 0.90}
GRID = [Thresholds(*t) for t in itertools.product((0.40, 0.45, 0.50, 0.55), (0.30, 0.35, 0.40), (0.45, 0.50, 0.55))]


def line(name: str, tally: Tally) -> str:
    return f"{name:34s} " + " ".join(f"{k}={v:.3f}" for k, v in tally.metrics().items())


def total(tallies) -> Tally:
    out = Tally()
    for t in tallies:
        out += t
    return out


def fitness(tally: Tally) -> float:
    m = tally.metrics()
    return m["link_f1"] + m["label_acc"]


def main(argv: list[str]) -> int:
    gold_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "gold"
    corpus_dir = Path(argv[2]) if len(argv) > 2 else ROOT / "corpus"
    embedder = load_embedder()
    pairs = load_gold(gold_dir)
    if not pairs:
        print(f"no gold pairs (*.json) in {gold_dir}", file=sys.stderr)
        return 2
    statements = {p.name: (segment(read_source(str(corpus_dir / p.old))), segment(read_source(str(corpus_dir / p.new)))) for p in pairs}
    with EmbeddingCache() as cache:
        tallies = {
            t: {p.name: score(p, compare_statements(*statements[p.name], embedder, cache, thresholds=t)) for p in pairs}
            for t in {Thresholds(), *GRID}
        }
        beaten = [outscored(p, *statements[p.name], pair_scorer(*statements[p.name], embedder, cache)) for p in pairs]

    shipped = tallies[Thresholds()]
    for p in pairs:
        print(line(p.name, shipped[p.name]))
    print()
    overall_tally = total(shipped.values())
    overall = overall_tally.metrics()
    print(line("overall", overall_tally))
    for k, target in TARGETS.items():
        print(f"  {k:10s} {overall[k]:.3f}  target >= {target:.2f}  {'met' if overall[k] >= target else 'NOT met'}")

    held_out, chosen = Tally(), Counter()
    for p in pairs:
        best = max(GRID, key=lambda t: (fitness(total(v for k, v in tallies[t].items() if k != p.name)), t == Thresholds()))
        chosen[best] += 1
        held_out += tallies[best][p.name]
    print()
    print(line("leave one pair out", held_out))
    for t, n in chosen.most_common():
        print(f"  accept={t.accept:.2f} accept_in_gap={t.accept_in_gap:.2f} attach={t.attach:.2f}  chosen for {n} of {len(pairs)} pairs")

    lost, of = map(sum, zip(*beaten))
    print()
    print(f"score vs gold: {lost} of {of} gold reworded sentence pairs rank below a pair the gold leaves unlinked")
    shifts = []
    for link in (link for p in pairs for link in p.links if link["label"] == "reworded"):
        got = detect_shift(" ".join(link["old"]), " ".join(link["new"]))[0].value
        shifts += [(link.get("shift", "neutral"), got)] * len(link["new"])
    print(f"shift on the gold's own links: macro-F1 {macro_f1(shifts):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
