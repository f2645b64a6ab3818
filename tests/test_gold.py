"""Accuracy on the gold pairs: floors under the figures `make eval` prints, to catch regressions."""

from __future__ import annotations

import pytest
from conftest import GOLD, ROOT

from comparator.cache import EmbeddingCache
from comparator.compare import compare_sources
from comparator.embed import load_embedder
from comparator.gold import Tally, f1, load_gold, macro_f1, score
from comparator.read import read_source

# Measured 0.855 / 0.911 / 0.41 / 0.91 / 1.0 / 1.0 (see README, "Figures"); floors leave room for noise.
FLOORS = {"link_f1": 0.83, "label_acc": 0.88, "shift_f1": 0.40, "topic_f1": 0.88, "moved_f1": 0.90, "offsets": 1.0}


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    total = Tally()
    embedder = load_embedder()
    with EmbeddingCache() as cache:
        for pair in load_gold(GOLD):
            old = read_source(str(ROOT / "corpus" / pair.old))
            new = read_source(str(ROOT / "corpus" / pair.new))
            total += score(pair, compare_sources(old, new, embedder, cache))
    return total.metrics()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_on_gold_stays_above_its_floor(metrics, name):
    assert metrics[name] >= FLOORS[name]


def test_scoring_arithmetic():
    assert f1(0, 0, 0) == 1.0
    assert f1(8, 2, 2) == pytest.approx(0.8)
    assert macro_f1([("weakened", "weakened"), ("altered", "weakened")]) == pytest.approx((2 / 3 + 0) / 2)
