"""Series folders: `comparator corpus init|add`, the manifest and text extraction (HTML, PDF, URLs)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS, assert_one_line_error, body, comparator, corpus_copy, serve

from comparator.series.extract import DocType, ExtractError, extract_text, normalise_text
from comparator.series.folder import init_series
from comparator.series.manifest import MANIFEST, SeriesError, parse_manifest

STATEMENT = (CORPUS / "2023-10-04.txt").read_text(encoding="utf-8")
NAVIGATION = ("About the Ministry", "Press Conferences", "Defense White Paper 2023", "All rights reserved", "Site map")


def manifest(folder: Path) -> dict:
    return tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def page(paragraphs: list[str]) -> bytes:
    """A ministry-style web page: navigation, the statement, related links and a footer."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Japan-U.S. Defense Ministerial Meeting | MOD</title></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About the Ministry</a></li>
<li><a href="/press">Press Conferences</a></li></ul></nav></header>
<main><article><h1>Japan-U.S. Defense Ministerial Meeting (Summary)</h1><p>October 5, 2023</p>
{body}</article></main>
<aside><h2>Related links</h2><ul><li><a href="/wp">Defense White Paper 2023</a></li></ul></aside>
<footer><p>Copyright Ministry of Defense. All rights reserved.</p><a href="/sitemap">Site map</a></footer></body></html>""".encode()


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library writes text)."""
    text = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["comparator", "--help"], ["comparator", "timeline", "--help"], ["compare", "--help"]])
def test_help_imports_no_model_numerics_or_decoders(argv):
    heavy = ("numpy", "scipy", "rapidfuzz", "charset_normalizer", "onnxruntime", "torch", "comparator.embed")
    entry = "compare_main" if argv[0] == "compare" else "main"
    code = (
        "import json, sys\n"
        "from comparator.cli import compare as cli\n"
        f"sys.argv = {argv!r}\n"
        f"try:\n    cli.{entry}()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


# --- corpus init ------------------------------------------------------------------------------


def test_init_records_every_statement_with_legacy_provenance(tmp_path):
    series = corpus_copy(tmp_path, with_records=False)
    result = comparator("corpus", "init", str(series))
    assert result.returncode == 0, result.stderr
    assert "9 added" in result.stderr
    entries = manifest(series)["statements"]
    assert [e["file"] for e in entries] == sorted(p.name for p in series.glob("*.txt"))
    for entry in entries:
        data = (series / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["date"] == entry["file"][:10]
        assert entry["title"] == "Japan-U.S. Defense Ministerial Meeting (Summary)"
        assert entry["source_url"].startswith("https://")
    official = [e["file"] for e in entries if e["provenance"] == "official text"]
    assert official == ["2023-10-04.txt"]
    assert all("paraphrase" in e["provenance"] for e in entries if e["file"] != "2023-10-04.txt")


def test_init_is_idempotent_and_keeps_hand_edits(tmp_path):
    series = corpus_copy(tmp_path, with_records=False)
    init_series(series)
    text = (series / MANIFEST).read_text(encoding="utf-8").replace("official text", "official text (checked)")
    (series / MANIFEST).write_text(text, encoding="utf-8")
    again = init_series(series)
    assert again.added == () and again.rehashed == ()
    assert (series / MANIFEST).read_text(encoding="utf-8") == text


def test_bundled_series_ships_its_manifest():
    shipped = manifest(CORPUS)["statements"]
    assert len(shipped) == 9
    for entry in shipped:
        assert hashlib.sha256((CORPUS / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
        assert entry["provenance"]


def test_date_from_the_statement_when_the_name_has_none(tmp_path):
    series = tmp_path / "s"
    series.mkdir()
    (series / "summary.txt").write_text(STATEMENT, encoding="utf-8")
    entry = init_series(series).manifest.entries[0]
    assert entry.date == "2023-10-05"  # the release date line of the statement
    assert entry.provenance is None


def test_rehash_re_records_an_edited_file_only_when_asked(tmp_path):
    series = corpus_copy(tmp_path)
    edited = series / "2024-07-29.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert init_series(series).rehashed == ()
    assert manifest(series)["statements"][5]["sha256"] != hashlib.sha256(edited.read_bytes()).hexdigest()
    assert init_series(series, rehash=True).rehashed == ("2024-07-29.txt",)
    assert manifest(series)["statements"][5]["sha256"] == hashlib.sha256(edited.read_bytes()).hexdigest()


def test_init_skips_undecodable_files_with_a_note(tmp_path):
    series = tmp_path / "s"
    series.mkdir()
    (series / "2024-01-01.txt").write_text(STATEMENT, encoding="utf-8")
    (series / "2024-02-02.txt").write_bytes(b"\x00\x01binary\x00")
    result = comparator("corpus", "init", str(series))
    assert result.returncode == 0
    assert "skipped" in result.stderr and "2024-02-02.txt" in result.stderr
    assert [e["file"] for e in manifest(series)["statements"]] == ["2024-01-01.txt"]


@pytest.mark.parametrize("text, fragment", [
    ("format = 1\n[[statements]]\nfile = 'a.txt'\n", "needs 'file' and 'sha256'"),
    ("format = 2\n", "unsupported format"),
    ("[[statements]\n", "not valid TOML"),
    ("[[statements]]\nfile = 'a.txt'\nsha256 = 'x'\ndate = '2024-13-01'\n", "not YYYY-MM-DD"),
])
def test_bad_manifests_are_one_line_errors(text, fragment):
    with pytest.raises(SeriesError, match=fragment):
        parse_manifest(text, "manifest.toml")


def test_init_of_a_missing_folder_fails_cleanly(tmp_path):
    assert_one_line_error(comparator("corpus", "init", str(tmp_path / "nowhere")), "no such folder")


def test_a_file_given_for_a_series_folder_fails_cleanly(tmp_path):
    statement = tmp_path / "2024-01-01.txt"
    statement.write_text("The Ministers met.\n", encoding="utf-8")
    assert_one_line_error(comparator("check", str(statement)), "is a file, expected a series folder")


# --- corpus add ------------------------------------------------------------------------------


def test_add_text_normalises_to_utf8_with_lf(tmp_path):
    series = corpus_copy(tmp_path)
    source = tmp_path / "2026-03-01 statement.txt"
    source.write_bytes(STATEMENT.replace("Kihara", "Nakatani").replace("\n", "\r\n").encode("cp1252", errors="replace"))
    result = comparator("corpus", "add", str(source), "--series", str(series), "--provenance", "official text")
    assert result.returncode == 0, result.stderr
    added = Path(result.stdout.strip())
    assert added == series / "2026-03-01.txt"
    data = added.read_bytes()
    assert b"\r" not in data and "Nakatani" in data.decode("utf-8") and "’" in data.decode("utf-8")
    entry = manifest(series)["statements"][-1]
    assert entry == {
        "file": "2026-03-01.txt", "sha256": hashlib.sha256(data).hexdigest(), "date": "2026-03-01",
        "title": "Japan-U.S. Defense Ministerial Meeting (Summary)", "provenance": "official text",
    }


def test_add_decodes_cp1252_as_compare_does(tmp_path):
    text = "The Ministers welcomed the “new” café agreement – a first. They noted the €5 million fund."
    source = tmp_path / "note.txt"
    source.write_bytes(text.encode("cp1252"))
    result = comparator("corpus", "add", str(source), "--series", str(tmp_path / "s"), "--date", "2024-05-05")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).read_text(encoding="utf-8") == text + "\n"


def test_add_refuses_a_statement_already_recorded(tmp_path):
    series = corpus_copy(tmp_path)
    result = comparator("corpus", "add", str(CORPUS / "2023-10-04.txt"), "--series", str(series), "--date", "2027-01-01")
    assert_one_line_error(result, "already recorded", "2023-10-04.txt")


def test_add_needs_a_date_it_can_find(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("The Ministers met.\n", encoding="utf-8")
    assert_one_line_error(comparator("corpus", "add", str(source), "--series", str(tmp_path / "new")), "--date")


def test_add_starts_a_new_series_in_an_empty_folder(tmp_path):
    result = comparator("corpus", "add", str(CORPUS / "2021-03-16.txt"), "--series", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    assert [e["file"] for e in manifest(tmp_path / "fresh")["statements"]] == ["2021-03-16.txt"]


def test_add_a_second_statement_of_the_same_day_gets_its_own_name(tmp_path):
    series = corpus_copy(tmp_path)
    source = tmp_path / "x.txt"
    source.write_text(STATEMENT.replace("Austin", "Hegseth"), encoding="utf-8")
    result = comparator("corpus", "add", str(source), "--series", str(series), "--date", "2023-10-04")
    assert Path(result.stdout.strip()).name == "2023-10-04-2.txt"


def test_add_html_page_from_a_local_server_keeps_the_body_only(tmp_path):
    series = corpus_copy(tmp_path)
    paragraphs = [p for p in STATEMENT.split("\n\n")[6:12] if p.strip()]
    with serve({"/en/2023/10/summary.html": body(page(paragraphs), content_type="text/html; charset=utf-8")}) as base:
        url = f"{base}/en/2023/10/summary.html"
        result = comparator("corpus", "add", url, "--series", str(series), "--date", "2023-10-06")
    assert result.returncode == 0, result.stderr
    added = Path(result.stdout.strip())
    text = added.read_text(encoding="utf-8")
    for paragraph in paragraphs:
        assert paragraph in text
    for junk in NAVIGATION:
        assert junk not in text
    assert "\n\n" in text and "\r" not in text
    entry = next(e for e in manifest(series)["statements"] if e["file"] == added.name)
    assert entry["source_url"] == url and entry["title"] == "Japan-U.S. Defense Ministerial Meeting (Summary)"


def test_add_url_errors_are_one_line(tmp_path):
    with serve({}) as base:
        result = comparator("corpus", "add", f"{base}/missing.html", "--series", str(tmp_path / "s"))
    assert_one_line_error(result, "HTTP 404")
    closed = comparator("corpus", "add", "http://127.0.0.1:9/x.html", "--series", str(tmp_path / "s"))
    assert_one_line_error(closed, "cannot fetch")


def test_pdf_text_layer_is_extracted():
    pdf = minimal_pdf(["Japan-U.S. Defense Ministerial Meeting", "October 5, 2023", "The Ministers affirmed the Alliance."])
    text = extract_text(pdf, DocType.PDF, "x.pdf")
    assert "The Ministers affirmed the Alliance." in text and text.endswith("\n")


def test_add_pdf_file(tmp_path):
    source = tmp_path / "2024-05-05.pdf"
    source.write_bytes(minimal_pdf(["Japan-U.S. Defense Ministerial Meeting", "The Ministers affirmed the Alliance."]))
    result = comparator("corpus", "add", str(source), "--series", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "affirmed the Alliance" in (tmp_path / "s" / "2024-05-05.txt").read_text(encoding="utf-8")


def test_broken_pdf_and_empty_page_fail_cleanly():
    with pytest.raises(ExtractError, match="not a readable PDF"):
        extract_text(b"%PDF-1.4 garbage", DocType.PDF, "x.pdf")
    with pytest.raises(ExtractError, match="no statement body"):
        extract_text(b"<html><head><title>Empty</title></head><body></body></html>", DocType.HTML, "x.html")


def test_normalise_text():
    assert normalise_text("\ufeffTitle  \r\n\r\n\r\n\r\nBody.\r") == "Title\n\nBody.\n"
