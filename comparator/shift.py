"""Decide whether a rewording strengthened, weakened or altered a commitment: gold/FORMAT.md's ordered rules.

The two texts are split into words and aligned word by word (difflib, as the
word diff is); each stretch that differs is read for evidence with the word
classes of ``data/lexicon.toml``. The rules are applied in FORMAT.md's order,
and the first that applies gives the shift:

1. **Replaced substance** → ``altered``: a name, number or date in place of
   another at the same place (a new office-holder excepted), a negation added or
   removed, a scope or direction word of the opposite class ("any" → "certain",
   "rose" → "declined"). Exception: a
   deadline later or gone is ``weakened``, earlier or new ``strengthened``;
   times said from the day of writing ("this year", "the previous day") are
   told from the days the statements are dated.
2. **Direction from evidence**, counted per occurrence: a firmer or softer verb
   governing the same clause (the ladder), intensifiers and hedges added or removed (net,
   so one swapped for another cancels), a named element or list item added or
   left out, a specific element made general (or the reverse), a clause added or
   left out (once, whatever it holds; one that sets a condition or concedes
   qualifies the point, as a hedge does). More evidence one way gives that
   way; as much both ways gives ``altered``.
3. **No evidence** → ``neutral``: synonyms, grammar, reordering, splits and
   merges and boilerplate. Words that occur on both sides, wherever they stand,
   are never evidence, so material that only moved counts for nothing.

Every piece of evidence is kept as a reason that names its rule, e.g.
``rule 2: verb 'confirmed' → 'agreed' (clause 2)``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import NamedTuple

import tomli

from comparator import shipped_data
from comparator.lexical import STOPWORDS, stem
from comparator.models import Shift
from comparator.worddiff import matcher

# Initialisms ("U.S."), words with inner hyphens, apostrophes or dots ("Japan-U.S.-ROK", "Japan’s"), or one punctuation mark.
# "5-1/4" is one number; "Japan-U.S." keeps its initialism's last dot, which ends no sentence
INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}")  # "U.S.": its last dot is its own
TOKEN = re.compile(INITIALISM.pattern + r"|[^\W_]+(?:(?:[-'’.]+|(?<=\d)/(?=\d))[^\W_]+)*(?:(?<=\.[^\W\d_])\.)?|[^\w\s]")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
MONTHS = frozenset(MONTH_NAMES)
CARDINALS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
             "twenty thirty forty fifty sixty seventy eighty ninety hundred").split()
NUMBER_WORDS = frozenset(CARDINALS + "first second third fourth fifth sixth seventh eighth ninth tenth twice half".split())
YEAR_DIGITS = r"(?:19|20)\d\d"
YEAR = re.compile(rf"(?<!\w)(?:fy|FY)?({YEAR_DIGITS})(?!\w)")  # "2026", "FY2026": group 1 is the year
HAS_DIGIT = re.compile(r"\d")
FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
COMPASS = frozenset({"east", "west", "north", "south"})
QUARTERS = frozenset({"northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern"})  # "northern Australia"
PLACE_ADJECTIVE_ENDINGS = frozenset({"n", "an", "ian", "ean", "ese", "i"})  # "Korean", "Indonesian", "European", "Japanese", "Israeli"
PARTY_REACH = 5  # words after "between" or "with" within which the parties of a name stand ("between the EU and Japan")
LIST_REACH = 4  # words of one item after a comma, within which another comma, "and" or "or" must follow
ITEM_WORDS = 3  # content words of one list item at most ("the rule of law"); more is a clause
MODALS = frozenset({"would", "will", "shall", "should", "can", "could", "must", "may", "might"})
COMMITTING = frozenset({"will", "would", "shall"})  # modals that commit: "we will", "they would"
CLAUSE_WORDS = MODALS | {"that", "which", "who"}
CLAUSE_REACH = 4  # words after "that" within which a clause's modal stands ("that the two countries would")
SHOWN_CHARS = 60  # a reason quotes at most this much of a clause
SPLIT_CLAUSE_WORDS = 2  # content words a clause split off must carry from the one it left, to be compared with it
SAME_SLOT = 0.6  # share of the old words kept at least, for a replaced stretch to read as the same thing said otherwise
DEADLINE_OPENERS = (("no", "later", "than"), ("by",), ("before",), ("within",))
SETTING = (("in",), ("during",))  # before the time an act is set for: "conduct a second mission in 2026"
DEADLINE_REACH = 8  # words between "by" and its year ("by the end of the second quarter of 2026": 7)
DATED_RANK = 2  # where a dated deadline ranks among the vague terms (against one another), with the near term
FISCAL = re.compile(r"\b(?:fiscal|fy)", re.IGNORECASE)
CALENDAR = MONTHS | {"the", "end", "of", "early", "mid", "middle", "beginning", "start", "late", "fiscal", "calendar", "this", "next", "current",
                     "coming", "spring", "summer", "autumn", "fall", "winter", "half", "quarter", "fy", "years", "months", "year", "month", "week", ","}
SPANS = frozenset({"year", "years", "month", "months"})
YEAR_PARTS = frozenset({"spring", "summer", "autumn", "fall", "winter", "year"})  # times that fall in a calendar year
TIME_UNITS = YEAR_PARTS | {"month", "week", "day"}
# Words that place a time from the day of writing, and where: "by next year" falls after "by this year"
OFFSETS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}
TIME_DEICTICS = frozenset(OFFSETS)
MONTH_DEICTICS = TIME_DEICTICS - {"previous", "following"}  # before a month's name: from the day of writing
# The month a deadline inside a year ends in; a year without one ends in December.
MONTH_OF = {m: k for k, m in enumerate(MONTH_NAMES, 1)} | {
    "beginning": 1, "start": 1, "early": 3, "mid": 6, "middle": 6, "spring": 5, "summer": 8, "autumn": 11, "fall": 11,
}
PART_OF_MONTH = {"beginning": 0.5, "start": 0.5, "early": 0.5, "mid": 0.25, "middle": 0.25}  # "by early June": before "by June"
PERIOD_MONTHS = {"quarter": 3, "half": 6}  # "the third quarter" ends in September, "H1" in June
PARTS_OF_YEAR = frozenset(PERIOD_MONTHS)
ORDINAL_VALUE = {"first": 1, "second": 2, "third": 3, "fourth": 4}
PERIOD = re.compile(r"([qh])([1-4])")  # "Q3", "H1"
DEADLINE_YEAR = re.compile(rf"(?:(?:early|mid|late)-|fy)?{YEAR_DIGITS}")  # a year a deadline ends on; "mid-2026", "FY2026": one word
NUMBER_WORDS_VALUE = {word: float(k) for k, word in enumerate(CARDINALS[:19], 1)} | {word: 10.0 * k for k, word in enumerate(CARDINALS[19:], 2)} | {"a": 1.0}
FLIP_SPAN = 3  # words on either side of a stretch at most, for a negation or a scope word there to flip the point
VALUE_REACH = 5  # words from one figure to the next in "from $25 billion to $5 billion"
RANGE_REACH = 3  # words from one figure to the next in a range, "4 to 4-1/4 percent"
NAME_EDIT = 3  # words replaced, at most, for a name they fall inside to count as replaced
SENTENCE_ENDS = frozenset({".", "!", "?", ";", ":"})
FULL_STOPS = frozenset({".", "!", "?"})
CLAUSE_JOINS = frozenset({"and", "or", "but", ";"})
JOINS = CLAUSE_JOINS | {","}
POINTING = frozenset({"above", "below"})  # directions that also point within a text
LIST_WORDS = frozenset({"and", "or"})  # the words that close a list
ITEM_JOINS = LIST_WORDS | {","}  # what may open an item of a list
ITEM_CLOSES = ITEM_JOINS | {".", ";"}
TITLE_REACH = 4  # words back from a name to its title ("Minister of Defense Kihara")
APPOSITION_REACH = 20  # words back from a verb's comma to "We," opening the apposition between them
SUBJECT_REACH = 12  # words back from a verb to its subject, past a guest ("The Leaders, joined by President Zelenskyy,")
POSSESSIVE = re.compile(r"[’']s$")
APOSTROPHES = frozenset({"'", "’"})  # a possessive of its own after a plural name: "the United States'"
ACRONYM_PLURAL = re.compile(r"(?<=[A-Z]{2})s\b")  # "UAVs", "SDGs"
NAME_SUFFIX = re.compile(r"(.+?)-([a-z]+)")  # "MQ-9-related": "MQ-9" and "related"
NAME_TAILS = frozenset({"led", "related", "based", "backed", "made", "funded", "owned", "wide", "centred", "centered", "linked", "focused", "sponsored", "driven"})
COMBINING = re.compile(r"(?:Indo|Euro|Sino|Afro|Anglo|Russo|Franco|Austro|Asia)-")  # "Indo-Pacific", "Euro-Atlantic": one name, not two
DETERMINERS = frozenset({"the", "a", "an", "our", "their", "its", "his", "her", "this", "these"})
DEMONSTRATIVES = frozenset({"this", "these"})  # a determiner, or a subject of its own ("This reaffirms ...")
POSSESSIVES = frozenset({"our", "their", "its"})  # inside a verb phrase they change no act: "expressed their concern"
AGAIN = frozenset({"again", "also", "further", "once", "likewise"})  # between "and" and the verb it joins
OBJECT_OPENERS = DETERMINERS | {"that", "ourselves"}  # what follows a verb and not a noun ("support for" is a noun)
BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
OFFICE_LINKS = frozenset({"of", "for"})  # between a title and its office: "Secretary of State"
PRONOUNS = frozenset({"it", "they", "we", "he", "she"})
TERM_NOUNS = frozenset({"date", "term"})  # what a vague deadline term is a term of, not when ("at an early date")
REPORTED = frozenset({"that", "to", "on", "upon"})  # what follows a participle after "be" that reports an act, and an agent
NAME_LINKS = frozenset({"of", "for", "on", "de"})  # inside a name: "Ministry of Defense"


@dataclass(frozen=True)
class Lexicon:
    """The word classes that count as evidence (``data/lexicon.toml``)."""

    ladder: tuple[tuple[str, ...], ...]
    """Commitment verbs by rung, firmest first, as reported (past tense)."""
    ladder_present: tuple[tuple[str, ...], ...]
    """The same rungs in the present tense: verbs only after their subject."""
    ladder_participle: tuple[tuple[str, ...], ...]
    """The same rungs as participles: verbs only after a comma ("..., welcoming X")."""
    subjects: frozenset[str]
    joint_subjects: frozenset[str]
    """Subjects that speak for every party; an office-holder speaks for one."""
    party_subjects: frozenset[str]
    """Subjects that speak for one party named beside them ("the U.S. side")."""
    values: frozenset[str]
    """Words that state a value without a figure: another value in place of an amount."""
    intensifiers: tuple[str, ...]
    connectives: frozenset[str]
    """Intensifiers that only join when they stand just before a ladder verb ("The Ministers further confirmed")."""
    pointers: frozenset[str]
    """Intensifiers that only point when they follow "the" ("the very same")."""
    near: frozenset[str]
    """Intensifiers that say how near before "to" ("close to the target")."""
    nearby: frozenset[str]
    """Stems of nouns after which an intensifier says where or when ("its immediate neighbours")."""
    hedges: tuple[str, ...]
    qualifiers: tuple[str, ...]
    """Hedges matched as written only: their stems are other words ("broadly", not "broad")."""
    conditions: frozenset[str]
    """Words that open a clause setting a condition or conceding ("provided", "although")."""
    concern: frozenset[str]
    """Words of the act of expressing concern: a point apart from a commitment on its topic."""
    two_senses: frozenset[str]
    """Ladder participles with a second sense, read in it after "be" with no object ("disputes are resolved")."""
    negations: frozenset[str]
    fillers: frozenset[str]
    prepositions: frozenset[str]
    boilerplate: tuple[str, ...]
    generic_names: frozenset[str]
    titles: frozenset[str]
    office_titles: frozenset[str]
    """Titles that open an office after the name of its country or body ("Japanese [Minister for Foreign Affairs]")."""
    openers: frozenset[str]
    """Words that open a sentence and are no name there ("More effective cooperation")."""
    inclusions: tuple[tuple[str, ...], ...]
    """Words that open examples of a point ("including space"): what follows them is an item of a list."""
    dating: frozenset[str]
    """Modifiers that date a thing ("new", "ongoing"), not a kind of it."""
    general: frozenset[str]
    """Stems of nouns that name a kind in general ("systems", "the region"): a specific thing made one of them is vaguer."""
    regions: frozenset[str]
    """Names of world regions, in lower case ("indo-pacific"): wider than a place on the map."""
    features: frozenset[str]
    """Last words of the names of places on the map ("sea", "strait")."""
    landmarks: frozenset[str]
    """Last words of the names of places within a sea ("islands", "shoal")."""
    facilities: frozenset[str]
    """Words that make a name a facility ("Air Base", "Camp Hansen"): narrower than a country or place."""
    institutions: frozenset[str]
    """Stems of the last words of names of initiatives, bodies and accords ("partnership", "process")."""
    bodies: frozenset[str]
    """The issuing body speaking of itself ("the Committee"): an actor unless it heads a name ("the Bank of Japan")."""
    scope: tuple[tuple[str, ...], ...]
    """Classes of scope words in opposite pairs (0 and 1, 2 and 3, ...); a word of one class in place of one of its
    opposite flips the scope."""
    direction: tuple[tuple[str, ...], ...]
    """Classes of direction words in opposite pairs ("rose", "declined"), read as ``scope``."""
    aliases: tuple[tuple[str, ...], ...]
    """Groups of names of one thing ("North Korea", "DPRK")."""
    deadlines: tuple[tuple[str, ...], ...]
    """Vague deadline terms by rank, soonest first."""
    clause: int

    @cached_property
    def rung(self) -> dict[tuple[str, ...], int]:
        """Each ladder verb (as a word tuple) mapped to its rung, higher is firmer."""
        top = len(self.ladder)
        ladders = (self.ladder, self.ladder_present, self.ladder_participle)
        return {tuple(v.split()): top - k for ladder in ladders for k, verbs in enumerate(ladder) for v in verbs}

    @cached_property
    def no_object(self) -> frozenset[str]:
        """Stems of the fillers, prepositions and titles: words that never say what a point is about ("also", "the
        Ministers", "continue", "about", "the President")."""
        return frozenset(stem(w) for w in self.fillers | self.prepositions | self.titles)

    def rung_of(self, verb: str) -> int:
        """The rung of a ladder verb as it reads in a ``Reading`` ("shared the view")."""
        return self.rung[tuple(verb.split())]

    @cached_property
    def verb_words(self) -> frozenset[str]:
        """The words of the ladder's verb phrases."""
        return frozenset(w for v in self.verb_phrases for w in v.split())

    @cached_property
    def no_party(self) -> frozenset[str]:
        """Words of a subject that names no party: titles, the issuing body, groups ("the Committee", "the Leaders")."""
        return self.titles | self.bodies | self.joint_subjects

    @cached_property
    def present(self) -> frozenset[str]:
        return frozenset(v for verbs in self.ladder_present for v in verbs)

    @cached_property
    def participles(self) -> frozenset[str]:
        return frozenset(v for verbs in self.ladder_participle for v in verbs)

    @cached_property
    def verb_phrases(self) -> tuple[str, ...]:
        return tuple(" ".join(v) for v in self.rung)

    @cached_property
    def opposite_words(self) -> tuple[str, ...]:
        return tuple(self.opposite_class)

    @cached_property
    def deadline_phrases(self) -> tuple[str, ...]:
        return tuple(" ".join(t) for t in self.deadline_rank)

    @cached_property
    def word_classes(self) -> PhraseIndex:
        """The phrase lists matched on words as written."""
        classes = {
            "boilerplate": self.boilerplate, "verbs": self.verb_phrases, "opposites": self.opposite_words, "deadlines": self.deadline_phrases,
            "qualifiers": self.qualifiers,
        }
        return phrase_index(classes, inflect=False)

    @cached_property
    def verb_index(self) -> PhraseIndex:
        """The ladder verbs, matched on words as written but the modifiers inside them ("expressed [serious] concern")."""
        return phrase_index({"verbs": self.verb_phrases}, inflect=False)

    @cached_property
    def stem_classes(self) -> PhraseIndex:
        """The phrase lists matched in any inflection."""
        return phrase_index({"intensifiers": self.intensifiers, "hedges": self.hedges}, inflect=True)

    @cached_property
    def alias(self) -> dict[str, str]:
        """Each alias's letters mapped to the first name of its group: the group's key."""
        return {plain_key(name): group[0] for group in self.aliases for name in group}

    @cached_property
    def opposite_class(self) -> dict[str, frozenset[tuple[str, int]]]:
        """Each scope or direction word mapped to its kinds and classes ("above" is outside a range and up); classes
        ``k`` and ``k ^ 1`` of a kind are opposites."""
        found: dict[str, set[tuple[str, int]]] = {}
        for kind, classes in (("scope", self.scope), ("direction", self.direction)):
            for k, words in enumerate(classes):
                for w in words:
                    found.setdefault(w, set()).add((kind, k))
        return {w: frozenset(c) for w, c in found.items()}

    @cached_property
    def deadline_rank(self) -> dict[tuple[str, ...], int]:
        return {tuple(t.split()): k for k, terms in enumerate(self.deadlines) for t in terms}


def opposite_pairs(data: dict, table: str) -> tuple[tuple[str, ...], ...]:
    """The classes of a table of opposites, in the order written: each with the one after it, the first of a pair."""
    classes = tuple(tuple(words) for words in data[table].values())
    if len(classes) % 2:
        raise ValueError(f"lexicon [{table}] lists {len(classes)} classes: opposites come in pairs")
    return classes


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``comparator/data/lexicon.toml``."""
    data = tomli.loads(shipped_data("lexicon.toml"))
    words, deadlines = data["words"], data["deadlines"]
    return Lexicon(
        ladder=tuple(tuple(v) for v in data["ladder"].values()),
        ladder_present=tuple(tuple(v) for v in data["ladder_present"].values()),
        ladder_participle=tuple(tuple(v) for v in data["ladder_participle"].values()),
        subjects=frozenset(words["subjects"]),
        joint_subjects=frozenset(words["joint_subjects"]),
        party_subjects=frozenset(words["party_subjects"]),
        values=frozenset(words["values"]),
        intensifiers=tuple(words["intensifiers"]),
        connectives=frozenset(words["connectives"]),
        pointers=frozenset(words["pointers"]),
        near=frozenset(words["near"]),
        nearby=frozenset(stem(w) for w in words["nearby"]),
        hedges=tuple(words["hedges"]),
        qualifiers=tuple(words["qualifiers"]),
        concern=frozenset(words["concern"]),
        two_senses=frozenset(words["two_senses"]),
        conditions=frozenset(words["conditions"]),
        negations=frozenset(words["negations"]),
        fillers=frozenset(words["fillers"]),
        prepositions=frozenset(words["prepositions"]),
        boilerplate=tuple(words["boilerplate"]),
        generic_names=frozenset(words["generic_names"]),
        titles=frozenset(words["titles"]),
        office_titles=frozenset(words["office_titles"]),
        openers=frozenset(words["openers"]),
        inclusions=tuple(tuple(p.split()) for p in words["inclusions"]),
        general=frozenset(stem(w) for w in words["general"]),
        regions=frozenset(r.lower() for r in words["regions"]),
        features=frozenset(words["features"]),
        landmarks=frozenset(words["landmarks"]),
        facilities=frozenset(words["facilities"]),
        institutions=frozenset(stem(w) for w in words["institutions"]),
        dating=frozenset(words["dating"]),
        bodies=frozenset(words["bodies"]),
        scope=opposite_pairs(data, "scope"),
        direction=opposite_pairs(data, "direction"),
        aliases=tuple(tuple(g) for g in data["aliases"]["groups"]),
        deadlines=tuple(tuple(t) for t in deadlines["terms"]),
        clause=int(data["thresholds"]["clause"]),
    )


class Evidence(NamedTuple):  # named tuples, as Word: defined at every start-up for less than a frozen dataclass costs
    """One finding: ``direction`` +1 firmer, -1 softer, 0 substance replaced; ``rule`` 1 or 2."""

    rule: int
    direction: int
    reason: str


class Judgement(NamedTuple):
    """The shift of a rewording and the evidence behind it."""

    shift: Shift
    evidence: tuple[Evidence, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each finding as ``rule N: ...``, the findings that decided the shift first."""
        backing = {Shift.STRENGTHENED: 1, Shift.WEAKENED: -1, Shift.ALTERED: 0}.get(self.shift)
        ordered = sorted(self.evidence, key=lambda e: (e.direction != backing, e.rule))
        return tuple(f"rule {e.rule}: {e.reason}" for e in ordered)

    @property
    def close(self) -> bool:
        """Rule-2 evidence both ways, the verdict one piece from a tie: a human should look."""
        if any(e.rule == 1 for e in self.evidence):
            return False
        up = sum(e.direction > 0 for e in self.evidence)
        down = sum(e.direction < 0 for e in self.evidence)
        return abs(up - down) <= 1 and min(up, down) >= 1


class Word(NamedTuple):
    """A token of a text: its spelling, lower-cased key and stem (a tuple: a text makes dozens, made in every pair)."""

    text: str
    key: str
    stem: str
    capital: bool
    start: int
    end: int


@lru_cache(maxsize=256)
def words_of(text: str) -> tuple[Word, ...]:
    out: list[Word] = []
    for m in TOKEN.finditer(text):
        t, start = m.group(), m.start()
        # A name with a participle joined after ("UAVs-related", "Japan-led") is the name and the word, as "related to
        # UAVs" writes them; "Non-proliferation" and "Mid-term" are words.
        suffixed = NAME_SUFFIX.fullmatch(t) if "-" in t and t[0].isupper() else None
        if suffixed and suffixed[2] in NAME_TAILS:
            parts = [(suffixed[1], start), (suffixed[2], start + suffixed.start(2))]
        else:
            parts = [(t, start)]
        out += [Word(p, p.lower(), stem(p.lower()), p[0].isupper(), at, at + len(p)) for p, at in parts]
    return tuple(out)


PhraseIndex = dict[str, list[tuple[list[str], str, str]]]  # first word -> (words, phrase, class) of each listed phrase


def phrase_index(classes: dict[str, tuple[str, ...]], inflect: bool) -> PhraseIndex:
    """Listed phrases by their first word (stemmed with ``inflect``), each as its list of words and its class."""
    index: PhraseIndex = {}
    for name, phrases in classes.items():
        for phrase in phrases:
            parts = [stem(p) if inflect else p for p in phrase.split()]
            index.setdefault(parts[0], []).append((parts, phrase, name))
    return index


def find_phrases(keys: list[str], index: PhraseIndex) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, phrase) of each indexed phrase in the words ``keys`` (or their stems), by class; one pass for all."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for k, key in enumerate(keys):
        for parts, phrase, name in index.get(key, ()):
            if keys[k : k + len(parts)] == parts:
                found.setdefault(name, []).append((k, k + len(parts), phrase))
    return {name: longest(matches) for name, matches in found.items()}


def longest(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One occurrence is one piece of evidence: of overlapping matches keep the longest ("firmly", not also "firm")."""
    kept, end = [], 0
    for match in sorted(matches, key=lambda m: (m[0], m[0] - m[1], m[2])):
        if match[0] >= end:
            kept.append(match)
            end = match[1]
    return kept


@dataclass(frozen=True)
class Reading:
    """One text read for evidence: what stands at each word position."""

    text: str
    words: tuple[Word, ...]
    verbs: list[tuple[int, int, str]]
    intensifiers: list[tuple[int, int, str]]
    hedges: list[tuple[int, int, str]]
    deadlines: list[tuple[int, int, str]]
    names: list[tuple[int, int, str]]
    numbers: list[tuple[int, int, str]]
    opposites: list[tuple[int, int, str]]
    """Scope and direction words (``Lexicon.opposite_class``)."""
    boilerplate: list[tuple[int, int, str]]
    speakers: list[tuple[int, int, bool]]
    """Who makes each commitment that says, and whether for every party (``find_speaker``)."""
    written: date | None = None
    """The day the statement is dated, from which "this year" and "the previous day" are told."""

    @cached_property
    def sentences(self) -> int:
        """How many sentences the text holds: its full stops, question and exclamation marks (an initialism keeps its
        dot, so a sentence ending in "U.S." goes uncounted)."""
        return max(1, sum(w.key in FULL_STOPS for w in self.words))

    @cached_property
    def speaking(self) -> set[int]:
        """Word positions of the speakers, judged as a whole, by whom they speak for."""
        return positions(self.speakers)

    @cached_property
    def elements(self) -> list[tuple[int, int, str]]:
        """Named elements: names, and dates and figures ("2%", "March 24"); a counting word ("the two leaders") is none,
        nor the party a speaker names ("the Japanese side")."""
        return [n for n in self.names if n[0] not in self.speaking] + [n for n in self.numbers if self.words[n[0]].key not in NUMBER_WORDS]

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(w.stem for w in self.words)

    @cached_property
    def deadline_marks(self) -> set[str]:
        """What its deadlines say of when ("immediately", "early")."""
        return time_marks(w.key for s, e, _ in self.deadlines for w in self.words[s:e])

    @cached_property
    def set_for(self) -> list[tuple[int, int, str]]:
        """Times said with "in" or "during" and a year ("conduct a second mission in 2026", "in the spring of next
        year"), not before the year the text is dated ("in April" alone may be past or to come)."""
        found = find_deadlines(self.text, self.words, [w.key for w in self.words], [], SETTING)
        return [
            (s, e, p) for s, e, p in found
            if (year := YEAR.search(p)) and (self.written is None or int(year[1]) >= self.written.year) or is_relative(p)
        ]

    @cached_property
    def covered(self) -> set[int]:
        """Word positions that other evidence (or boilerplate) accounts for: not content."""
        return positions(self.verbs, self.intensifiers, self.hedges, self.names, self.numbers, self.deadlines, self.boilerplate) | self.speaking

    @cached_property
    def definitions(self) -> list[tuple[int, int, str, frozenset[str]]]:
        """Acronyms the text defines, "the asset purchase programme (APP)": (start, end, acronym, expansion stems).

        The expansion is the name just before the parenthesis, or the words whose initials spell the acronym; a
        parenthesis may go on after the acronym ("(CPI, all items less fresh food)"), and only its acronym defines.
        """
        found = []
        for k, w in enumerate(self.words[:-2]):
            after = self.words[k + 2].key
            if w.key != "(" or after not in (")", ",", ";") or not is_acronym(self.words[k + 1].text):
                continue
            acronym = letters(self.words[k + 1].text)
            start = next((s for s, e, _ in self.names if e == k and self.words[s].text[0].upper() == acronym[0]), None)
            if start is None:
                start = spelled_from(self.words, k, acronym)
            if start is not None:
                end = k + 3 if after == ")" else k + 2
                found.append((start, end, acronym, frozenset(x.stem for x in self.words[start:k] if is_content(x))))
        return found

    @cached_property
    def parties(self) -> list[str]:
        """The parties named inside hyphenated compounds of the names, each once ("EU-Japan Summit": EU, Japan)."""
        return sorted({part for _, _, n in self.names for word in n.split() if len(parts := split_name(word)) > 1 for part in parts})

    @cached_property
    def acronyms(self) -> set[str]:
        """The letters of each acronym the text uses, a possessive or plural aside ("the PEPP's", "SDGs")."""
        return {letters(ACRONYM_PLURAL.sub("", POSSESSIVE.sub("", w.text))) for w in self.words if is_acronym(w.text)}

    @cached_property
    def clause_of(self) -> dict[int, int]:
        """For each word position from the first ladder verb on, the index of the verb whose clause holds it."""
        ends = [v[0] for v in self.verbs[1:]] + [len(self.words)]
        return {i: k for k, ((start, _, _), end) in enumerate(zip(self.verbs, ends)) for i in range(start, end)}

    @cached_property
    def weighing(self) -> set[int]:
        """Word positions of the intensifiers and hedges: words that weigh a point, not say it."""
        return positions(self.intensifiers, self.hedges)

    @cached_property
    def in_verbs(self) -> set[int]:
        """Word positions of the ladder verbs."""
        return positions(self.verbs)

    @cached_property
    def in_deadlines(self) -> set[int]:
        """Word positions inside a deadline phrase."""
        return positions(self.deadlines)

    def content(self, lo: int, hi: int, lex: Lexicon) -> list[str]:
        """Stems of the content words in ``[lo, hi)`` that no other evidence covers."""
        return [
            w.stem for k, w in enumerate(self.words[lo:hi], lo)
            if k not in self.covered and is_content(w) and w.key not in lex.fillers
        ]


def positions(*found: list[tuple[int, int, str]]) -> set[int]:
    """The word positions that the spans ``(start, end, key)`` cover."""
    return {k for spans in found for s, e, _ in spans for k in range(s, e)}


def find_verbs(keys: list[str], modifiers: set[int], plain: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int, str]]:
    """The ladder verbs among ``keys``, read past the ``modifiers`` and possessives inside them ("expressed their
    serious concern" is "expressed concern", "expressed deep concern" too: a word of a verb stays): (start, end,
    verb) in the positions of ``keys``; ``plain`` are those found word for word, all there are without such words."""
    kept = [k for k, key in enumerate(keys) if (k not in modifiers or key in lex.verb_words) and key not in POSSESSIVES]
    if len(kept) == len(keys):
        return plain
    found = find_phrases([keys[k] for k in kept], lex.verb_index).get("verbs", [])
    return [(kept[s], kept[e - 1] + 1, v) for s, e, v in found]


def stance(text: str, lex: Lexicon) -> int:
    """The kind of act a sentence makes, as near as its words tell: 1 it commits or welcomes (a ladder verb from
    "welcomed" up that governs a clause, or "will" or "would" after its subject: "we will"), else -1 it expresses
    concern, else 0 (it notes or discusses)."""
    words = words_of(text)
    keys = [w.key for w in words]
    acts = [
        v for v in find_phrases(keys, lex.verb_index).get("verbs", [])
        if v[2] not in lex.participles and (v[2] not in lex.present or after_subject(words, v[0], lex) and not POSSESSIVE.search(keys[v[0] - 1]))
    ]
    if any(lex.rung_of(v) > 1 for _, _, v in acts) or any(
        key in COMMITTING and k and (keys[k - 1] in lex.subjects or words[k - 1].capital) for k, key in enumerate(keys)
    ):
        return 1
    return -1 if lex.concern.intersection(keys) else 0


def read(text: str, lex: Lexicon, written: date | None = None) -> Reading:
    words = words_of(text)
    keys = [w.key for w in words]
    as_written, inflected = find_phrases(keys, lex.word_classes), find_phrases([w.stem for w in words], lex.stem_classes)
    deadlines = find_deadlines(text, words, keys, as_written.get("deadlines", []))
    in_deadline = positions(deadlines)
    boilerplate = as_written.get("boilerplate", [])
    in_boilerplate = positions(boilerplate)  # "the two countries" counts nothing
    keep = lambda spans: [s for s in spans if s[0] not in in_deadline]  # noqa: E731 — a deadline is judged once, by rule 1
    # A participle opening the sentence ("Determined to ...", "Recognizing that ..."), after "as" ("as noted at the
    # meeting") or after "to be" ("would continue to be discussed", as "to discuss") governs no clause of the commitment.
    verbs: list[tuple[int, int, str]] = []
    for v in find_verbs(keys, positions(inflected.get("intensifiers", [])), as_written.get("verbs", []), lex):
        if (opener(words, v[0], lex) or capital_inside(words, v[0]) or passive(words, v) or v[0] and keys[v[0] - 1] == "as"
                or keys[max(v[0] - 2, 0) : v[0]] == ["to", "be"] or describes(keys, v) or other_sense(words, v, lex)):
            continue
        if v[2] in lex.participles:
            if v[0] and keys[v[0] - 1] == ",":
                verbs.append(v)
        elif v[2] not in lex.present or after_subject(words, v[0], lex) or coordinated(words, v, verbs):
            verbs.append(v)
    verb_starts = {v[0] for v in verbs}
    names = keep(find_names(text, words, lex))
    in_names = positions(names)  # "SM-6" and "G7" are names, not also figures
    # A word of a name weighs nothing: "the G7 Rapid Response Mechanism".
    intensifiers = [
        i for i in keep(inflected.get("intensifiers", []))
        if i[0] not in in_names and not (
            i[2] in lex.connectives and i[1] in verb_starts or i[2] in lex.pointers and i[0] and keys[i[0] - 1] == "the"
            or keys[i[0]] in lex.near and keys[i[1] : i[1] + 1] == ["to"] or i[1] < len(words) and words[i[1]].stem in lex.nearby
        )
    ]
    firm = positions(intensifiers)  # "for as long as necessary" holds no hedge "as necessary"
    return Reading(
        text=text,
        words=words,
        verbs=verbs,
        intensifiers=intensifiers,
        hedges=[
            h for h in keep(sorted(inflected.get("hedges", []) + as_written.get("qualifiers", [])))
            if not is_month(words, h[0]) and not firm.intersection(range(h[0], h[1])) and h[0] not in in_names and not conditional_should(keys, h[0])
        ],
        deadlines=deadlines,
        names=names,
        numbers=[n for n in keep(find_numbers(words, lex)) if n[0] not in in_boilerplate and n[0] not in in_names],
        # "the risks outlined above": a word that ends its phrase there points within the text, not up or down.
        opposites=[o for o in keep(as_written.get("opposites", [])) if not (o[2] in POINTING and (o[1] == len(words) or not words[o[1]].key[0].isalnum()))],
        boilerplate=boilerplate,
        speakers=[found for n in range(len(verbs)) if (found := find_speaker(words, verbs, n, names, lex))],
        written=written,
    )


def conditional_should(keys: list[str], k: int) -> bool:
    """True for "should" at ``k`` before its subject: it opens a condition ("should the outlook change", as "if the
    outlook changes"), no hedge of the point."""
    return keys[k] == "should" and k + 1 < len(keys) and keys[k + 1] in DETERMINERS | PRONOUNS


def opens_sentence(words: tuple[Word, ...], k: int) -> bool:
    """True when word ``k`` is a sentence's first: capitalised whatever it is."""
    return k == 0 or words[k - 1].key in SENTENCE_ENDS


def capital_inside(words: tuple[Word, ...], k: int) -> bool:
    """True when word ``k`` is capitalised inside a sentence: part of a name ("the United States"), not a verb.

    A text in capitals throughout says nothing by its capitals.
    """
    return words[k].capital and not words[k].text.isupper() and not opens_sentence(words, k)


def is_month(words: tuple[Word, ...], k: int) -> bool:
    """True when word ``k`` is a month's name ("May 2024"), not a hedge ("may")."""
    return words[k].key in MONTHS and capital_inside(words, k)


def passive(words: tuple[Word, ...], verb: tuple[int, int, str]) -> bool:
    """True for a participle describing a noun, its agent after it ("violence committed by the military"): no one reports anything.

    After a form of "be" it is the clause's verb ("was reaffirmed by the Ministers"), and "by" must open an agent, not a manner.
    """
    k, end = verb[0], verb[1]
    if end + 1 >= len(words) or words[end].key != "by" or k > 0 and words[k - 1].key in BE or end - k > 1:  # "are concerned by"
        return False
    return words[end + 1].key in DETERMINERS or words[end + 1].capital


def describes(keys: list[str], verb: tuple[int, int, str]) -> bool:
    """True for a one-word participle after a determiner, adverbs between: it describes a noun ("its internationally
    recognised borders", "the agreed framework")."""
    k = verb[0] - 1
    while k >= 0 and keys[k].endswith("ly"):
        k -= 1
    return verb[1] - verb[0] == 1 and k >= 0 and keys[k] in DETERMINERS and keys[k] not in DEMONSTRATIVES


def other_sense(words: tuple[Word, ...], verb: tuple[int, int, str], lex: Lexicon) -> bool:
    """True for a ladder participle of two senses after a form of "be", opening no object, infinitive or agent: the
    other sense ("disputes are resolved peacefully": settled), where "is committed to", "it was determined that" and
    "was resolved by the Council" report acts, as a participle of one sense does ("the principles were reaffirmed")."""
    k, end = verb[0], verb[1]
    if not (k > 0 and words[k - 1].key in BE and verb[2] in lex.two_senses):
        return False
    return end >= len(words) or words[end].key not in REPORTED and not (words[end].key == "by" and passive(words, verb))


def coordinated(words: tuple[Word, ...], verb: tuple[int, int, str], verbs: list[tuple[int, int, str]]) -> bool:
    """True when ``verb`` opens a clause joined by "and" to a verb before it in the same sentence ("We emphasize …, and
    reiterate that", "We reaffirm … and call for the").

    Its object must follow ("that", a determiner, an infinitive), so a noun closing a list (", and support for") is no verb.
    """
    k, end = verb[0], verb[1]
    joined = k - 1
    while joined > 0 and words[joined].key in AGAIN:  # "and again call for"
        joined -= 1
    if k < 1 or words[joined].key != "and" or not verbs or end >= len(words):
        return False
    # "to" opens an infinitive after a verb ("commit to continue"), a noun phrase after a noun ("support to Ukraine").
    infinitive = words[end].key == "to" and end + 1 < len(words) and not words[end + 1].capital and words[end + 1].key not in DETERMINERS
    # Without the comma, "that" may close a noun instead ("training and support that Japan provides"); a verb of
    # several words is one whatever follows ("and takes note of").
    openers = OBJECT_OPENERS if words[joined - 1].key == "," else DETERMINERS
    if words[end].key not in openers and not infinitive and end - k == 1:
        return False
    return not any(w.key in SENTENCE_ENDS for w in words[verbs[-1][1] : k])


def after_subject(words: tuple[Word, ...], k: int, lex: Lexicon) -> bool:
    """True when word ``k`` follows its subject ("we", "they", a name), an adverb or "also" allowed between, or an
    apposition between commas ("We, the Leaders of Australia, Japan and India, reaffirm")."""
    k -= 1
    while k >= 0 and words[k].key not in lex.subjects and (words[k].key.endswith("ly") or words[k].key in lex.fillers or words[k].key in lex.connectives):
        k -= 1
    if k > 0 and words[k].key == ",":
        for m in range(k - 2, max(k - APPOSITION_REACH, 0) - 1, -1):
            if words[m].key in SENTENCE_ENDS:
                break
            if words[m].key in lex.subjects and words[m + 1].key == "," and opens_sentence(words, m):
                return True
    return k >= 0 and (words[k].key in lex.subjects or words[k].capital and words[k].key[0].isalpha())


def find_names(text: str, words: tuple[Word, ...], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Runs of capitalised words ("East China Sea", "ROK"), skipping openers, actors and office-holders.

    A hyphenated compound of names counts as its parts ("Japan-U.S.-ROK" names the ROK); a possessive before an office
    ends a name ("Japan's Minister for Foreign Affairs Kamikawa" names Japan and an office-holder, "the People's
    Republic of China" one country), as does one before an acronym ("the Eurosystem's PEPP").
    """
    names, k = [], 0
    while k < len(words):
        generic = words[k].key in lex.generic_names or opener(words, k, lex) or words[k].key in lex.bodies and not heads_name(words, k)
        if not words[k].capital or is_months(words[k].key) or generic and not is_acronym(words[k].text):
            k += 1
            continue
        end = k + 1
        # An office ends a name too: "Japanese [Minister for Foreign Affairs Kamikawa Yoko]" names Japan and an office-holder.
        while end < len(words) and not is_months(words[end].key) and not opens_office(words, end, lex) and not (
            POSSESSIVE.search(words[end - 1].key) and (words[end].key in lex.generic_names or is_acronym(words[end].text))
        ) and (
            words[end].capital or words[end].key in NAME_LINKS and end + 1 < len(words) and words[end + 1].capital and not is_months(words[end + 1].key)
            or glued(words, end)
        ):
            end += 1
        if end < len(words) and opens_office(words, end, lex):
            while end - 1 > k and words[end - 1].key in lex.generic_names:  # "Japanese [Prime Minister Kishida]"
                end -= 1
        if title_before(words, k, lex) is None:
            for part in name_parts(" ".join(text[words[k].start : words[end - 1].end].split()), lex):  # "U.S.-Japan Alliance"
                names.append((k, end, part))
        k = end
    return names


def opens_office(words: tuple[Word, ...], k: int, lex: Lexicon) -> bool:
    """True for a title of an office before a name or the office ("Minister Kihara", "Minister for Foreign Affairs"),
    not one ending the name of a role ("the ASEAN Chair in 2026") or heading a body's ("the General Assembly")."""
    after = words[k + 1 : k + 3]
    return words[k].key in lex.office_titles and bool(after) and (
        after[0].capital or after[0].key in OFFICE_LINKS and len(after) > 1 and after[1].capital
    )


def glued(words: tuple[Word, ...], k: int) -> bool:
    """True for a hyphen written between two capitalised words without a space: "U.S.-Japan" is one name."""
    return (
        words[k].key == "-" and 0 < k < len(words) - 1 and words[k + 1].capital
        and words[k - 1].end == words[k].start and words[k].end == words[k + 1].start
    )


def opener(words: tuple[Word, ...], k: int, lex: Lexicon) -> bool:
    """True for a participle, adverb or listed opener opening a sentence ("Recalling", "Based on", "Globally,",
    "More effective"): not a name."""
    at_start = opens_sentence(words, k)
    single = k + 1 < len(words) and not words[k + 1].capital
    return at_start and single and (words[k].key.endswith(("ing", "ed", "ly")) or words[k].key in lex.openers)


def heads_name(words: tuple[Word, ...], k: int) -> bool:
    """True when a linking word and a capitalised word follow word ``k`` ("Bank of Japan")."""
    return k + 2 < len(words) and words[k + 1].key in NAME_LINKS and words[k + 2].capital


def title_before(words: tuple[Word, ...], k: int, lex: Lexicon) -> int | None:
    """Where the title stands that the name at ``k`` follows, perhaps with its office between ("Minister of Defense
    Kihara"); None when no title does."""
    j = k - 1
    while j >= 0 and k - j <= TITLE_REACH:
        if words[j].key in lex.titles:
            return j
        if not (words[j].capital or words[j].key in NAME_LINKS):
            return None
        j -= 1
    return None


def same_names(a: Reading, b: Reading, lex: Lexicon) -> tuple[Reading, Reading]:
    """The two readings with one spelling for each name, the old text's ("DPRK" as "North Korea" where the old text
    said so), a name said again by its last word read as the name ("the Agreement"), and each spelled-out name
    written as its initialism where either text uses it.

    "United States" and "U.S.", "Republic of Korea" and "ROK" name one party: no name was replaced; so do
    "the United Nations Convention" and "the UN Convention".
    """
    # One spelling, the old text's, for a name written with or without hyphens ("Five Point" and "Five-Point"), in
    # the singular or plural ("UAVs", "UAV") and for the names of an alias group.
    key = {n: name_key(n, lex) for _, _, n in a.names + b.names}
    # "European security" names Europe: an adjective of a place is that place.
    for n in key:
        place = next((m for m in key if of_place(n, m)), None)
        if place:
            key[n] = key[place]
    spelling: dict[str, str] = {}
    for _, _, n in a.names + b.names:
        spelling.setdefault(key[n], n)
    acronyms = {letters(w): w for r in (a, b) for _, _, n in r.names for w in n.split() if is_acronym(w)}
    known = set(key)
    shorter = shorter_forms(set(spelling.values()))

    # A sentence's first word is capitalised whatever it is: written in lower case elsewhere, it names nothing
    # ("Business fixed investment" → "consumption and business fixed investment").
    common = {w.key for r in (a, b) for w in r.words if not w.capital}

    def unify(r: Reading) -> Reading:
        opening = {s for s, e, _ in r.names if e == s + 1 and r.words[s].key in common and opens_sentence(r.words, s)}
        names = said_shorter(r, [(s, e, spelling[key[n]]) for s, e, n in r.names if s not in opening], shorter)
        if acronyms:
            names = [(s, e, next((short for short in abbreviations(n, acronyms) if short in known), n)) for s, e, n in names]
        return r if names == r.names else replace(r, names=names)

    return unify(a), unify(b)


def of_place(adjective: str, place: str) -> bool:
    """True when ``adjective`` is the adjective of the place ``place`` names ("Japanese" of "Japan", "Chinese" of
    "China", "European" of "Europe", "Southeast Asian" of "Southeast Asia")."""
    said, named = adjective.split(), place.split()
    if len(said) != len(named) or said[:-1] != named[:-1]:
        return False
    word, base = said[-1], named[-1]
    if base.endswith("s") and word == base[:-1]:
        return True  # "Philippine" of "the Philippines"
    roots = (base, base[:-1]) if base[-1] in "aeo" else (base,)
    return any(word.startswith(root) and word[len(root) :] in PLACE_ADJECTIVE_ENDINGS for root in roots)


def shorter_forms(known: set[str]) -> dict[str, set[str]]:
    """Each way of saying one of the ``known`` names shorter, mapped to the names it may stand for: its last word
    ("the Treaty"), or its tail when the words left out name a party or are an acronym ("the Security Council" for
    "the UN Security Council"). Words that name nothing ("the Democratic People's Republic of Korea") make another
    name."""
    longer: dict[str, set[str]] = {}
    for name in known:
        words = name.split()
        for k in range(1, len(words)):
            head = k == len(words) - 1
            of_parties = all(len(parts := split_name(word)) > 1 or all(p in known or is_acronym(p) for p in parts) for word in words[:k])
            if head or of_parties:
                longer.setdefault(" ".join(words[k:]), set()).add(name)
    return longer


def said_shorter(r: Reading, names: list[tuple[int, int, str]], longer: dict[str, set[str]]) -> list[tuple[int, int, str]]:
    """``names`` of ``r`` with a name said shorter read as the one name it may stand for (``shorter_forms``): a last
    word only after "the" ("the Agreement"), and said with parties only when they are its own ("the Agreement between
    the EU and Japan" for "the EU-Japan Agreement", not "the Reciprocal Access Agreement with the Philippines")."""

    def read_as(start: int, end: int, name: str) -> str:
        full = longer.get(name, ())
        if len(full) != 1:
            return name
        whole = next(iter(full))
        if end < len(r.words) and r.words[end].key in ("with", "between"):
            # "the Agreement between the EU and Japan" is "the EU-Japan Agreement": the parties are its own.
            after = {n for s, _, n in names if end < s <= end + PARTY_REACH}
            return whole if after and after <= set(split_name(whole.split()[0])) else name
        return name if " " not in name and not (start and r.words[start - 1].key == "the") else whole

    return [(s, e, read_as(s, e, n)) for s, e, n in names]


def name_key(name: str, lex: Lexicon) -> str:
    """What identifies a name: its alias group, else its ``plain_key``."""
    key = plain_key(name)
    return lex.alias.get(key, key)


def plain_key(name: str) -> str:
    """A name's letters and digits without an acronym's plural ("UAVs" is "UAV"), the parties of a compound in any
    order ("Japan-U.S. Security Treaty" is "U.S.-Japan Security Treaty")."""
    first, _, rest = ACRONYM_PLURAL.sub("", name).partition(" ")
    return spelled("".join(sorted(split_name(first))) + rest)


def abbreviations(name: str, acronyms: dict[str, str]) -> Iterator[str]:
    """``name`` with one run of two or more of its words written as the acronym ``acronyms`` has for it."""
    words = name.split()
    longest = max(map(len, acronyms))  # each word gives an initial at least, linking words aside
    for i in range(len(words) - 1):
        reach, spelling = i, 0
        while reach < len(words) and spelling + (words[reach] not in NAME_LINKS) <= longest:
            spelling += words[reach] not in NAME_LINKS
            reach += 1
        for j in range(reach, i + 1, -1):
            for short in (acronyms[x] for x in initials(" ".join(words[i:j])) if x in acronyms):
                yield " ".join([*words[:i], short, *words[j:]])


def spelled_from(words: tuple[Word, ...], end: int, acronym: str) -> int | None:
    """Where the words before ``end`` whose initials (of each hyphenated part) spell ``acronym`` begin, if they do."""
    spelled, k = "", end
    while k > 0 and len(spelled) < len(acronym):
        k -= 1
        if words[k].key[0].isalnum() and words[k].key not in NAME_LINKS and words[k].key != "and":  # "intelligence, surveillance, and reconnaissance"
            spelled = "".join(part[0] for part in words[k].key.split("-") if part).upper() + spelled
    return k if spelled == acronym else None


def letters(name: str) -> str:
    return "".join(c for c in name if c.isalpha()).upper()


def spelled(name: str) -> str:
    """A name's letters and digits, without spaces, hyphens, dots or case: "Five-Point" is "Five Point", "F-35" is no
    "F-15"."""
    return "".join(c for c in name if c.isalnum()).upper()


def initials(name: str) -> tuple[str, ...]:
    """A spelled-out name's possible initialisms: with and without its linking words ("ROK", "DPRK", "JSDF")."""
    words = re.split(r"[\s-]+", name)
    return ("".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w not in NAME_LINKS).upper())


def is_acronym(text: str) -> bool:
    return not text.islower() and sum(map(str.isupper, text)) >= 2


def name_parts(name: str, lex: Lexicon) -> list[str]:
    """The named elements of a capitalised run: its hyphenated parts that are not generic or the issuing body."""
    return [p for p in split_name(name) if p.lower() not in lex.generic_names and p.lower() not in lex.bodies]


@lru_cache(maxsize=4096)
def split_name(name: str) -> tuple[str, ...]:
    """A hyphenated compound of names as its parts ("Japan-U.S.-ROK"), without dots or a possessive."""
    parts = re.split(r"-+(?=[A-Z])", name) if " " not in name and not COMBINING.match(name) else [name]
    return tuple(POSSESSIVE.sub("", p if INITIALISM.fullmatch(p) else p.strip(".")) for p in parts)


def find_numbers(words: tuple[Word, ...], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Figures, months, counting words (keyed by their value: "two" is "2"), and times said in words ("this
    spring", "next year"): dates too."""
    # "last August": a month told from the day of writing, one number ("the following March" follows another time)
    told_months = {k for k, w in enumerate(words) if k and w.capital and w.key in MONTHS and words[k - 1].key in MONTH_DEICTICS}
    return [
        (k, k + 1, f"{NUMBER_WORDS_VALUE[w.key]:g}" if w.key in NUMBER_WORDS_VALUE else w.key) for k, w in enumerate(words)
        if HAS_DIGIT.search(w.key) or (w.capital and is_months(w.key) and k not in told_months)
        or (w.key in NUMBER_WORDS and w.key not in lex.fillers)
    ] + [
        (k - 1, k + 1, said_from_now(words[k - 1].key, w.key)) for k, w in enumerate(words)
        if k and (w.key in TIME_UNITS and words[k - 1].key in TIME_DEICTICS or k in told_months)
    ] + [
        (k - 1, k + 1, said_from_now("next", words[k - 1].key)) for k, w in enumerate(words)
        if k > 1 and w.key == "ahead" and words[k - 1].key in TIME_UNITS and words[k - 2].key == "the"  # "in the year ahead", not "a year ahead of"
    ]


def said_from_now(deictic: str, unit: str) -> str:
    """The key of a time said from the day of writing, one wording for each: "the coming year" and "the year ahead"
    are "next year", "the coming August" "next august"; a day keeps its words ("the previous day", "the following
    day")."""
    return f"{deictic} {unit}" if unit == "day" else f"{('last', 'this', 'next')[OFFSETS[deictic] + 1]} {unit}"


def told_from(key: str, written: date | None) -> str:
    """The year, month or day that the number ``key`` names, said on ``written``: "last year" in 2024 is "2023", "the
    previous day" "january 11 2023"; ``key`` itself if it says no such time or the day is not known."""
    deictic, _, unit = key.partition(" ")
    if written is None or deictic not in OFFSETS:
        return unit if deictic in OFFSETS and unit in MONTHS else key  # "last August", the year not known: August
    offset = OFFSETS[deictic]
    if unit == "year":
        return str(written.year + offset)
    if unit == "month":
        month = written.month - 1 + offset
        return f"{MONTH_NAMES[month % 12]} {written.year + month // 12}"
    if unit == "day":
        day = written + timedelta(days=offset)
        return f"{MONTH_NAMES[day.month - 1]} {day.day} {day.year}"
    if unit in MONTHS:  # "last August" is the latest August before the day of writing, "next August" the first after
        month = MONTH_NAMES.index(unit) + 1
        if offset < 0:
            return f"{unit} {written.year - (month >= written.month)}"
        return f"{unit} {written.year + (offset > 0 and month <= written.month)}"
    return key


def beyond(old: list[str], new: list[str], a: Reading, b: Reading) -> tuple[Counter, Counter]:
    """What the old numbers or names have more of than the new, and the reverse (as ``budget``), but for times one
    side says otherwise, told from the days of writing and maybe more precisely ("August this year" in 2023 and
    "August last year" in 2024; "the previous day" and "January")."""
    lost, gained = budget(old, new)
    if not any(" " in key for key in (*lost, *gained)):
        return lost, gained  # no time said from the day of writing
    told_lost = {key: set(told_from(key, a.written).split()) for key in lost}
    told_gained = {key: set(told_from(key, b.written).split()) for key in gained}

    def said_otherwise(told: set[str], others: dict[str, set[str]]) -> bool:
        said = set().union(*(t for t in others.values() if all(w in MONTHS or w.isdigit() for w in t)))
        return bool(said) and all(w in MONTHS or w.isdigit() for w in told) and (told <= said or said <= told)

    return (Counter({k: c for k, c in lost.items() if not said_otherwise(told_lost[k], told_gained)}),
            Counter({k: c for k, c in gained.items() if not said_otherwise(told_gained[k], told_lost)}))


def find_deadlines(
    text: str, words: tuple[Word, ...], keys: list[str], terms: list[tuple[int, int, str]], opening: tuple[tuple[str, ...], ...] = DEADLINE_OPENERS,
) -> list[tuple[int, int, str]]:
    """Deadline phrases: the ranked vague ``terms`` found, a date (or "this year", "next spring") after "by", "before" or
    "no later than", or "within" a span of time; with other ``opening`` words, other times ("in 2026").

    Between "by" and its year only calendar words may stand ("by the end of fiscal 2027"), so "hosted by
    Japan in 2024" holds no deadline.
    """
    found = list(terms)
    heads = {opener[0] for opener in opening}
    for k, key in enumerate(keys):
        if key not in heads or (start := next((k + len(o) for o in opening if tuple(keys[k : k + len(o)]) == o), None)) is None:
            continue
        end, month = start, None
        while end < len(keys) and end - start < DEADLINE_REACH and (
            keys[end] in CALENDAR or is_months(month_part(keys[end])) or keys[end].isdigit() or keys[end] in NUMBER_WORDS
            or DEADLINE_YEAR.fullmatch(keys[end]) or PERIOD.fullmatch(keys[end])
            or words[end].capital and keys[end + 1 : end + 2] in (["fiscal"], ["fy"])  # "by Japanese Fiscal Year 2027"
        ):
            relative = keys[end] in TIME_UNITS and is_relative(" ".join(keys[start : end + 1]))  # "by the end of this year"
            if DEADLINE_YEAR.fullmatch(keys[end]) or relative or (key == "within" and keys[end] in SPANS):
                found.append((k, end + 1, text[words[k].start : words[end].end]))
                break
            month = end if is_months(month_part(keys[end])) and key != "within" else month
            end += 1
        else:
            if month is not None:  # "by mid-December": in the year that month next comes
                found.append((k, month + 1, text[words[k].start : words[month].end]))
    return sorted(found)


def month_part(key: str) -> str:
    """A month said with a part of it ("mid-december"), as the month alone."""
    part, dash, month = key.partition("-")
    return month if dash and (part in PART_OF_MONTH or part == "late") else key


def not_kept(phrases: list[str], kept: Counter, lex: Lexicon, written: date | None) -> list[str]:
    """The deadline phrases beyond those ``kept`` on both sides (``deadline_key``)."""
    left = Counter(kept)
    return [p for p in phrases if not take(left, deadline_key(p, lex, written))]


def deadline_key(phrase: str, lex: Lexicon, written: date | None) -> object:
    """What makes two deadlines one: the words, in lower case; the time they fall on where it is told from ``written``."""
    return deadline_value(phrase, lex, written) if told_year(phrase, written) else phrase.lower()


def deadline_value(phrase: str, lex: Lexicon, written: date | None = None) -> tuple[int, int, int, float, float]:
    """(rank, year, offset, month, span): how late a deadline falls; a dated one ranks between near and medium term,
    "by next year" falls after "by this year" (offset 1 against 0), and inside one year "by early 2026" before "by
    June 2026", that before "by the third quarter of 2026" and that before "by (the end of) 2026". Said on
    ``written``, "by the end of next year" falls in the year after."""
    year = YEAR.search(phrase)
    lowered = phrase.lower()
    words = lowered.replace("-", " ").split()
    rank = lex.deadline_rank.get(tuple(lowered.split()), DATED_RANK)
    if (told_in := told_year(phrase, written)) is not None:
        return rank, told_in, 0, month_of(words), within_span(phrase)
    return rank, int(year[1]) if year else 0, offset_of(words), month_of(words), within_span(phrase)


def offset_of(words: list[str]) -> int:
    """How many years (or units) from the day of writing a time said in ``words`` falls: "next year" is 1."""
    return next((OFFSETS[w] for w in words if w in OFFSETS), 0)


def told_year(phrase: str, written: date | None) -> int | None:
    """The calendar year a deadline said from the day of writing ends in ("by the end of this year", "by next
    spring", "by mid-December"), told from ``written``; None for a dated, fiscal or vaguer one."""
    words = phrase.lower().split()
    if written is None or YEAR.search(phrase) or is_fiscal(phrase):
        return None
    if words[-1] in YEAR_PARTS and is_relative(phrase):
        return written.year + offset_of(words)
    month = month_part(words[-1])
    return written.year + (MONTH_OF[month] < written.month) if month in MONTHS else None  # "by December", said in November


def month_of(words: list[str]) -> float:
    """The month in which a deadline of these words ends: a quarter or half, else the last named month ("by
    January-March"), earlier in it when early or mid ("by early June"), or a season or early/mid alone."""
    for k, word in enumerate(words):
        if (period := PERIOD.fullmatch(word)) and (period[1] == "q" or period[2] in "12"):
            return PERIOD_MONTHS["quarter" if period[1] == "q" else "half"] * int(period[2])
        if word in PERIOD_MONTHS and k and words[k - 1] in ORDINAL_VALUE:
            return PERIOD_MONTHS[word] * ORDINAL_VALUE[words[k - 1]]
    named = [k for k, word in enumerate(words) if word in MONTH_OF]
    if not named:
        return 12
    last = named[-1]
    earlier = next((PART_OF_MONTH[w] for w in words[max(last - 3, 0) : last] if w in PART_OF_MONTH), 0) if words[last] in MONTHS else 0
    return MONTH_OF[words[last]] - earlier


def is_months(key: str) -> bool:
    """A month or a range of months ("january-march")."""
    return all(part in MONTHS for part in key.split("-"))


def binds(phrase: str, lex: Lexicon) -> bool:
    """True for a deadline that sets a time, alone: a date, or a vague term no later than the near term (against a
    date, only "immediately" does: see ``unset``)."""
    return deadline_value(phrase, lex)[0] <= DATED_RANK


def is_fiscal(phrase: str) -> bool:
    return bool(FISCAL.search(phrase))


def is_relative(phrase: str) -> bool:
    """True for a time said from the day it was written: "by the end of this year", "by next spring", "the end of
    the year"."""
    words = phrase.lower().split()
    return any(w in TIME_DEICTICS for w in words) or words[-3:-1] == ["of", "the"] and words[-1] in TIME_UNITS


def time_of(phrase: str, written: date | None = None) -> str:
    """The date of a deadline as the text may say it once met: its year (told from ``written`` if need be), else its
    last two words ("this year")."""
    year = YEAR.search(phrase)
    told_in = told_year(phrase, written)
    return year[1] if year else str(told_in) if told_in is not None else " ".join(phrase.lower().split()[-2:])


def within_span(phrase: str) -> float:
    """The length of "within N years/months", in years (0 for other deadlines)."""
    words = phrase.lower().split()
    if words[0] != "within" or words[-1] not in SPANS:
        return 0.0
    count = next((NUMBER_WORDS_VALUE.get(w) or float(w) for w in words[1:-1] if w.isdigit() or w in NUMBER_WORDS_VALUE), 1.0)
    return count / (12 if words[-1].startswith("month") else 1)


def quoted(items) -> str:
    """The items quoted, each once ("APEC" spelled out and abbreviated is one name)."""
    return ", ".join(f"'{x}'" for x in dict.fromkeys(items))


def span_text(r: Reading, lo: int, hi: int, limit: int = SHOWN_CHARS) -> str:
    """The words ``[lo, hi)`` as written in the text, clipped for a reason."""
    lo, hi = max(0, lo), min(hi, len(r.words))
    if lo >= hi:
        return ""
    shown = r.text[r.words[lo].start : r.words[hi - 1].end]
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip() + "…"


def within(spans: list[tuple[int, int, str]], lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [s for s in spans if lo <= s[0] < hi]


def overlapping(spans: list[tuple[int, int, str]], lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [s for s in spans if s[0] < hi and lo < s[1]]


def edits_inside_name(r: Reading, lo: int, hi: int) -> bool:
    """True when words ``[lo, hi)`` are a few capitalised words: replaced inside a name, they replace the name it
    falls inside ("Camp Hansen" → "Camp Schwab"), not only a name they start."""
    return 0 < hi - lo <= NAME_EDIT and any(capital_inside(r.words, k) for k in range(lo, hi))


def distinct(spans: list[tuple[int, int, str]]) -> list[str]:
    """Each element once: a name or a word is left out when it is gone, not when it is mentioned less (a split restates its subject)."""
    return sorted({key for _, _, key in spans})


def budget(old: list[str], new: list[str]) -> tuple[Counter, Counter]:
    """What the old text has more of than the new, and the reverse: only those occurrences can be evidence."""
    a, b = Counter(old), Counter(new)
    return a - b, b - a


def take(spent: Counter, key: str) -> bool:
    """Use one occurrence of ``key`` from ``spent`` if any is left."""
    if spent[key] > 0:
        spent[key] -= 1
        return True
    return False


def judge(old: str, new: str, lexicon: Lexicon | None = None, dated: tuple[str | None, str | None] = (None, None)) -> Judgement:
    """The shift of a rewording from ``old`` to ``new`` text, by FORMAT.md's ordered rules; ``dated`` holds the days
    (ISO 8601) the two statements are dated, when known, from which "this year" is told."""
    lex = lexicon or default_lexicon()
    written = [date.fromisoformat(day) if day else None for day in dated]
    a, b = same_names(read(old, lex, written[0]), read(new, lex, written[1]), lex)
    ops = opcodes(a, b)
    changed = [op for op in ops if op[0] != "equal"]
    slot = same_slot(a, changed)
    evidence = rule_one(a, b, changed, slot, lex)
    if not evidence:
        evidence = rule_two(a, b, changed, slot, governing_verbs(a, b, ops, lex), aligned(ops), lex)
    if any(e.direction == 0 for e in evidence):
        return Judgement(Shift.ALTERED, tuple(evidence))
    if not evidence:
        return Judgement(Shift.NEUTRAL, ())
    net = sum(e.direction for e in evidence)
    return Judgement(Shift.STRENGTHENED if net > 0 else Shift.WEAKENED if net < 0 else Shift.ALTERED, tuple(evidence))


def opcodes(a: Reading, b: Reading) -> list[tuple[str, int, int, int, int]]:
    """The two texts aligned word by word (stems, so inflection is no change).

    A stretch only one side has may stand at several places where the words around it repeat ("fighter [aircraft and
    maritime patrol] aircraft"). Unless it opens with a word that joins items already, it is put where it does
    ("fighter aircraft [and maritime patrol aircraft]"), preferring "and" or "or" to a comma.
    """
    ops = [part for op in matcher([w.stem for w in a.words], [w.stem for w in b.words]).get_opcodes() for part in modal_apart(op, a, b)]
    for k in range(1, len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[k]
        if tag not in ("delete", "insert") or ops[k - 1][0] != "equal" or ops[k + 1][0] != "equal":
            continue
        words, lo, hi = (a.words, i1, i2) if tag == "delete" else (b.words, j1, j2)
        if words[lo].key in ITEM_JOINS:
            continue
        floor, ceiling = (ops[k - 1][1], ops[k + 1][2]) if tag == "delete" else (ops[k - 1][3], ops[k + 1][4])
        # It may move left while the word it meets repeats its last, right while the word it meets repeats its first.
        places: list[int] = []
        while lo - len(places) - 1 >= floor and words[lo - len(places) - 1].stem == words[hi - len(places) - 1].stem:
            places.append(-len(places) - 1)
        right = 0
        while hi + right < ceiling and words[hi + right].stem == words[lo + right].stem:
            right += 1
            places.append(right)
        shift = next((s for joins in (LIST_WORDS, {","}) for s in sorted(places) if words[lo + s].key in joins), 0)
        if shift:
            before, after = ops[k - 1], ops[k + 1]
            ops[k - 1] = ("equal", before[1], before[2] + shift, before[3], before[4] + shift)
            ops[k] = (tag, i1 + shift, i2 + shift, j1 + shift, j2 + shift)
            ops[k + 1] = ("equal", after[1] + shift, after[2], after[3] + shift, after[4])
    return ops


def differing(changed: list[tuple[str, int, int, int, int]]) -> tuple[set[int], set[int]]:
    """The old and the new word positions inside the stretches that differ."""
    return {k for _, i1, i2, _, _ in changed for k in range(i1, i2)}, {k for *_, j1, j2 in changed for k in range(j1, j2)}


def aligned(ops: list[tuple[str, int, int, int, int]]) -> dict[int, int]:
    """The old word positions the word alignment keeps, each with its position in the new text."""
    return {i1 + k: j1 + k for tag, i1, i2, j1, _ in ops if tag == "equal" for k in range(i2 - i1)}


def modal_apart(op: tuple[str, int, int, int, int], a: Reading, b: Reading) -> list[tuple[str, int, int, int, int]]:
    """A replaced stretch that ends in a modal on both sides as two: what was added or left out before the verb, and the
    modal in place of the other ("spending would support" → "spending, as well as lower tariffs, could support": an
    item added, and "could" for "would")."""
    tag, i1, i2, j1, j2 = op
    if tag != "replace" or i2 - i1 + j2 - j1 <= 2 or a.words[i2 - 1].key not in MODALS or b.words[j2 - 1].key not in MODALS:
        return [op]
    before = "replace" if i2 - 1 > i1 and j2 - 1 > j1 else "delete" if i2 - 1 > i1 else "insert"
    return [(before, i1, i2 - 1, j1, j2 - 1), ("replace", i2 - 1, i2, j2 - 1, j2)]


def rule_one(a: Reading, b: Reading, changed: list[tuple[str, int, int, int, int]], slot: bool, lex: Lexicon) -> list[Evidence]:
    """Replaced substance (direction 0) and deadlines (±1, rule 1's exception), from the stretches that differ;
    ``slot``: most old words were kept (``same_slot``)."""
    found = []
    lost_names = budget(distinct(a.names), distinct(b.names) + b.parties)[0]  # a compound names its parties
    gained_names = budget(distinct(b.names), distinct(a.names) + a.parties)[0]
    # Two names both texts say may trade places: "The United States and Japan will meet in the United States" → "... in
    # Japan" names each less and more often, where a split that names its subject again only names it more.
    fewer_names, more_names = budget([n for _, _, n in a.names], [n for _, _, n in b.names])
    said_both = set(distinct(a.names)) & set(distinct(b.names))
    lost_numbers, gained_numbers = beyond(distinct(a.numbers), distinct(b.numbers), a, b)
    # One of two mentions replaced ("the 12th Regiment into the 12th Littoral Regiment" → "... into the 3rd ...").
    fewer_numbers, more_numbers = beyond([n for _, _, n in a.numbers], [n for _, _, n in b.numbers], a, b)
    flips = [negations(b, j1, j2, lex) - negations(a, i1, i2, lex) for _, i1, i2, j1, j2 in changed]
    if negation_moved(a, [(op[1], flip) for op, flip in zip(changed, flips) if flip]):
        flips = [0] * len(flips)
    for (_, i1, i2, j1, j2), flip in zip(changed, flips):
        # A negation flips a point where little else changed around it; in a recast sentence "not accept" may be "oppose".
        if flip and max(i2 - i1, j2 - j1) <= FLIP_SPAN:
            where = span_text(b, j1 - 1, j2 + 1) if flip > 0 else span_text(a, i1 - 1, i2 + 1)
            found.append(Evidence(1, 0, f"negation {'added' if flip > 0 else 'removed'}: {where!r}"))
        names_at = overlapping if edits_inside_name(a, i1, i2) and edits_inside_name(b, j1, j2) else within
        old_names = [n for _, _, n in names_at(a.names, i1, i2) if n in lost_names]
        new_names = [n for _, _, n in names_at(b.names, j1, j2) if n in gained_names]
        if not old_names and not new_names:
            fewer = [n for _, _, n in names_at(a.names, i1, i2) if n in said_both and fewer_names[n] > 0]
            more = [n for _, _, n in names_at(b.names, j1, j2) if n in said_both and more_names[n] > 0]
            if fewer and more and not region_scope(fewer, more, lex):
                old_names, new_names = fewer, more
                fewer_names -= Counter(fewer)
                more_names -= Counter(more)
        if old_names and new_names and not region_scope(old_names, new_names, lex):
            found.append(Evidence(1, 0, f"{quoted(old_names)} → {quoted(new_names)}"))
            lost_names -= Counter(old_names)  # a name two stretches fall inside is replaced once
            gained_names -= Counter(new_names)
        # A number gives way to another of its kind: a date to a date, a quantity to a quantity.
        old_numbers = [(is_date(a.words, k, n), n) for k, _, n in within(a.numbers, i1, i2) if n in fewer_numbers]
        new_numbers = [(is_date(b.words, k, n), n) for k, _, n in within(b.numbers, j1, j2) if n in more_numbers]
        for kind in sorted({k for k, _ in old_numbers} & {k for k, _ in new_numbers}):
            found.append(Evidence(1, 0, f"{quoted(n for k, n in old_numbers if k == kind)} → {quoted(n for k, n in new_numbers if k == kind)}"))
        # An amount in place of a word that states a value, or the reverse ("by 25 basis points" → "unchanged"); other
        # words in its place ("substantial", "several") make it vaguer instead, which rule 2 counts.
        if max(len(a.content(i1, i2, lex)), len(b.content(j1, j2, lex))) <= ITEM_WORDS:
            old_figures, new_figures = figures(a, i1, i2, lost_numbers), figures(b, j1, j2, gained_numbers)
            old_values, new_values = value_words(a, i1, i2, lex), value_words(b, j1, j2, lex)
            if old_figures and new_values and not new_numbers or old_values and new_figures and not old_numbers:
                found.append(Evidence(1, 0, f"{quoted(old_figures or old_values)} → {quoted(new_figures or new_values)}"))
        old_classes = {c for _, _, p in within(a.opposites, i1, i2) for c in lex.opposite_class[p]}
        new_classes = {c for _, _, p in within(b.opposites, j1, j2) for c in lex.opposite_class[p]}
        # A direction flips where one word of substance gave way to its opposite, a scope where little else changed.
        flipped = [
            kind for kind, k in old_classes if (kind, k ^ 1) in new_classes and (kind, k) not in new_classes and (
                max(i2 - i1, j2 - j1) <= FLIP_SPAN if kind == "scope" else len(core(a, i1, i2, lex)) == len(core(b, j1, j2, lex)) == 1
            )
        ]
        if flipped:
            found.append(Evidence(1, 0, f"{flipped[0]} {span_text(a, i1, i2)!r} → {span_text(b, j1, j2)!r}"))
        if slot and not old_names and not new_names and whole_item(a, i1, i2, b, lex) and whole_item(b, j1, j2, a, lex):
            found.append(Evidence(1, 0, f"{span_text(a, i1, i2)!r} → {span_text(b, j1, j2)!r}"))
    # "the cap from $25 billion to $5 billion": the old value said again as where the new one came from; the reverse,
    # "raise the rate from 0.25 to 0.5 percent" → "keep the rate at 0.5 percent", is another decision on it.
    said_old, said_new = {n for _, _, n in a.numbers}, {n for _, _, n in b.numbers}
    for before, after in sorted(set(value_changes(b)) - set(value_changes(a))):
        if before in said_old and after not in said_old:
            found.append(Evidence(1, 0, f"{quoted([before])} → {quoted([after])}"))
    for before, after in sorted(set(value_changes(a)) - set(value_changes(b))):
        if after in said_new and before not in said_new:
            found.append(Evidence(1, 0, f"{quoted([f'from {before} to {after}'])} → {quoted([after])}"))
    if not found:
        # A date that moved as well as changed ("the meeting held the previous day" → "Based on the meeting on
        # February 7, ...") still stands in place of the other; an ordinal ("21st century cooperation") names no day.
        old_dates, new_dates = moved_dates(a, lost_numbers), moved_dates(b, gained_numbers)
        if old_dates and new_dates:
            found.append(Evidence(1, 0, f"{quoted(old_dates)} → {quoted(new_dates)}"))
        # So does an amount ("at 3-1/2 to 3-3/4 percent" → "by 1/4 percentage point to 3-1/4 to 3-1/2 percent").
        old_figures, new_figures = figures(a, 0, len(a.words), lost_numbers), figures(b, 0, len(b.words), gained_numbers)
        if old_figures and new_figures:
            found.append(Evidence(1, 0, f"{quoted(old_figures)} → {quoted(new_figures)}"))
    found += deadline_evidence(a, b, changed, lex)
    return found


def same_slot(a: Reading, changed: list[tuple[str, int, int, int, int]]) -> bool:
    """True when most old words are kept: a replaced stretch then fills the same slot; in a recast sentence it may be
    anything."""
    return sum(i2 - i1 for _, i1, i2, _, _ in changed) <= (1 - SAME_SLOT) * len(a.words)


def whole_item(r: Reading, lo: int, hi: int, other: Reading, lex: Lexicon) -> bool:
    """True when words ``[lo, hi)`` are a whole item of a list, from one separator to the next, whose words of substance
    say something specific ("other areas" is general) that the other text says nowhere. A list's first item opens with
    any word ("to maintain and promote"), so it stays unread: a verb is as likely as a thing. An item an inclusion opens
    ("including for [critical minerals]") is read to its end, a few words long."""
    before = r.words[lo - 1].key if lo else ""
    after = r.words[hi].key if hi < len(r.words) else "."
    opened = included_from(r, lo, lex)
    if before not in ITEM_JOINS and not opened or after not in ITEM_CLOSES:
        return False
    if r.covered.intersection(range(lo, hi)):  # hedges and intensifiers too
        return False
    stems = set(r.content(lo, hi, lex))
    item = len(stems) <= ITEM_WORDS if opened else listed(r, lo, hi, lex)
    return bool(stems - lex.general) and not stems & other.stems and item


def included_from(r: Reading, lo: int, lex: Lexicon) -> bool:
    """True when an inclusion that opens items ends just before ``lo``, a preposition or determiner between: "including
    [space]", "such as [cyber]", not an adverb ("especially [dangerous]" qualifies an adjective as often)."""
    k = lo
    while k > max(lo - 2, 0) and (r.words[k - 1].key in lex.prepositions or r.words[k - 1].key in DETERMINERS):
        k -= 1
    keys = tuple(w.key for w in r.words[max(k - 3, 0) : k])
    return any(keys[-len(p) :] == p and not p[-1].endswith("ly") for p in lex.inclusions)


def negation_moved(a: Reading, flips: list[tuple[int, int]]) -> bool:
    """True when a negation only moved within its clause ("no attempt would be accepted" → "attempts would not be
    accepted"): one taken out, one put in, and nothing joining two clauses between them; ``flips`` are the
    (old position, flip) of the stretches that flip."""
    if len(flips) != 2 or flips[0][1] + flips[1][1] != 0:
        return False
    return not CLAUSE_JOINS.intersection(w.key for w in a.words[flips[0][0] : flips[1][0]])


def core(r: Reading, lo: int, hi: int, lex: Lexicon) -> list[str]:
    """The content words of ``[lo, hi)`` other than adverbs and the modifiers of the lexicon ("fell sharply" is "fell")."""
    return [w.key for k, w in enumerate(r.words[lo:hi], lo) if is_content(w) and k not in r.weighing and not w.key.endswith("ly")]


def value_changes(r: Reading) -> list[tuple[str, str]]:
    """(from, to) for each "from X to Y" of two figures, a few words apart, that are no dates ("from 2025 to 2027" is a
    span)."""
    figures = [(k, n) for k, _, n in r.numbers if is_figure(r.words, k) and not is_date(r.words, k, n)]
    ranges = {k for (k, _), (m, _) in zip(figures, figures[1:]) if "to" in (w.key for w in r.words[k + 1 : m]) and m - k <= RANGE_REACH}
    return [
        (x, y) for (k, x), (m, y) in zip(figures, figures[1:])
        if "from" in (w.key for w in r.words[max(k - 2, 0) : k]) and "to" in (w.key for w in r.words[k + 1 : m]) and m - k <= VALUE_REACH
        and m not in ranges  # "from 4-1/4 to 4-1/2 percent to 4 to 4-1/4 percent" moves a range
    ]


def moved_dates(r: Reading, changed: Counter) -> list[str]:
    """The dates outside deadlines, ordinals aside, that the other side does not have (``changed``)."""
    return [n for k, _, n in r.numbers if n in changed and is_date(r.words, k, n) and not ORDINAL.fullmatch(n) and k not in r.in_deadlines]


def figures(r: Reading, lo: int, hi: int, changed: Counter) -> list[str]:
    """The amounts in digits among words ``[lo, hi)`` that the other side does not have (``changed``)."""
    return [n for k, _, n in within(r.numbers, lo, hi) if n in changed and is_figure(r.words, k)]


def value_words(r: Reading, lo: int, hi: int, lex: Lexicon) -> list[str]:
    """Words among ``[lo, hi)`` that state a value without a figure ("unchanged", "unanimous")."""
    return [w.key for w in r.words[lo:hi] if w.key in lex.values]


def neighbours(words: tuple[Word, ...], k: int) -> set[str]:
    return {words[n].key for n in (k - 1, k + 1) if 0 <= n < len(words)}


def is_date(words: tuple[Word, ...], k: int, key: str) -> bool:
    """True for a month, a year, a day of a month, an ordinal ("the 21st century", "the 2nd Summit"), "the third
    quarter" or "this spring"; else the number is a quantity."""
    return (" " in key or key in MONTHS or bool(YEAR.search(key) or ORDINAL.fullmatch(key))
            or bool(neighbours(words, k) & (MONTHS | PARTS_OF_YEAR)))


def is_figure(words: tuple[Word, ...], k: int) -> bool:
    """True for an amount in digits ("25", "1.5", "5-1/4"): not a year, an ordinal, a model ("PAC-3"), a date's day
    or a label made of figures ("2+2")."""
    return bool(FIGURE.fullmatch(words[k].key)) and not YEAR.fullmatch(words[k].key) and not neighbours(words, k) & (MONTHS | {"+"})


def negations(r: Reading, lo: int, hi: int, lex: Lexicon) -> int:
    """Negation words in ``[lo, hi)`` outside deadlines ("no later than", "without delay" negate nothing)."""
    return sum(r.words[k].key in lex.negations for k in range(lo, hi) if k not in r.in_deadlines)


def deadline_evidence(a: Reading, b: Reading, changed: list[tuple[str, int, int, int, int]], lex: Lexicon) -> list[Evidence]:
    # A deadline kept as it was is no evidence; the others are ("by 2050 ... by 2035" → "by 2050 ...": one is gone).
    said_old, said_new = [p for _, _, p in a.deadlines], [p for _, _, p in b.deadlines]
    # Told from two days of writing, "by the end of this year" said in 2023 and in 2024 are two deadlines.
    both_dated = a.written is not None and b.written is not None
    when_old, when_new = (a.written, b.written) if both_dated else (None, None)
    kept = Counter(deadline_key(p, lex, when_old) for p in said_old) & Counter(deadline_key(p, lex, when_new) for p in said_new)
    old, new = not_kept(said_old, kept, lex, when_old), not_kept(said_new, kept, lex, when_new)
    # A vague term on one side only, said there as a modifier instead, is kept: "an immediate cessation" → "cease
    # immediately", "its early implementation" → "implementing it at an early date".
    if bool(old) != bool(new):
        at = differing(changed)
        stems = {a.words[k].stem for k in at[0]}, {b.words[k].stem for k in at[1]}
        old = [p for p in old if not said_instead(a, p, at[0], stems[1], lex)]
        new = [p for p in new if not said_instead(b, p, at[1], stems[0], lex)]
    if not old or not new:
        # Alone, a term that sets no time ("in due course", "eventually") neither adds nor drops a deadline.
        old, new = [p for p in old if binds(p, lex)], [p for p in new if binds(p, lex)]
    if not old and not new:
        return []
    if not new:
        # A deadline met has not disappeared: "open by 2024" -> "opened in 2024", "by the end of this year" -> "this year".
        times = {told_from(n, when_new) for _, _, n in b.numbers}  # "last year", said in 2024, is "2023"
        if any((time := time_of(p, when_old)) in b.text.lower() or time in times for p in old):
            return []
        new = times_instead(b, [(j1, j2, i1, i2) for _, i1, i2, j1, j2 in changed], a, old, when_old)
        if not new:
            return [Evidence(1, -1, f"deadline gone: {quoted(with_years(old, when_old))}")]
    if not old:
        old = times_instead(a, [op[1:] for op in changed], b, new, when_new)
        if not old:
            return [Evidence(1, 1, f"deadline added: {quoted(with_years(new, when_new))}")]
    # A date given way to terms that set none ("by the end of this year" → "at an early date") is gone; the reverse is
    # a deadline added. "Immediately" is sooner than any date.
    if all(unset(p, lex) for p in new) != all(unset(p, lex) for p in old):
        gone = all(unset(p, lex) for p in new)
        return [Evidence(1, -1 if gone else 1, f"deadline {'gone' if gone else 'added'}: {quoted(with_years(old, when_old))} → {quoted(with_years(new, when_new))}")]
    untold = any(is_relative(p) and told_year(p, when_old) is None for p in old) or any(is_relative(p) and told_year(p, when_new) is None for p in new)
    if untold and any(year_known(p, when_old) for p in old) != any(year_known(p, when_new) for p in new):
        return []  # "by 2025" against "by the end of this year" said on a day not known: which is later is not known
    before, after = max(deadline_value(p, lex, when_old) for p in old), max(deadline_value(p, lex, when_new) for p in new)
    if before == after or any(map(is_fiscal, old)) != any(map(is_fiscal, new)) and abs(before[1] - after[1]) <= 1:
        return []  # a fiscal year ends in another month in each country: "FY2026" against "March 2027" may be one date
    later = after > before
    return [Evidence(1, -1 if later else 1, f"deadline {'later' if later else 'earlier'}: {quoted(with_years(old, when_old))} → {quoted(with_years(new, when_new))}")]


def times_instead(r: Reading, changed: list[tuple[int, int, int, int]], other: Reading, deadlines: list[str], written: date | None) -> list[str]:
    """The times ``r`` sets an act for in a stretch that differs where ``other`` sets one of its dated ``deadlines``
    (``changed``: the stretches as (r's start, end, other's start, end)): the time was the deadline ("conduct a second
    mission in 2026" → "... by the end of 2027" is later). Against a term that sets no date ("in the coming months")
    a year is no deadline: it may be a projection's."""
    if not all(year_known(p, written) for p in deadlines):
        return []
    there = [(s, e) for s, e, p in other.deadlines if p in deadlines]
    places = [(lo, hi) for lo, hi, olo, ohi in changed if any(s < ohi and olo < e for s, e in there)]
    return [p for s, e, p in r.set_for if any(s < hi and lo < e for lo, hi in places)]


def said_instead(r: Reading, phrase: str, changed: set[int], said_there: set[str], lex: Lexicon) -> bool:
    """True for a vague deadline term of ``r`` each of whose words of time the other text says: carried to it by the
    alignment (outside the ``changed`` positions), or among the stems ``said_there`` of the stretches that differ."""
    span = next(((s, e) for s, e, p in r.deadlines if p == phrase), None)
    if span is None or tuple(phrase.lower().split()) not in lex.deadline_rank:
        return False
    marks = [k for k in range(*span) if says_when(r.words[k].key)]
    return bool(marks) and all(k not in changed or r.words[k].stem in said_there for k in marks)


def time_marks(keys: Iterable[str]) -> set[str]:
    """The stems of the words of a time phrase that say when."""
    return {stem(k) for k in keys if says_when(k)}


def says_when(key: str) -> bool:
    """True for a word of a time phrase that says when, not of what ("early" of "at an early date")."""
    return key not in STOPWORDS and key not in TERM_NOUNS


def unset(phrase: str, lex: Lexicon) -> bool:
    """True for a vague deadline term that sets no time and is not "immediately" ("at an early date")."""
    return lex.deadline_rank.get(tuple(phrase.lower().split()), 0) > 0


def year_known(phrase: str, written: date | None) -> bool:
    """True for a deadline whose year is known: written, or told from ``written``."""
    return bool(YEAR.search(phrase)) or told_year(phrase, written) is not None


def with_years(phrases: list[str], written: date | None) -> list[str]:
    """Deadline phrases as a reason quotes them: with the year they fall in when told from the day of writing."""
    return [p if (year := told_year(p, written)) is None else f"{p} ({year})" for p in phrases]


def rule_two(
    a: Reading, b: Reading, changed: list[tuple[str, int, int, int, int]], slot: bool, verbs: list[tuple[int, int]],
    kept: dict[int, int], lex: Lexicon,
) -> list[Evidence]:
    """Direction from evidence, counted per occurrence; a clause added or left out counts once.

    ``changed`` holds the stretches that differ, ``slot`` whether most old words were kept (``same_slot``), ``verbs``
    the verbs that govern the same clause, ``kept`` the old words the alignment keeps and where (``aligned``).
    """
    found: list[Evidence] = []
    # Named elements: names, and numbers and dates outside deadlines.
    # An element is gone only if the other side has it nowhere, not even as a counting word ("2" and "two").
    # The parties of a compound are said too: "the EU-Japan Agreement" names the EU and Japan.
    # A deadline met is said again with its time: "by the end of this year" → "shared the data last year".
    met = [time_of(p, a.written) for _, _, p in a.deadlines]
    lost_names = beyond(distinct(a.elements), distinct(b.elements + b.numbers) + b.parties, a, b)[0]
    gained_names = beyond(distinct(a.elements + a.numbers) + a.parties + met, distinct(b.elements), a, b)[1]
    # An acronym defined in one text stands for its spelled-out words in the other ("the PEPP holdings").
    lost_words, gained_words = budget(
        list(set(a.content(0, len(a.words), lex)) | spelled_out(b, a)), list(set(b.content(0, len(b.words), lex)) | spelled_out(a, b)),
    )
    in_clause_a: set[int] = set()
    in_clause_b: set[int] = set()
    last_clause: dict[int, int] = {}  # for each direction, where in ``found`` the clause counted last stands
    changed_at = differing(changed)
    # The words of each side's changed stretches: one found there in the other's place moved, and left nothing out.
    loose = ({a.words[k].stem for k in changed_at[0]}, {b.words[k].stem for k in changed_at[1]})
    for k, j in verbs:
        old_verb, new_verb = a.verbs[k][2], b.verbs[j][2]
        up = lex.rung_of(new_verb) - lex.rung_of(old_verb)
        if up:
            found.append(Evidence(2, 1 if up > 0 else -1, f"verb {old_verb!r} → {new_verb!r} (clause {k + 1})"))
    # "Secretary Austin reiterated" → "The Ministers emphasized": the other party now speaks for the point too.
    # Judged where each side has one kind of speaker: in "Minister Kihara explained ..., and the Ministers
    # reaffirmed ..." which one a change concerns is for the clauses to say.
    if len({s[2] for s in a.speakers}) == len({s[2] for s in b.speakers}) == 1 and a.speakers[0][2] != b.speakers[0][2]:
        joint = b.speakers[0][2]
        found.append(Evidence(2, 1 if joint else -1, f"speaker {span_text(a, *a.speakers[0][:2])!r} → {span_text(b, *b.speakers[0][:2])!r}"))
    for _, i1, i2, j1, j2 in changed:
        if i1 == i2 and name_tail(b, j1, j2) or j1 == j2 and name_tail(a, i1, i2):
            continue  # "the Treaty" for "the Treaty of Mutual Cooperation and Security": the same name, shorter
        if bare(a, i1, i2) and defining(b, a, j1, j2) or bare(b, j1, j2) and defining(a, b, i1, i2):
            continue  # "the asset purchase programme (APP)" for "the APP", or the reverse: one name, spelled out once
        old_names = [n for _, _, n in within(a.elements, i1, i2) if take(lost_names, n)]
        new_names = [n for _, _, n in within(b.elements, j1, j2) if take(gained_names, n)]
        old_words = [w for w in a.content(i1, i2, lex) if take(lost_words, w)]
        new_words = [w for w in b.content(j1, j2, lex) if take(gained_words, w)]
        gone, added = len(old_words) + len(old_names), len(new_words) + len(new_names)
        if gone - added >= lex.clause - own_clause(a, i1, i2, lex):
            count_clause(found, last_clause, a, i1, i2, in_clause_a, -1, lex)
        elif added - gone >= lex.clause - own_clause(b, j1, j2, lex):
            count_clause(found, last_clause, b, j1, j2, in_clause_b, 1, lex)
        # "to deter and, where necessary, to respond" → "to prevent": the act a hedge qualified went with it, so no
        # hedge was lifted from a commitment; the commitment left out counts, as a clause.
        elif (hedged := hedged_act(a, i1, i2, old_words, added, lex)) is not None and not within(b.hedges, j1, j2):
            count_clause(found, last_clause, a, hedged, i2, in_clause_a, -1, lex)
            in_clause_a.update(range(i1, hedged))
        elif old_names and new_names and (direction := region_scope(old_names, new_names, lex)):
            found.append(Evidence(2, direction, f"made {'specific' if direction > 0 else 'general'}: {quoted(old_names)} → {quoted(new_names)}"))
        elif old_names and not new_names:
            general = f" → {span_text(b, j1, j2)!r}" if new_words else ""
            found.append(Evidence(2, -1, f"named element left out: {quoted(old_names)}{general}"))
        elif new_names and not old_names:
            specific = f"{span_text(a, i1, i2)!r} → " if old_words else ""
            found.append(Evidence(2, 1, f"named element added: {specific}{quoted(new_names)}"))
        elif slot and (direction := specificity(a.content(i1, i2, lex), b.content(j1, j2, lex), lex)):
            found.append(Evidence(2, direction, f"made {'specific' if direction > 0 else 'general'}: {span_text(a, i1, i2)!r} → {span_text(b, j1, j2)!r}"))
        elif slot and j1 == j2 and qualifies_kind(a, i1, i2, lex):
            found.append(Evidence(2, -1, f"made general: {span_text(a, i1, i2 + 1)!r} → {span_text(a, i2, i2 + 1)!r}"))
        elif slot and i1 == i2 and qualifies_kind(b, j1, j2, lex):
            found.append(Evidence(2, 1, f"made specific: {span_text(b, j2, j2 + 1)!r} → {span_text(b, j1, j2 + 1)!r}"))
        # An item leaves or joins a list with no word in its place: one word swapped for another, even a verb of the
        # ladder ("and rejected" → "and opposed"), is not an item, nor a preposition alone ("among Japan, Australia and
        # the U.S." for "Japan-Australia-U.S.").
        elif set(old_words) - lex.no_object and not wording(b, j1, j2, loose[0], lex) and listed(a, i1, i2, lex):
            found.append(Evidence(2, -1, f"left out of a list: {span_text(a, i1, i2)!r}"))
        elif set(new_words) - lex.no_object and not wording(a, i1, i2, loose[1], lex) and listed(b, j1, j2, lex):
            found.append(Evidence(2, 1, f"added to a list: {span_text(b, j1, j2)!r}"))
    # A qualifier counts where the words around it, one of them what it qualifies, were kept ("broadly in line" → "in
    # line", "weakened slightly" → "weakened"), not where that changed too ("tilted to the downside" → "broadly
    # balanced", "unchanged" → "decreased slightly": another assessment).
    requalified = (
        {s for s, e, p in a.hedges if p in lex.qualifiers and {s - 1, e} & changed_at[0]},
        {s for s, e, p in b.hedges if p in lex.qualifiers and {s - 1, e} & changed_at[1]},
    )
    return found + modifiers(a, b, changed_at, kept, in_clause_a | requalified[0], in_clause_b | requalified[1])


def own_clause(r: Reading, lo: int, hi: int, lex: Lexicon) -> int:
    """1 when the stretch opens a clause of its own, "that" and a subject or a modal after the words that join it
    (", and that they would ...", not "and that maritime initiative"), else 0."""
    keys = [w.key for w in r.words[lo:hi]]
    joins = next((k for k, key in enumerate(keys) if key not in JOINS), len(keys))
    after = keys[joins + 1 : joins + 1 + CLAUSE_REACH]
    return int(0 < joins < len(keys) - 1 and keys[joins] == "that" and (after[0] in lex.subjects or bool(MODALS.intersection(after))))


def count_clause(found: list[Evidence], last: dict[int, int], r: Reading, lo: int, hi: int, counted: set[int], direction: int, lex: Lexicon) -> None:
    """Count the clause ``[lo, hi)`` of ``r`` added (``direction`` 1) or left out (-1) once: a stretch that goes on the
    clause counted last, a few words kept in between and none joining clauses ("give full consideration to [the local
    communities], including in preventing incidents ..."), is quoted with it, not counted again. A clause that sets a
    condition or concedes ("provided the economy evolves as expected", "although ...") qualifies the point: added,
    it softens it."""
    quote = repr(span_text(r, lo, hi))
    qualifying = sets_condition([w.key for w in r.words[lo:hi] if w.key != ","], lex)
    before = max((k for k in counted if k < lo), default=None)
    between = r.words[before + 1 : lo] if before is not None else ()
    goes_on = (
        direction in last and before is not None and r.clause_of.get(before) == r.clause_of.get(lo)
        and not any(w.key in CLAUSE_JOINS for w in between)  # "... and wages fell": another clause
        and sum(is_content(w) and w.key not in lex.fillers for w in between) < lex.clause
    )
    if goes_on:
        k = last[direction]
        found[k] = found[k]._replace(reason=f"{found[k].reason} … {quote}")
    else:
        last[direction] = len(found)
        kind = "qualifying clause" if qualifying else "clause"
        found.append(Evidence(2, -direction if qualifying else direction, f"{kind} {'added' if direction > 0 else 'left out'}: {quote}"))
    counted.update(range(lo, hi))


def sets_condition(keys: list[str], lex: Lexicon) -> bool:
    """True when words open a clause that sets a condition or concedes ("provided the economy ...", "although ...");
    "provided" is that only before a subject or "that" ("and provided vessels" is an act)."""
    if keys[:1] == ["provided"]:
        return keys[1:2] == ["that"] or bool(keys[1:2]) and keys[1] in DETERMINERS | lex.subjects
    return bool(keys) and (keys[0] in lex.conditions or " ".join(keys[:2]) in lex.conditions or conditional_should(keys, 0))


def hedged_act(r: Reading, lo: int, hi: int, lost: list[str], in_place: int, lex: Lexicon) -> int | None:
    """Where a hedge opening a coordinated act inside the stretch ``[lo, hi)`` starts ("and, where necessary, to
    respond", "and may deploy": the word before it joins clauses), when the act went with it: words of substance
    follow it there that the other side does not have (``lost``), and the other side's ``in_place`` words of
    substance stand at most for those before it. Else None. A hedge after its act ("adjust policy, as appropriate,
    to ...") qualifies what it follows."""
    lost_stems = set(lost)
    for s, e, _ in within(r.hedges, lo, hi):
        before = [w.key for w in r.words[max(lo - 1, 0) : s] if w.key[0].isalnum()]
        act = sum(stem in lost_stems for stem in r.content(e, hi, lex))
        if before and before[-1] in CLAUSE_JOINS and act and in_place <= len(lost) - act:
            return s
    return None


def modifiers(
    a: Reading, b: Reading, changed_at: tuple[set[int], set[int]], kept: dict[int, int], skip_a: set[int], skip_b: set[int],
) -> list[Evidence]:
    """Intensifiers and hedges added or removed, but those starting at ``skip_*`` (in clauses counted already, or
    qualifiers of a word that changed too): the net change of each, once per occurrence (one swapped for another is a
    synonym); ``changed_at`` holds each side's word positions that differ, ``kept`` where the old words kept stand."""
    found = []
    # A split restates its hedges and intensifiers ("will seek to: A; B" → "will seek to: A. They will also seek to
    # B"), as a merge says them once: between texts of other sentence counts, only presence counts (so a hedge
    # both restated and newly added in a split, "may A and will B" → "may A. We may B", goes unseen).
    restated = a.sentences != b.sentences
    # A phrase whose words of substance were kept is said on both sides, whatever its grammar became: "that they need
    # to" → "the need to" adds no hedge.
    changed_a, changed_b = changed_at
    back = {j: i for i, j in kept.items()}
    for kind, sign, spans_a, spans_b in (("intensifier", 1, a.intensifiers, b.intensifiers), ("hedge", -1, a.hedges, b.hedges)):
        spans_a = [span for span in spans_a if span[0] not in skip_a]
        spans_b = [span for span in spans_b if span[0] not in skip_b]
        before = [(p, span_text(a, s, e)) for s, e, p in spans_a]
        after = [(p, span_text(b, s, e)) for s, e, p in spans_b]
        # ... unless a phrase of its kind stands on those words there: "where required" → "where and when required".
        # So does an intensifier said as a deadline there: "an immediate cessation" → "cease immediately".
        timing = kind == "intensifier"
        kept_a = said_on(a, spans_a, changed_a, kept, b, spans_b, timing)
        kept_b = said_on(b, spans_b, changed_b, back, a, spans_a, timing)
        olds, news = [p for p, _ in before] + kept_b, [p for p, _ in after] + kept_a
        lost, gained = budget(sorted(set(olds)), sorted(set(news))) if restated else budget(olds, news)
        net = gained.total() - lost.total()
        if net > 0:
            found += [Evidence(2, sign, f"{kind} added: {text!r}") for _, text in spent(after, gained)][:net]
        elif net < 0:
            found += [Evidence(2, -sign, f"{kind} removed: {text!r}") for _, text in spent(before, lost)][:-net]
    return found


def said_on(
    r: Reading, spans: list[tuple[int, int, str]], changed: set[int], carried: dict[int, int], other: Reading,
    other_spans: list[tuple[int, int, str]], timing: bool,
) -> list[str]:
    """The phrases of ``spans`` in ``r`` that the other text says too: their words kept where the alignment ``carried``
    them and no phrase of ``other_spans`` there, or, ``timing`` intensifiers, in a stretch that differs and said as a
    deadline of ``other``."""
    return [
        p for s, e, p in spans
        if phrase_kept(r, s, e, changed) and not restands(r, s, e, carried, other_spans) or timing and s in changed and timed(r, s, e, other)
    ]


def timed(r: Reading, lo: int, hi: int, other: Reading) -> bool:
    """True when the intensifier ``[lo, hi)`` says what a deadline of the other text says: "an immediate cessation" →
    "cease immediately", where rule 1 judges the deadline."""
    marks = time_marks(w.key for w in r.words[lo:hi])
    return bool(marks) and marks <= other.deadline_marks


def restands(r: Reading, lo: int, hi: int, carried: dict[int, int], spans: list[tuple[int, int, str]]) -> bool:
    """True when one of ``spans`` of the other text covers a word of substance of the phrase ``[lo, hi)`` of ``r``
    where the alignment ``carried`` it."""
    there = {carried[k] for k in range(lo, hi) if k in carried and is_content(r.words[k])}
    return any(there.intersection(range(s, e)) for s, e, _ in spans)


def phrase_kept(r: Reading, lo: int, hi: int, changed: set[int]) -> bool:
    """True when the content words of the phrase ``[lo, hi)`` all stand where the word alignment keeps them: said on
    both sides, whatever its function words became."""
    inside = [k for k in range(lo, hi) if is_content(r.words[k])]
    return bool(inside) and not changed.intersection(inside)


def find_speaker(
    words: tuple[Word, ...], verbs: list[tuple[int, int, str]], n: int, names: list[tuple[int, int, str]], lex: Lexicon,
) -> tuple[int, int, bool] | None:
    """Who makes the commitment of verb ``n``: (start, end, for every party?), or None when no subject says.

    Between the verb and the clause before it, "The Ministers", "we", "the two leaders", "X and I" or two named
    office-holders joined by "and" speak for every party, even with a guest beside them ("The Leaders, joined by
    President Zelenskyy, reaffirmed"); one office-holder ("Secretary Austin") or side ("the U.S. side", "the
    Government of Japan") speaks for one.
    """
    verb = verbs[n][0]
    floor = max(verbs[n - 1][1] if n else 0, verb - SUBJECT_REACH)
    for k in range(verb - 1, floor - 1, -1):
        if words[k].key in SENTENCE_ENDS:
            floor = k + 1
            break
    joint = next((k for k in range(verb - 1, floor - 1, -1) if words[k].key in lex.joint_subjects
                  or words[k].key == "i" and k and words[k - 1].key == "and"), None)
    if joint is not None:
        start = joint
        while start > floor and words[start - 1].key in DETERMINERS | NUMBER_WORDS:
            start -= 1
        return start, joint + 1, True
    side = one_side(words, floor, verb, lex)
    if side is None:
        side = party_named(words, floor, verb, names, lex)
    if side is not None:
        return side, verb, False
    title = next((k for k in range(verb - 1, max(floor, verb - 1 - TITLE_REACH) - 1, -1) if words[k].key in lex.titles), None)
    if title is None:
        return None
    start, end = office_holder(words, title, verb, lex)
    start = owner(words, start, floor, names)
    # A second named office-holder before "and" ("Deputy Prime Minister and Minister for Defence Marles" is one)
    first = title_before(words, start - 2, lex) if start > 1 and words[start - 1].key == "and" and words[start - 2].capital else None
    if first is not None:
        return office_holder(words, first, start, lex)[0], end, True
    return start, end, False


def owner(words: tuple[Word, ...], start: int, floor: int, names: list[tuple[int, int, str]]) -> int:
    """Where the speaker at ``start`` begins, with the name whose office it is before it ("Australia's", "the Republic
    of Korea's", "the United States'"): that party speaks and adds no element."""
    end = start - 1 if start > floor and words[start - 1].key in APOSTROPHES else start
    if end == start and not (start > floor and POSSESSIVE.search(words[start - 1].key)):
        return start
    return next((s for s, e, _ in names if e == end and s >= floor), start)


def one_side(words: tuple[Word, ...], floor: int, verb: int, lex: Lexicon) -> int | None:
    """Where a side that names its party stands as the subject right before ``verb`` ("the U.S. side", "the Government
    of Japan"), if one does: not "Each side", nor a side inside the clause ("the plan by the Japanese side and")."""
    side = verb - 1
    if side > floor and words[side].capital:  # the party after "of": "the Government of Japan"
        run = side
        while run > floor and words[run - 1].capital:
            run -= 1
        side = run - 2 if run - 2 >= floor and words[run - 1].key == "of" else -1
    if side < floor or words[side].key not in lex.party_subjects:
        return None
    start = side
    while start > floor and (words[start - 1].capital or words[start - 1].key in DETERMINERS):
        start -= 1
    named = side + 1 < verb or any(words[m].capital and not opens_sentence(words, m) for m in range(start, side))
    return start if named and opens_clause(words, floor, start) else None


def party_named(words: tuple[Word, ...], floor: int, verb: int, names: list[tuple[int, int, str]], lex: Lexicon) -> int | None:
    """Where a party's name stands as the whole subject right before ``verb`` ("The United States reaffirmed", "Japan
    welcomed", "..., and the ROK welcomed"), if one does: one of the ``names``, not an office-holder, a body or a group
    ("The Committee"), nor one of two parties joined by "and", nor a plural noun opening the sentence ("Members")."""
    start = next((s for s, e, _ in names if e == verb and s >= floor), None)
    if start is None or verb - start == 1 and opens_sentence(words, start) and words[start].key.endswith("s"):
        return None
    if lex.no_party.intersection(w.key for w in words[start:verb]) or stem(words[verb - 1].key) in lex.institutions:
        return None
    while start > floor and words[start - 1].key in DETERMINERS:
        start -= 1
    joined = start > floor and words[start - 1].key in LIST_WORDS and start - 2 >= floor and words[start - 2].capital
    return start if opens_clause(words, floor, start) and not joined else None


def opens_clause(words: tuple[Word, ...], floor: int, start: int) -> bool:
    """True when a subject at ``start`` is the whole of it: it opens the clause that begins at ``floor``, or follows a
    word that joins clauses."""
    return start == floor or words[start - 1].key in JOINS


def office_holder(words: tuple[Word, ...], title: int, limit: int, lex: Lexicon) -> tuple[int, int]:
    """The words of an office-holder around its ``title`` word: "Prime Minister Kishida", "Minister of Defense Kihara"."""
    start, end = title, title + 1
    while start and words[start - 1].capital and words[start - 1].key in lex.generic_names:  # "Prime", "Deputy"
        start -= 1
    while end < limit and (words[end].capital or words[end].key in NAME_LINKS or words[end].key == "the" and end + 1 < limit and words[end + 1].capital):
        end += 1  # "the President of the United States"
    return start, end


def name_tail(r: Reading, lo: int, hi: int) -> bool:
    """True when words ``[lo, hi)`` only continue the name before them: a linking word ("of"), then capitalised words
    joined by linking words or "and".

    "the Treaty of Mutual Cooperation and Security" → "the Treaty" names one treaty; so, read this way, does "the
    Governments of Japan and Australia" → "the Governments", where the parties stay implied. A capital opening the
    sentence starts no name.
    """
    words = r.words
    return (
        0 < lo < hi and words[lo].key in NAME_LINKS and capital_inside(words, lo - 1)
        and all(w.capital or w.key in NAME_LINKS or w.key == "and" for w in words[lo:hi]) and words[hi - 1].capital
    )


def spelled_out(r: Reading, other: Reading) -> set[str]:
    """The stems of each acronym's expansion that ``r`` defines and ``other`` names by the acronym, those ``r`` says in
    no other place than a definition ("sustainable consumption" beside "the Sustainable Development Goals (SDGs)" is
    said for itself)."""
    if not r.definitions:
        return set()
    named = other.acronyms
    defined = positions([(start, end, "") for start, end, _, _ in r.definitions])
    elsewhere = {w.stem for k, w in enumerate(r.words) if k not in defined}
    return {stem for _, _, acronym, expansion in r.definitions if acronym in named for stem in expansion - elsewhere}


def bare(r: Reading, lo: int, hi: int) -> bool:
    """True when words ``[lo, hi)`` are no more than determiners and punctuation ("strengthening [the] ISR")."""
    return all(w.key in DETERMINERS or not w.key[0].isalnum() for w in r.words[lo:hi])


def defining(r: Reading, other: Reading, lo: int, hi: int) -> bool:
    """True when words ``[lo, hi)`` of ``r``, one at least, lie within an acronym's definition and ``other`` names it
    either way."""
    for start, end, acronym, expansion in r.definitions:
        if start <= lo < hi <= end:
            return acronym in other.acronyms \
                or expansion <= {w.stem for w in other.words}
    return False


def spent(occurrences: list[tuple[str, str]], extra: Counter) -> list[tuple[str, str]]:
    """The occurrences (key, text as written) that ``extra`` counts, in reading order."""
    left = Counter(extra)
    return [(key, text) for key, text in occurrences if take(left, key)]


def governing_verbs(a: Reading, b: Reading, ops: list[tuple[str, int, int, int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """(old index, new index) in ``Reading.verbs`` of each pair of ladder verbs that govern the same clause.

    A verb governs the words up to the next ladder verb. Two verbs govern the same clause when the word
    alignment (or a word found once on each side) carries more of one's content words into the other's
    than into any other verb's clause. Verbs left over are compared where the alignment sets one in place
    of the other, else with the verb of a clause they were split from or merged into.
    """
    carried = aligned(ops)
    # Material that moved is outside the alignment: a word found once on each side is still carried over.
    once_a, once_b = unaligned_once(a, set(carried)), unaligned_once(b, set(carried.values()))
    carried.update({i: once_b[key] for key, i in once_a.items() if key in once_b})
    clause_b = b.clause_of
    verb_at = a.in_verbs  # the verbs are what is compared, not what is shared
    speaking = a.speaking, b.speaking
    shared: Counter = Counter()
    # A clause split off is known by the words of its point: not who speaks (the next sentence's "The Ministers"
    # falls in the clause before it), fillers ("also") nor places.
    point: Counter = Counter()
    placed = positions([n for n in a.names if is_place(n[2], lex)])  # "... in the East China Sea" may open another point
    for i, k in a.clause_of.items():
        if i in carried and i not in verb_at and is_content(a.words[i]) and (j := clause_b.get(carried[i])) is not None:
            shared[k, j] += 1
            point[k, j] += i not in speaking[0] and carried[i] not in speaking[1] and a.words[i].key not in lex.fillers and i not in placed
    # Between texts of as many verbs, of clauses that share as much, those whose verbs stand on one rung pair first
    # ("opposed A and welcomed B" → "welcomed B and opposed A", where each pronoun leaves one word to match); in a
    # merge the surviving verb may govern either ("welcomed A and affirmed B" → "affirmed A and B").
    reordered = len(a.verbs) == len(b.verbs)

    def same_rung(k: int, j: int) -> bool:
        return reordered and lex.rung_of(a.verbs[k][2]) == lex.rung_of(b.verbs[j][2])

    candidates = sorted(shared, key=lambda kj: (-shared[kj], not same_rung(*kj), kj))
    # A clause with nothing to match on ("affirmed it" -> "noted it") keeps its verb's place in the alignment.
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            candidates += zip(verbs_within(a, i1, i2), verbs_within(b, j1, j2))
    # A verb carried to the same word on the other side, which reads it as no verb of its own, still governs the clause
    # it landed in there ("we agree that" → "We welcome ... and agree that"): no verb of that clause replaced it.
    kept = kept_verbs(a, b, carried, clause_b), kept_verbs(b, a, {j: i for i, j in carried.items()}, a.clause_of)
    pairs: list[tuple[int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()

    def pair(k: int, j: int) -> None:
        used_a.add(k)
        used_b.add(j)
        pairs.append((k, j))

    def apart(k: int, j: int) -> bool:
        """False where one of the two verbs is kept in the other's clause: that clause's verb is still its own."""
        return kept[0].get(k) != j and kept[1].get(j) != k

    for k, j in candidates:
        if k not in used_a and j not in used_b and apart(k, j):
            pair(k, j)
    # A verb still alone governs a clause split from, or merged into, one already paired: "confirmed that A, and
    # that B" → "confirmed that A, and noted that B" puts "noted" where "confirmed" governed B. A participle is left
    # alone: "..., supporting deterrence" may be any action that B names.
    participle = {k for k, v in enumerate(a.verbs) if v[2] in lex.participles}, {j for j, v in enumerate(b.verbs) if v[2] in lex.participles}
    for k, j in sorted(point, key=lambda kj: (-point[kj], kj)):
        if point[k, j] >= SPLIT_CLAUSE_WORDS and (k not in used_a) != (j not in used_b) and k not in participle[0] and j not in participle[1] and apart(k, j):
            pair(k, j)
    return sorted(pairs)


def kept_verbs(r: Reading, other: Reading, carried: dict[int, int], clause_there: dict[int, int]) -> dict[int, int | None]:
    """For each of ``r``'s ladder verbs that the alignment ``carried`` to the same word in ``other``, which reads it as
    no verb ("we agree that" → "... a ceasefire and agree that", with no subject), the clause of ``other`` it landed
    in (``clause_there``; None before the first verb)."""
    verbs_there = {v[0] for v in other.verbs}
    return {
        k: clause_there.get(t) for k, (s, _, _) in enumerate(r.verbs)
        if (t := carried.get(s)) is not None and t not in verbs_there and other.words[t].key == r.words[s].key  # "sharing" is no "shared"
    }


def verbs_within(r: Reading, lo: int, hi: int) -> list[int]:
    """The indices of the ladder verbs that start in ``[lo, hi)``, in reading order."""
    return [k for k, (s, _, _) in enumerate(r.verbs) if lo <= s < hi]


def unaligned_once(r: Reading, aligned: set[int]) -> dict[str, int]:
    """The position of each stem that occurs exactly once in ``r``, outside the ``aligned`` positions."""
    counts = Counter(w.stem for w in r.words)
    return {w.stem: k for k, w in enumerate(r.words) if counts[w.stem] == 1 and k not in aligned}


def is_content(word: Word) -> bool:
    return word.key[0].isalnum() and len(word.key) > 1 and word.key not in STOPWORDS


def place_scale(name: str, lex: Lexicon) -> int | None:
    """How wide a place a name is: 0 a landmark within a sea ("Second Thomas Shoal"), 1 a sea or strait, 2 a world
    region ("the Indo-Pacific"); None for other names."""
    last = name.split()[-1].lower()
    return 0 if last in lex.landmarks else 1 if last in lex.features else 2 if name.lower() in lex.regions else None


def is_facility(name: str, lex: Lexicon) -> bool:
    """True for a base, camp or other facility ("MSDF Kanoya Air Base", "Camp Hansen"): a place within a country."""
    return bool(lex.facilities.intersection(name.lower().split()))


def is_place(name: str, lex: Lexicon) -> bool:
    """True for the name of a sea, a landmark, a world region or a facility ("the East China Sea", "Camp Hansen")."""
    return place_scale(name, lex) is not None or is_facility(name, lex)


def region_scope(old: list[str], new: list[str], lex: Lexicon) -> int:
    """-1 when places gave way to wider ones: facilities to anything named but a facility, landmarks to seas and seas
    to world regions ("MSDF Kanoya Air Base" → "Japan", "the East China Sea" → "the Indo-Pacific", "Second Thomas
    Shoal" → "the South China Sea"); +1 for the reverse; else 0 (one region for another, or a region for a party, is
    replaced substance)."""

    def scale(names: list[str]) -> int | None:
        # "the East and South China Seas" names "East" for the East China Sea
        scales = {1 if n.lower() in COMPASS and place_scale(n, lex) is None else place_scale(n, lex) for n in names}
        return scales.pop() if len(scales) == 1 else None

    def facilities(names: list[str]) -> bool:
        return all(is_facility(n, lex) for n in names)

    if facilities(old) != facilities(new):
        return -1 if facilities(old) else 1
    old_scale, new_scale = scale(old), scale(new)
    if old_scale is None or new_scale is None or old_scale == new_scale:
        return 0
    return -1 if new_scale > old_scale else 1


def specificity(old: list[str], new: list[str], lex: Lexicon) -> int:
    """-1 when a specific phrase gave way to general nouns alone ("unmanned aerial vehicles" → "unmanned systems"),
    +1 for the reverse, else 0; ``old`` and ``new`` are the content stems of a replaced stretch.

    The specific side must say more words than the general one: a single noun for another ("efforts" →
    "determination") is a synonym as often as not. A modifier changed too ("unmanned aerial vehicles" →
    "autonomous systems") is not read as one: not knowing which words are nouns, that reading also took verb
    phrases ("join efforts" → "give concrete shape").
    """
    if not old or not new or max(len(old), len(new)) > ITEM_WORDS:
        return 0

    def made_general(specific: list[str], general: list[str]) -> bool:
        return lex.general.issuperset(general) and not lex.general.intersection(specific) and len(specific) > len(general)

    return -1 if made_general(old, new) else 1 if made_general(new, old) else 0


def wording(r: Reading, lo: int, hi: int, moved: set[str], lex: Lexicon) -> bool:
    """True when ``[lo, hi)`` holds a word of substance, whatever other evidence it is ("opposed"), not only fillers
    ("remains"), punctuation or an item said elsewhere in a changed stretch of the other text, ``moved`` ("A and B"
    → "A, B and C"). A stretch of prepositions only counts as such a word: what stands in its place recast the phrase
    ("for 85 minutes" → "and lasted 85 minutes") and added no item."""
    # "and investment screening" → ", as appropriate,": an item left out, a hedge added.
    words = [w for k, w in enumerate(r.words[lo:hi], lo) if w.key[0].isalnum() and k not in r.weighing]
    return any(is_content(w) and w.key not in lex.fillers and w.stem not in moved for w in words) or bool(words) and all(
        w.key in lex.prepositions for w in words
    )


def qualifies_kind(r: Reading, lo: int, hi: int, lex: Lexicon) -> bool:
    """True when words ``[lo, hi)`` are a few modifiers of the general noun after them ("tactical fighter aircraft"),
    or a quarter of the place named after them ("northern Australia"): without them the thing is said in general,
    of the same kind."""
    inside = [w for w in r.words[lo:hi] if w.key[0].isalnum()]
    if inside and all(w.key in QUARTERS for w in inside) and any(s == hi for s, _, _ in r.names):
        return True
    return (
        hi < len(r.words) and r.words[hi].stem in lex.general and 0 < len(inside) <= ITEM_WORDS
        and all(is_content(w) and w.key not in lex.fillers and w.key not in lex.dating for w in inside)
        and not CLAUSE_WORDS.intersection(w.key for w in inside)
    )


def listed(r: Reading, lo: int, hi: int, lex: Lexicon) -> bool:
    """True when the stretch is an item of a list: at "and" or "or", at a comma of a list that one closes, or
    opened by an inclusion ("including space", but not "particularly strong", whose one word is an intensifier).

    An item is a few words with no clause of its own ("would be accepted", "that they ...").
    """
    words = r.words
    at = [k for k in range(lo, hi) if words[k].key[0].isalnum()]
    inside = [words[k] for k in at]
    opening = inclusion_at([w.key for w in inside], 0, lex)
    opening = opening if len(at) > opening else 0
    if not inside or CLAUSE_WORDS.intersection(w.key for w in inside) or AGAIN.issuperset(w.key for w in inside):
        return False  # "and [once again] called for": words that say again or also are no item
    # An inclusion opens one item of any length ("including the dispatch of North Korean troops"); a list after it
    # ("such as space, cyber and the spectrum") is items of the usual size.
    one_item = opening and not ITEM_JOINS.intersection(w.key for w in words[at[opening] : at[-1]])  # its closing comma aside
    # So may the item "and" adds to what one opened: "including the transfer of missiles [and the deployment of troops]".
    one_item = one_item or joined_after_inclusion(r, lo, lex)
    # And a noun phrase "and" joins, with no act of its own: "... program [and the start of construction of the first frigate]".
    one_item = one_item or words[lo].key in LIST_WORDS and lo + 1 < hi and words[lo + 1].key in DETERMINERS and not r.in_verbs.intersection(range(lo, hi))
    if not one_item and sum(map(is_content, inside[opening:])) > ITEM_WORDS:
        return False
    if opening:
        return bool(r.content(at[opening], hi, lex))
    # ", and the balance of risks"; not an "and" after the stretch that joins the next act ("welcomed X [so far] and
    # (also) concurred", "... and will advance").
    edge = {words[k].key for k in (lo - 1, lo, at[0], hi - 1) if 0 <= k < len(words)}
    if hi < len(words) and not (words[hi].key in LIST_WORDS and opens_act(r, hi + 1)):
        edge.add(words[hi].key)
    if edge & LIST_WORDS:
        return True
    return "," in edge and closes_list(r, lo, hi)


def opens_act(r: Reading, k: int) -> bool:
    """True when a ladder verb or a modal stands at ``k``, words that say again or also aside ("and also concurred")."""
    while k < len(r.words) and r.words[k].key in AGAIN:
        k += 1
    return k < len(r.words) and (k in r.in_verbs or r.words[k].key in MODALS)


def joined_after_inclusion(r: Reading, lo: int, lex: Lexicon) -> bool:
    """True when the stretch at ``lo`` is joined by "and" or "or" to an item an inclusion opened earlier in its clause."""
    keys = [w.key for w in r.words]
    if not (keys[lo] in LIST_WORDS or lo and keys[lo - 1] in LIST_WORDS):
        return False
    for k in range(lo - 1, -1, -1):
        if keys[k] in SENTENCE_ENDS or keys[k] in CLAUSE_WORDS or k in r.in_verbs:
            return False
        if inclusion_at(keys, k, lex):
            return True
    return False


def inclusion_at(keys: list[str], k: int, lex: Lexicon) -> int:
    """How many words of an inclusion ("including", "such as") open at ``keys[k]``; 0 for none."""
    return next((len(p) for p in lex.inclusions if tuple(keys[k : k + len(p)]) == p), 0)


def closes_list(r: Reading, lo: int, hi: int) -> bool:
    """True when an "and" or "or" closes the list the stretch ``[lo, hi)`` stands in: within ``LIST_REACH`` words after
    it, or past more items of a few words each, parted by commas, with no ladder verb among them and an item before the
    stretch that does not open the sentence ("including semiconductors, [pharmaceuticals], critical minerals, energy,
    and shipbuilding"; not "Meanwhile, [in the region], tensions rose, and Japan responded")."""
    words = r.words
    run = 0
    for k in range(hi, len(words)):
        if words[k].key in LIST_WORDS:
            return k < hi + LIST_REACH or item_before(r, lo)
        run = 0 if words[k].key == "," else run + 1
        if run >= LIST_REACH or words[k].key in FULL_STOPS or words[k].key in CLAUSE_WORDS or k in r.in_verbs:
            return False
    return False


def item_before(r: Reading, lo: int) -> bool:
    """True when the words before ``lo`` (a comma aside) are an item of a list: more than a short phrase opening the
    sentence ("The Ministers, ...", "Meanwhile, ..."), or the object of a ladder verb ("welcomed Japan, ...")."""
    k = lo - 1 if lo and r.words[lo - 1].key == "," else lo
    for _ in range(LIST_REACH):
        k -= 1
        if k < 0 or r.words[k].key in SENTENCE_ENDS:
            return False
        if r.words[k].key in ITEM_JOINS or k in r.in_verbs:
            return True
    return True
