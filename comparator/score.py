"""One similarity score per sentence pair, from meaning and wording.

    score = 0.6 * cosine(embeddings) + 0.3 * tfidf_cosine + 0.1 * token_ratio

Embeddings carry paraphrase ("affirmed" vs "reaffirmed", reordered clauses);
the lexical terms break ties between sentences on the same subject in favour
of the one sharing its rare words (names, places, systems). Weights were
chosen on the gold pairs (``make eval``); all three terms lie in [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from comparator.lexical import ratio_matrix, tfidf_matrix

SEMANTIC_WEIGHT = 0.6
TFIDF_WEIGHT = 0.3
RATIO_WEIGHT = 0.1


def cosine_matrix(old_vectors: np.ndarray, new_vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of L2-normalised rows, clipped to [0, 1]."""
    if len(old_vectors) == 0 or len(new_vectors) == 0:
        return np.zeros((len(old_vectors), len(new_vectors)))
    return np.clip(old_vectors.astype(np.float64) @ new_vectors.astype(np.float64).T, 0.0, 1.0)


def score_matrix(old: Sequence[str], new: Sequence[str], old_vectors: np.ndarray, new_vectors: np.ndarray) -> np.ndarray:
    """Combined similarity of every old sentence with every new one."""
    return (
        SEMANTIC_WEIGHT * cosine_matrix(old_vectors, new_vectors)
        + TFIDF_WEIGHT * tfidf_matrix(old, new)
        + RATIO_WEIGHT * ratio_matrix(old, new)
    )
