"""Watch lists: a topic's patterns searched as one RE2 alternation match exactly where they match one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.read import read_source
from comparator.segment import segment
from comparator.topics import Topic, default_watch_list, load_watch_list, parse_watch_list

ROOT = Path(__file__).resolve().parent.parent


def one_by_one(topic: Topic, text: str) -> bool:
    # Compiles each pattern alone: the check the shipped list skips at run time.
    return any(p.search(text) for p in topic.patterns)


def test_every_shipped_topic_combines_and_agrees_on_the_corpus():
    sentences = [s.text for f in sorted(ROOT.glob("corpus/*/*.txt")) for s in segment(read_source(str(f))).sentences]
    lists = [default_watch_list(), *(load_watch_list(p) for p in sorted(ROOT.glob("corpus/*/watch.toml")))]
    for watch in lists:
        for topic in watch.topics:
            assert topic.matcher is not None, topic.name
            assert [topic.touches(s) for s in sentences] == [one_by_one(topic, s) for s in sentences], topic.name


@pytest.mark.parametrize(
    "patterns, texts",
    [
        (["(?i-i)Senkaku", "taiwan"], ["senkaku", "Senkaku", "TAIWAN"]),  # inline flags stay with their pattern
        (["^Article", "V$"], ["Article V", "an Article", "V and"]),
        (["\\Qa+b", "c"], ["a+b", "c", "ab"]),  # \Q quotes to the end: searched one by one
    ],
)
def test_odd_patterns_match_as_one_by_one(patterns, texts):
    toml = "[topics.t]\npatterns = [" + ", ".join(f"'{p}'" for p in patterns) + "]\n"
    topic = parse_watch_list(toml, "w.toml").topics[0]
    assert (topic.matcher is None) == patterns[0].startswith("\\Q")
    assert [topic.touches(t) for t in texts] == [one_by_one(topic, t) for t in texts]


@pytest.mark.parametrize(
    "text, topics",
    [
        ("Japan, the U.S. and the Republic of Korea will hold exercises.", {"trilateral-rok"}),
        ("Republic of Korea forces joined.", {"trilateral-rok"}),
        ("They welcomed Japan-U.S.-Republic of Korea trilateral exercises.", {"trilateral-rok"}),
        ("They met the President of Korea (Republic of Korea).", {"trilateral-rok"}),
        ("The Democratic People's\nRepublic of Korea launched.", {"north-korea"}),
        ("We condemn the supply of missiles by the Democratic People's Republic of Korea to Moscow.", {"north-korea"}),
        ("We condemn the launches of the Democratic People’s Republic of Korea.", {"north-korea"}),
    ],
)
def test_north_korea_spelled_out_is_not_the_rok(text, topics):
    assert default_watch_list().topics_of(text) == topics
