"""Watched topics: a TOML watch list of regular expressions per topic."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path


class WatchListError(ValueError):
    """A watch list that cannot be read or used; the message is one line for the user."""


@dataclass(frozen=True)
class Topic:
    """One watched topic: a stable name, a label for people, and its patterns."""

    name: str
    label: str
    patterns: tuple[re.Pattern[str], ...]

    def touches(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True)
class WatchList:
    """The topics a series is watched for, in file order."""

    source: str
    topics: tuple[Topic, ...]

    def tag(self, texts) -> tuple[str, ...]:
        """Names of the topics any of ``texts`` touches, in watch-list order."""
        touched = set().union(*(self.topics_of(x) for x in texts))
        return tuple(t.name for t in self.topics if t.name in touched)

    def topics_of(self, text: str) -> frozenset[str]:
        # A series repeats most sentences from one statement to the next: search each text once.
        if text not in self._seen:
            self._seen[text] = frozenset(t.name for t in self.topics if t.touches(text))
        return self._seen[text]

    @cached_property
    def _seen(self) -> dict[str, frozenset[str]]:
        return {}


def parse_watch_list(text: str, source: str) -> WatchList:
    """Parse watch-list TOML: ``[topics.NAME]`` tables with ``patterns`` and an optional ``label``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise WatchListError(f"{source}: not valid TOML: {e}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise WatchListError(f"{source}: no [topics.NAME] tables")
    topics = []
    for name, table in tables.items():
        patterns = table.get("patterns") if isinstance(table, dict) else None
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise WatchListError(f"{source}: topic '{name}' needs a non-empty list of pattern strings")
        try:
            compiled = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        except re.error as e:
            raise WatchListError(f"{source}: topic '{name}': bad pattern: {e}") from None
        topics.append(Topic(name, str(table.get("label", name)), compiled))
    return WatchList(source, tuple(topics))


@cache
def default_watch_list() -> WatchList:
    """The watch list shipped with comparator (Japan-U.S. defense topics)."""
    text = resources.files("comparator").joinpath("data/watch.toml").read_text(encoding="utf-8")
    return parse_watch_list(text, "default watch list")


def load_watch_list(path: str | Path | None) -> WatchList:
    """The watch list at ``path``, or the default one when ``path`` is None."""
    if path is None:
        return default_watch_list()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise WatchListError(f"cannot read watch list {path}: {getattr(e, 'strerror', None) or e}") from None
    return parse_watch_list(text, str(path))
