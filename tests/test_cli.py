"""End to end through the real console scripts, on the corpus and on crafted bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
from conftest import BIN, CORPUS, ROOT, corpus_file, run_cli

from comparator.read import read_source
from comparator.segment import segment

SEED_OLD, SEED_NEW = corpus_file("2023-10-04"), corpus_file("2024-07-29")
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.monotonic()\n"
    "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "print(json.dumps({'rc': run.returncode, 'stderr': run.stderr.decode(errors='replace'), 'seconds': time.monotonic() - start,\n"
    "                  'peak_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


def compare_json(old, new, *extra, **kw) -> dict:
    result = run_cli(str(old), str(new), "--format", "json", *extra, **kw)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def schema() -> dict:
    return json.loads(resources.files("comparator").joinpath("schema/compare-v1.schema.json").read_text(encoding="utf-8"))


def measured(*command: str) -> dict:
    """Run ``command`` under a wrapper process; return its exit code, stderr, wall seconds and peak RSS (KiB).

    The wrapper's RUSAGE_CHILDREN covers that one command alone, not every child this test process ran before.
    """
    wrapper = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert wrapper.returncode == 0, wrapper.stderr
    return json.loads(wrapper.stdout)


def assert_one_clean_error(result, *fragments: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 2
    assert result.stdout == b""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


@pytest.fixture(scope="module")
def seed() -> dict:
    return compare_json(SEED_OLD, SEED_NEW)


def test_seed_pair_output_follows_the_schema(seed):
    jsonschema.validate(seed, schema())
    assert seed["schema"] == "comparator/compare/v1"
    assert seed["old"]["date"] == "2023-10-05" and seed["new"]["date"] == "2024-07-29"
    assert seed["summary"]["reworded"] >= 10


def test_every_sentence_in_exactly_one_change_with_exact_offsets(seed):
    for side, path in (("old", SEED_OLD), ("new", SEED_NEW)):
        text = path.read_text(encoding="utf-8")
        units = [u for change in seed["changes"] for u in change[side]]
        for u in units:
            assert text[u["start"] : u["end"]] == u["text"]
        expected = [(s.start, s.end) for s in segment(read_source(str(path))).sentences]
        assert sorted((u["start"], u["end"]) for u in units) == expected


def test_senkaku_rewording_is_flagged_with_its_evidence(seed):
    senkaku = [c for c in seed["changes"] if "senkaku" in c["topics"]]
    assert senkaku and all(c["kind"] == "reworded" for c in senkaku)
    assert any("Senkaku" in u["text"] for c in senkaku for u in c["new"])
    assert all(c["shift"] and c["reasons"] and c["edits"] for c in senkaku)


def test_json_is_byte_identical_across_runs():
    first = run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "json")
    second = run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "json")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_a_file_against_itself_is_all_unchanged_and_exit_code_zero():
    result = run_cli(str(SEED_OLD), str(SEED_OLD), "-f", "json", "--exit-code")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert {c["kind"] for c in data["changes"]} == {"unchanged"}
    assert data["summary"]["moved"] == 0


def test_exit_code_one_when_something_changed():
    assert run_cli(str(SEED_OLD), str(SEED_NEW), "--exit-code").returncode == 1
    assert run_cli(str(SEED_OLD), str(SEED_NEW)).returncode == 0


def test_comparator_compare_is_the_same_command(seed):
    result = run_cli("compare", str(SEED_OLD), str(SEED_NEW), "-f", "json", program="comparator")
    assert json.loads(result.stdout) == seed


def test_bom_and_crlf_make_no_difference(tmp_path):
    plain = SEED_OLD.read_text(encoding="utf-8")
    windows = tmp_path / "windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    data = compare_json(SEED_OLD, windows, "--exit-code")
    assert {c["kind"] for c in data["changes"]} == {"unchanged"}


@pytest.mark.parametrize("encoding", ["shift_jis", "cp1252"])
def test_legacy_encodings_are_detected_and_reported(tmp_path, encoding):
    body = {
        "shift_jis": "日米防衛相会談（概要）\n\n防衛大臣は尖閣諸島に日米安全保障条約第5条が適用されることを確認した。両大臣は、地域の平和と安定の重要性を強調した。\n",
        "cp1252": "Joint statement\n\nThe Ministers welcomed the “new” café agreement – a first. They noted the €5 million fund.\n",
    }[encoding]
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(body.encode(encoding))
    data = compare_json(path, path)
    family = {"shift_jis": {"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"}, "cp1252": {"cp1252", "windows-1252"}}
    assert data["old"]["encoding"].lower() in family[encoding]
    texts = [u["text"] for c in data["changes"] for u in c["new"]]
    assert texts and all(t in body for t in texts)
    assert any(("尖閣" in t) or ("café" in t) for t in texts)


def test_stdin_as_new_statement():
    result = run_cli(str(SEED_OLD), "-", "-f", "json", stdin=SEED_NEW.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["new"]["path"] == "-"


def test_one_line_without_punctuation(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("Ministers met and talked at length about many things", encoding="utf-8")
    data = compare_json(path, SEED_OLD)
    assert data["summary"]["dropped"] == 1 or data["summary"]["reworded"] == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n  \r\n", "white space"),
        ("binary.bin", bytes(range(256)) * 8, "binary"),
    ],
)
def test_unusable_inputs_fail_with_one_line(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_clean_error(run_cli(str(path), str(SEED_NEW)), name, fragment)
    assert path.read_bytes() == content


def test_missing_path_and_directory_fail_with_one_line(tmp_path):
    assert_one_clean_error(run_cli(str(tmp_path / "nope.txt"), str(SEED_NEW)), "nope.txt")
    assert_one_clean_error(run_cli(str(CORPUS), str(SEED_NEW)), "directory")


@pytest.mark.parametrize("args", [["--bogus"], ["--format", "xml"], ["only-one.txt"]])
def test_bad_flags_fail_with_one_line(args):
    if args == ["only-one.txt"]:
        assert_one_clean_error(run_cli(*args), "Missing argument")
    else:
        assert_one_clean_error(run_cli(*args, str(SEED_OLD), str(SEED_NEW)))


def test_bad_watch_list_fails_with_one_line(tmp_path):
    watch = tmp_path / "watch.toml"
    watch.write_text("[topics.x]\npatterns = 3\n", encoding="utf-8")
    assert_one_clean_error(run_cli(str(SEED_OLD), str(SEED_NEW), "--watch", str(watch)), "watch.toml")


def test_output_written_atomically_and_failure_leaves_nothing(tmp_path):
    target = tmp_path / "out.json"
    assert run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "json", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "comparator/compare/v1"
    missing_dir = tmp_path / "no" / "such" / "dir" / "out.json"
    assert_one_clean_error(run_cli(str(SEED_OLD), str(SEED_NEW), "-o", str(missing_dir)), "cannot write")
    assert not missing_dir.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_markdown_and_terminal_formats():
    markdown = run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "markdown").stdout.decode()
    assert markdown.startswith("### ") and "#### Watched topics" in markdown and "senkaku" in markdown
    terminal = run_cli(str(SEED_OLD), str(SEED_NEW), env={"NO_COLOR": "1"}).stdout.decode()
    assert "\x1b[" not in terminal
    assert "Watched topics" in terminal and "unchanged point" in terminal


def test_changes_that_need_review_say_so_in_every_format():
    data = json.loads(run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "json").stdout)
    flagged = [c for c in data["changes"] if c["review"]]
    assert flagged and len(flagged) < len(data["changes"])
    assert all(c["kind"] != "unchanged" for c in flagged)
    markdown = run_cli(str(SEED_OLD), str(SEED_NEW), "-f", "markdown").stdout.decode()
    terminal = run_cli(str(SEED_OLD), str(SEED_NEW), env={"NO_COLOR": "1"}).stdout.decode()
    assert markdown.count("**needs review**") == len([c for c in flagged if c["kind"] != "unchanged"])
    assert terminal.count("needs review") == len(flagged)


@pytest.mark.parametrize("program, args", [("compare", ["--version"]), ("comparator", ["--version"]), ("comparator", ["compare", "--version"])])
def test_version(program, args):
    from importlib.metadata import version

    result = run_cli(*args, program=program)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"comparator {version('comparator')}"


def test_warm_run_imports_no_model_runtime_nor_what_compare_does_not_use(tmp_path):
    unused = ("torch", "onnxruntime", "sentence_transformers", "scipy.optimize", "pydantic", "charset_normalizer", "comparator.cli.series")
    code = (
        "import sys; from comparator.cli import compare as cli\n"
        f"sys.argv=['compare', {str(SEED_OLD)!r}, {str(SEED_NEW)!r}, '-f', 'json', '-o', {str(tmp_path / 'o.json')!r}]\n"
        "try:\n    cli.compare_main()\nexcept SystemExit: pass\n"
        f"print([m for m in {unused!r} if m in sys.modules])"
    )
    run_cli(str(SEED_OLD), str(SEED_NEW))  # fill the cache
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "o.json").stat().st_size > 0


@pytest.mark.slow
def test_five_megabyte_statement_in_reasonable_time_and_memory(tmp_path):
    body = segment(read_source(str(SEED_NEW)))
    paragraphs = [s.text for s in body.sentences]
    lines = ["Big statement", "", "May 1, 2024", ""]
    k = 0
    while sum(len(x) + 1 for x in lines) < 5_000_000:
        sentence = paragraphs[k % len(paragraphs)]
        lines.append(f"{sentence[:-1]} (variant {k % 20}).")
        lines.append("")
        k += 1
    big = tmp_path / "big.txt"
    big.write_text("\n".join(lines), encoding="utf-8")
    result = measured(str(BIN / "compare"), str(SEED_OLD), str(big), "-f", "json", "-o", str(tmp_path / "big.json"))
    elapsed, peak_mb = result["seconds"], result["peak_kb"] / 1024
    assert result["rc"] == 0, result["stderr"]
    assert elapsed < 240
    assert peak_mb < 3000
    data = json.loads((tmp_path / "big.json").read_text(encoding="utf-8"))
    assert data["summary"]["new"] + data["summary"]["reworded"] + data["summary"]["unchanged"] > 10_000


def test_output_over_an_input_is_refused(tmp_path):
    copy = tmp_path / "old.txt"
    copy.write_bytes(SEED_OLD.read_bytes())
    assert_one_clean_error(run_cli(str(copy), str(SEED_NEW), "-o", str(copy)), "over an input")
    assert copy.read_bytes() == SEED_OLD.read_bytes()


def test_a_statement_of_headings_only_is_trouble(tmp_path):
    headings = tmp_path / "headings.txt"
    headings.write_text("Title\n\n1. Regional affairs\n\n2. Bilateral cooperation\n", encoding="utf-8")
    assert_one_clean_error(run_cli(str(headings), str(SEED_NEW)), "headings.txt", "no statement sentences")


def test_missing_model_folder_is_one_line():
    assert_one_clean_error(run_cli(str(SEED_OLD), str(SEED_NEW), "--model", "/no/such/model"), "no model folder")


def test_terminal_output_carries_no_escape_sequences_from_the_statement(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Title\n\nMay 1, 2024\n\nThe Ministers met \x1b]0;pwned\x07 in Tokyo \x1b[2J today. They agreed.\n",
        encoding="utf-8",
    )
    out = run_cli(str(SEED_OLD), str(hostile), env={"NO_COLOR": "1"}).stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    assert "in Tokyo" in out


def test_markdown_keeps_a_wrapped_sentence_on_its_list_item(tmp_path):
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(
        "Title\n\nMay 1, 2024\n\nThe Ministers agreed that the two countries would keep working closely together on the many\n"
        "- as both sides put it - pressing issues and on keeping\n# everything together.\n",
        encoding="utf-8",
    )
    markdown = run_cli(str(SEED_OLD), str(wrapped), "-f", "markdown").stdout.decode()
    assert any("keep working" in l and "pressing issues" in l and "everything together" in l for l in markdown.splitlines())
    assert not any(l.startswith(("- as both", "# every")) for l in markdown.splitlines())
