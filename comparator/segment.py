"""Split a statement into header metadata, section headings and body sentences.

Everything is decided by the shape of the text, never by naming an issuer:

- A *line* is one ``\\n``-separated line; a *block* is a run of non-blank
  lines.  Each non-blank line is a link (ends in "(PDF)" and the like), a
  numbered heading, a short line (few words, no sentence-final punctuation)
  or text.
- Short lines before the first text line or heading are header metadata
  (title, date, issuer, ...), and so are short lines in blocks after the last
  text line unless a heading came after it.  Lines just above the first
  text line in its block stay body when they are about as long as its
  widest line (a hard-wrapped first paragraph).  A text that has neither text
  lines nor headings is all body, so a one-line note is still a sentence.
- The title is the first header line that is neither a date line nor a
  parenthetical such as "(Press Release)"; the date is the first date in
  the header.  Without them, the title and date the source knows (from its
  series manifest or file name) stand in.  A lone short line above the body
  (a subtitle) is the title only when the source knows none; otherwise it is
  body.
- A blank line does not end a paragraph when the line before it does not
  end a sentence and the line after it runs on (starts lower-case, or with a
  digit after a long line): "... in January\n\n2023." is one sentence.
- The other short and text lines form paragraphs (blocks split at headings,
  numbered from 1 across the statement), and each paragraph is cut into
  sentences between whitespace-separated tokens, so every non-white-space
  character of a paragraph lies in exactly one sentence, or in its label.
- A paragraph number ("12.", "(3)", "III.") before a sentence is the
  paragraph's label, outside its sentences' text, so renumbering changes no
  sentence; a number before a short line without a final stop is a heading.
- A sentence's section is its heading's name without the number
  ("Regional affairs"), so a renumbered section keeps its name.
- A leading byte-order mark is skipped; offsets stay those of the text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import NamedTuple

from comparator.models import Label, Sentence, Source, Statement

_OPENERS = "\"'“‘«([{「『（"
_CLOSERS = "\"'”’»)]}」』）"
_TERMINATORS = ".!?…"
_CJK_TERMINATORS = "。！？"
_LINE_ENDINGS = _TERMINATORS + _CJK_TERMINATORS + ":;"
_TOKEN_ENDINGS = frozenset(_TERMINATORS + _CJK_TERMINATORS + _CLOSERS)

_MAX_SHORT_WORDS = 20
_MAX_SHORT_CHARS = 160
_MAX_TITLE_WORDS = 12  # an unnumbered heading is a title, not a short sentence
_SPEAKERS = frozenset({"we", "i", "they", "he", "she", "it", "our", "their", "this", "these"})  # a sentence, not a title
_MAX_ABBREVIATION_CHARS = 12
# A "sentence" longer than this (a text without punctuation) is cut into pieces of about
# _MIN_PIECE_CHARS + 16 words, so no later stage (scores, embedding, word diff) works on megabytes at once.
MAX_SENTENCE_CHARS = 2_000
_MIN_PIECE_CHARS = 500
_CUT_EVERY = 16  # one word pair in this many ends a piece
_MAX_CHUNK = 200
_CHUNK = re.compile(r"\S{1,%d}" % _MAX_CHUNK)  # a word, or a slice of an overlong one
# A header line sitting right above a paragraph is clearly shorter than the
# paragraph's lines; a hard-wrapped first line of the paragraph is not.
_WRAPPED_LINE_RATIO = 0.6

# CJK sentences are not separated by spaces, so a CJK full stop ends a token.
_TOKEN = re.compile(
    rf"[^\s{_CJK_TERMINATORS}]*[{_CJK_TERMINATORS}]+[{re.escape(_CLOSERS)}]*|[^\s{_CJK_TERMINATORS}]+"
)
_LINK = re.compile(
    r"[(\[]\s*(?:PDF|DOCX?|WORD|EXCEL|XLSX?|PPTX?|CSV|ZIP)\b[^()\[\]]{0,40}[)\]]\Z", re.IGNORECASE
)
_HEADING = re.compile(r"(?:\d{1,2}[.)．）]|\(\d{1,2}\)|[IVX]{1,5}\.|\(?[a-z]\))\s+(?P<name>[^\W\d_].*)")
# A paragraph number, when what follows it on the line is a sentence.
_LABEL = re.compile(r"(?:\d{1,3}[.)]|\(\d{1,3}\)|[IVX]{1,5}\.|\([ivx]{1,5}\))(?=\s+\S)")
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[^\W\d_]|[ivxlcIVXLC]{1,6})[.)]")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+|(?:[^\W\d_]{1,2}\.){2,}")
_WORD = re.compile(r"[^\W\d_]+")
# A leading byte-order mark is not text: offsets stay those of the file as read.
_LINE_CONTENT = re.compile(r"(?:\A\ufeff?+|(?<=\n))[^\S\n]*(\S(?:[^\n]*\S)?)")

# Written with a final period but rarely ending a sentence: titles, months,
# references and Latin shorthands; days that are also words (sat, sun, wed)
# are left out.  Single letters and dotted acronyms ("H.", "U.S.", "a.m.",
# "e.g.") are recognised by shape in ``_ACRONYM``.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof sr jr st mt ft gen lt col maj capt sgt adm cmdr gov sen rep rev hon amb
    jan feb mar apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri
    no nos vol vols fig figs pp para paras sec ch ed eds est approx dept univ assn govt
    inc ltd co corp bros etc vs cf al ca viz
    """.split()
)

# After an abbreviation, a capitalised word ends the sentence only when it is
# a word that typically opens one ("... the U.S. The Ministers ...") rather
# than a name or noun that the abbreviation qualifies ("U.S. Forces").
_SENTENCE_OPENERS = frozenset(
    """
    A An The This That These Those There Their Then Thus Therefore Hence However Moreover Furthermore
    Further Meanwhile Nevertheless Nonetheless Accordingly Additionally Also Indeed Instead Still
    In On At As After Before During For From With Without By To Under Over Through Since Until
    While When Where Whereas Although Though If Unless Because Given Following Regarding
    Both Each Every All Any Some Many Most Several Such Other Another Neither Either
    It Its They We He She I You Our Your His Her My Them Nor Not But And Or Yet So
    """.split()
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DATES = (
    re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
)


class _Role(Enum):
    """What a non-blank line is."""

    LINK = "link"
    HEADING = "heading"
    SHORT = "short"
    TEXT = "text"
    META = "meta"


class _Line(NamedTuple):
    """A non-blank line: offsets of its stripped content, its block and role."""

    start: int
    end: int
    block: int
    role: _Role


def segment(source: Source) -> Statement:
    """Segment a source into header metadata, section headings and body sentences."""
    text = source.text
    lines = _mark_metadata(_classify(text, _line_spans(text)))
    lines = _titled_sections(text, _subtitle_to_body(text, lines, source.known_title))
    lead = [_content(text, line) for line in _lead(lines)]
    sentences: list[Sentence] = []
    for paragraph, (section, start, end) in enumerate(_paragraphs(text, lines), start=1):
        label = _label(text, start, end)
        if label is not None:
            start = label.end  # a sentence starts at its first token
        for first, last in _bounded(text, _sentence_spans(text, start, end)):
            sentences.append(Sentence(len(sentences), text[first:last], first, last, section, paragraph, label))
    return Statement(
        source=source,
        title=_title(lead) or source.known_title,
        date=_release_date(lead) or source.known_date,
        metadata=tuple(_content(text, line) for line in lines if line.role in (_Role.META, _Role.LINK)),
        sections=tuple(_section_name(_content(text, line)) for line in lines if line.role is _Role.HEADING),
        sentences=tuple(sentences),
    )


def _content(text: str, line: _Line) -> str:
    """Return the stripped text of a line."""
    return text[line.start : line.end]


def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """List (start, end, block) of the stripped content of each non-blank line."""
    spans: list[tuple[int, int, int]] = []
    block, previous_end = 0, 0
    for match in _LINE_CONTENT.finditer(text):
        start, end = match.span(1)
        if spans and text.count("\n", previous_end, start) > 1 and not _runs_on(text[spans[-1][0] : previous_end], text[start:end]):
            block += 1
        spans.append((start, end, block))
        previous_end = end
    return spans


def _classify(text: str, spans: list[tuple[int, int, int]]) -> list[_Line]:
    """Give every non-blank line its role.

    Headings must start a block or follow a sentence end, never stand in
    a list ("(a) ...", "(b) ..." after "the following:" are body text), and
    are not followed in their block by a lower-case line (the first line of
    a hard-wrapped numbered paragraph).
    """
    lines: list[_Line] = []
    previous_block, previous_ends = -1, True
    list_style: str | None = None  # "" right after a colon, then the style of the list's items
    for number, (start, end, block) in enumerate(spans):
        content = text[start:end]
        ends = _ends_sentence(content)
        style = _enumerator_style(content)
        in_list = list_style is not None and style is not None and list_style in ("", style)
        following = spans[number + 1] if number + 1 < len(spans) else None
        runs_on = following is not None and following[2] == block and text[following[0]].islower()
        may_head = (block != previous_block or previous_ends) and not in_list and not runs_on
        lines.append(_Line(start, end, block, _role(content, ends, may_head)))
        list_style = "" if content.endswith((":", "：")) else (style if in_list else None)
        previous_block, previous_ends = block, ends
    return lines


def _runs_on(before: str, after: str) -> bool:
    """Say whether a sentence runs on from line ``before`` over a blank line into line ``after``."""
    if _ends_sentence(before):
        return False
    first = after[0]
    if first.islower():
        return True
    # A digit after a title, date or heading line, or a numbered paragraph, starts afresh.
    return first.isdigit() and not _is_short(before) and _LABEL.match(after) is None


def _role(content: str, ends: bool, may_head: bool) -> _Role:
    """Classify one stripped line by its shape."""
    if content[-1] in ")]" and _LINK.search(content[-80:]):
        return _Role.LINK
    if ends or not _is_short(content):
        return _Role.TEXT
    if may_head and _heading_name(content) is not None:
        return _Role.HEADING
    return _Role.SHORT


def _enumerator_style(content: str) -> str | None:
    """'digit', 'lower' or 'upper' for a line opening like "2." or "(b)", else None."""
    if _heading_name(content) is None:
        return None
    first = content.lstrip("(")[0]
    return "digit" if first.isdigit() else "lower" if first.islower() else "upper"


def _is_short(content: str) -> bool:
    """Say whether a line is short enough to be a title, date or heading."""
    return len(content) <= _MAX_SHORT_CHARS and len(content.split()) <= _MAX_SHORT_WORDS


def _ends_sentence(content: str) -> bool:
    """Say whether a line ends with sentence-final punctuation (not an abbreviation's period)."""
    body = content.rstrip(_CLOSERS)
    if not body or body[-1] not in _LINE_ENDINGS:
        return False
    return body[-1] != "." or not _is_abbreviation(body.rsplit(None, 1)[-1])


def _heading_name(content: str) -> str | None:
    """Return a numbered heading's name without its number, or None."""
    match = _HEADING.fullmatch(content)
    return match["name"] if match else None


def _mark_metadata(lines: list[_Line]) -> list[_Line]:
    """Turn the short lines above the body and below its last text into header metadata."""
    anchors = [i for i, line in enumerate(lines) if line.role in (_Role.TEXT, _Role.HEADING)]
    if not anchors:
        return lines
    body_start = _body_start(lines, anchors[0])
    last = anchors[-1]
    tail_block = lines[last].block if lines[last].role is _Role.TEXT else None
    return [
        line._replace(role=_Role.META)
        if line.role is _Role.SHORT
        and (i < body_start or (tail_block is not None and i > last and line.block != tail_block))
        else line
        for i, line in enumerate(lines)
    ]


def _body_start(lines: list[_Line], first: int) -> int:
    """Return the index where the body begins: the first anchor, or the hard-wrapped lines just above it."""
    anchor = lines[first]
    if anchor.role is not _Role.TEXT:
        return first
    widest = max(line.end - line.start for line in lines if line.block == anchor.block)
    start = first
    while start > 0:
        above = lines[start - 1]
        if above.block != anchor.block or above.end - above.start < _WRAPPED_LINE_RATIO * widest:
            break
        start -= 1
    return start


def _subtitle_to_body(text: str, lines: list[_Line], known_title: str | None) -> list[_Line]:
    """Return a lone short header line (a subtitle) to the body when the source knows another title."""
    if known_title is None:
        return lines
    lead = list(_lead(lines))
    if len(lead) != 1 or lead[0] is not lines[0]:
        return lines
    content = _content(text, lines[0])
    if _title([content]) is None or content.casefold() == known_title.strip().casefold():
        return lines
    return [lines[0]._replace(role=_Role.SHORT), *lines[1:]]


def _titled_sections(text: str, lines: list[_Line]) -> list[_Line]:
    """Make unnumbered headings of the body's short lines that stand alone above a paragraph.

    Leaders' statements head their sections with a line such as "Maritime Security": a title,
    not a point to compare. The body's first line stays a point: a subtitle ("Global Partners
    for the Future") says what the statement is about.
    """
    titles = [
        i for i in range(_first_body(lines) + 1, len(lines) - 1)
        if lines[i].role is _Role.SHORT and lines[i + 1].role is _Role.TEXT
        and lines[i - 1].block != lines[i].block != lines[i + 1].block and _is_title(_content(text, lines[i]))
    ]
    # Headings come in series: one such line alone is likelier a sentence that lost its full stop.
    if len(titles) < 2:
        return lines
    return [line._replace(role=_Role.HEADING) if i in titles else line for i, line in enumerate(lines)]


def _is_title(content: str) -> bool:
    """A short line that opens with a capital and speaks of no one: "Health Security", "THE ALLIANCE"."""
    words = content.split()
    return (
        content[0].isupper() or content[0] in "“\"'‘"
    ) and len(words) <= _MAX_TITLE_WORDS and words[0].lower() not in _SPEAKERS and _heading_name(content) is None


def _section_name(content: str) -> str:
    """A heading's name: without its number when it has one."""
    return _heading_name(content) or content


def _first_body(lines: list[_Line]) -> int:
    """Index of the first line that is not header metadata or a link."""
    return next((i for i, line in enumerate(lines) if line.role not in (_Role.META, _Role.LINK)), len(lines))


def _label(text: str, start: int, end: int) -> Label | None:
    """The number opening the paragraph text[start:end], when a sentence follows it (not a heading-like short line)."""
    match = _LABEL.match(text, start, end)
    if match is None:
        return None
    paragraph = text[start:end]
    return Label(match[0], start, match.end()) if _ends_sentence(paragraph) or not _is_short(paragraph) else None


def _lead(lines: list[_Line]) -> Iterator[_Line]:
    """Yield the header metadata lines above the body."""
    for line in lines:
        if line.role not in (_Role.META, _Role.LINK):
            return
        if line.role is _Role.META:
            yield line


def _paragraphs(text: str, lines: list[_Line]) -> Iterator[tuple[str | None, int, int]]:
    """Yield (section, start, end) of each body paragraph: consecutive body lines of one block."""
    section: str | None = None
    current: tuple[int, int, int] | None = None
    for line in lines:
        if line.role in (_Role.SHORT, _Role.TEXT):
            if current is not None and current[2] == line.block:
                current = (current[0], line.end, line.block)
                continue
            if current is not None:
                yield section, current[0], current[1]
            current = (line.start, line.end, line.block)
            continue
        if current is not None:
            yield section, current[0], current[1]
            current = None
        if line.role is _Role.HEADING:
            section = _section_name(_content(text, line))
    if current is not None:
        yield section, current[0], current[1]


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end], cut between tokens."""
    sentence_start = -1
    previous: re.Match[str] | None = None
    for token in _TOKEN.finditer(text, start, end):
        # Most tokens cannot end a sentence: test their last character before anything else.
        if previous is not None and text[previous.end() - 1] in _TOKEN_ENDINGS and _is_boundary(previous[0], token[0], previous.start() == sentence_start):
            yield sentence_start, previous.end()
            sentence_start = token.start()
        if previous is None:
            sentence_start = token.start()
        previous = token
    if previous is not None:
        yield sentence_start, previous.end()


def _bounded(text: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Cut every span longer than ``MAX_SENTENCE_CHARS`` into pieces; shorter spans pass unchanged.

    A cut follows a word pair whose hash picks it (once a piece has ``_MIN_PIECE_CHARS``),
    so pieces depend on the words around them, not on their position: an edit
    changes only the pieces it touches. A piece that would pass the maximum is cut before it.
    """
    for first, last in spans:
        if last - first <= MAX_SENTENCE_CHARS:
            yield first, last
            continue
        start, end, previous = None, first, ""
        for word in _CHUNK.finditer(text, first, last):
            if start is not None and word.end() - start > MAX_SENTENCE_CHARS:
                yield start, end
                start = None
            start = word.start() if start is None else start
            end = word.end()
            if end - start >= _MIN_PIECE_CHARS and zlib.crc32(f"{previous} {word[0]}".encode("utf-8")) % _CUT_EVERY == 0:
                yield start, end
                start = None
            previous = word[0]
        if start is not None:
            yield start, end


def _is_boundary(token: str, following: str, opens_sentence: bool) -> bool:
    """Say whether a sentence ends after token (whose last character is in ``_TOKEN_ENDINGS``), given the next token."""
    body = token.rstrip(_CLOSERS)
    if not body:
        return False
    mark = body[-1]
    if mark in _CJK_TERMINATORS:
        return True
    if mark not in _TERMINATORS:
        return False
    if opens_sentence and _ENUMERATOR.fullmatch(body):
        return False
    if following.lstrip(_OPENERS)[:1].islower():
        return False
    if mark != "." or not _is_abbreviation(body):
        return True
    return _opens_sentence(following)


def _is_abbreviation(word: str) -> bool:
    """Say whether a word ending in a period is an abbreviation, initial or dotted acronym."""
    word = word.rsplit("-", 1)[-1].rsplit("/", 1)[-1].lstrip(_OPENERS)
    if len(word) > _MAX_ABBREVIATION_CHARS:
        return False
    return _ACRONYM.fullmatch(word) is not None or word[:-1].lower() in _ABBREVIATIONS


def _opens_sentence(token: str) -> bool:
    """Say whether a token is a word that typically starts a sentence."""
    match = _WORD.match(token.lstrip(_OPENERS))
    return match is not None and match[0] in _SENTENCE_OPENERS


def _title(lead: list[str]) -> str | None:
    """Return the first header line that is neither a date line nor a parenthetical."""
    for content in lead:
        if _find_date(content) is None and not (content[0] in "([（" and content[-1] in ")]）"):
            return content
    return None


def _release_date(lead: list[str]) -> str | None:
    """Return the first date found in the header lines, as ISO YYYY-MM-DD."""
    for content in lead:
        found = _find_date(content)
        if found is not None:
            return found
    return None


def _find_date(content: str) -> str | None:
    """Return the first valid calendar date written in a line, as ISO YYYY-MM-DD."""
    for pattern in _DATES:
        for match in pattern.finditer(content):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            if number is None:
                continue
            try:
                return date(int(match["year"]), number, int(match["day"])).isoformat()
            except ValueError:
                continue
    return None
