"""End to end on the shipped real series (U.S.-Japan and Quad leaders' statements): how they are really published."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, StandInEmbedder, comparator, run_cli, statement_of

from comparator.compare import compare_statements
from comparator.models import Kind
from comparator.read import read_source
from comparator.segment import segment
from comparator.series.policy import Severity, series_policy
from comparator.series.provenance import with_record
from comparator.topics import load_watch_list

LEADERS = ROOT / "corpus" / "us-japan-leaders"
QUAD = ROOT / "corpus" / "quad-leaders"
SCHEMA = json.loads((ROOT / "comparator" / "schema" / "compare-v1.schema.json").read_text(encoding="utf-8"))
NUMBERED = re.compile(r"^\d+\. ", re.MULTILINE)


def insert_numbered_paragraph(text: str, after: int, paragraph: str) -> str:
    """Insert ``paragraph`` as number ``after + 1`` of a statement of numbered paragraphs, renumbering the rest."""
    parts = NUMBERED.split(text)
    head, paragraphs = parts[0], parts[1:]
    paragraphs.insert(after, paragraph + "\n\n")
    return head + "".join(f"{n}. {p}" for n, p in enumerate(paragraphs, start=1))


def compare_json(old: Path | str, new: Path | str, *args: str) -> dict:
    result = run_cli(str(old), str(new), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_quad_2021_statement_numbers_its_paragraphs_as_labels():
    statement = segment(with_record(read_source(str(QUAD / "2021-03-12.txt"))))
    labels = [s.label.text for s in statement.sentences]
    assert sorted(set(labels)) == ["1.", "2.", "3.", "4.", "5."] and labels == sorted(labels)
    for sentence in statement.sentences:
        assert not NUMBERED.match(sentence.text)
        assert statement.source.text[sentence.label.start : sentence.label.end] == sentence.label.text


def test_renumbered_paragraphs_of_a_real_statement_are_unchanged(tmp_path):
    old_text = (QUAD / "2021-03-12.txt").read_text(encoding="utf-8")
    new_text = insert_numbered_paragraph(old_text, 3, "We will convene a Quad ports conference in Mumbai next year.")
    (tmp_path / "old.txt").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new_text, encoding="utf-8")
    output = compare_json(tmp_path / "old.txt", tmp_path / "new.txt")
    jsonschema.validate(output, SCHEMA)
    changes = [c for c in output["changes"] if c["kind"] != "unchanged" or c["moved"]]
    assert [(c["kind"], [s["text"] for s in c["new"]]) for c in changes] == [
        ("new", ["We will convene a Quad ports conference in Mumbai next year."])
    ]
    assert changes[0]["new"][0]["label"] == {"text": "4.", "start": new_text.index("4. We will"), "end": new_text.index("4. We will") + 2}
    renumbered = [s for c in output["changes"] for s in c["new"] if s["label"] and s["label"]["text"] == "6."]
    assert renumbered and all(new_text[s["start"] : s["end"]] == s["text"] for s in renumbered)
    html = run_cli(str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "html").stdout.decode()
    assert re.search(r"later sentence \d+, paragraph 4<", html)


def test_a_header_less_statement_takes_title_and_date_from_its_manifest():
    output = compare_json(LEADERS / "2023-01-13.txt", LEADERS / "2025-02-07.txt")
    assert (output["old"]["title"], output["old"]["date"]) == ("U.S.-Japan Joint Leaders' Statement", "2023-01-13")
    assert (output["new"]["title"], output["new"]["date"]) == ("U.S.-Japan Joint Leaders' Statement", "2025-02-07")
    first = next(c for c in output["changes"] if c["new"])["new"][0]
    assert first["start"] == 0 and first["text"].startswith("President Donald J. Trump and Prime Minister Ishiba Shigeru")
    html = run_cli(str(LEADERS / "2023-01-13.txt"), str(LEADERS / "2025-02-07.txt"), "--format", "html").stdout.decode()
    assert "U.S.-Japan Joint Leaders&#39; Statement" in html and "2025-02-07" in html


def test_without_a_manifest_the_date_comes_from_the_file_name(tmp_path):
    for name in ("2023-01-13.txt", "2025-02-07.txt"):
        shutil.copy(LEADERS / name, tmp_path / name)
    output = compare_json(tmp_path / "2023-01-13.txt", tmp_path / "2025-02-07.txt")
    assert [(output[side]["title"], output[side]["date"]) for side in ("old", "new")] == [(None, "2023-01-13"), (None, "2025-02-07")]


def test_a_subtitle_is_body_when_the_manifest_gives_the_title():
    statement = segment(with_record(read_source(str(LEADERS / "2024-04-10.txt"))))
    assert statement.title == "U.S.-Japan Joint Leaders' Statement"
    assert statement.sentences[0].text == "Global Partners for the Future"


def test_a_series_file_against_its_copy_outside_the_series_is_unchanged(tmp_path):
    shutil.copy(LEADERS / "2024-04-10.txt", tmp_path / "2024-04-10.txt")
    for old, new in ((LEADERS / "2024-04-10.txt", tmp_path / "2024-04-10.txt"), (tmp_path / "2024-04-10.txt", LEADERS / "2024-04-10.txt")):
        output = compare_json(old, new)
        assert {c["kind"] for c in output["changes"]} == {"unchanged"}
        assert output["old"]["title"] == output["new"]["title"] == "Global Partners for the Future"


@pytest.mark.parametrize(("before", "after"), [("in July", "2022."), ("in August", "2023.")])
def test_a_sentence_running_over_a_blank_line_in_a_real_statement_is_one(before, after):
    statement = segment(with_record(read_source(str(QUAD / "2023-05-20.txt"))))
    joined = [s.text for s in statement.sentences if s.text.endswith(f"{before}\n\n{after}")]
    assert len(joined) == 1
    assert after not in [s.text for s in statement.sentences]


def test_series_watch_lists_are_picked_up_by_compare_and_overridden_by_watch():
    own = compare_json(LEADERS / "2024-04-10.txt", LEADERS / "2025-02-07.txt")
    topics = {t for c in own["changes"] for t in c["topics"]}
    assert {"indo-pacific", "taiwan", "economic-security"} <= topics
    shipped = compare_json(LEADERS / "2024-04-10.txt", LEADERS / "2025-02-07.txt", "--watch", str(ROOT / "comparator" / "data" / "watch.toml"))
    assert "economic-security" not in {t for c in shipped["changes"] for t in c["topics"]}


def test_timeline_and_check_use_the_series_watch_list_and_policy():
    result = comparator("timeline", str(QUAD), "--topic", "pacific-islands", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Pacific Island" in result.stdout
    check = comparator("check", str(LEADERS))
    assert check.returncode == 0, check.stdout
    assert f"policy: {LEADERS / 'policy.toml'};" in check.stdout


def test_inserting_a_numbered_paragraph_in_a_real_statement_is_one_new_point():
    old = statement_of((QUAD / "2021-03-12.txt").read_text(encoding="utf-8"), "old.txt")
    new = statement_of(insert_numbered_paragraph(old.source.text, 2, "We will hold a Quad maritime dialogue every year."), "new.txt")
    changes = [c for c in compare_statements(old, new, StandInEmbedder()).changes if c.is_change]
    assert [(c.kind, c.new[0].label.text) for c in changes] == [(Kind.NEW, "3.")]


@pytest.mark.slow
def test_build_over_every_series_is_deterministic(tmp_path):
    for out in ("a", "b"):
        result = comparator("build", str(ROOT / "corpus"), "-o", str(tmp_path / out))
        assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file() and p.name != ".comparator-build.json")
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file() and p.name != ".comparator-build.json")
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    index = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert all(name in index for name in ("japan-us-defense", "japan-us-defense-variants", "us-japan-leaders", "quad-leaders"))
    assert any(f.parts[0] == "quad-leaders" and f.parts[1] == "topics" for f in files)


def test_a_folder_with_only_a_watch_list_watches_every_topic_and_warns_on_dropped_weakened_and_altered(tmp_path):
    shutil.copy(QUAD / "watch.toml", tmp_path / "watch.toml")
    policy = series_policy(tmp_path)
    assert [t.name for t in policy.watch.topics] == [t.name for t in load_watch_list(QUAD / "watch.toml").topics]
    assert policy.judge(("asean",), "dropped") == (Severity.WARN, "asean")
    assert policy.judge(("asean",), "weakened") == (Severity.WARN, "asean")
    assert policy.judge(("asean",), "altered") == (Severity.WARN, "asean")  # a point replaced in place reads as altered
    assert policy.judge(("asean",), "new") is None


def test_a_policy_without_watch_uses_the_watch_list_beside_it(tmp_path):
    shutil.copy(LEADERS / "watch.toml", tmp_path / "watch.toml")
    (tmp_path / "policy.toml").write_text('[topics.taiwan]\nfail = ["dropped"]\n', encoding="utf-8")
    policy = series_policy(tmp_path)
    assert policy.catalog.source == str(tmp_path / "watch.toml")
    assert policy.judge(("taiwan",), "dropped") == (Severity.FAIL, "taiwan")
    assert series_policy(tmp_path, ROOT / "comparator" / "data" / "policy.toml").catalog.source != str(tmp_path / "watch.toml")
