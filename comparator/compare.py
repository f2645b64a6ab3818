"""The one place that wires the stages: read -> segment -> embed -> align -> classify."""

from __future__ import annotations

import numpy as np

from comparator.align import Thresholds, align
from comparator.cache import EmbeddingCache, embed
from comparator.classify import classify, normalise
from comparator.embed import Embedder
from comparator.models import Comparison, Source, Statement
from comparator.score import score_matrix
from comparator.segment import segment
from comparator.shift import Lexicon
from comparator.topics import WatchList, default_watch_list


def compare_statements(
    old: Statement,
    new: Statement,
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    watch: WatchList | None = None,
    lexicon: Lexicon | None = None,
    thresholds: Thresholds = Thresholds(),
) -> Comparison:
    """Compare two segmented statements."""
    old_texts = [s.text for s in old.sentences]
    new_texts = [s.text for s in new.sentences]

    def scorer(rows: list[int], cols: list[int]) -> np.ndarray:
        olds, news = [old_texts[i] for i in rows], [new_texts[j] for j in cols]
        vectors = embed([*olds, *news], embedder, cache)
        return score_matrix(olds, news, vectors[: len(olds)], vectors[len(olds) :])

    links = align([normalise(t) for t in old_texts], [normalise(t) for t in new_texts], scorer, thresholds)
    changes = classify(links, old, new, watch or default_watch_list(), lexicon)
    return Comparison(old, new, embedder.name, changes)


def compare_sources(old: Source, new: Source, embedder: Embedder, cache: EmbeddingCache | None = None, watch: WatchList | None = None) -> Comparison:
    """Segment two read statements and compare them."""
    return compare_statements(segment(old), segment(new), embedder, cache, watch)
