"""Hardening (issue 12): nothing from outside a series is published, damaged state heals, hostile input is bounded."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from conftest import BIN, CORPUS, Route, assert_one_line_error, body, comparator, corpus_copy, run_cli, serve, statement_of

from comparator.cache import DB_NAME, EmbeddingCache, embed
from comparator.embed import EmbeddingError
from comparator.read import decode_bytes
from comparator.segment import MAX_SENTENCE_CHARS
from comparator.series.manifest import MANIFEST
from comparator.series.site import build_site
from comparator.shift import judge
from comparator.worddiff import word_edits

OLD = CORPUS / "2023-10-04.txt"
NEW = CORPUS / "2024-07-29.txt"
SECRET = "Classified annex. The Ministers discussed SECRET-MARKER-7731 at length.\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(folder: Path, *entries: tuple[str, str, str], extra: str = "") -> None:
    """Write a manifest by hand: (file, sha256, date) per statement, plus ``extra`` inside each table."""
    tables = "".join(f'[[statements]]\nfile = "{f}"\nsha256 = "{h}"\ndate = "{d}"\n{extra}\n' for f, h, d in entries)
    (folder / MANIFEST).write_text("format = 1\n\n" + tables, encoding="utf-8")


def series_with_link(tmp_path: Path) -> Path:
    """A series whose second statement is a symlink to a file outside it, recorded with the target's hash."""
    outside = tmp_path / "private" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text(NEW.read_text(encoding="utf-8") + SECRET, encoding="utf-8")
    series = tmp_path / "series" / "s"
    series.mkdir(parents=True)
    (series / "2023-10-04.txt").write_bytes(OLD.read_bytes())
    (series / "2024-07-29.txt").symlink_to(outside)
    record(series, ("2023-10-04.txt", sha(OLD), "2023-10-04"), ("2024-07-29.txt", sha(outside), "2024-07-29"))
    return series


# --- 1: statement files resolving outside the series are refused, never read ---------------------------


def test_check_refuses_a_symlink_out_of_the_series(tmp_path):
    series = series_with_link(tmp_path)
    result = comparator("check", str(series), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "resolves outside the series folder" in result.stdout
    assert "SECRET-MARKER" not in result.stdout + result.stderr


def test_init_refuses_a_symlink_out_of_the_series(tmp_path):
    series = series_with_link(tmp_path)
    (series / MANIFEST).unlink()
    result = comparator("corpus", "init", str(series))
    assert_one_line_error(result, "2024-07-29.txt", "outside the series folder")
    assert not (series / MANIFEST).exists()


@pytest.mark.slow
def test_build_never_publishes_a_file_from_outside_the_series(tmp_path):
    series = series_with_link(tmp_path)
    site = tmp_path / "site"
    result = comparator("build", str(series.parent), "-o", str(site))
    assert result.returncode == 0, result.stderr
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert pages and not any("SECRET-MARKER" in page for page in pages)
    assert any("resolves outside the series folder" in page for page in pages)


# --- 2: only http(s) source URLs become links -------------------------------------------------------------


@pytest.mark.slow
def test_javascript_source_url_is_shown_as_text_not_linked(tmp_path):
    series = tmp_path / "series" / "s"
    series.mkdir(parents=True)
    for path in (OLD, NEW):
        (series / path.name).write_bytes(path.read_bytes())
    record(
        series, ("2023-10-04.txt", sha(OLD), "2023-10-04"), ("2024-07-29.txt", sha(NEW), "2024-07-29"),
        extra='source_url = "javascript:alert(document.domain)"\n',
    )
    (series / MANIFEST).write_text(
        (series / MANIFEST).read_text(encoding="utf-8").replace(
            'source_url = "javascript:alert(document.domain)"', 'source_url = "https://example.org/summary.html"', 1
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = comparator("build", str(series.parent), "-o", str(site))
    assert result.returncode == 0, result.stderr
    index = BeautifulSoup((site / "s" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in index.find_all("a", href=True)]
    assert "https://example.org/summary.html" in hrefs
    assert not any("javascript" in href.lower() for href in hrefs)
    assert "javascript:alert(document.domain)" in index.get_text()


# --- 10: the same file twice in a manifest ------------------------------------------------------------------


def test_a_file_recorded_twice_is_an_integrity_error(tmp_path):
    series = tmp_path / "s"
    series.mkdir()
    (series / OLD.name).write_bytes(OLD.read_bytes())
    record(series, (OLD.name, sha(OLD), "2023-10-04"), (OLD.name, sha(OLD), "2024-01-01"))
    result = comparator("check", str(series))
    assert result.returncode == 1
    assert "2023-10-04.txt is recorded twice, as statement #1 (date 2023-10-04) and statement #2 (date 2024-01-01)" in result.stdout
    assert_one_line_error(comparator("corpus", "init", str(series)), "recorded twice", "#1", "#2")


# --- corpus add against a local server: 3, 12, 13, 15 ------------------------------------------------------


def redirect(location: str) -> Route:
    def route(request):
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return route


def added_nothing(series: Path) -> bool:
    return not series.exists() or not any(series.iterdir())


def test_redirect_to_ftp_is_refused_naming_the_url(tmp_path):
    with serve({"/s.txt": redirect("ftp://127.0.0.1:9/s.txt")}) as base:
        result = comparator("corpus", "add", f"{base}/s.txt", "--series", str(tmp_path / "s"), "--date", "2024-01-01")
    assert_one_line_error(result, "ftp://127.0.0.1:9/s.txt", "only http and https")
    assert added_nothing(tmp_path / "s")


def test_redirect_loop_is_one_line(tmp_path):
    with serve({"/a": redirect("/b"), "/b": redirect("/a")}) as base:
        result = comparator("corpus", "add", f"{base}/a", "--series", str(tmp_path / "s"), "--date", "2024-01-01")
    assert_one_line_error(result, "redirect loop")
    assert added_nothing(tmp_path / "s")


def test_truncated_download_is_an_error_and_records_nothing(tmp_path):
    text = OLD.read_bytes()
    with serve({"/s.txt": body(text[: len(text) // 2], length=len(text))}) as base:
        result = comparator("corpus", "add", f"{base}/s.txt", "--series", str(tmp_path / "s"), "--date", "2024-01-01")
    assert_one_line_error(result, "cut short", f"of {len(text)} bytes")
    assert added_nothing(tmp_path / "s")


def test_slow_drip_server_meets_the_overall_deadline(tmp_path):
    with serve({"/s.txt": body(OLD.read_bytes(), pause=0.5)}) as base:
        started = time.monotonic()
        result = comparator(
            "corpus", "add", f"{base}/s.txt", "--series", str(tmp_path / "s"), "--date", "2024-01-01", "--deadline", "2",
        )
        elapsed = time.monotonic() - started
    assert_one_line_error(result, "deadline of 2 s")
    assert elapsed < 10
    assert added_nothing(tmp_path / "s")


def test_a_fast_complete_download_still_records(tmp_path):
    with serve({"/s.txt": body(OLD.read_bytes())}) as base:
        result = comparator("corpus", "add", f"{base}/s.txt", "--series", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    entry = tomllib.loads((tmp_path / "s" / MANIFEST).read_text(encoding="utf-8"))["statements"][0]
    assert entry["source_url"].endswith("/s.txt")


# --- 6: temporary files do not outlive a run ------------------------------------------------------------------


def dead_pid() -> int:
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, timeout=30)
    return int(process.stdout)


def test_build_removes_stale_temp_files_of_its_own_naming(tmp_path, stand_in):
    series = corpus_copy(tmp_path)
    site = tmp_path / "site"
    build_site(series, site, stand_in)
    gone = dead_pid()
    stale = [site / f".index.html.{gone}.abc_1234.tmp", site / "japan-us-defense" / "pairs" / f".x.html.{gone}.zzzzzzzz.tmp"]
    kept = [site / f".index.html.{os.getpid()}.abcdefgh.tmp", site / "notes.tmp", site / ".mine.tmp"]
    for path in stale + kept:
        path.write_text("partial", encoding="utf-8")
    build_site(series, site, stand_in)
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in kept)


WRITER = """
import os, sys, time
from comparator.cli.app import stop_on_signals
from comparator.write import write_bytes_atomic

real = os.fdopen
def slow(*args, **kwargs):  # the temporary file exists now: hold the write open until the signal comes
    print("writing", flush=True)
    time.sleep(30)
    return real(*args, **kwargs)
os.fdopen = slow
stop_on_signals()
write_bytes_atomic(sys.argv[1], b"report")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_writer_stopped_by_a_signal_leaves_no_temp_file(tmp_path, signum):
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "writing\n"
        assert list(target.parent.iterdir())  # the temporary file
        process.send_signal(signum)
        process.wait(timeout=30)
    finally:
        process.kill()
    assert list(target.parent.iterdir()) == []


# --- 14: a full disk ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [
    ["check", str(CORPUS)],
    ["timeline", str(CORPUS), "--topic", "senkaku"],
    ["compare", str(OLD), str(NEW)],
])
def test_a_full_disk_on_stdout_is_one_line_naming_it(argv):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([str(BIN / "comparator"), *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert_one_line_error(result, "cannot write standard output", "No space left on device")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_compare_output_to_a_device_writes_in_place_and_fails_cleanly():
    before = os.stat("/dev/full")
    result = comparator("compare", str(OLD), str(NEW), "-o", "/dev/full")
    assert_one_line_error(result, "cannot write /dev/full", "No space left on device")
    assert os.stat("/dev/full").st_rdev == before.st_rdev and stat.S_ISCHR(os.stat("/dev/full").st_mode)


# --- 16: Ctrl-C ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "status", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_stopped_run_says_so_and_records_nothing(tmp_path, signum, status, said):
    asked = threading.Event()

    def hang(request):
        asked.set()
        time.sleep(20)

    series = tmp_path / "s"
    with serve({"/s.txt": hang}) as base:
        process = subprocess.Popen(
            [str(BIN / "comparator"), "corpus", "add", f"{base}/s.txt", "--series", str(series), "--date", "2024-01-01"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            assert asked.wait(60)
            process.send_signal(signum)
            out, err = process.communicate(timeout=30)
        finally:
            process.kill()
    assert process.returncode == status
    assert err == f"comparator: {said}\n"
    assert out == "" and added_nothing(series)


# --- 11: a UTF-8 file with a stray byte ---------------------------------------------------------------------


def test_a_stray_byte_in_utf8_is_replaced_not_a_reason_to_guess_a_code_page(tmp_path):
    text = OLD.read_bytes()
    cut = text.index(b"The Ministers")
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(text[:cut] + b"\x92" + text[cut:])
    result = run_cli(str(OLD), str(damaged), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["new"]["encoding"] == "utf-8 (1 invalid byte sequence replaced with U+FFFD)"
    assert result.stderr.decode().count("\n") == 1
    assert f"damaged.txt: not valid UTF-8 (first at byte {cut})" in result.stderr.decode()
    texts = [part["text"] for change in report["changes"] for part in change["new"]]
    assert any("’" in t for t in texts) and not any("Ć" in t for t in texts)
    assert report["summary"]["reworded"] <= 1


def test_a_file_that_is_not_utf8_at_all_is_still_detected():
    data = "The Ministers’ “ironclad” commitment to a naïve café.\n".encode("cp1252")
    text, encoding = decode_bytes(data, "x")
    assert encoding == "cp1252" and "’" in text


# --- 5: damaged cached vectors heal; NaN from a model is never cached ---------------------------------------------


SENTENCES = ["The Ministers affirmed the Alliance.", "They discussed the Senkaku Islands.", "Cooperation with Australia deepens."]


def damage(folder: Path, how: Callable[[bytes], bytes]) -> int:
    """Rewrite every cached vector's bytes in place, leaving its checksum: what bytes overwritten in the pages look like."""
    with sqlite3.connect(folder / DB_NAME) as db:
        rows = db.execute("SELECT model, sha256, vector FROM embeddings").fetchall()
        db.executemany("UPDATE embeddings SET vector = ? WHERE model = ? AND sha256 = ?", [(how(v), m, k) for m, k, v in rows])
    return len(rows)


def nan_bytes(blob: bytes) -> bytes:
    return np.full(len(blob) // 4, np.nan, dtype="<f4").tobytes()


def flipped_byte(blob: bytes) -> bytes:
    return blob[:5] + bytes([blob[5] ^ 0x40]) + blob[6:]


@pytest.mark.parametrize("how", [nan_bytes, flipped_byte])
def test_damaged_vector_rows_are_misses_recomputed_and_overwritten(tmp_path, stand_in, how):
    with EmbeddingCache(tmp_path) as cache:
        expected = embed(SENTENCES, stand_in, cache)
    assert damage(tmp_path, how) == len(SENTENCES)
    with EmbeddingCache(tmp_path) as cache:
        healed = embed(SENTENCES, stand_in, cache)
    assert stand_in.batches == [SENTENCES, SENTENCES]
    np.testing.assert_array_equal(healed, expected)
    with EmbeddingCache(tmp_path) as cache:
        assert embed(SENTENCES, stand_in, cache).tolist() == expected.tolist()
    assert len(stand_in.batches) == 2  # the overwritten rows are good again


class NaNEmbedder:
    name = "test/nan"

    def encode(self, texts):
        out = np.ones((len(texts), 4), dtype=np.float32) / 2
        out[-1, 0] = np.nan
        return out


def test_nan_from_the_model_is_an_error_and_never_cached(tmp_path):
    with EmbeddingCache(tmp_path) as cache, pytest.raises(EmbeddingError, match="non-finite"):
        embed(SENTENCES, NaNEmbedder(), cache)
    with EmbeddingCache(tmp_path) as cache:
        assert cache.get(NaNEmbedder.name, SENTENCES) == {}


@pytest.mark.slow
def test_compare_heals_a_cache_whose_vectors_were_overwritten(cache_dir):
    first = run_cli(str(OLD), str(NEW), "--format", "json")
    assert first.returncode == 0, first.stderr
    assert damage(cache_dir, nan_bytes) > 0
    again = run_cli(str(OLD), str(NEW), "--format", "json")
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


# --- 9: a multi-megabyte sentence without punctuation ---------------------------------------------------------


def unpunctuated(n_words: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    vocabulary = ["alliance", "defense", "the", "ministers", "japan", "security", "of", "and", "cooperation", "region"]
    return [rng.choice(vocabulary) for _ in range(n_words)]


def test_word_diff_of_megabyte_texts_is_bounded_and_spells_both():
    words = unpunctuated(300_000)
    old, new = " ".join(words), " ".join(words[:150_000] + ["reaffirmed"] + words[150_000:])
    started = time.monotonic()
    edits = word_edits(old, new)
    assert time.monotonic() - started < 30  # bounded, with room for a busy runner
    assert "".join(e.old for e in edits) == old and "".join(e.new for e in edits) == new
    assert [e.op for e in edits] == ["equal", "insert", "equal"]


@pytest.mark.parametrize("unit", ["A, ", "the ", "U.S. "])
def test_repeated_tokens_do_not_make_the_diffs_cubic(unit):
    # A sentence within the segmentation bound, made of one token repeated: exact difflib takes ~20 s on it.
    old, new = unit * 600, unit * 300 + "reaffirmed " + unit * 300
    started = time.monotonic()
    edits = word_edits(old, new)
    judgement = judge(old, new)
    assert time.monotonic() - started < 30  # bounded, with room for a busy runner
    assert "".join(e.old for e in edits) == old and "".join(e.new for e in edits) == new
    assert judgement.shift is not None


def test_a_long_unpunctuated_sentence_is_cut_into_pieces_an_edit_moves_few_of():
    words = unpunctuated(20_000)
    old = statement_of("Heading\n\n" + " ".join(words) + "\n")
    new = statement_of("Heading\n\n" + " ".join(words[:10_000] + ["reaffirmed"] + words[10_000:]) + "\n")
    for statement in (old, new):
        assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in statement.sentences)
        assert all(statement.source.text[s.start : s.end] == s.text for s in statement.sentences)
    assert len(old.sentences) > 50
    changed = {s.text for s in new.sentences} - {s.text for s in old.sentences}
    assert 1 <= len(changed) <= 3
    normal = statement_of("Heading\n\n" + " ".join(words[:200]) + ".\n")
    assert len(normal.sentences) == 1


@pytest.mark.slow
def test_compare_of_five_megabyte_unpunctuated_statements_finishes_within_a_minute(tmp_path):
    words = unpunctuated(720_000)
    (tmp_path / "old.txt").write_text("Heading\n\n" + " ".join(words) + "\n", encoding="utf-8")
    words[360_000:360_003] = ["reaffirmed", "their", "commitment"]
    (tmp_path / "new.txt").write_text("Heading\n\n" + " ".join(words) + "\n", encoding="utf-8")
    assert (tmp_path / "new.txt").stat().st_size > 5_000_000
    result = subprocess.run(
        [str(BIN / "compare"), str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json"],
        capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["reworded"] >= 1 and summary["new"] + summary["dropped"] <= 2


# --- 8: catastrophic patterns in a watch list ----------------------------------------------------------------


HOSTILE = "Heading\n\nThe Ministers discussed " + "a" * 40 + "b today.\n"


def test_a_catastrophic_watch_pattern_runs_in_linear_time(tmp_path):
    watch = tmp_path / "watch.toml"
    watch.write_text("[topics.evil]\npatterns = ['(a+)+$']\n", encoding="utf-8")
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(HOSTILE, encoding="utf-8")
    new.write_text(HOSTILE.replace("today", "again today") + "a" * 5000 + "b\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "compare"), str(old), str(new), "--watch", str(watch), "--format", "json"], capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_check_with_a_policy_from_the_series_is_not_hung_by_its_watch_list(tmp_path):
    series = tmp_path / "s"
    series.mkdir()
    for name, text in (("2024-01-01.txt", HOSTILE), ("2024-02-01.txt", HOSTILE.replace("today", "again"))):
        (series / name).write_text(text, encoding="utf-8")
    (series / "watch.toml").write_text("[topics.evil]\npatterns = ['(a+)+$', '(x|xx)+y']\n", encoding="utf-8")
    (series / "policy.toml").write_text('watch = "watch.toml"\n[topics.evil]\nfail = ["dropped"]\n', encoding="utf-8")
    assert comparator("corpus", "init", str(series)).returncode == 0
    started = time.monotonic()
    result = comparator("check", str(series))
    assert result.returncode in (0, 1), result.stderr
    assert time.monotonic() - started < 60


def test_a_pattern_re2_cannot_take_is_a_one_line_error(tmp_path):
    watch = tmp_path / "watch.toml"
    watch.write_text("[topics.x]\npatterns = ['(?<=U\\\\.S\\\\.) forces', '(a)\\\\1']\n", encoding="utf-8")
    result = run_cli(str(OLD), str(NEW), "--watch", str(watch))
    result.stderr = result.stderr.decode()
    assert_one_line_error(result, "topic 'x'", "(?<=U", "not supported", "RE2")
