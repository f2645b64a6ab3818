"""`comparator build`: the static report site, its links, determinism and incremental rebuilds."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import CORPUS, StandInEmbedder, assert_one_line_error, comparator, corpus_copy

from comparator.series.folder import init_series
from comparator.series.policy import default_policy
from comparator.series.site import BUILD_MANIFEST, build_site

PAIRS = [f"{a.stem}__{b.stem}.html" for a, b in zip(sorted(CORPUS.glob("*.txt")), sorted(CORPUS.glob("*.txt"))[1:])]
TOPICS = [t.name for t in default_policy().watch.topics]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of a copy of the bundled series, built once through the CLI with the real model."""
    work = tmp_path_factory.mktemp("site")
    series = corpus_copy(work)
    result = comparator("build", str(series), "-o", str(work / "reports"))
    assert result.returncode == 0, result.stderr
    assert "written" in result.stderr
    return work / "reports"


def test_site_has_an_index_pair_reports_and_topic_pages(site):
    assert (site / "index.html").is_file()
    assert (site / "japan-us-defense" / "index.html").is_file()
    assert sorted(p.name for p in (site / "japan-us-defense" / "pairs").iterdir()) == sorted(PAIRS)
    assert sorted(p.stem for p in (site / "japan-us-defense" / "topics").iterdir()) == sorted(TOPICS)


def test_every_link_resolves_and_nothing_is_fetched(site):
    for page in site.rglob("*.html"):
        html = soup(page)
        csp = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None and "default-src 'none'" in csp["content"], page
        assert not html.select("script[src], link[href], img[src], iframe, object, embed"), page
        for element in html.find_all(href=True):
            href = element["href"]
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                assert element.name == "a" and "source" in element.get("class", []), (page, href)
                continue
            if not parts.path:
                continue  # an anchor within the page
            assert not parts.scheme and not href.startswith("/"), (page, href)
            assert (page.parent / unquote(parts.path)).resolve().is_file(), (page, href)


def test_series_index_shows_provenance_and_a_chart_of_every_meeting(site):
    html = soup(site / "japan-us-defense" / "index.html")
    rows = html.select("tbody tr")
    assert len(rows) == 9
    badges = {row.find("td").get_text(strip=True): row.select_one(".badge").get_text(strip=True) for row in rows}
    assert badges["2023-10-04"] == "Official text"
    assert all(label == "Not the official text" for date, label in badges.items() if date != "2023-10-04")
    bars = html.select("figure.chart svg a")
    assert [a["href"] for a in bars] == [f"pairs/{name}" for name in PAIRS]
    assert all(len(a.select("rect")) == 3 for a in bars)


def test_topic_page_has_one_stop_per_statement_linked_to_its_pair(site):
    html = soup(site / "japan-us-defense" / "topics" / "senkaku.html")
    stops = html.select("li.stop")
    assert len(stops) == 9
    assert "introduced" in stops[0]["class"]
    assert [s.select_one("a[href^='../pairs/']")["href"] for s in stops[1:]] == [f"../pairs/{name}" for name in PAIRS]
    assert html.select("del") and html.select("ins")  # reworded steps show their word diff


def test_pair_report_is_the_html_renderer_with_provenance(site):
    html = soup(site / "japan-us-defense" / "pairs" / "2023-10-04__2024-07-29.html")
    text = html.get_text(" ")
    assert "Official text" in text and "Not the official text" in text


def test_rebuild_writes_nothing_and_keeps_the_bytes(site):
    before = pages(site)
    result = comparator("build", str(site.parent / "japan-us-defense"), "-o", str(site))
    assert result.returncode == 0
    assert f"0 written, {2 + len(PAIRS) + len(TOPICS)} unchanged" in result.stderr
    assert pages(site) == before


def test_same_inputs_give_the_same_bytes_from_anywhere(site, tmp_path):
    other = tmp_path / "elsewhere"
    result = comparator("build", str((site.parent / "japan-us-defense").resolve()), "-o", str(other))
    assert result.returncode == 0
    assert pages(other) == pages(site)


def test_incremental_build_rebuilds_only_what_a_new_statement_touches(tmp_path, cache_dir):
    series = corpus_copy(tmp_path)
    out = tmp_path / "site"
    embedder = StandInEmbedder()
    first = build_site(series, out, embedder)
    assert len(first.written) == 1 + 1 + len(PAIRS) + len(TOPICS) and not first.unchanged
    latest = (series / "2026-01-15.txt").read_text(encoding="utf-8")
    (series / "2026-04-01.txt").write_text(latest.replace("Koizumi", "Nakatani"), encoding="utf-8")
    init_series(series)
    second = build_site(series, out, embedder)
    assert "japan-us-defense/pairs/2026-01-15__2026-04-01.html" in second.written
    assert not any(name in second.written for name in (f"japan-us-defense/pairs/{p}" for p in PAIRS))
    assert {"index.html", "japan-us-defense/index.html"} <= set(second.written)
    assert second.removed == ()


def test_tampered_output_is_rebuilt_and_obsolete_pages_removed(tmp_path, cache_dir):
    series = corpus_copy(tmp_path)
    out = tmp_path / "site"
    embedder = StandInEmbedder()
    build_site(series, out, embedder)
    page = out / "japan-us-defense" / "pairs" / PAIRS[0]
    page.write_text("tampered", encoding="utf-8")
    (out / "unrelated.txt").write_text("mine", encoding="utf-8")
    (series / "2026-01-15.txt").unlink()
    manifest = (series / "manifest.toml").read_text(encoding="utf-8")
    (series / "manifest.toml").write_text(manifest.split('[[statements]]\nfile = "2026-01-15.txt"')[0], encoding="utf-8")
    result = build_site(series, out, embedder)
    assert f"japan-us-defense/pairs/{PAIRS[0]}" in result.written and page.read_text(encoding="utf-8") != "tampered"
    assert result.removed == (f"japan-us-defense/pairs/{PAIRS[-1]}",)
    assert not (out / "japan-us-defense" / "pairs" / PAIRS[-1]).exists()
    assert (out / "unrelated.txt").exists() and (out / BUILD_MANIFEST).exists()


def test_build_of_nothing_is_trouble(tmp_path):
    result = comparator("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "no statement files" in result.stderr
    assert os.listdir(tmp_path) == []


def test_build_of_a_series_without_its_manifest_is_trouble(tmp_path):
    series = corpus_copy(tmp_path, with_records=False)
    result = comparator("build", str(series), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, str(series), f"comparator corpus init {series}")
    assert not (tmp_path / "out").exists()
