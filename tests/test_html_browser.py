"""The HTML report as a person uses it: opened from disk in headless Chromium, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_html import NEW, OLD, real_comparison, write_probe

from comparator.render.html import render_html
from comparator.render.json import comparison_dict
from comparator.series.provenance import provenance_for

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL = ("file:", "data:", "about:")

# WCAG AA contrast of every visible text node's colour against the first opaque background behind it.
CONTRAST = """() => {
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length || el.closest("[hidden], [aria-hidden=true]")) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) bad.push([el.className || el.tagName, node.textContent.trim().slice(0, 30), ratio.toFixed(2)]);
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> tuple[Path, dict]:
    comparison = real_comparison(OLD, NEW)
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(comparison, provenance_for(OLD), provenance_for(NEW)), encoding="utf-8")
    return path, comparison_dict(comparison)


class Visit:
    """A page that records console errors and every request that would leave the machine."""

    def __init__(self, browser, javascript: bool = True, width: int = 1280) -> None:
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.context.route("**/*", self.route)

    def route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        return self.page

    def visible(self, selector: str) -> list[str]:
        return self.page.eval_on_selector_all(selector, "els => els.filter(e => e.getClientRects().length).map(e => e.id)")


@pytest.fixture
def visit(browser):
    visits: list[Visit] = []

    def start(**options) -> Visit:
        visits.append(Visit(browser, **options))
        return visits[-1]

    yield start
    for v in visits:
        v.context.close()
    for v in visits:
        assert v.errors == [], v.errors
        assert v.requests == [], v.requests


def changed_ids(data: dict, keep=lambda change: True) -> list[str]:
    return [f"c{k}" for k, c in enumerate(data["changes"], start=1) if (c["kind"] != "unchanged" or c["moved"]) and keep(c)]


def test_opens_offline_with_changes_only_on(visit, corpus_report):
    path, data = corpus_report
    v = visit()
    page = v.open(path)
    assert page.is_visible("#filters") and page.is_checked("input[name=only]")
    assert v.visible("#rows > article.change") == changed_ids(data)
    assert page.text_content("#status") == f"Showing {len(changed_ids(data))} of {len(data['changes'])} points"
    page.uncheck("input[name=only]")
    assert len(v.visible("#rows > article.change")) == len(data["changes"])


def test_kind_filter_keeps_only_the_checked_kinds(visit, corpus_report):
    path, data = corpus_report
    v = visit()
    page = v.open(path)
    for kind in ("new", "reworded", "moved", "unchanged"):
        page.uncheck(f"input[name=kind][value={kind}]")
    assert v.visible("#rows > article.change") == changed_ids(data, lambda c: c["kind"] == "dropped")
    assert len(v.visible("#rows > article.change")) == data["summary"]["dropped"]
    page.check("input[name=kind][value=moved]")
    assert v.visible("#rows > article.change") == changed_ids(data, lambda c: c["kind"] == "dropped" or c["moved"])


def test_shift_filter_hides_that_shift_only(visit, corpus_report):
    path, data = corpus_report
    v = visit()
    page = v.open(path)
    page.uncheck("input[name=shift][value=strengthened]")
    assert v.visible("#rows > article.change") == changed_ids(data, lambda c: c["shift"] != "strengthened")


def test_topic_filter_and_empty_state(visit, corpus_report):
    path, data = corpus_report
    topic = next(t for c in data["changes"] for t in c["topics"])
    v = visit()
    page = v.open(path)
    page.select_option("select[name=topic]", topic)
    assert v.visible("#rows > article.change") == changed_ids(data, lambda c: topic in c["topics"])
    page.select_option("select[name=topic]", "*")
    assert v.visible("#rows > article.change") == changed_ids(data, lambda c: bool(c["topics"]))
    for box in page.query_selector_all("input[name=kind]"):
        box.uncheck()
    assert v.visible("#rows > article.change") == [] and page.is_visible("#empty")
    assert v.visible("#rows > h4.sec") == []
    page.click("button[type=reset]")
    page.wait_for_selector("#empty", state="hidden")
    assert v.visible("#rows > article.change") == changed_ids(data)


def test_redline_toggle(visit, corpus_report):
    path, _ = corpus_report
    v = visit()
    page = v.open(path)
    assert page.is_visible("#aligned") and not page.is_visible("#redline")
    page.click("button[data-view=redline]")
    assert page.is_visible("#redline") and not page.is_visible("#aligned") and not page.is_visible("#filters")
    assert page.get_attribute("button[data-view=redline]", "aria-pressed") == "true"
    assert page.locator("#redline del").count() > 0 and page.locator("#redline ins").count() > 0
    href = page.get_attribute("#redline a.ref >> nth=0", "href")
    page.click("#redline a.ref >> nth=0")
    assert page.is_visible("#aligned") and page.evaluate("document.activeElement.id") == href[1:]


def test_keys_step_through_changes(visit, corpus_report):
    path, data = corpus_report
    ids = changed_ids(data)
    v = visit()
    page = v.open(path)
    active = lambda: page.evaluate("document.activeElement.id")  # noqa: E731
    page.keyboard.press("n")
    assert active() == ids[0]
    page.keyboard.press("n")
    assert active() == ids[1]
    page.keyboard.press("j")
    assert active() == ids[2]
    page.keyboard.press("p")
    assert active() == ids[1]
    page.keyboard.press("k")
    assert active() == ids[0]
    page.click("button[data-view=redline]")
    page.keyboard.press("n")
    assert active() == page.eval_on_selector("#redline .rl", "e => e.id")


def test_alert_link_reveals_a_filtered_row(visit, corpus_report):
    path, _ = corpus_report
    v = visit()
    page = v.open(path)
    href = page.get_attribute("#alerts .alert a >> nth=0", "href")
    for box in page.query_selector_all("input[name=kind]"):
        box.uncheck()
    page.click("#alerts .alert a >> nth=0")
    assert page.is_visible(href) and page.evaluate("document.activeElement.id") == href[1:]


def test_without_javascript_everything_is_visible_and_the_controls_are_not(visit, corpus_report):
    path, data = corpus_report
    v = visit(javascript=False)
    page = v.open(path)
    assert not page.is_visible("#controls")
    assert len(v.visible("#rows > article.change")) == len(data["changes"])
    assert page.is_visible("#aligned") and page.is_visible("#redline")


def test_untrusted_statements_execute_nothing(visit, tmp_path):
    old, new = write_probe(tmp_path)
    path = tmp_path / "probe.html"
    path.write_text(render_html(real_comparison(old, new), provenance_for(old), provenance_for(new)), encoding="utf-8")
    v = visit()
    page = v.open(path)
    page.mouse.move(300, 300)
    page.click("button[data-view=redline]")
    page.click("button[data-view=aligned]")
    assert page.evaluate("window.__pwned") is None
    assert page.get_by_text('<img src=x onerror="window.__pwned=1">').count() > 0
    assert page.title().startswith("<script>")


def test_colours_meet_wcag_aa(visit, corpus_report):
    path, _ = corpus_report
    v = visit()
    page = v.open(path)
    page.uncheck("input[name=only]")
    page.click(".legend summary")
    assert page.evaluate(CONTRAST) == []
    page.click("button[data-view=redline]")
    assert page.evaluate(CONTRAST) == []


def test_phone_width_has_no_sideways_scroll(visit, corpus_report):
    path, _ = corpus_report
    v = visit(width=390)
    page = v.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.eval_on_selector("#rows > article.change", "e => getComputedStyle(e).gridTemplateColumns.split(' ').length") == 1


def test_print_hides_the_controls(visit, corpus_report):
    path, _ = corpus_report
    v = visit()
    page = v.open(path)
    page.emulate_media(media="print")
    assert not page.is_visible("#controls") and page.is_visible("#aligned")
    assert page.pdf()[:4] == b"%PDF"


def test_moved_row_links_to_where_it_stood_and_back(visit, tmp_path):
    from test_html import crafted

    path = tmp_path / "crafted.html"
    path.write_text(render_html(crafted()), encoding="utf-8")
    v = visit()
    page = v.open(path)
    page.click("#c6 .moved-from a")
    assert page.evaluate("document.activeElement.id") == "from-c6"
    page.click("#from-c6 a")
    assert page.evaluate("document.activeElement.id") == "c6"
    assert json.loads(page.evaluate("JSON.stringify(location.hash)")) == "#c6"
