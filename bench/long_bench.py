"""Long documents: the 5,700-word Quad statement of 2024 against its 3,200-word predecessor.

Whole-process `compare` cold (empty embedding cache) and warm, and the size of
the HTML report. Run alone (`python bench/long_bench.py`) or from bench.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BIN, ROOT, RUNS, interleaved  # noqa: E402

OLD = ROOT / "corpus/quad-leaders/2023-05-20.txt"
NEW = ROOT / "corpus/quad-leaders/2024-09-21.txt"


def long_document() -> None:
    """Print the long-document figures."""
    env = dict(os.environ)
    compare = [str(BIN / "compare"), str(OLD), str(NEW)]
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**env, "COMPARATOR_CACHE_DIR": cache}
        result = subprocess.run([*compare, "--format", "json"], env=warm_env, check=True, capture_output=True, text=True)
        figures = interleaved({"cold": ([*compare, "--format", "json"], True), "warm": ([*compare, "--format", "json"], False)}, warm_env)
        cold, warm = figures["cold"], figures["warm"]
        html = subprocess.run([*compare, "--format", "html"], env=warm_env, check=True, capture_output=True).stdout
    summary = json.loads(result.stdout)["summary"]
    words = [len(path.read_text(encoding="utf-8").split()) for path in (OLD, NEW)]
    print(f"long document: {OLD.name} ({words[0]:,} words) -> {NEW.name} ({words[1]:,} words), median of {RUNS} whole-process runs")
    print(f"  compare, cold cache         {cold:6.2f} s")
    print(f"  compare, warm cache         {warm:6.2f} s")
    print(f"  HTML report                 {len(html) / 1024:6.0f} KiB   ({', '.join(f'{k} {v}' for k, v in summary.items())})")


if __name__ == "__main__":
    long_document()
