"""Watched topics: a TOML watch list of regular expressions per topic.

Patterns run on RE2, which matches in time linear in the text: a watch list
can come from a pull request (a series' own policy.toml), and a pattern such
as ``(a+)+$`` must not hang ``check``. RE2 takes Python's syntax except
backreferences and lookaround; such a pattern is a clear error. ``\\b`` and
``\\w`` are ASCII-only in RE2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import re2
import tomli

from comparator import shipped_data

WATCH = "watch.toml"  # a series' own watch list, beside its statements


class WatchListError(ValueError):
    """A watch list that cannot be read or used; the message is one line for the user."""


@dataclass(frozen=True)
class Topic:
    """One watched topic: a stable name, a label for people, and its patterns."""

    name: str
    label: str
    sources: tuple[str, ...]  # the patterns as written
    matcher: Any = field(default=None, compare=False, repr=False)
    """All the patterns as one RE2 alternation, when they combine: one search a text instead of one a pattern."""

    @cached_property
    def patterns(self) -> tuple[Any, ...]:
        """Each pattern compiled alone: searched one by one when they do not combine."""
        return tuple(compile_pattern(p, f"topic '{self.name}'") for p in self.sources)

    def touches(self, text: str) -> bool:
        if self.matcher is not None:
            # RE2 searches UTF-8: given bytes, its wrapper skips re-encoding the text and mapping match offsets back (3x faster).
            return self.matcher.search(text.encode("utf-8")) is not None
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


def parse_watch_list(text: str, source: str, shipped: bool = False) -> WatchList:
    """Parse watch-list TOML: ``[topics.NAME]`` tables with ``patterns`` and an optional ``label``.

    Each pattern of a user's list is compiled alone, so one RE2 cannot take is named; the ``shipped`` list is
    checked that way by the test suite instead (3 ms of every compare).
    """
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise WatchListError(f"{source}: not valid TOML: {e}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise WatchListError(f"{source}: no [topics.NAME] tables")
    topics = []
    for name, table in tables.items():
        patterns = table.get("patterns") if isinstance(table, dict) else None
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise WatchListError(f"{source}: topic '{name}' needs a non-empty list of pattern strings")
        if not shipped:
            for p in patterns:
                compile_pattern(p, f"{source}: topic '{name}'")
        topics.append(Topic(name, str(table.get("label", name)), tuple(patterns), combine(patterns)))
    return WatchList(source, tuple(topics))


def combine(patterns: list[str]) -> Any:
    """Valid patterns as one RE2 alternation that matches where any of them does; None if they do not combine.

    Each pattern keeps its own group, so its inline flags stay its own; a
    pattern that cannot share a regex (``\\Q`` quoting to its end) makes the
    alternation fail to compile, and the topic searches pattern by pattern.
    """
    try:
        return re2.compile("|".join(f"(?:{p})" for p in patterns), _options())
    except re2.error:
        return None


def _options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print to stderr; the error is reported as one line instead
    return options


def compile_pattern(pattern: str, where: str) -> Any:
    """Compile a case-insensitive watch-list pattern with RE2; WatchListError (naming ``where``) if RE2 cannot take it."""
    try:
        return re2.compile(pattern, _options())
    except re2.error as e:
        reason = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise WatchListError(
            f"{where}: pattern {pattern!r} is not supported: {reason} (patterns run on RE2: no backreferences or lookaround)"
        ) from None


@cache
def default_watch_list() -> WatchList:
    """The watch list shipped with comparator (Japan-U.S. defense topics)."""
    return parse_watch_list(shipped_data("watch.toml"), "default watch list", shipped=True)


def load_watch_list(path: str | Path | None) -> WatchList:
    """The watch list at ``path``, or the default one when ``path`` is None."""
    if path is None:
        return default_watch_list()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise WatchListError(f"cannot read watch list {path}: {getattr(e, 'strerror', None) or e}") from None
    return parse_watch_list(text, str(path))


def series_watch_path(statement: str) -> Path | None:
    """The watch list beside a statement file (its series' watch.toml), or None."""
    return None if statement == "-" else folder_watch(Path(statement).parent)


def folder_watch(folder: Path) -> Path | None:
    """A series folder's own watch list (its watch.toml), or None."""
    path = folder / WATCH
    return path if path.is_file() else None
