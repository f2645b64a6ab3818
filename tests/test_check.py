"""`comparator check`: integrity, changes since the predecessor, policy and acknowledgements, report formats."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, StandInEmbedder, assert_one_line_error, comparator, corpus_copy, statement_of

from comparator.cache import EmbeddingCache
from comparator.compare import compare_statements
from comparator.read import read_source
from comparator.segment import segment
from comparator.series import batch
from comparator.series.batch import PARALLEL_PAIRS, Counts, DigestCache, Kind, PairDigest, ReportingEmbedder, digest, digest_pairs, sentences_to_score
from comparator.series.check import run_check
from comparator.series.folder import init_series
from comparator.series.policy import PolicyError, ack_key, default_policy, parse_acks, parse_policy

LATEST = (CORPUS / "2026-01-15.txt").read_text(encoding="utf-8")
FIRM = "Secretary Hegseth reaffirmed that Article V of the Japan-U.S. Security Treaty applies to the Senkaku Islands."
SOFT = "Secretary Hegseth noted that Article V of the Japan-U.S. Security Treaty may apply to the Senkaku Islands."
SOFTER = "Secretary Hegseth noted that Article V of the Japan-U.S. Security Treaty could apply to the Senkaku Islands."


def with_senkaku(sentence: str) -> str:
    """The latest bundled statement with one more paragraph on the Senkaku Islands."""
    return LATEST.replace("\n\n2. ", f"\n\n{sentence}\n\n2. ", 1) if "\n\n2. " in LATEST else LATEST + f"\n{sentence}\n"


def add(series: Path, text: str, date: str, tmp: Path) -> Path:
    source = tmp / f"{date}-source.txt"
    source.write_text(text, encoding="utf-8")
    result = comparator("corpus", "add", str(source), "--series", str(series), "--date", date, "--provenance", "test statement")
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def check(series: Path, *args: str) -> tuple[int, dict]:
    result = comparator("check", str(series), "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def failures(report: dict) -> list[dict]:
    return [v for s in report["series"] for v in s["violations"] if v["severity"] == "fail" and v["acknowledged"] is None]


def codes(report: dict) -> set[str]:
    return {f["code"] for s in report["series"] for f in s["findings"]}


# --- end to end with the real model -----------------------------------------------------------


def test_bundled_corpus_passes(tmp_path):
    series = corpus_copy(tmp_path)
    result = comparator("check", str(series))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check passed" in result.stdout
    acks = tomllib.loads((series / "acknowledgements.toml").read_text(encoding="utf-8"))["ack"]
    assert f"{len(acks)} acknowledged" in result.stdout
    assert result.stderr == ""  # no progress bars when stderr is not a terminal


def test_the_repos_own_corpus_folder_passes():
    assert comparator("check", "corpus").returncode == 0


def test_in_place_edit_fails_naming_the_file_and_both_hashes(tmp_path):
    series = corpus_copy(tmp_path)
    edited = series / "2024-07-29.txt"
    recorded = read_source(str(edited)).sha256
    edited.write_text(edited.read_text(encoding="utf-8").replace("ironclad", "firm"), encoding="utf-8")
    result = comparator("check", str(series))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "modified" in line)
    assert str(edited) in line and recorded in line and read_source(str(edited)).sha256 in line


def test_weakened_senkaku_fails_passes_when_acknowledged_and_fails_again_when_changed(tmp_path):
    series = corpus_copy(tmp_path)
    add(series, with_senkaku(FIRM), "2026-03-01", tmp_path)
    assert check(series)[0] == 0  # a new Senkaku sentence is no failure

    weakened = add(series, with_senkaku(SOFT), "2026-06-01", tmp_path)
    status, report = check(series)
    assert status == 1
    [failure] = failures(report)
    assert (failure["topic"], failure["event"]) == ("senkaku", "weakened")
    assert failure["old_text"] == [FIRM] and failure["new_text"] == [SOFT]
    assert failure["file"] == str(weakened) and failure["line"] > 1

    acks = series / "acknowledgements.toml"
    acks.write_text(acks.read_text(encoding="utf-8") + f'\n[[ack]]\nkey = "{failure["key"]}"\nreason = "Wording agreed with the ministry."\n', encoding="utf-8")
    status, report = check(series)
    assert status == 0 and failures(report) == []
    accepted = [v for s in report["series"] for v in s["violations"] if v["key"] == failure["key"]]
    assert accepted[0]["acknowledged"] == "Wording agreed with the ministry."

    weakened.write_text(weakened.read_text(encoding="utf-8").replace(SOFT, SOFTER), encoding="utf-8")
    assert comparator("corpus", "init", "--rehash", str(series)).returncode == 0
    status, report = check(series)
    assert status == 1
    [again] = failures(report)
    assert again["key"] != failure["key"] and again["new_text"] == [SOFTER]
    assert [a["key"] for a in report["series"][0]["stale_acknowledgements"]] == [failure["key"]]


# Each old clause join becomes a sentence break: the same points, said in more sentences (no meaning changes).
SPLITS = (
    ("Indo-Pacific region and confirmed that they need", "Indo-Pacific region. The Ministers confirmed that they need"),
    ("including Asia and confirmed that Japan and the U.S.", "including Asia. They also confirmed that Japan and the U.S."),
    ("between the two countries and concurred to continue", "between the two countries. The Ministers concurred to continue"),
    ("realignment so far and concurred to work closely", "realignment so far. They also concurred to work closely"),
    ("daily activities and confirmed that they would continue", "daily activities. The Ministers confirmed that they would continue"),
    ("expand UAVs-related cooperation and deepen cooperation", "expand UAVs-related cooperation. They also affirmed that they would deepen cooperation"),
    ("Secretary Austin reiterated that the U.S. commitment to providing extended deterrence including nuclear capabilities to Japan remains unwavering.",
     "Secretary Austin reiterated the U.S. commitment to providing extended deterrence to Japan. He reiterated that this commitment, "
     "including nuclear capabilities, remains unwavering."),
)
SENKAKU = "the U.S. stating its commitment that Article V of the Japan-U.S. Security Treaty applies to the Senkaku Islands"
HEDGED = "the U.S. stating that Article V of the Japan-U.S. Security Treaty may apply to the Senkaku Islands"


def test_a_split_paraphrase_of_the_seed_passes_and_a_hedged_senkaku_commitment_fails(tmp_path):
    series = tmp_path / "split"
    series.mkdir()
    seed = (CORPUS / "2023-10-04.txt").read_text(encoding="utf-8")
    split = seed
    for old, new in SPLITS:
        assert old in split
        split = split.replace(old, new)
    (series / "2023-10-04.txt").write_text(seed, encoding="utf-8")
    (series / "2023-11-20.txt").write_text(split, encoding="utf-8")
    assert comparator("corpus", "init", str(series)).returncode == 0
    status, report = check(series)
    assert (status, failures(report)) == (0, [])

    assert SENKAKU in split
    (series / "2024-01-10.txt").write_text(split.replace(SENKAKU, HEDGED), encoding="utf-8")
    assert comparator("corpus", "init", str(series)).returncode == 0
    status, report = check(series)
    assert status == 1
    [failure] = failures(report)
    assert (failure["topic"], failure["event"]) == ("senkaku", "weakened")
    assert any("hedge added: 'may'" in r for r in failure["reasons"])


def test_extended_deterrence_losing_its_nuclear_capabilities_fails(tmp_path):
    series = tmp_path / "deterrence"
    series.mkdir()
    seed = (CORPUS / "2023-10-04.txt").read_text(encoding="utf-8")
    (series / "2023-10-04.txt").write_text(seed, encoding="utf-8")
    (series / "2023-11-20.txt").write_text(seed.replace("extended deterrence including nuclear capabilities", "extended deterrence"), encoding="utf-8")
    assert comparator("corpus", "init", str(series)).returncode == 0
    status, report = check(series)
    assert status == 1
    [failure] = failures(report)
    assert (failure["topic"], failure["event"]) == ("extended-deterrence", "weakened")
    assert failure["reasons"] == ["rule 2: left out of a list: 'including nuclear capabilities'"]


def test_duplicates_unrecorded_and_undecodable_files_are_reported(tmp_path):
    series = corpus_copy(tmp_path)
    shutil.copy(series / "2023-10-04.txt", series / "2023-10-05.txt")
    (series / "2023-11-01.txt").write_bytes(b"\x00\x9f\x92\x96 binary \x00")
    add(series, LATEST.replace("Koizumi", "Nakatani"), "2023-10-04", tmp_path)
    status, report = check(series)
    assert status == 1
    findings = {(f["code"], Path(f["file"]).name, f["level"]) for f in report["series"][0]["findings"]}
    assert ("duplicate-content", "2023-10-05.txt", "error") in findings
    assert ("unrecorded", "2023-10-05.txt", "error") in findings
    assert ("undecodable", "2023-11-01.txt", "error") in findings
    assert ("duplicate-date", "2023-10-04-2.txt", "warning") in findings
    message = next(f["message"] for f in report["series"][0]["findings"] if f["code"] == "duplicate-content")
    assert "2023-10-04.txt" in message and "2023-10-05.txt" in message


def test_missing_statement_and_manifest(tmp_path):
    series = corpus_copy(tmp_path)
    (series / "2022-05-04.txt").unlink()
    status, report = check(series)
    assert status == 1 and "missing" in codes(report)
    (series / "manifest.toml").unlink()
    status, report = check(series)
    assert status == 1 and "manifest" in codes(report)


def test_github_format_annotates_and_writes_the_job_summary(tmp_path):
    series = corpus_copy(tmp_path)
    add(series, with_senkaku(FIRM), "2026-03-01", tmp_path)
    add(series, with_senkaku(SOFT), "2026-06-01", tmp_path)
    summary = tmp_path / "summary.md"
    result = comparator("check", str(series), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert f"file={series}/2026-06-01.txt,line=" in errors[0] and "title=comparator%3A senkaku weakened::" in errors[0]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.stdout.splitlines())
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## comparator check: failed") and "[[ack]]" in text


def test_markdown_and_terminal_formats(tmp_path):
    series = corpus_copy(tmp_path)
    markdown = comparator("check", str(series), "--format", "markdown")
    assert markdown.returncode == 0 and markdown.stdout.startswith("## comparator check: passed")
    terminal = comparator("check", str(series))
    assert "\x1b[" not in terminal.stdout and terminal.stdout.rstrip().endswith("acknowledged")


def test_a_failing_change_that_needs_review_still_fails_and_says_so(tmp_path):
    no_acks = tmp_path / "none.toml"
    no_acks.write_text("", encoding="utf-8")
    status, report = check(CORPUS, "--ack", str(no_acks))
    assert status == 1
    unsure = [f for f in failures(report) if f["review"]]
    assert unsure, "the bundled series has failing changes the tool is unsure of"
    terminal = comparator("check", str(CORPUS), "--ack", str(no_acks)).stdout
    fail_lines = [line for line in terminal.splitlines() if line.lstrip().startswith("FAIL")]
    assert sum("(needs review)" in line for line in fail_lines) == len(unsure)


def test_a_folder_of_series_is_checked_series_by_series(tmp_path):
    corpus_copy(tmp_path, name="a")
    broken = corpus_copy(tmp_path, name="b")
    (broken / "2021-03-16.txt").write_text("edited\n", encoding="utf-8")
    status, report = check(tmp_path)
    assert status == 1
    assert [(Path(s["folder"]).name, s["failed"]) for s in report["series"]] == [("a", False), ("b", True)]


def test_series_policy_file_is_used(tmp_path):
    series = corpus_copy(tmp_path)
    (series / "policy.toml").write_text('[topics.senkaku]\nfail = ["new"]\n', encoding="utf-8")
    add(series, with_senkaku(FIRM), "2026-03-01", tmp_path)
    status, report = check(series)
    assert status == 1
    assert {(v["topic"], v["event"]) for v in failures(report)} >= {("senkaku", "new")}
    assert report["series"][0]["policy"].endswith("policy.toml")


@pytest.mark.parametrize("policy, fragment", [
    ('[topics.atlantis]\nfail = ["dropped"]\n', "topic 'atlantis' is not in the watch list"),
    ('[topics.senkaku]\nfail = ["vanished"]\n', "unknown event 'vanished'"),
    ("[topics.senkaku\n", "not valid TOML"),
])
def test_bad_policies_are_one_line_errors(tmp_path, policy, fragment):
    path = tmp_path / "policy.toml"
    path.write_text(policy, encoding="utf-8")
    assert_one_line_error(comparator("check", str(CORPUS), "--policy", str(path)), fragment)


def test_no_series_is_trouble(tmp_path):
    assert_one_line_error(comparator("check", str(tmp_path)), "no statement files")


# --- the library, with the stand-in embedder ---------------------------------------------------


def test_cold_check_embeds_every_needed_sentence_once_in_one_batch(tmp_path, cache_dir):
    series = corpus_copy(tmp_path)
    embedder = StandInEmbedder()
    run_check(series, embedder)
    [batch] = embedder.batches
    assert len(batch) == len(set(batch))
    statements = [segment(read_source(str(p))) for p in sorted(series.glob("*.txt"))]
    needed = {t for a, b in zip(statements, statements[1:]) for t in sentences_to_score(a, b)}
    assert set(batch) == needed


def test_warm_check_embeds_nothing_and_a_new_statement_only_its_pair(tmp_path, cache_dir):
    series = corpus_copy(tmp_path)
    first = run_check(series, StandInEmbedder())
    warm = StandInEmbedder()
    assert run_check(series, warm) == first
    assert warm.batches == []
    latest = segment(read_source(str(series / "2026-01-15.txt")))
    before = latest.sentences[3].text
    after = before.replace("the", "the two", 1)
    (series / "2026-05-05.txt").write_text(latest.source.text.replace(before, after), encoding="utf-8")
    init_series(series)
    grown = StandInEmbedder()
    run_check(series, grown)
    [batch] = grown.batches
    assert after in batch and set(batch) <= {before, after}  # before is there unless an earlier pair embedded it


def test_reporting_embedder_gives_the_same_rows_in_chunks():
    texts = [f"Sentence number {k} says {'more ' * (k % 7)}things." for k in range(25)]
    seen = []
    chunked = ReportingEmbedder(StandInEmbedder(), lambda *step: seen.append(step), chunk=10)
    assert (chunked.encode(texts) == StandInEmbedder().encode(texts)).all()
    assert seen == [("embedding", 10, 25), ("embedding", 20, 25), ("embedding", 25, 25)]
    assert chunked.encode([]).shape == (0, 256)


@pytest.mark.parametrize("tasks", ["default", "many"])
def test_digests_from_worker_processes_equal_the_serial_ones(tmp_path, monkeypatch, tasks):
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    chain = [
        statement_of(texts[k % len(texts)] + f"\nStatement number {k} was issued on day {k}.\n", f"{k}.txt")
        for k in range(PARALLEL_PAIRS + 2)
    ]
    pairs = list(zip(chain, chain[1:]))
    watch = default_policy().watch
    needed = list(dict.fromkeys(t for a, b in pairs for t in sentences_to_score(a, b)))
    cache = EmbeddingCache(tmp_path)
    if tasks == "many":  # sentences sent while later pairs are read, comparisons queued while they are embedded, some cached
        monkeypatch.setattr(batch, "EMBED_BLOCK", 20)
        monkeypatch.setattr(batch, "EMBED_CHUNK", 7)
        monkeypatch.setattr(batch, "PAIR_CHUNK", 5)
        cache.put(StandInEmbedder.name, dict(zip(needed[::3], StandInEmbedder().encode(needed[::3]))))
    seen = []
    parallel = list(digest_pairs(pairs, StandInEmbedder(), cache, watch, lambda *step: seen.append(step), workers=2))
    assert parallel == list(digest_pairs(pairs, StandInEmbedder(), None, watch, workers=1))
    assert seen[-1] == ("comparing", len(pairs), len(pairs))
    assert set(cache.get(StandInEmbedder.name, needed)) == set(needed)


def test_pairs_segment_each_statement_once_when_first_needed(monkeypatch):
    sources = [read_source(str(p)) for p in sorted(CORPUS.glob("*.txt"))[:6]]
    segmented = []
    monkeypatch.setattr(batch, "segment", lambda source: segmented.append(source.path) or segment(source))
    seen = []
    pairs = batch.SegmentedPairs(sources, [0, 1, 4], lambda *step: seen.append(step))
    assert len(pairs) == 3 and segmented == []
    old, new = pairs[1]
    assert (old.source, new.source) == (sources[1], sources[2])
    assert pairs[0:3:2] == [pairs[0], pairs[2]] and list(pairs)[2] == (segment(sources[4]), segment(sources[5]))
    assert segmented == [sources[k].path for k in (1, 2, 0, 4, 5)]
    assert seen[-1] == ("segmenting", 5, 5)


def test_pairs_do_not_end_early_on_an_error_while_segmenting(monkeypatch):
    sources = [read_source(str(p)) for p in sorted(CORPUS.glob("*.txt"))[:4]]

    def failing(source):
        if source is sources[2]:
            raise IndexError("a bug while segmenting")
        return segment(source)

    monkeypatch.setattr(batch, "segment", failing)
    with pytest.raises(IndexError):
        list(batch.SegmentedPairs(sources, [0, 1, 2]))


def test_sentences_carried_over_word_for_word_are_not_embedded():
    old = segment(read_source(str(CORPUS / "2026-01-15.txt")))
    same = sentences_to_score(old, old)
    assert same == []


def test_ack_key_covers_dates_and_both_texts():
    key = ack_key("2024-01-01", "2024-06-01", ("a",), ("b",))
    assert key == ack_key("2024-01-01", "2024-06-01", ("a",), ("b",)) and len(key) == 16
    assert key != ack_key("2024-01-01", "2024-06-02", ("a",), ("b",))
    assert key != ack_key("2024-01-01", "2024-06-01", ("a",), ("b.",))
    assert key != ack_key("2024-01-01", "2024-06-01", ("a", "b"), ())


def test_acks_need_a_reason():
    assert parse_acks('[[ack]]\nkey = "k"\nreason = "ok"\n', "a")["k"].reason == "ok"
    with pytest.raises(PolicyError, match="reason"):
        parse_acks('[[ack]]\nkey = "k"\n', "a")


def test_default_policy_watches_known_topics_and_fails_weakened_senkaku():
    policy = default_policy()
    assert policy.judge(("senkaku",), "weakened")[0].value == "fail"
    assert policy.judge(("taiwan",), "dropped")[0].value == "warn"
    assert policy.judge(("taiwan",), "altered")[0].value == "warn"  # a point replaced in place is no quieter than one dropped
    assert policy.judge(("china",), "dropped") is None
    assert policy.judge(("taiwan", "senkaku"), "dropped") == policy.judge(("senkaku",), "dropped")
    assert [t.name for t in policy.watch.topics][:2] == ["senkaku", "extended-deterrence"]


def test_policy_with_its_own_watch_list(tmp_path):
    (tmp_path / "watch.toml").write_text("[topics.bases]\npatterns = ['\\\\bbase\\\\b']\n", encoding="utf-8")
    policy = parse_policy('watch = "watch.toml"\n[topics.bases]\nwarn = ["dropped"]\n', "p", tmp_path)
    assert [t.name for t in policy.watch.topics] == ["bases"]


def test_digest_cache_replaces_garbage_and_round_trips(tmp_path, cache_dir):
    series = corpus_copy(tmp_path)
    report = run_check(series, StandInEmbedder())
    digests = [p.digest for p in report.series[0].pairs]
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / "digests.sqlite").write_bytes(b"not a database at all" * 100)
    with DigestCache() as store:
        assert store.get(["k"]) == {}
        store.put({"k": digests[0]})
        assert store.get(["k", "other"]) == {"k": digests[0]}


def test_a_locked_digest_cache_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setattr("comparator.store.BUSY_TIMEOUT", 0.05)
    kept = PairDigest(Counts(1, 2, 3, 4, 5), ())
    with DigestCache(tmp_path) as store:
        store.put({"kept": kept})
    writer = sqlite3.connect(tmp_path / "digests.sqlite")
    writer.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    try:
        with DigestCache(tmp_path) as locked:
            assert locked.get(["kept"]) == {}
            locked.put({"other": kept})
    finally:
        writer.rollback()
        writer.close()
    with DigestCache(tmp_path) as store:
        assert store.get(["kept", "other"]) == {"kept": kept}


@pytest.fixture
def read_only_cache(cache_dir, monkeypatch):
    """The test's cache folder, holding a damaged digest cache, made read-only.

    Root ignores the mode bits, so deleting there is also refused as it is for everyone else.
    """
    cache_dir.mkdir(parents=True)
    (cache_dir / "digests.sqlite").write_bytes(b"not a database at all" * 100)
    unlink = Path.unlink

    def refuse(path, missing_ok=False):
        if path.parent == cache_dir:
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    cache_dir.chmod(0o555)
    yield cache_dir
    cache_dir.chmod(0o755)


def test_a_read_only_cache_folder_means_no_digest_caching(tmp_path, read_only_cache, monkeypatch):
    series = corpus_copy(tmp_path)
    with DigestCache() as store:
        assert not store.enabled
    report = run_check(series, StandInEmbedder())
    assert (read_only_cache / "digests.sqlite").read_bytes() == b"not a database at all" * 100
    monkeypatch.setenv("COMPARATOR_CACHE_DIR", str(tmp_path / "usable"))
    assert report == run_check(series, StandInEmbedder())


def test_digests_tag_points_kept_in_place_with_the_topics_they_touch():
    statement = segment(read_source(str(CORPUS / "2026-01-15.txt")))
    watch = default_policy().watch
    comparison = compare_statements(statement, statement, StandInEmbedder(), None, watch)
    assert all(c.kind is Kind.UNCHANGED and not c.moved and not c.topics for c in comparison.changes)
    items = digest(comparison, watch).items
    on_topic = [c for c in comparison.changes if watch.tag([s.text for s in c.new])]
    assert len(items) == len(on_topic) > 0
    assert all(i.verdict == "unchanged" and i.topics == watch.tag([p.text for p in i.new]) for i in items)


def test_example_workflow_and_hook_check_the_repos_corpus(tmp_path):
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
    step = next(s["run"] for s in workflow["jobs"]["check"]["steps"] if s.get("run", "").startswith("comparator check"))
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "comparator check" and hook["args"] == ["corpus"] and not hook["pass_filenames"]
    summary = tmp_path / "summary.md"
    result = comparator(*step.split()[1:], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stdout
    assert summary.read_text(encoding="utf-8").startswith("## comparator check: passed")
