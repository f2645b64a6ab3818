"""Decide whether a rewording strengthened, weakened or altered a commitment, and say why.

Every decision rests on evidence the user can check, collected from the two
texts with the lexicon in ``data/lexicon.toml``:

- the firmest commitment verb on each side ("noted" -> "affirmed");
- intensifiers and hedges added or removed ("ironclad", "steadily"; "may");
- named elements (capitalised names and acronyms) left out or added, a
  shorter or longer list of content words (or an item only added to or
  only taken out of a list), and numbers and dates changed;
- a change in the number of negations.

Each piece of evidence votes +1 (firmer or more specific) or -1 (softer or
vaguer); a changed number or date, a swapped name or a negation flip marks the
substance as altered. The verdict: a clear majority of votes gives its
direction; otherwise altered substance gives ``altered``; no evidence at all
gives ``neutral``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from comparator.lexical import WORD, content_words
from comparator.models import Shift

# Month names only capitalised, so the hedge "may" is not the month May.
NUMBER = re.compile(
    r"\b\d[\d,./:-]*\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]wice|[Hh]alf)\b"
)
NAME = re.compile(r"\b(?:[A-Z][\w’'-]*[A-Z][\w’'-]*|[A-Z][a-z][\w’'-]*)(?:[ -](?:[A-Z][\w’'-]*|of|and|the|de)(?=[ -][A-Z]|\b))*")
GENERIC_NAMES = frozenset(
    "The They In On It Its This These Those Their As At By For From With Based Given Regarding Recognizing "
    "Mindful Noting Determined Building Looking Furthermore Moreover Also Additionally However Minister "
    "Ministers Secretary Secretaries Alliance Japan U.S. United States Defense Ministry".split()
)


@dataclass(frozen=True)
class Lexicon:
    """Verb ranks and word lists that count as evidence."""

    verbs: dict[str, int]
    intensifiers: tuple[str, ...]
    hedges: tuple[str, ...]
    negations: frozenset[str]
    weights: dict[str, float]
    fillers: frozenset[str] = frozenset()

    @cached_property
    def not_content(self) -> frozenset[str]:
        """Words that never make a text more specific: hedges and intensifiers (which vote on their own), in any inflection, and fillers."""
        return frozenset(base_forms((*self.hedges, *self.intensifiers))) | self.fillers


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``comparator/data/lexicon.toml``."""
    data = tomllib.loads(resources.files("comparator").joinpath("data/lexicon.toml").read_text(encoding="utf-8"))
    words = data["words"]
    return Lexicon(
        verbs=dict(data["verbs"]),
        intensifiers=tuple(words["intensifiers"]),
        hedges=tuple(words["hedges"]),
        negations=frozenset(words["negations"]),
        fillers=frozenset(words["fillers"]),
        weights=dict(data["weights"]),
    )


@lru_cache(maxsize=64)  # each text is read for verbs, lists, phrases and negations
def words_of(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in WORD.finditer(text))


def phrases_in(text: str, phrases: tuple[str, ...]) -> Counter[str]:
    """How often each listed phrase occurs in ``text`` as whole words, in any inflection ("expanding" is "expand")."""
    base = base_forms(phrases)
    padded = " " + " ".join(base.get(w, w) for w in words_of(text)) + " "
    return Counter({p: n for p in phrases if (n := padded.count(f" {p} "))})


def forms(word: str) -> set[str]:
    """A word and its regular inflections."""
    ing = word[:-1] + "ing" if word.endswith("e") else word + "ing"
    return {word, word + "s", word + "es", word + "d", word + "ed", ing}


@lru_cache(maxsize=8)
def base_forms(phrases: tuple[str, ...]) -> dict[str, str]:
    """Each inflection of a word of ``phrases`` mapped to that word; listed words map to themselves."""
    words = {w for phrase in phrases for w in phrase.split()}
    base = {f: w for w in sorted(words) for f in forms(w)}
    return base | {w: w for w in words}


def firmest_verb(text: str, verbs: dict[str, int]) -> tuple[str | None, int]:
    best, rank = None, 0
    for w in words_of(text):
        if verbs.get(w, 0) > rank:
            best, rank = w, verbs[w]
    return best, rank


def coordinated(text: str) -> set[str]:
    """Lower-cased words standing next to "and" or "or": the items of a list."""
    words = words_of(text)
    joins = {"and", "or"}
    return {
        w for k, w in enumerate(words)
        if w not in joins and ((k > 0 and words[k - 1] in joins) or (k + 1 < len(words) and words[k + 1] in joins))
    }


def names_in(text: str) -> set[str]:
    """Capitalised names and acronyms, skipping sentence openers and the usual actors."""
    found = set()
    for m in NAME.finditer(text):
        name = m.group().strip(" -")
        if name not in GENERIC_NAMES and not all(part in GENERIC_NAMES for part in re.split(r"[ -]", name)):
            found.add(name)
    return found


def quoted(items) -> str:
    return ", ".join(f"'{x}'" for x in sorted(items))


def detect_shift(old: str, new: str, lexicon: Lexicon | None = None) -> tuple[Shift, tuple[str, ...]]:
    """Shift of a rewording from ``old`` to ``new`` text, with the reasons behind it, most telling first."""
    lex = lexicon or default_lexicon()
    w = lex.weights
    evidence = collect_evidence(old, new, lex)
    votes = sum(w[key] * direction for key, direction, _ in evidence if direction)  # None and 0 cast no vote
    shift = verdict(votes, any(direction == 0 for _, direction, _ in evidence), w)
    backing = {Shift.STRENGTHENED: 1, Shift.WEAKENED: -1, Shift.ALTERED: 0}.get(shift)
    ordered = sorted(evidence, key=lambda e: e[1] != backing)
    return shift, tuple(reason for _, _, reason in ordered)


def collect_evidence(old: str, new: str, lex: Lexicon) -> list[tuple[str, int | None, str]]:
    """(weight key, direction, reason) triples: +1 firmer, -1 softer, 0 substance altered, None no vote."""
    w = lex.weights
    evidence: list[tuple[str, int | None, str]] = []

    old_verb, old_rank = firmest_verb(old, lex.verbs)
    new_verb, new_rank = firmest_verb(new, lex.verbs)
    if old_verb and new_verb and old_rank != new_rank:
        evidence.append(("verb", 1 if new_rank > old_rank else -1, f"verb: '{old_verb}' → '{new_verb}'"))

    for key, phrases, sign in (("intensifier", lex.intensifiers, 1), ("hedge", lex.hedges, -1)):
        before, after = phrases_in(old, phrases), phrases_in(new, phrases)
        net = (after - before).total() - (before - after).total()
        direction = sign * ((net > 0) - (net < 0))
        # The net change votes once; the other list is shown but does not vote.
        if after - before:
            evidence.append((key, direction if net > 0 else None, f"{key} added: {quoted(after - before)}"))
        if before - after:
            evidence.append((key, direction if net < 0 else None, f"{key} removed: {quoted(before - after)}"))

    # Single letters are initials ("Lisa D. Cook"), not content.
    old_words, new_words = ({w for w in content_words(t) if len(w) > 1} - lex.not_content for t in (old, new))
    ratio = len(new_words) / max(1, len(old_words))
    # A word or two more in a short sentence is phrasing, not specificity.
    if (ratio >= w["longer"] or ratio <= w["shorter"]) and abs(len(new_words) - len(old_words)) >= 3:
        more = ratio >= w["longer"]
        evidence.append(("length", 1 if more else -1, f"{'more' if more else 'less'} specific: {len(old_words)} → {len(new_words)} content words"))
    elif bool(new_words - old_words) != bool(old_words - new_words):
        # An element only added to a list ("security and cybersecurity"), or only taken out of one,
        # widens or narrows the point however short it is.
        more = bool(new_words - old_words)
        if coordinated(new if more else old) & (new_words ^ old_words):
            spelt = {m.group().lower(): m.group() for m in reversed(list(WORD.finditer(new if more else old)))}
            items = quoted(spelt[w] for w in new_words ^ old_words)
            evidence.append(("list", 1 if more else -1, f"{'added to' if more else 'left out of'} a list: {items}"))

    old_names, new_names = names_in(old), names_in(new)
    lost, gained = old_names - new_names, new_names - old_names
    if len(lost) >= 2 and len(gained) >= 2:
        evidence.append(("names", 0, f"named elements changed: {quoted(lost)} → {quoted(gained)}"))
    elif len(lost) != len(gained):
        more = len(gained) > len(lost)
        evidence.append(("names", 1 if more else -1, f"added: {quoted(gained)}" if more else f"left out: {quoted(lost)}"))

    old_numbers = {m.group().lower() for m in NUMBER.finditer(old)}
    new_numbers = {m.group().lower() for m in NUMBER.finditer(new)}
    if old_numbers and new_numbers and old_numbers != new_numbers:
        evidence.append(("numbers", 0, f"numbers or dates changed: {quoted(old_numbers - new_numbers)} → {quoted(new_numbers - old_numbers)}"))
    elif new_numbers != old_numbers:
        evidence.append(("numbers", 1 if new_numbers else -1, f"number or date {'added' if new_numbers else 'removed'}: {quoted(new_numbers or old_numbers)}"))

    old_neg = sum(x in lex.negations for x in words_of(old))
    new_neg = sum(x in lex.negations for x in words_of(new))
    if old_neg != new_neg:
        evidence.append(("negation", 0, f"negation {'added' if new_neg > old_neg else 'removed'}"))
    return evidence


def verdict(votes: float, altered: bool, w: dict[str, float]) -> Shift:
    """Direction from the votes; altered substance wins unless the votes are decisive."""
    if altered and abs(votes) < w["decisive"]:
        return Shift.ALTERED
    if votes >= w["direction"]:
        return Shift.STRENGTHENED
    if votes <= -w["direction"]:
        return Shift.WEAKENED
    return Shift.ALTERED if altered or votes else Shift.NEUTRAL
