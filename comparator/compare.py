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
    vectors = embed([*old_texts, *new_texts], embedder, cache) if old_texts and new_texts else np.zeros((0, 0))
    score = score_matrix(old_texts, new_texts, vectors[: len(old_texts)], vectors[len(old_texts) :])
    links = align(score, [normalise(t) for t in old_texts], [normalise(t) for t in new_texts], thresholds)
    changes = classify(links, old, new, watch or default_watch_list(), lexicon)
    return Comparison(old, new, embedder.name, changes)


def compare_sources(old: Source, new: Source, embedder: Embedder, cache: EmbeddingCache | None = None, watch: WatchList | None = None) -> Comparison:
    """Segment two read statements and compare them."""
    return compare_statements(segment(old), segment(new), embedder, cache, watch)
