"""The HTML report, read as parsed HTML: structure against the JSON contract, safety, determinism, size."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CORPUS, corpus_file, run_cli

from comparator.compare import compare_sources
from comparator.embed import load_embedder
from comparator.models import Change, Comparison, Kind, Sentence, Shift, Source, Statement
from comparator.read import read_source
from comparator.render.common import alerts
from comparator.render.html import render_html
from comparator.render.json import comparison_dict
from comparator.series.provenance import provenance_for, provenance_of
from comparator.worddiff import word_edits

OLD, NEW = corpus_file("2023-10-04"), corpus_file("2024-07-29")

PROBE_OLD = """\
<script>window.__pwned=1</script> Ministerial Statement </title></textarea>

March 1, 2024

1. Regional <img src=x onerror="window.__pwned=1"> affairs

The Ministers confirmed that they would continue close cooperation on <script>window.__pwned=1</script> deterrence. \
The Ministers reaffirmed the importance of peace and stability across the Taiwan Strait.

See <a href="javascript:window.__pwned=1">javascript:window.__pwned=1</a> for the full record of the meeting. \
The Ministers noted the text ends here </textarea><script>window.__pwned=1</script> and </style><svg onload="window.__pwned=1">.
"""
PROBE_NEW = """\
<script>window.__pwned=1</script> Ministerial Statement </title></textarea>

June 1, 2024

1. Regional <img src=x onerror="window.__pwned=1"> affairs

The Ministers confirmed that they would continue close cooperation on <img src=x onerror="window.__pwned=1"> deterrence. \
The Ministers noted the importance of peace across the Taiwan Strait.

See <a href="javascript:window.__pwned=1">javascript:window.__pwned=1</a> for the full record of the meeting. \
The Ministers welcomed {{ 7*7 }} progress on <iframe src="https://example.com/"></iframe> the joint plan.
"""
PROBE_PROVENANCE = {"provenance": "</textarea><script>window.__pwned=1</script>", "source_url": "javascript:window.__pwned=1"}

NETWORK_ATTRIBUTE = re.compile(r"""\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:|//)""", re.I)


def real_comparison(old: Path, new: Path) -> Comparison:
    return compare_sources(read_source(str(old)), read_source(str(new)), load_embedder())


def write_probe(folder: Path) -> tuple[Path, Path]:
    """The XSS probe pair, with a manifest whose provenance is hostile too."""
    old, new = folder / "probe-old.txt", folder / "probe-new.txt"
    old.write_text(PROBE_OLD, encoding="utf-8")
    new.write_text(PROBE_NEW, encoding="utf-8")
    manifest = [{"file": p.name, **PROBE_PROVENANCE} for p in (old, new)]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return old, new


@pytest.fixture(scope="module")
def corpus_pair() -> tuple[Comparison, str, dict]:
    """The real comparison of the official 2023-10-04 text with the 2024-07-29 paraphrase."""
    comparison = real_comparison(OLD, NEW)
    return comparison, render_html(comparison, provenance_for(OLD), provenance_for(NEW)), comparison_dict(comparison)


@pytest.fixture(scope="module")
def soup(corpus_pair) -> BeautifulSoup:
    return BeautifulSoup(corpus_pair[1], "html.parser")


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> str:
    old, new = write_probe(tmp_path_factory.mktemp("probe"))
    return render_html(real_comparison(old, new), provenance_for(old), provenance_for(new))


def sentence(index: int, text: str, section: str | None, paragraph: int = 1) -> Sentence:
    return Sentence(index, text, 0, len(text), section, paragraph)


def statement(path: str, date: str, sentences: list[Sentence]) -> Statement:
    text = " ".join(s.text for s in sentences)
    source = Source(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
    return Statement(source, "Crafted Statement", date, (), tuple(sorted({s.section for s in sentences if s.section})), tuple(sentences))


def reworded(olds: list[Sentence], news: list[Sentence], shift: Shift, moved: bool = False, **extra) -> Change:
    old_text, new_text = " ".join(s.text for s in olds), " ".join(s.text for s in news)
    return Change(Kind.REWORDED, moved, 0.8, shift, extra.get("reasons", ()), extra.get("topics", ()), 0.9,
                  tuple(olds), tuple(news), word_edits(old_text, new_text))


def crafted() -> Comparison:
    """Every shape a row can take: a split, a merge, a move across sections, new, dropped, unchanged."""
    o = [
        sentence(0, "The Ministers met in Tokyo.", None),
        sentence(1, "The Ministers reaffirmed their firm commitment to peace.", "A"),
        sentence(2, "They discussed the budget and agreed on a timeline.", "A"),
        sentence(3, "They noted the exercise.", "A"),
        sentence(4, "They welcomed the drill.", "A"),
        sentence(5, "The Ministers confirmed the basing plan.", "A"),
        sentence(6, "They agreed to meet again.", "B"),
    ]
    n = [
        sentence(0, "The Ministers met in Tokyo.", None),
        sentence(1, "The Ministers noted their commitment to peace.", "A", 2),
        sentence(2, "They discussed the budget.", "A", 2),
        sentence(3, "They agreed on a timeline.", "A", 2),
        sentence(4, "They noted the exercise and welcomed the drill.", "A", 3),
        sentence(5, "They agreed to meet again soon.", "B", 4),
        sentence(6, "The Ministers confirmed the revised basing plan.", "B", 4),
        sentence(7, "They launched a new dialogue.", "B", 4),
    ]
    changes = (
        Change(Kind.UNCHANGED, False, 1.0, None, (), (), 1.0, (o[0],), (n[0],)),
        reworded([o[1]], [n[1]], Shift.WEAKENED, reasons=("verb: 'reaffirmed' → 'noted'",), topics=("peace",)),
        reworded([o[2]], [n[2], n[3]], Shift.NEUTRAL),
        reworded([o[3], o[4]], [n[4]], Shift.NEUTRAL),
        reworded([o[6]], [n[5]], Shift.STRENGTHENED, topics=("meetings",)),
        reworded([o[5]], [n[6]], Shift.ALTERED, moved=True, topics=("basing",)),
        Change(Kind.NEW, False, None, None, (), ("dialogue",), 0.7, (), (n[7],)),
    )
    return Comparison(statement("old.txt", "2024-01-01", o), statement("new.txt", "2024-02-01", n), "test/stand-in", changes)


def rows(page: BeautifulSoup) -> list:
    return page.select("#rows > article.change")


def marked_texts(element, tag: str) -> list[str]:
    return [m.get_text() for m in element.find_all(tag)]


def edit_texts(change: dict, side: str, ops: tuple[str, ...]) -> list[str]:
    return [e[side].strip() for e in change["edits"] if e["op"] in ops and e[side].strip()]


def test_rows_per_kind_equal_the_json_summary(soup, corpus_pair):
    summary = corpus_pair[2]["summary"]
    found = rows(soup)
    assert len(found) == len(corpus_pair[2]["changes"])
    for kind in ("unchanged", "reworded", "new", "dropped", "moved"):
        assert sum(kind in r["data-tags"].split() for r in found) == summary[kind], kind


def test_rows_follow_the_json_changes_in_order(soup, corpus_pair):
    for row, change in zip(rows(soup), corpus_pair[2]["changes"], strict=True):
        assert row["data-tags"].split()[0] == change["kind"]
        assert row["data-shift"] == (change["shift"] or "")
        assert row["data-topics"].split() == change["topics"]
        old, new = row.select_one(".side.old"), row.select_one(".side.new")
        if change["old"]:
            assert old.select_one(".text").get_text() == " ".join(s["text"] for s in change["old"])
        else:
            assert "absent" in old["class"] and old.select_one(".text") is None
        if change["new"]:
            assert new.select_one(".text").get_text() == " ".join(s["text"] for s in change["new"])
        else:
            assert "absent" in new["class"] and new.select_one(".text") is None


def test_every_del_and_ins_matches_the_json_edits(soup, corpus_pair):
    changes = corpus_pair[2]["changes"]
    assert any(c["kind"] == "reworded" for c in changes)
    for row, change in zip(rows(soup), changes, strict=True):
        assert marked_texts(row.select_one(".side.old"), "del") == edit_texts(change, "old", ("delete", "replace"))
        assert marked_texts(row.select_one(".side.new"), "ins") == edit_texts(change, "new", ("insert", "replace"))
        assert not row.select(".side.old ins, .side.new del")


def test_redline_marks_the_same_edits_in_place(soup, corpus_pair):
    for k, change in enumerate(corpus_pair[2]["changes"], start=1):
        span = soup.select_one(f"#r{k}")
        if change["kind"] == "unchanged" and not change["moved"]:
            assert span is None
            continue
        if change["kind"] == "reworded":
            expected = [(e["op"], e) for e in change["edits"] if e["op"] != "equal"]
            dels = [e["old"].strip() for op, e in expected if op in ("delete", "replace") and e["old"].strip()]
            inss = [e["new"].strip() for op, e in expected if op in ("insert", "replace") and e["new"].strip()]
        else:
            dels = [" ".join(s["text"] for s in change["old"])] if change["kind"] == "dropped" else []
            inss = [" ".join(s["text"] for s in change["new"])] if change["kind"] == "new" else []
        assert marked_texts(span, "del") == dels
        assert marked_texts(span, "ins") == inss
        assert span.find_next_sibling("a", class_="ref")["href"] == f"#c{k}"


def test_header_shows_both_statements_with_provenance(soup, corpus_pair):
    comparison = corpus_pair[0]
    cards = soup.select(".statement")
    assert [c.select_one(".prov").get_text(strip=True) for c in cards] == ["✓Official text", "⚠Not the official text"]
    for card, st, path in zip(cards, (comparison.old, comparison.new), (OLD, NEW)):
        text = card.get_text(" ", strip=True)
        assert st.title in text and st.date in text and st.source.sha256 in text
        assert provenance_for(path)["source_url"] in text
    banner = soup.select_one(".banner").get_text(" ", strip=True)
    assert "later statement" in banner and "not the official text" in banner and "illustrative paraphrase" in banner
    assert comparison.model in soup.select_one(".stamp").get_text()
    assert "⚠ not official" in soup.select(".colheads > div")[1].get_text()


def test_stamp_comes_from_the_inputs_not_the_clock(corpus_pair):
    comparison, html, _ = corpus_pair
    stamp = hashlib.sha256(f"{comparison.old.source.sha256}\n{comparison.new.source.sha256}\n{comparison.model}".encode()).hexdigest()[:16]
    assert f"<code>{stamp}</code>" in html
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", html)


def test_alerts_list_watched_changes_most_serious_first_and_link_to_rows(soup, corpus_pair):
    comparison = corpus_pair[0]
    expected = alerts(comparison)
    links = soup.select("#alerts .alert a")
    assert [a["href"] for a in links] == [f"#c{k + 1}" for k, _ in expected]
    assert all(soup.select_one(a["href"]) is not None for a in links)
    verdicts = [li["class"][1] for li in soup.select("#alerts .alert")]
    serious = [v in ("v-weakened", "v-dropped") for v in verdicts]
    assert serious == sorted(serious, reverse=True)


def test_section_headings_appear_when_the_section_changes(soup, corpus_pair):
    sections = corpus_pair[0].new.sections
    headings = [h.contents[0].strip() for h in soup.select("#rows > h4.sec")]
    assert headings[0] == "Opening"
    assert [h for h in headings if h in sections] == list(sections)
    assert all(a != b for a, b in zip(headings, headings[1:]))


def test_shift_reasons_are_visible(soup, corpus_pair):
    for row, change in zip(rows(soup), corpus_pair[2]["changes"], strict=True):
        why = row.select_one(".why")
        if change["reasons"]:
            assert why.get_text(" ", strip=True) == f"{change['shift']}: " + "; ".join(change["reasons"])
        else:
            assert why is None


def test_similarity_and_confidence_on_hover(soup, corpus_pair):
    for row, change in zip(rows(soup), corpus_pair[2]["changes"], strict=True):
        title = row.select_one(".row-head")["title"]
        assert f"confidence {change['confidence']:.2f}" in title
        if change["similarity"] is not None:
            assert f"similarity {change['similarity']:.2f}" in title


def test_no_javascript_shows_everything_and_hides_only_the_controls(soup):
    assert {e.get("id") for e in soup.select("[hidden]")} == {"controls", "empty"}
    assert soup.select_one("#redline") and soup.select_one("#aligned")
    assert soup.select_one(".legend")


def test_the_report_is_self_contained(corpus_pair, soup, probe):
    for html in (corpus_pair[1], probe):
        assert not NETWORK_ATTRIBUTE.search(html)
        page = BeautifulSoup(html, "html.parser")
        assert not page.select("link, img, iframe, object, embed, base, form[action], video, audio, source")
        for element in page.find_all(True):
            for name in ("src", "href"):
                value = element.get(name)
                assert value is None or value.startswith("#"), (element.name, value)
        css = page.style.string
        assert "url(" not in css and "@import" not in css


def test_content_security_policy_forbids_network_and_pins_the_inline_code(soup):
    csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in csp and "unsafe" not in csp
    for tag in ("style", "script"):
        digest = base64.b64encode(hashlib.sha256(soup.find(tag).string.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert len(soup.find_all("script")) == 1 and len(soup.find_all("style")) == 1


def test_untrusted_text_renders_inert(probe):
    page = BeautifulSoup(probe, "html.parser")
    assert len(page.find_all("script")) == 1
    assert not page.select("img, svg, iframe, textarea")
    for element in page.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], element.name
        assert not str(element.get("href", "")).lower().startswith("javascript:")
    text = page.get_text()
    for fragment in ('<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>", "</textarea>", "{{ 7*7 }}", 'href="javascript:window.__pwned=1"'):
        assert fragment in text
    assert page.title.get_text().startswith("<script>window.__pwned=1</script> Ministerial Statement")


def test_same_inputs_give_the_same_bytes(corpus_pair):
    comparison, html, _ = corpus_pair
    again = render_html(real_comparison(OLD, NEW), provenance_for(OLD), provenance_for(NEW))
    assert again.encode() == html.encode()


def test_corpus_report_stays_under_150_kb(corpus_pair):
    assert len(corpus_pair[1].encode()) < 150_000


def test_splits_merges_and_moves_are_one_row_each():
    page = BeautifulSoup(render_html(crafted()), "html.parser")
    found = rows(page)
    assert len(found) == 7
    split, merge = found[2], found[3]
    assert "split 1 → 2 sentences" in split.get_text() and "later sentences 3–4" in split.get_text()
    assert "merged 2 → 1 sentences" in merge.get_text() and "earlier sentences 4–5" in merge.get_text()
    moved = found[5]
    assert "moved" in moved["data-tags"].split()
    assert "stood as earlier sentence 6, under “A”" in moved.select_one(".moved-from").get_text()
    origin = page.select_one(moved.select_one(".moved-from a")["href"])
    assert origin["data-target"] == moved["id"] and origin.a["href"] == f"#{moved['id']}"
    assert origin.find_previous("h4", class_="sec").contents[0].strip() == "A"
    assert "further down" in origin.get_text()


def test_changes_that_need_review_carry_a_badge_and_a_filter():
    comparison = crafted()
    flagged = dataclasses.replace(comparison, changes=tuple(dataclasses.replace(c, review=k == 1) for k, c in enumerate(comparison.changes)))
    page = BeautifulSoup(render_html(flagged), "html.parser")
    found = rows(page)
    assert [r["data-review"] for r in found] == ["0", "1", "0", "0", "0", "0", "0"]
    assert "needs review" in found[1].get_text() and "needs review" not in found[2].get_text()
    toggle = page.select_one("#filters input[name='review']")
    assert toggle is not None and not toggle.has_attr("checked")
    assert toggle.find_parent("label").select_one(".count").get_text() == "1"


def test_moved_row_right_after_its_old_place_has_no_origin_marker():
    base = crafted()
    changes = list(base.changes)
    changes[4], changes[5] = changes[5], changes[4]
    page = BeautifulSoup(render_html(Comparison(base.old, base.new, base.model, tuple(changes))), "html.parser")
    assert not page.select(".origin")
    assert page.select_one(".moved-from a") is None
    assert "stood as earlier sentence 6" in page.select_one(".moved-from").get_text()


def test_dropped_point_goes_under_its_section_counterpart():
    base = crafted()
    old = Statement(base.old.source, base.old.title, base.old.date, (), ("A", "Old B"),
                    tuple(s if s.section != "B" else sentence(s.index, s.text, "Old B") for s in base.old.sentences))
    dropped = Change(Kind.DROPPED, False, None, None, (), (), 0.6, (old.sentences[6],), ())
    changes = (*base.changes[:4], dropped, *base.changes[5:])
    page = BeautifulSoup(render_html(Comparison(old, base.new, base.model, changes)), "html.parser")
    row = rows(page)[4]
    assert row.find_previous("h4", class_="sec").contents[0].strip() == "Old B"


def test_large_comparisons_fold_unchanged_runs():
    base = crafted()
    page = BeautifulSoup(render_html(base, fold_above=3), "html.parser")
    folds = page.select("#rows > .fold")
    assert len(folds) == 1 and folds[0]["data-count"] == "1"
    assert len(rows(page)) + sum(int(f["data-count"]) for f in folds) == len(base.changes)
    assert "folded" in page.select_one("#aligned .note").get_text()
    assert "The Ministers met in Tokyo." in page.select_one("#redline").get_text()


def test_a_5_mb_pair_renders_in_linear_time_and_space():
    o, n, changes = [], [], []
    for k in range(25_000):
        text = f"Point {k}: the Ministers confirmed that they would continue to strengthen cooperation in area {k}."
        section = f"Section {k // 50}"
        o.append(sentence(k, text * 2, section, k // 5))
        n.append(sentence(k, text * 2 if k % 100 else text, section, k // 5))
        if k % 100:
            changes.append(Change(Kind.UNCHANGED, False, 1.0, None, (), (), 1.0, (o[k],), (n[k],)))
        else:
            changes.append(reworded([o[k]], [n[k]], Shift.WEAKENED))
    comparison = Comparison(statement("old.txt", "2024-01-01", o), statement("new.txt", "2024-02-01", n), "m", tuple(changes))
    size = len(comparison.old.source.text) + len(comparison.new.source.text)
    assert size > 9_000_000
    start = time.perf_counter()
    html = render_html(comparison)
    assert time.perf_counter() - start < 30
    assert len(html.encode()) < size


@pytest.mark.parametrize("manifest, content, expected", [
    (
        "manifest.json", json.dumps([{"file": "s.txt", "provenance": "official text", "source_url": "https://x"}]),
        {"file": "s.txt", "provenance": "official text", "source_url": "https://x"},
    ),
    (
        "manifest.toml", '[[statements]]\nfile = "s.txt"\nsha256 = "ab"\nprovenance = "official text"\nsource_url = "https://x"\n',
        {"file": "s.txt", "sha256": "ab", "date": None, "title": None, "provenance": "official text", "source_url": "https://x"},
    ),
])
def test_provenance_comes_from_a_sibling_manifest(tmp_path, manifest, content, expected):
    (tmp_path / manifest).write_text(content, encoding="utf-8")
    assert provenance_for(tmp_path / "s.txt") == expected
    assert provenance_for(tmp_path / "other.txt") is None


def test_provenance_prefers_toml_and_falls_back_to_json(tmp_path):
    (tmp_path / "manifest.toml").write_text('[[statements]]\nfile = "a.txt"\nsha256 = "ab"\nprovenance = "toml"\n', encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([{"file": "a.txt", "provenance": "json"}, {"file": "b.txt", "provenance": "json"}]), encoding="utf-8")
    assert provenance_for(tmp_path / "a.txt")["provenance"] == "toml"
    assert provenance_for(tmp_path / "b.txt")["provenance"] == "json"


@pytest.mark.parametrize("manifest, content", [
    ("manifest.json", "{not json"),
    ("manifest.json", '{"file": "s.txt"}'),
    ("manifest.json", '["s.txt", 3, null]'),
    ("manifest.toml", "statements = [1, 2"),
    ("manifest.toml", 'statements = "s.txt"'),
    ("manifest.toml", '[[statements]]\nfile = "s.txt"\nprovenance = "official text"\n'),  # no sha256: check rejects it too
])
def test_provenance_tolerates_garbage(tmp_path, manifest, content):
    (tmp_path / manifest).write_text(content, encoding="utf-8")
    assert provenance_for(tmp_path / "s.txt") is None


@pytest.mark.parametrize("entry, status, label", [
    ({"provenance": " Official text (MOD)", "source_url": "https://x"}, "official", "Official text"),
    ({"provenance": "unofficial summary"}, "caution", "Not the official text"),
    ({"provenance": "  "}, "unknown", "Provenance unknown"),
    ({}, "unknown", "Provenance unknown"),
    (None, "unknown", "Provenance unknown"),
])
def test_provenance_is_official_only_when_its_note_says_so_first(entry, status, label):
    origin = provenance_of(entry)
    assert (origin.status, origin.label) == (status, label)
    assert origin.note == ((entry or {}).get("provenance") or "").strip()
    assert origin.source_url == (entry or {}).get("source_url")


def test_provenance_of_stdin_or_a_bare_folder_is_none(tmp_path):
    assert provenance_for("-") is None
    assert provenance_for(tmp_path / "s.txt") is None
    assert provenance_for(CORPUS / "2023-10-04.txt")["provenance"] == "official text"


def test_unknown_provenance_is_said_plainly():
    page = BeautifulSoup(render_html(crafted()), "html.parser")
    assert [p.get_text(strip=True) for p in page.select(".prov")] == ["?Provenance unknown"] * 2
    assert page.select_one(".banner") is None


def test_an_empty_comparison_still_renders():
    base = crafted()
    page = BeautifulSoup(render_html(Comparison(base.old, base.new, base.model, ())), "html.parser")
    assert rows(page) == [] and page.select_one("#empty") is not None
    assert "No change touches a watched topic." in page.select_one("#alerts").get_text()


def test_cli_writes_the_report(tmp_path):
    target = tmp_path / "report.html"
    result = run_cli(str(OLD), str(NEW), "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    assert "Not the official text" in page.select(".statement")[1].get_text()
