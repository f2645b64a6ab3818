"""The one place that wires the stages: read -> segment -> embed -> align -> classify."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from comparator.align import Thresholds, align
from comparator.cache import EmbeddingCache, embed
from comparator.classify import ReviewBand, classify, normalise
from comparator.embed import Embedder
from comparator.models import Comparison, Source, Statement
from comparator.score import score_matrix
from comparator.segment import segment
from comparator.shift import Lexicon, default_lexicon, stance
from comparator.topics import WatchList, default_watch_list


def compare_statements(
    old: Statement,
    new: Statement,
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    watch: WatchList | None = None,
    lexicon: Lexicon | None = None,
    thresholds: Thresholds = Thresholds(),
    band: ReviewBand = ReviewBand(),
) -> Comparison:
    """Compare two segmented statements."""
    lexicon = lexicon or default_lexicon()
    links = align(
        [normalise(s.text) for s in old.sentences],
        [normalise(s.text) for s in new.sentences],
        pair_scorer(old, new, embedder, cache),
        thresholds,
        lexicon.no_object,
        lexicon.institutions,
        partial(stance, lex=lexicon),
    )
    changes = classify(links, old, new, watch or default_watch_list(), lexicon, band)
    return Comparison(old, new, embedder.name, changes)


def pair_scorer(
    old: Statement, new: Statement, embedder: Embedder, cache: EmbeddingCache | None = None
) -> Callable[[list[int], list[int]], np.ndarray]:
    """``scorer(rows, cols)``: the scores of old sentences ``rows`` against new sentences ``cols``."""

    def scorer(rows: list[int], cols: list[int]) -> np.ndarray:
        olds, news = [old.sentences[i].text for i in rows], [new.sentences[j].text for j in cols]
        vectors = embed([*olds, *news], embedder, cache)
        return score_matrix(olds, news, vectors[: len(olds)], vectors[len(olds) :])

    return scorer


def compare_sources(old: Source, new: Source, embedder: Embedder, cache: EmbeddingCache | None = None, watch: WatchList | None = None) -> Comparison:
    """Segment two read statements and compare them."""
    return compare_statements(segment(old), segment(new), embedder, cache, watch)
