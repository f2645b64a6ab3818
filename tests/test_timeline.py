"""`comparator timeline`: a watched commitment's lineage across a series."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, assert_one_line_error, comparator, corpus_copy

from comparator.series.batch import Counts, Item, PairDigest, Point
from comparator.series.check import PairResult
from comparator.series.manifest import Entry
from comparator.series.timeline import Status, build_timeline
from comparator.topics import Topic

FILES = sorted(CORPUS.glob("*.txt"))
SENKAKU = re.compile(r"\bSenkaku|\bArticle V\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def senkaku() -> dict:
    result = comparator("timeline", str(CORPUS), "--topic", "senkaku", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def senkaku_terminal():
    """The terminal report of the Senkaku timeline, run once for the module."""
    return comparator("timeline", str(CORPUS), "--topic", "senkaku")


def test_one_stop_per_statement_in_series_order(senkaku):
    assert senkaku["schema"] == "comparator/timeline/v1"
    [timeline] = senkaku["timelines"]
    assert (timeline["series"], timeline["topic"]) == ("japan-us-defense", "senkaku")
    assert [s["file"] for s in timeline["stops"]] == [f.name for f in FILES]
    assert all(s["provenance"] for s in timeline["stops"])


def test_statuses_follow_where_the_topic_is_mentioned(senkaku):
    mentioned = [bool(SENKAKU.search(f.read_text(encoding="utf-8"))) for f in FILES]
    stops = senkaku["timelines"][0]["stops"]
    assert [bool(s["sentences"]) for s in stops] == mentioned
    for k, stop in enumerate(stops):
        before, here, seen = k and mentioned[k - 1], mentioned[k], any(mentioned[:k])
        expected = {
            (True, True): {"kept", "reworded"}, (True, False): {"dropped"},
            (False, True): {"reappeared"} if seen else {"introduced"}, (False, False): {"absent"},
        }[(bool(before), here)]
        assert stop["status"] in expected, (stop["file"], stop["status"])
    for stop in stops:
        for sentence in stop["sentences"]:
            assert SENKAKU.search(sentence["text"])
        if stop["status"] == "reworded":
            assert stop["shift"] and any(c["edits"] for c in stop["changes"])


def test_terminal_and_markdown_formats(senkaku_terminal):
    terminal = senkaku_terminal
    assert terminal.returncode == 0
    assert terminal.stdout.count("provenance: ") == len(FILES) and "official text" in terminal.stdout
    markdown = comparator("timeline", str(CORPUS), "-t", "senkaku", "-f", "markdown")
    assert markdown.stdout.startswith("### Senkaku Islands / Article V in japan-us-defense")
    assert markdown.stdout.count("\n| 20") == len(FILES)


def test_terminal_word_diffs_are_indented_under_their_stop(senkaku_terminal):
    result = senkaku_terminal
    assert result.returncode == 0, result.stderr
    diffs = [line for line in result.stdout.splitlines() if "[-" in line or "{+" in line]
    assert diffs and all(line.startswith("    ") and not line.startswith("     ") for line in diffs)
    assert not any(line.endswith(" ") for line in result.stdout.splitlines())


def test_a_series_without_its_manifest_is_a_one_line_error(tmp_path):
    series = corpus_copy(tmp_path, with_records=False)
    result = comparator("timeline", str(series), "--topic", "senkaku")
    assert_one_line_error(result, str(series), f"comparator corpus init {series}")
    assert result.stdout == ""


def test_a_topic_outside_the_policy_but_in_the_watch_list():
    result = comparator("timeline", str(CORPUS), "--topic", "space", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["timelines"][0]["stops"]) == len(FILES)


def test_unknown_topic_is_a_one_line_error():
    assert_one_line_error(comparator("timeline", str(CORPUS), "--topic", "atlantis"), "unknown topic 'atlantis'", "senkaku")


def entry(k: int) -> Entry:
    return Entry(f"2024-0{k}-01.txt", "0" * 64, f"2024-0{k}-01", "T", "official text" if k == 1 else None)


def item(verdict: str, old: list[str], new: list[str]) -> Item:
    return Item(verdict, ("senkaku",), tuple(Point(t, 3) for t in old), tuple(Point(t, 3) for t in new), None, (), ())


def test_build_timeline_names_every_step():
    topic = Topic("senkaku", "Senkaku", ("Senkaku",))
    firm, soft = "Article V covers the Senkaku Islands.", "Article V may cover the Senkaku Islands."
    steps = [
        [item("unchanged", [firm], [firm])],
        [item("weakened", [firm], [soft])],
        [item("dropped", [soft], [])],
        [],
        [item("new", [], [firm])],
    ]
    points = [(Point(firm, 3),), (Point(firm, 3),), (Point(soft, 3),), (), (), (Point(firm, 3),)]
    pairs = [PairResult(entry(k), entry(k + 1), PairDigest(Counts(0, 0, 0, 0, 0), tuple(s))) for k, s in enumerate(steps, start=1)]
    timeline = build_timeline("s", [entry(k) for k in range(1, 7)], points, pairs, topic)
    assert [s.status for s in timeline.stops] == [
        Status.INTRODUCED, Status.KEPT, Status.REWORDED, Status.DROPPED, Status.ABSENT, Status.REAPPEARED,
    ]
    assert timeline.stops[2].shift == "weakened" and timeline.stops[3].shift is None
    assert timeline.stops[0].provenance == "official text"
