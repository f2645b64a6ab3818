"""Check policy (which watched topics a series is checked for) and acknowledgements (accepted changes).

A policy file (``policy.toml`` in the series folder, or ``--policy FILE``;
default ``comparator/data/policy.toml``)::

    watch = "watch.toml"             # optional watch list, relative to this file
                                     # [default: watch.toml beside this file, else the shipped one]

    [topics.senkaku]                 # a watched topic: in reports, timelines and site pages
    fail = ["dropped", "weakened"]   # these changes fail `comparator check`
    warn = ["altered"]               # these are reported and pass

Events are the verdicts of ``comparator compare``: weakened, strengthened,
neutral, altered (rewordings, by shift), new, dropped and moved.

An acknowledgements file (``acknowledgements.toml`` in the series folder, or
``--ack FILE``) accepts individual changes::

    [[ack]]
    key = "5c0f9e2a7b1d4c38"   # printed by `comparator check` for every reported change
    reason = "Summary omits Article V; confirmed unchanged at the press conference"

The key hashes the pair's dates and the exact sentences on both sides, so an
acknowledgement stops matching (and the change fails again) when either text
changes. Other keys in an ``[[ack]]`` table are notes for people.

A series folder with a ``watch.toml`` but no ``policy.toml`` watches every
topic of that list and warns when a point on one is dropped, weakened or altered (a point replaced in place
reads as altered, and should not pass more quietly than one dropped).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import tomli

from comparator import shipped_data
from comparator.topics import WATCH, WatchList, WatchListError, default_watch_list, folder_watch, load_watch_list

POLICY = "policy.toml"
ACKNOWLEDGEMENTS = "acknowledgements.toml"
_KEY_VERSION = "comparator/ack/v1"


class PolicyError(ValueError):
    """A policy or acknowledgements file that cannot be used; the message is one line."""


class Event(str, Enum):
    """What happened to a point on a watched topic between two statements."""

    WEAKENED = "weakened"
    """Reworded softer or vaguer."""
    STRENGTHENED = "strengthened"
    """Reworded firmer or more specific."""
    NEUTRAL = "neutral"
    """Reworded with the same force."""
    ALTERED = "altered"
    """Reworded with other substance (dates, numbers, parties) and no clear direction."""
    NEW = "new"
    """Said for the first time relative to the previous statement."""
    DROPPED = "dropped"
    """No longer said."""
    MOVED = "moved"
    """Said word for word, elsewhere in the statement."""


class Severity(str, Enum):
    """What a policy makes of an event."""

    FAIL = "fail"
    """Fails the check unless acknowledged."""
    WARN = "warn"
    """Reported; never fails the check."""


@dataclass(frozen=True)
class Rule:
    """The events (``Event`` values) that fail or warn for one watched topic."""

    topic: str
    fail: frozenset[str]
    warn: frozenset[str]


@dataclass(frozen=True)
class Policy:
    """Watched topics and their rules; ``watch`` holds exactly the watched topics, in policy order, ``catalog`` all known."""

    source: str
    watch: WatchList
    rules: tuple[Rule, ...]
    catalog: WatchList

    def judge(self, topics: tuple[str, ...], event: str) -> tuple[Severity, str] | None:
        """Return the severity an event on ``topics`` gets and the topic that decides it, or None."""
        found = None
        for rule in self.rules:
            if rule.topic not in topics:
                continue
            if event in rule.fail:
                return Severity.FAIL, rule.topic
            if event in rule.warn and found is None:
                found = Severity.WARN, rule.topic
        return found


@dataclass(frozen=True)
class Ack:
    """One accepted change."""

    key: str
    reason: str


def parse_policy(text: str, source: str, base: Path | None) -> Policy:
    """Parse policy TOML; a relative ``watch`` path is taken from ``base``."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise PolicyError(f"{source}: not valid TOML: {e}") from None
    watch_path = data.get("watch")
    if watch_path is None and base is not None and folder_watch(base) is not None:
        watch_path = WATCH
    if watch_path is not None and not isinstance(watch_path, str):
        raise PolicyError(f"{source}: 'watch' must be a path string")
    try:
        watch = load_watch_list((base or Path.cwd()) / watch_path) if watch_path else default_watch_list()
    except WatchListError as e:
        raise PolicyError(f"{source}: {e}") from None
    tables = data.get("topics", {})
    if not isinstance(tables, dict):
        raise PolicyError(f"{source}: 'topics' must be tables ([topics.NAME])")
    known = {t.name: t for t in watch.topics}
    rules = []
    for name, table in tables.items():
        if name not in known:
            raise PolicyError(f"{source}: topic '{name}' is not in the watch list {watch.source} (known: {', '.join(known)})")
        if not isinstance(table, dict):
            raise PolicyError(f"{source}: [topics.{name}] must be a table")
        rules.append(Rule(name, _events(table, "fail", name, source), _events(table, "warn", name, source)))
    watched = WatchList(watch.source, tuple(known[r.topic] for r in rules))
    return Policy(source, watched, tuple(rules), watch)


def default_policy() -> Policy:
    """The policy shipped with comparator."""
    text = shipped_data("policy.toml")
    return parse_policy(text, "default policy", None)


def load_policy(path: Path | None) -> Policy:
    """The policy at ``path``, or the default one when ``path`` is None."""
    if path is None:
        return default_policy()
    return parse_policy(_read(path), str(path), path.parent)


def series_policy(folder: Path, policy_path: Path | None = None) -> Policy:
    """The policy of a series: ``policy_path``, else the folder's policy.toml, else its watch.toml, else the shipped one."""
    own = series_files(folder, policy_path, None)[0]
    watch_file = folder_watch(folder)
    if own is not None or watch_file is None:
        return load_policy(own)
    try:
        watch = load_watch_list(watch_file)
    except WatchListError as e:
        raise PolicyError(str(e)) from None
    reported = frozenset({Event.DROPPED.value, Event.WEAKENED.value, Event.ALTERED.value})
    rules = tuple(Rule(t.name, frozenset(), reported) for t in watch.topics)
    return Policy(f"{watch.source} (every topic; dropped, weakened or altered reported)", watch, rules, watch)


def parse_acks(text: str, source: str) -> dict[str, Ack]:
    """Parse acknowledgements TOML into acks by key."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        raise PolicyError(f"{source}: not valid TOML: {e}") from None
    tables = data.get("ack", [])
    if not isinstance(tables, list):
        raise PolicyError(f"{source}: 'ack' must be an array of tables ([[ack]])")
    acks: dict[str, Ack] = {}
    for number, table in enumerate(tables, start=1):
        key = table.get("key") if isinstance(table, dict) else None
        reason = table.get("reason") if isinstance(table, dict) else None
        if not isinstance(key, str) or not key.strip():
            raise PolicyError(f"{source}: ack #{number} needs a 'key'")
        if not isinstance(reason, str) or not reason.strip():
            raise PolicyError(f"{source}: ack #{number} ({key}) needs a non-empty 'reason'")
        acks[key.strip()] = Ack(key.strip(), reason.strip())
    return acks


def load_acks(path: Path | None) -> dict[str, Ack]:
    """The acknowledgements at ``path``; none when ``path`` is None."""
    return parse_acks(_read(path), str(path)) if path is not None else {}


def ack_key(old_date: str, new_date: str, old_texts: tuple[str, ...], new_texts: tuple[str, ...]) -> str:
    """Return the stable key of a change: 16 hex digits of a sha256 over the pair's dates and both sides' sentences."""
    parts = (_KEY_VERSION, old_date, new_date, "\x1e".join(old_texts), "\x1e".join(new_texts))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def series_files(folder: Path, policy: Path | None, acks: Path | None) -> tuple[Path | None, Path | None]:
    """Return the policy and acknowledgements files for a series: the given ones, else the folder's own."""
    own_policy, own_acks = folder / POLICY, folder / ACKNOWLEDGEMENTS
    return (policy or (own_policy if own_policy.is_file() else None), acks or (own_acks if own_acks.is_file() else None))


def _events(table: dict, field: str, topic: str, source: str) -> frozenset[str]:
    values = table.get(field, [])
    if not isinstance(values, list):
        raise PolicyError(f"{source}: [topics.{topic}] {field} must be a list of events")
    try:
        return frozenset(Event(v).value for v in values)
    except ValueError:
        bad = next(v for v in values if v not in {e.value for e in Event})
        raise PolicyError(f"{source}: [topics.{topic}] {field}: unknown event {bad!r} (known: {', '.join(e.value for e in Event)})") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PolicyError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
