"""Score comparator on the gold pairs: per pair and overall (gold/FORMAT.md, "Scoring").

usage: python bench/eval.py [GOLD_DIR] [CORPUS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from comparator.cache import EmbeddingCache
from comparator.compare import compare_sources
from comparator.embed import load_embedder
from comparator.gold import Tally, load_gold, score
from comparator.read import read_source

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"link_f1": 0.95, "label_acc": 0.93, "shift_f1": 0.75, "topic_f1": 0.90}


def main(argv: list[str]) -> int:
    gold_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "gold"
    corpus_dir = Path(argv[2]) if len(argv) > 2 else ROOT / "corpus"
    embedder = load_embedder()
    total = Tally()
    with EmbeddingCache() as cache:
        for pair in load_gold(gold_dir):
            comparison = compare_sources(read_source(str(corpus_dir / pair.old)), read_source(str(corpus_dir / pair.new)), embedder, cache)
            tally = score(pair, comparison)
            total += tally
            m = tally.metrics()
            print(f"{pair.name:34s} " + " ".join(f"{k}={v:.3f}" for k, v in m.items()))
    print()
    overall = total.metrics()
    print("overall".ljust(34) + " " + " ".join(f"{k}={v:.3f}" for k, v in overall.items()))
    for k, target in TARGETS.items():
        print(f"  {k:10s} {overall[k]:.3f}  target >= {target:.2f}  {'met' if overall[k] >= target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
