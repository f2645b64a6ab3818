"""The lineage of a commitment: a watched topic's sentences in each statement of a series, and each step's fate.

Built from the pair digests of ``comparator.series.batch`` (every change touching a
watched topic, word-for-word ones included), so a series whose pairs are
cached is traced without comparing or embedding anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.models import ALERT_RANK
from comparator.series.policy import PolicyError, series_policy
from comparator.topics import Topic, WatchList

# Reading series and comparing pairs pulls in the decoders and numpy: imported where used, so
# that the command line (which needs only this module's types, through its renderers) starts fast.
if TYPE_CHECKING:
    from comparator.cache import EmbeddingCache
    from comparator.embed import Embedder
    from comparator.models import Source
    from comparator.series.batch import DigestCache, Item, Point
    from comparator.series.check import PairResult
    from comparator.series.folder import SeriesState
    from comparator.series.manifest import Entry

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

    @property
    def shown_changes(self) -> tuple[Item, ...]:
        """The changes worth showing: those of a rewording or a drop, quiet ones (unchanged, moved) left out."""
        if self.status not in (Status.REWORDED, Status.DROPPED):
            return ()
        return tuple(c for c in self.changes if c.verdict not in _QUIET)

    @property
    def quoted(self) -> tuple[Point, ...]:
        """The sentences worth quoting: where the topic is introduced, kept or back."""
        return self.sentences if self.status in (Status.INTRODUCED, Status.KEPT, Status.REAPPEARED) else ()


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
        from comparator.segment import segment
        from comparator.series.batch import points

        return [_on(points(segment(source).sentences, source.text), topic) for _, source in chain]
    first = _on([p for item in pairs[0].digest.items for p in item.old], topic)
    return [first, *(_on([p for item in pair.digest.items for p in item.new], topic) for pair in pairs)]


def series_timeline(
    state: SeriesState, topic: Topic, watch: WatchList, embedder: Embedder, cache: EmbeddingCache | None, store: DigestCache | None,
) -> Timeline:
    """Trace ``topic`` (one of ``watch``'s) through a series read from disk."""
    from comparator.series.check import series_pairs

    pairs = series_pairs(state, embedder, watch, cache, store)
    return chain_timeline(state.name, state.chain(), pairs, topic)


def chain_timeline(series: str, chain: Sequence[tuple[Entry, Source]], pairs: Sequence[PairResult], topic: Topic) -> Timeline:
    """Trace ``topic`` through a series' statements in order, given the results of its successive pairs."""
    return build_timeline(series, [entry for entry, _ in chain], topic_points(chain, pairs, topic), pairs, topic)


def run_timeline(folder: Path, topic_name: str, embedder: Embedder, policy_path: Path | None = None) -> list[Timeline]:
    """Trace a topic through every series under ``folder``; SeriesError for a series without its manifest."""
    from comparator.cache import EmbeddingCache
    from comparator.series.batch import DigestCache
    from comparator.series.folder import recorded_series

    timelines = []
    with EmbeddingCache() as cache, DigestCache() as store:
        for state in recorded_series(folder):
            policy = series_policy(state.folder, policy_path)
            topic, watch = topic_and_watch(policy.watch, policy.catalog, topic_name)
            timelines.append(series_timeline(state, topic, watch, embedder, cache, store))
    return timelines


def topic_and_watch(watched: WatchList, catalog: WatchList, name: str) -> tuple[Topic, WatchList]:
    """Find a topic: among the watched ones (sharing the check's digests), else alone from the whole watch list."""
    for watch in (watched, catalog):
        for topic in watch.topics:
            if topic.name == name:
                return topic, watch if watch is watched else WatchList(catalog.source, (topic,))
    raise PolicyError(f"unknown topic {name!r}; known: {', '.join(t.name for t in catalog.topics)}")


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
