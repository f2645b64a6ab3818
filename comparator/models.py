"""Plain, frozen data passed between the pipeline stages.

read -> Source; segment -> Statement; align -> Link; classify -> Change;
compare -> Comparison; renderers take a Comparison and return a string.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """What happened to a point between the old and the new statement."""

    UNCHANGED = "unchanged"
    """The same text, ignoring white space."""
    REWORDED = "reworded"
    """The same point said differently (1:1, a split 1:n, a merge n:1, or n:m)."""
    NEW = "new"
    """A point with no counterpart in the old statement."""
    DROPPED = "dropped"
    """A point with no counterpart in the new statement."""


class Shift(str, Enum):
    """How a rewording changed the force of a commitment."""

    NEUTRAL = "neutral"
    """A paraphrase: as strong and as specific as before."""
    STRENGTHENED = "strengthened"
    """Firmer or more specific: a stronger verb, an added intensifier, deadline or named element."""
    WEAKENED = "weakened"
    """Softer or vaguer: a weaker verb, an added hedge, a named element left out."""
    ALTERED = "altered"
    """The substance changed with no clear direction: another date, number, party or scope."""


@dataclass(frozen=True)
class Source:
    """A statement file as read: decoded text plus where it came from.

    ``known_title`` and ``known_date`` are what the series manifest (or the
    file name) says of the file; segmentation falls back on them when the
    text has no header block.
    """

    path: str
    text: str
    sha256: str
    encoding: str
    known_title: str | None = None
    known_date: str | None = None


@dataclass(frozen=True)
class Label:
    """A paragraph number ("12.", "(3)", "III."): ``text == statement.text[start:end]``, outside every sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One body sentence; ``text == statement.text[start:end]``; ``label`` is its paragraph's number, if any."""

    index: int
    text: str
    start: int
    end: int
    section: str | None
    paragraph: int
    label: Label | None = None


@dataclass(frozen=True)
class Statement:
    """A segmented statement: header metadata, section headings and body sentences."""

    source: Source
    title: str | None
    date: str | None
    metadata: tuple[str, ...]
    sections: tuple[str, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Link:
    """An alignment unit: old sentence indices matched to new sentence indices.

    Exactly one side may be empty (a dropped or a new point).
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float | None
    confidence: float


@dataclass(frozen=True)
class Edit:
    """A word-level edit inside a rewording: ``op`` is equal, delete, insert or replace."""

    op: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One classified change; the unit every renderer shows."""

    kind: Kind
    moved: bool
    similarity: float | None
    shift: Shift | None
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    confidence: float
    old: tuple[Sentence, ...]
    new: tuple[Sentence, ...]
    edits: tuple[Edit, ...] = field(default=())
    review: bool = False
    """The tool is not sure of the link or of the shift: a human should look first here."""

    @property
    def is_change(self) -> bool:
        """Anything to report: every kind but a point carried over word for word in place."""
        return self.kind is not Kind.UNCHANGED or self.moved

    @property
    def verdict(self) -> str:
        """One word for what happened: the shift for rewordings, else the kind (or 'moved')."""
        if self.kind is Kind.REWORDED and self.shift is not None:
            return self.shift.value
        if self.kind is Kind.UNCHANGED:
            return "moved" if self.moved else "unchanged"
        return self.kind.value


# Verdicts by urgency: weakened and dropped commitments are what an analyst must not miss.
ALERT_RANK = {"weakened": 0, "dropped": 1, "altered": 2, "strengthened": 3, "new": 4, "neutral": 5, "moved": 6}


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two statements; frozen, rendered by ``comparator.render``."""

    old: Statement
    new: Statement
    model: str
    changes: tuple[Change, ...]

    def counts(self) -> dict[Kind, int]:
        """How many changes there are of each kind, in ``Kind`` order."""
        tally = Counter(c.kind for c in self.changes)
        return {kind: tally[kind] for kind in Kind}

    def count(self, kind: Kind) -> int:
        return self.counts()[kind]

    @property
    def moved(self) -> int:
        return sum(1 for c in self.changes if c.moved)

    @property
    def changed(self) -> bool:
        return any(c.is_change for c in self.changes)
