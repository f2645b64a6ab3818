"""Speed figures, all measured in one run on this machine (see README, "Performance").

1. the stdlib-only baseline (bench/baseline.py) on the seed pair, as a whole process;
2. `compare` cold (empty embedding cache) and warm (cache filled), as whole processes;
3. embedding throughput: comparator's pipeline against raw SentenceTransformer.encode;
4. the corpus-scale figures of bench/corpus_bench.py, when present (`--quick` skips them);
5. a long document (bench/long_bench.py): the 5,700-word Quad statement against its predecessor.

usage: python bench/bench.py [--quick]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OLD = ROOT / "corpus/japan-us-defense/2023-10-04.txt"
NEW = ROOT / "corpus/japan-us-defense/2024-07-29.txt"
RUNS = 5


def wall(command: list[str], env: dict[str, str], fresh_cache: bool = False) -> float:
    """Median wall time of ``command`` over RUNS runs; a new empty cache per run when ``fresh_cache``."""
    times = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as cache:
            run_env = {**env, "COMPARATOR_CACHE_DIR": cache} if fresh_cache else env
            start = time.perf_counter()
            subprocess.run(command, env=run_env, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    compare = [str(BIN / "compare"), str(OLD), str(NEW), "--format", "json"]
    subprocess.run([sys.executable, "-m", "comparator.embed"], check=True, stdout=subprocess.DEVNULL)

    baseline = wall([sys.executable, str(ROOT / "bench/baseline.py"), str(OLD), str(NEW)], env)
    cold = wall(compare, env, fresh_cache=True)
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**env, "COMPARATOR_CACHE_DIR": cache}
        subprocess.run(compare, env=warm_env, check=True, stdout=subprocess.DEVNULL)
        warm = wall(compare, warm_env)
    print(f"seed pair: {OLD.name} -> {NEW.name}, median of {RUNS} whole-process runs")
    print(f"  stdlib baseline (difflib)   {baseline:6.2f} s")
    print(f"  compare, warm cache         {warm:6.2f} s   {warm / baseline:.2f}x baseline   (target <= 2x)")
    print(f"  compare, cold cache         {cold:6.2f} s                      (target <= 4 s)")

    sys.path.insert(0, str(ROOT / "bench"))
    from embedding import corpus_sentences, throughput

    figures = throughput(corpus_sentences())
    print(f"embedding throughput on {figures['sentences']:.0f} corpus sentences")
    print(f"  raw SentenceTransformer.encode  {figures['sentence_transformers']:6.0f} sentences/s")
    print(f"  comparator pipeline (ONNX)      {figures['comparator_onnx']:6.0f} sentences/s   "
          f"{figures['ratio']:.0%} of raw   (target >= 90%)")

    # Long documents (issue 9): its own script, so its figures can be run alone.
    print(flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench/long_bench.py")], check=True)

    corpus_bench = ROOT / "bench/corpus_bench.py"
    if "--quick" not in argv and corpus_bench.exists():
        print(flush=True)
        subprocess.run([sys.executable, str(corpus_bench)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
