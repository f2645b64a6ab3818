"""``comparator build``: a static report site for one series or a folder of series.

Layout under the output folder (every link relative, every page self-contained)::

    index.html                          the series
    SERIES/index.html                   statements, provenance, a chart of changes per meeting, topics
    SERIES/pairs/OLD__NEW.html          the HTML report of each successive pair
    SERIES/topics/TOPIC.html            the timeline of each watched topic
    .comparator-build.json              per output: a hash of its inputs and of its bytes

A page is rebuilt only when the hash of its inputs changed (for a pair report:
both files, their manifest entries, the model, the watched topics and
comparator's code; for the other pages: their whole view model) or the file
on disk is not the one written. The same inputs always give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup

from comparator.cache import EmbeddingCache
from comparator.embed import Embedder
from comparator.models import Comparison
from comparator.render.html import content_security_policy, render_html, template_environment
from comparator.series.batch import DigestCache, Progress, chain_digests, code_fingerprint, watch_fingerprint
from comparator.series.check import PairResult, pair_results
from comparator.series.folder import SeriesState, recorded_series
from comparator.series.manifest import Entry
from comparator.series.policy import Policy, series_policy
from comparator.series.provenance import provenance_of
from comparator.series.timeline import Status, Timeline, chain_timeline
from comparator.write import remove_stale_temp_files

if TYPE_CHECKING:
    from comparator.series.cluster import Cluster

BUILD_MANIFEST = ".comparator-build.json"
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 960, 180, 24
_KINDS = ("reworded", "new", "dropped")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

# The report templates come second: the site shares their safe <head>.
_ENV = template_environment("templates/site", "templates")


@dataclass(frozen=True)
class BuildResult:
    """Output paths (relative to the site folder) written, left as they were, and removed as obsolete."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


class _Outputs:
    """The build manifest: writes a page only when its inputs changed, remembers what it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self.previous: dict[str, dict[str, str]] = json.loads((root / BUILD_MANIFEST).read_text(encoding="utf-8"))["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.previous = {}
        self.current: dict[str, dict[str, str]] = {}
        self.written: list[str] = []

    def fresh(self, rel: str, key: str) -> bool:
        """Say whether ``rel`` was built from inputs hashing to ``key`` and is still intact; if so, keep it."""
        known = self.previous.get(rel)
        target = self.root / rel
        if not known or known.get("inputs") != key or not target.is_file():
            return False
        if hashlib.sha256(target.read_bytes()).hexdigest() != known.get("sha256"):
            return False
        self.current[rel] = known
        return True

    def write(self, rel: str, key: str, text: str) -> None:
        from comparator.write import write_bytes_atomic

        data = text.encode("utf-8")
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, data)
        self.current[rel] = {"inputs": key, "sha256": hashlib.sha256(data).hexdigest()}
        self.written.append(rel)

    def emit(self, rel: str, key: str, render: Callable[[], str]) -> None:
        if not self.fresh(rel, key):
            self.write(rel, key, render())

    def finish(self) -> BuildResult:
        """Delete outputs of earlier builds that this one did not produce; save the manifest."""
        from comparator.write import write_text_atomic

        root = self.root.resolve()
        # Only files this tool wrote inside the site folder, whatever an old manifest says.
        removed = sorted(rel for rel in set(self.previous) - set(self.current) if (root / rel).resolve().is_relative_to(root))
        for rel in removed:
            (root / rel).unlink(missing_ok=True)
        manifest = {"format": 1, "outputs": dict(sorted(self.current.items()))}
        write_text_atomic(self.root / BUILD_MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        unchanged = sorted(set(self.current) - set(self.written))
        return BuildResult(tuple(sorted(self.written)), tuple(unchanged), tuple(removed))


def build_site(
    folder: Path, out: Path, embedder: Embedder, policy_path: Path | None = None, progress: Progress | None = None, cluster: Cluster | None = None,
) -> BuildResult:
    """Build (incrementally) the report site of every series under ``folder`` into ``out``, comparing on ``cluster`` if given; SeriesError for a series without its manifest."""
    states = recorded_series(folder)
    policies = [series_policy(s.folder, policy_path) for s in states]
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out)  # left by a build killed mid-write; they would be uploaded with the site
    outputs = _Outputs(out)
    summaries = []
    with EmbeddingCache() as cache, DigestCache() as store:
        for state, policy in zip(states, policies):
            summaries.append(_build_series(state, policy, embedder, cache, store, outputs, progress, cluster))
    view = {"title": "Statement series", "root": "", "series": summaries, "version": _version()}
    outputs.emit("index.html", _view_key("index", view), lambda: _render("index.html", view))
    return outputs.finish()


def _build_series(
    state: SeriesState, policy: Policy, embedder: Embedder, cache: EmbeddingCache, store: DigestCache, outputs: _Outputs, progress: Progress | None,
    cluster: Cluster | None = None,
) -> dict[str, Any]:
    """Write one series' pages; return its line on the site index."""
    slug = _slug(state.name)
    chain = state.chain()
    entries = [entry for entry, _ in chain]
    # Paths relative to the site, so a page's bytes do not depend on where the build ran.
    sources = [replace(source, path=f"{state.name}/{entry.file}") for entry, source in chain]
    names = [pair_page(a, b) for a, b in zip(entries, entries[1:])]
    code, watched = code_fingerprint(), watch_fingerprint(policy.watch)
    keys = [
        _key("pair", code, embedder.name, watched, json.dumps(vars(a)), json.dumps(vars(b)))
        for a, b in zip(entries, entries[1:])
    ]
    stale = {k for k, (name, key) in enumerate(zip(names, keys)) if not outputs.fresh(f"{slug}/pairs/{name}", key)}

    def write_pair(k: int, comparison: Comparison) -> None:
        if k in stale:
            outputs.write(f"{slug}/pairs/{names[k]}", keys[k], render_html(comparison, vars(entries[k]), vars(entries[k + 1])))

    digests = chain_digests(sources, embedder, policy.watch, cache, store, progress, also=stale, on_compare=write_pair, cluster=cluster)
    pairs = pair_results(entries, digests)
    timelines = [chain_timeline(state.name, chain, pairs, topic) for topic in policy.watch.topics]
    series_view = series_view_model(state, entries, pairs, timelines)
    outputs.emit(f"{slug}/index.html", _view_key("series", series_view), lambda: _render("series.html", series_view))
    for timeline in timelines:
        view = topic_view_model(state.name, timeline, entries)
        outputs.emit(f"{slug}/topics/{_slug(timeline.topic)}.html", _view_key("topic", view), lambda v=view: _render("topic.html", v))
    errors = sum(1 for f in state.findings if f.is_error)
    return {
        "name": state.name, "href": f"{quote(slug)}/index.html", "statements": len(entries),
        "first": entries[0].date if entries else None, "last": entries[-1].date if entries else None, "errors": errors,
    }


def pair_page(old: Entry, new: Entry) -> str:
    """Return the file name of a pair report."""
    return f"{_slug(Path(old.file).stem)}__{_slug(Path(new.file).stem)}.html"


def series_view_model(state: SeriesState, entries: Sequence[Entry], pairs: Sequence[PairResult], timelines: Sequence[Timeline]) -> dict[str, Any]:
    """Everything the series index shows, links relative to ``SERIES/``."""
    rows = []
    for i, entry in enumerate(entries):
        pair = pairs[i - 1] if i else None
        rows.append({
            **statement_view(entry),
            "counts": {k: getattr(pair.digest.counts, k) for k in (*_KINDS, "unchanged", "moved")} if pair else None,
            "report": f"pairs/{quote(pair_page(pair.old, pair.new))}" if pair else None,
        })
    topics = [
        {
            "name": t.topic, "label": t.label, "href": f"topics/{quote(_slug(t.topic))}.html",
            "steps": [{"status": s.status.value, "date": s.date} for s in t.stops],
            "dropped": sum(1 for s in t.stops if s.status is Status.DROPPED),
        }
        for t in timelines
    ]
    return {
        "title": state.name, "root": "../", "version": _version(),
        "findings": [{"level": f.level.value, "code": f.code, "message": f.message} for f in state.findings],
        "rows": rows, "chart": chart(pairs), "topics": topics,
    }


def topic_view_model(series: str, timeline: Timeline, entries: Sequence[Entry]) -> dict[str, Any]:
    """Everything a topic page shows, links relative to ``SERIES/topics/``."""
    stops = []
    for i, stop in enumerate(timeline.stops):
        stops.append({
            **statement_view(entries[i]),
            "status": stop.status.value,
            "shift": stop.shift,
            "sentences": [p.text for p in stop.quoted],
            "changes": [
                {
                    "verdict": c.verdict,
                    "edits": [{"op": e.op, "old": e.old, "new": e.new} for e in c.edits],
                    "text": [p.text for p in c.new or c.old],
                }
                for c in stop.shown_changes
            ],
            "report": f"../pairs/{quote(pair_page(entries[i - 1], entries[i]))}" if i else None,
        })
    return {
        "title": f"{timeline.label}: {series}", "root": "../../", "series_href": "../index.html", "version": _version(),
        "label": timeline.label, "topic": timeline.topic, "series": series, "stops": stops,
    }


def statement_view(entry: Entry) -> dict[str, Any]:
    """A statement's date, title and provenance badge."""
    origin = provenance_of(vars(entry))
    return {
        "file": entry.file, "date": entry.date, "title": entry.title or "(untitled)",
        "provenance": origin.note, "provenance_status": origin.status, "provenance_label": origin.label, "source_url": origin.source_url,
        "source_link": origin.source_link,
    }


def chart(pairs: Sequence[PairResult]) -> dict[str, Any]:
    """An SVG stacked bar per meeting: reworded, new and dropped points since the previous statement."""
    if not pairs:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT, "ticks": []}
    top = max(max(p.digest.counts.changed for p in pairs), 1)
    plot = CHART_HEIGHT - 2 * CHART_PAD
    step = (CHART_WIDTH - 2 * CHART_PAD) / len(pairs)
    bars = []
    for k, pair in enumerate(pairs):
        y = CHART_HEIGHT - CHART_PAD
        segments = []
        for kind in _KINDS:
            n = getattr(pair.digest.counts, kind)
            height = plot * n / top
            y -= height
            segments.append({"kind": kind, "n": n, "y": f"{y:.2f}", "height": f"{height:.2f}"})
        bars.append({
            "x": f"{CHART_PAD + k * step + step * 0.1:.2f}", "width": f"{step * 0.8:.2f}", "segments": segments,
            "label": f"{pair.old.date} → {pair.new.date}", "href": f"pairs/{quote(pair_page(pair.old, pair.new))}",
        })
    every = max(1, len(pairs) // 8)
    ticks = [{"x": f"{float(b['x']) + step * 0.4:.2f}", "text": pairs[k].new.date} for k, b in enumerate(bars) if k % every == 0]
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT, "ticks": ticks, "top": top, "base": CHART_HEIGHT - CHART_PAD}


def _render(template: str, view: dict[str, Any]) -> str:
    css = _site_css()
    page = {**view, "css": Markup(css), "csp": content_security_policy(css)}
    return _ENV.get_template(template).render(page)


@lru_cache(maxsize=1)
def _site_css() -> str:
    return _ENV.get_template("site.css").render()


def _view_key(kind: str, view: dict[str, Any]) -> str:
    return _key(kind, code_fingerprint(), json.dumps(view, sort_keys=True, ensure_ascii=False))


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    return _UNSAFE.sub("-", name).strip("-") or "series"


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import version

    return version("comparator")
