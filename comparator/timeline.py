"""The lineage of a commitment: a watched topic's sentences in each statement of a series, and each step's fate.

Built from the pair digests of ``comparator.batch`` (every change touching a
watched topic, word-for-word ones included), so a series whose pairs are
cached is traced without comparing or embedding anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.batch import DigestCache, Item, Point
from comparator.check import PairResult, series_pairs
from comparator.embed import Embedder
from comparator.models import Source
from comparator.policy import PolicyError, load_policy, series_files
from comparator.render.common import ALERT_RANK
from comparator.segment import segment
from comparator.series import Entry, SeriesState, find_series, inspect_series
from comparator.topics import Topic, WatchList

if TYPE_CHECKING:
    from comparator.cache import EmbeddingCache

TIMELINE_SCHEMA = "comparator/timeline/v1"
_QUIET = ("unchanged", "moved")


class Status(str, Enum):
    """What became of the topic in a statement, relative to the one before."""

    INTRODUCED = "introduced"
    """Mentioned for the first time in the series."""
    KEPT = "kept"
    """Carried over word for word."""
    REWORDED = "reworded"
    """Still there, said differently (or partly dropped or added to)."""
    DROPPED = "dropped"
    """Mentioned before, not in this statement."""
    REAPPEARED = "reappeared"
    """Back after one or more statements without it."""
    ABSENT = "absent"
    """Not mentioned, as in the statement before."""


class TimelineFormat(str, Enum):
    """Output formats of ``timeline``."""

    TERMINAL = "terminal"
    """A readable lineage, coloured when the terminal allows."""
    JSON = "json"
    """The machine contract ``comparator/timeline/v1``."""
    MARKDOWN = "markdown"
    """Markdown for notes and job summaries."""


@dataclass(frozen=True)
class Stop:
    """One statement on the timeline: its sentences on the topic and the changes since its predecessor."""

    file: str
    date: str
    title: str | None
    provenance: str | None
    status: Status
    sentences: tuple[Point, ...]
    changes: tuple[Item, ...]

    @property
    def shift(self) -> str | None:
        """For a rewording, the most serious verdict among its changes (weakened before dropped before altered...)."""
        verdicts = [c.verdict for c in self.changes if c.verdict not in _QUIET and self.status is Status.REWORDED]
        return min(verdicts, key=ALERT_RANK.__getitem__) if verdicts else None


@dataclass(frozen=True)
class Timeline:
    """A topic's lineage across one series, one stop per statement in series order."""

    series: str
    topic: str
    label: str
    stops: tuple[Stop, ...]


def build_timeline(series: str, entries: Sequence[Entry], points: Sequence[tuple[Point, ...]], pairs: Sequence[PairResult], topic: Topic) -> Timeline:
    """Assemble a timeline from each statement's sentences on the topic and the digests of successive pairs."""
    stops, seen = [], False
    for i, entry in enumerate(entries):
        here = points[i]
        changes = tuple(item for item in pairs[i - 1].digest.items if topic.name in item.topics) if i else ()
        status = _status(bool(points[i - 1]) if i else False, bool(here), seen, changes)
        seen = seen or bool(here)
        stops.append(Stop(entry.file, entry.date or "", entry.title, entry.provenance, status, here, changes))
    return Timeline(series, topic.name, topic.label, tuple(stops))


def topic_points(chain: Sequence[tuple[Entry, Source]], pairs: Sequence[PairResult], topic: Topic) -> list[tuple[Point, ...]]:
    """Return the sentences on the topic in each statement: read from the pair digests, or a lone statement itself."""
    if not pairs:
        return [_on([Point(s.text, source.text.count("\n", 0, s.start) + 1) for s in segment(source).sentences], topic) for _, source in chain]
    first = _on([p for item in pairs[0].digest.items for p in item.old], topic)
    return [first, *(_on([p for item in pair.digest.items for p in item.new], topic) for pair in pairs)]


def series_timeline(
    state: SeriesState, topic: Topic, watch: WatchList, embedder: Embedder, cache: EmbeddingCache | None, store: DigestCache | None,
) -> Timeline:
    """Trace ``topic`` (one of ``watch``'s) through a series read from disk."""
    chain = state.chain()
    pairs = series_pairs(state, embedder, watch, cache, store)
    return build_timeline(state.name, [entry for entry, _ in chain], topic_points(chain, pairs, topic), pairs, topic)


def run_timeline(folder: Path, topic_name: str, embedder: Embedder, policy_path: Path | None = None) -> list[Timeline]:
    """Trace a topic through every series under ``folder``."""
    from comparator.cache import EmbeddingCache

    timelines = []
    with EmbeddingCache() as cache, DigestCache() as store:
        for path in find_series(folder):
            policy = load_policy(series_files(path, policy_path, None)[0])
            topic, watch = topic_and_watch(policy.watch, policy.catalog, topic_name)
            timelines.append(series_timeline(inspect_series(path), topic, watch, embedder, cache, store))
    return timelines


def topic_and_watch(watched: WatchList, catalog: WatchList, name: str) -> tuple[Topic, WatchList]:
    """Find a topic: among the watched ones (sharing the check's digests), else alone from the whole watch list."""
    for watch in (watched, catalog):
        for topic in watch.topics:
            if topic.name == name:
                return topic, watch if watch is watched else WatchList(catalog.source, (topic,))
    raise PolicyError(f"unknown topic {name!r}; known: {', '.join(t.name for t in catalog.topics)}")


def render_timeline(timelines: Sequence[Timeline], fmt: TimelineFormat, color: bool = False) -> str:
    if fmt is TimelineFormat.JSON:
        return render_timeline_json(timelines)
    if fmt is TimelineFormat.MARKDOWN:
        return render_timeline_markdown(timelines)
    return render_timeline_terminal(timelines, color)


def render_timeline_json(timelines: Sequence[Timeline]) -> str:
    data = {
        "schema": TIMELINE_SCHEMA,
        "timelines": [
            {
                "series": t.series, "topic": t.topic, "label": t.label,
                "stops": [{**asdict(s), "status": s.status.value, "shift": s.shift} for s in t.stops],
            }
            for t in timelines
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_timeline_terminal(timelines: Sequence[Timeline], color: bool = False, width: int = 100) -> str:
    """Each stop: date, status (with the step's most serious shift), provenance, then its sentences or diffs."""
    from rich.console import Console
    from rich.text import Text

    from comparator.render.terminal import STYLES, diff_text

    console = Console(file=StringIO(), width=width, force_terminal=color, no_color=not color, highlight=False, emoji=False, soft_wrap=True)
    for t in timelines:
        console.print(Text(f"{t.label} ({t.topic}) in {t.series}: {len(t.stops)} statements", style="bold"))
        for stop in t.stops:
            console.print()
            head = Text(f"{stop.date}  ")
            head.append(f"{stop.status.value:<11}", style=_STATUS_STYLE[stop.status])
            if stop.shift:
                head.append(f" {stop.shift}", style=STYLES.get(stop.shift, ""))
            head.append(f"  {stop.file}", style="dim")
            console.print(head)
            console.print(Text(f"    provenance: {stop.provenance or 'not recorded'}", style="dim"))
            for change in _shown_changes(stop):
                if change.verdict in _QUIET:
                    continue
                console.print(Text(f"    {change.verdict}:", style=STYLES.get(change.verdict, "")))
                if change.edits:
                    console.print(diff_text(change, color))  # duck-typed: only .edits is read
                else:
                    for p in change.new or change.old:
                        console.print(Text(f"    {p.text}", style="red" if not change.new else ""))
            if stop.status in (Status.INTRODUCED, Status.REAPPEARED, Status.KEPT):
                for p in stop.sentences:
                    console.print(Text(f"    {p.text}"))
        console.print()
    return console.file.getvalue()


def render_timeline_markdown(timelines: Sequence[Timeline]) -> str:
    from comparator.render.markdown import edit_markdown, escape

    out = []
    for t in timelines:
        out += [f"### {escape(t.label)} in {escape(t.series)}", "", "| date | status | provenance |", "| --- | --- | --- |"]
        for stop in t.stops:
            status = stop.status.value + (f" ({stop.shift})" if stop.shift else "")
            out.append(f"| {escape(stop.date)} | {status} | {escape(stop.provenance or 'not recorded')} |")
        for stop in t.stops:
            if stop.status is Status.ABSENT:
                continue
            out += ["", f"#### {escape(stop.date)}: {stop.status.value}", ""]
            for change in _shown_changes(stop):
                if change.verdict not in _QUIET:
                    body = "".join(edit_markdown(e.op, e.old, e.new) for e in change.edits) or " ".join(escape(p.text) for p in change.new or change.old)
                    out.append(f"- **{change.verdict}**: {body}")
            if stop.status in (Status.INTRODUCED, Status.REAPPEARED, Status.KEPT):
                out += [f"- {escape(p.text)}" for p in stop.sentences]
        out.append("")
    return "\n".join(out)


_STATUS_STYLE = {
    Status.INTRODUCED: "green", Status.KEPT: "dim", Status.REWORDED: "cyan",
    Status.DROPPED: "bold red", Status.REAPPEARED: "green", Status.ABSENT: "dim",
}


def _shown_changes(stop: Stop) -> tuple[Item, ...]:
    return stop.changes if stop.status in (Status.REWORDED, Status.DROPPED) else ()


def _status(before: bool, here: bool, seen: bool, changes: tuple[Item, ...]) -> Status:
    if before and here:
        return Status.KEPT if all(c.verdict in _QUIET for c in changes) else Status.REWORDED
    if before:
        return Status.DROPPED
    if here:
        return Status.REAPPEARED if seen else Status.INTRODUCED
    return Status.ABSENT


def _on(points: Sequence[Point], topic: Topic) -> tuple[Point, ...]:
    """The points on the topic, in reading order."""
    return tuple(sorted((p for p in points if topic.touches(p.text)), key=lambda p: p.line))
