"""Time ``align`` on a large synthetic pair: N reworded sentences a side, no exact matches.

usage: python bench/align_bench.py [N]

The score matrix is built once (random unit vectors, each new sentence a noisy
copy of a shuffled old one, some left unmatched), so the figure is the aligner's
own work: assignment, gaps, confidences, splits and merges.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from comparator.align import align

DIM = 64


def synthetic_matrix(n: int, seed: int = 0) -> np.ndarray:
    """Scores in [0, 1] of ``n`` old against ``n`` new sentences: most have one clear counterpart, nearby in order."""
    rng = np.random.default_rng(seed)
    old = rng.normal(size=(n, DIM))
    order = np.arange(n)
    swaps = rng.integers(0, n, size=(n // 20, 2))  # a few points move
    for a, b in swaps:
        order[a], order[b] = order[b], order[a]
    new = old[order] + rng.normal(scale=0.9, size=(n, DIM))
    fresh = rng.random(n) < 0.1  # some points are new
    new[fresh] = rng.normal(size=(int(fresh.sum()), DIM))
    old /= np.linalg.norm(old, axis=1, keepdims=True)
    new /= np.linalg.norm(new, axis=1, keepdims=True)
    return np.clip(old @ new.T, 0.0, 1.0)


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 4000
    matrix = synthetic_matrix(n)
    keys_old = [f"old {i}" for i in range(n)]
    keys_new = [f"new {j}" for j in range(n)]

    def scorer(rows: list[int], cols: list[int]) -> np.ndarray:
        return matrix[np.ix_(rows, cols)]

    start = time.perf_counter()
    links = align(keys_old, keys_new, scorer)
    seconds = time.perf_counter() - start
    linked = sum(1 for link in links if link.old and link.new)
    print(f"align {n}x{n} reworded sentences: {seconds:.2f} s ({linked} links, {len(links)} changes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
