"""Tests for reading statement files: encodings, newlines, stdin and clear input errors."""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import pytest

from comparator.read import InputError, read_source
from comparator.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "japan-us-defense"

STATEMENT = (
    "Japan-U.S. Defense Ministerial Meeting (Summary)\n"
    "\n"
    "March 16, 2021\n"
    "\n"
    "1. Overview\n"
    "\n"
    "The Ministers met in Tokyo. They confirmed the unwavering U.S. commitment to the defense of Japan.\n"
    "\n"
    "The Ministers agreed to meet again.\n"
)
JAPANESE = "日米防衛相会談が行われました。両大臣は地域の安全保障環境について意見交換を行い、同盟の抑止力・対処力を一層強化することで一致した。\n"
WESTERN = (
    "The Ministers welcomed the “2+2” meeting — a milestone for the Alliance’s future. "
    "Costs rose to €5 million.\nCafé naïve façade.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def message(error: pytest.ExceptionInfo[InputError]) -> str:
    text = str(error.value)
    assert text and "\n" not in text
    return text


def test_reads_utf8_file_with_hash_and_encoding(tmp_path):
    data = STATEMENT.encode("utf-8")
    path = write(tmp_path, "plain.txt", data)
    source = read_source(path)
    assert source.path == path
    assert source.text == STATEMENT
    assert source.encoding == "utf-8"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_corpus_file_reads_like_path_read_text():
    path = CORPUS / "2023-10-04.txt"
    assert read_source(str(path)).text == path.read_text(encoding="utf-8")


def test_bom_and_crlf_keep_bom_and_translate_newlines_like_read_text(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + STATEMENT.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(path)
    assert source.text == Path(path).read_text(encoding="utf-8")
    assert source.text == "\ufeff" + STATEMENT
    assert source.encoding == "utf-8"


def test_bom_crlf_and_plain_lf_give_the_same_sentences(tmp_path):
    plain = segment(read_source(write(tmp_path, "lf.txt", STATEMENT.encode("utf-8"))))
    windows = segment(
        read_source(write(tmp_path, "crlf.txt", b"\xef\xbb\xbf" + STATEMENT.replace("\n", "\r\n").encode("utf-8")))
    )
    assert [s.text for s in windows.sentences] == [s.text for s in plain.sentences]
    assert [s.start for s in windows.sentences] == [s.start + 1 for s in plain.sentences]
    assert (windows.title, windows.date, windows.sections) == (plain.title, plain.date, plain.sections)


def test_lone_carriage_returns_are_newlines(tmp_path):
    source = read_source(write(tmp_path, "mac.txt", STATEMENT.replace("\n", "\r").encode("utf-8")))
    assert source.text == STATEMENT


@pytest.mark.parametrize(
    ("text", "encoding", "names"),
    [
        (JAPANESE, "shift_jis", {"shift_jis", "cp932"}),
        ("日米防衛相会談（概要）\n\n両大臣は、地域の平和と安定の重要性を強調した。\n", "shift_jis", {"shift_jis", "cp932"}),
        (WESTERN, "cp1252", {"cp1252"}),
        ("Joint statement\n\nThe Ministers welcomed the “new” café agreement – a first. They noted the €5 million fund.\n", "cp1252", {"cp1252"}),
        ("Die Minister begrüßten die Einigung über die Verteidigungsausgaben.\n", "cp1252", {"cp1252"}),
        ("Los ministros acogieron con satisfacción el acuerdo sobre cooperación, ¿verdad?\n", "cp1252", {"cp1252"}),
        ("Ministrowie przyjęli porozumienie. Podkreślili znaczenie współpracy w dziedzinie bezpieczeństwa.\n", "cp1250", {"cp1250"}),
        ("Ministři přivítali dohodu o spolupráci v oblasti obrany. Zdůraznili význam bezpečnosti.\n", "cp1250", {"cp1250"}),
        ("Министры приветствовали соглашение о сотрудничестве в области обороны.\n", "cp1251", {"cp1251"}),
    ],
    ids=["sjis", "sjis-short", "cp1252", "cp1252-short", "cp1252-de", "cp1252-es", "cp1250-pl", "cp1250-cs", "cp1251"],
)
def test_legacy_encodings_decode(tmp_path, text, encoding, names):
    source = read_source(write(tmp_path, "legacy.txt", text.encode(encoding)))
    assert source.text == text
    assert source.encoding in names


def test_utf16_with_bom_decodes(tmp_path):
    source = read_source(write(tmp_path, "utf16.txt", STATEMENT.encode("utf-16")))
    assert source.text == STATEMENT


def test_stdin_is_read_as_bytes(monkeypatch):
    data = b"\xef\xbb\xbf" + STATEMENT.replace("\n", "\r\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    source = read_source("-")
    assert source.path == "-"
    assert source.text == "\ufeff" + STATEMENT
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_input_file_is_left_untouched(tmp_path):
    data = b"\xef\xbb\xbf" + STATEMENT.replace("\n", "\r\n").encode("utf-8")
    path = write(tmp_path, "keep.txt", data)
    before = os.stat(path)
    read_source(path)
    after = os.stat(path)
    assert Path(path).read_bytes() == data
    assert (after.st_mtime_ns, after.st_size, after.st_mode) == (before.st_mtime_ns, before.st_size, before.st_mode)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  \n", "white space"),
        (b"\xef\xbb\xbf \r\n", "white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (STATEMENT.encode("utf-8") + b"\x00", "binary"),
        (bytes(range(1, 256)) * 4, "binary"),
    ],
    ids=["empty", "blank", "bom-blank", "png", "nul", "no-encoding"],
)
def test_unusable_content_raises_one_line_error_naming_the_path(tmp_path, data, expected):
    path = write(tmp_path, "input.txt", data)
    with pytest.raises(InputError) as error:
        read_source(path)
    assert path in message(error)
    assert expected in message(error)


def test_missing_file(tmp_path):
    path = str(tmp_path / "absent.txt")
    with pytest.raises(InputError) as error:
        read_source(path)
    assert path in message(error)
    assert "no such file" in message(error)


def test_directory(tmp_path):
    with pytest.raises(InputError) as error:
        read_source(str(tmp_path))
    assert str(tmp_path) in message(error)
    assert "directory" in message(error)


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", STATEMENT.encode("utf-8"))

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as error:
        read_source(path)
    assert path in message(error)
    assert "permission denied" in message(error)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_on_disk(tmp_path):
    path = write(tmp_path, "locked.txt", STATEMENT.encode("utf-8"))
    os.chmod(path, 0)
    try:
        with pytest.raises(InputError) as error:
            read_source(path)
    finally:
        os.chmod(path, 0o600)
    assert "permission denied" in message(error)


def test_other_os_error(tmp_path, monkeypatch):
    path = write(tmp_path, "flaky.txt", STATEMENT.encode("utf-8"))

    def fail(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(InputError) as error:
        read_source(path)
    assert path in message(error)
    assert "Input/output error" in message(error)


def test_message_stays_on_one_line_for_odd_path_names(tmp_path):
    with pytest.raises(InputError) as error:
        read_source(str(tmp_path / "two\nlines.txt"))
    assert "two\\nlines.txt" in message(error)


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError) as error:
        read_source("-")
    assert message(error) == "standard input: is empty, no statement text"
