"""Word-level edits between the two sides of a rewording (difflib's matcher on tokens)."""

from __future__ import annotations

import re
from collections import Counter

from cydifflib import SequenceMatcher

from comparator.models import Edit

TOKEN = re.compile(r"\s+|[^\W_]+(?:(?:[-'’.]|(?<=\d)/(?=\d))[^\W_]+)*|[^\w\s]|_")  # a fraction ("5-1/4") is one word
# difflib's matcher is quadratic in the tokens it has to match (2,000 tokens, about 1,000 words: ~0.1 s in
# Python's difflib, ~2 ms compiled).
# Above this many tokens on a side, the common head and tail are kept and the rest is one replacement.
MAX_DIFF_TOKENS = 2_000
# Matching token pairs past which difflib's exact matcher turns cubic ("A, A, A, …" against "B, B, B, …"):
# beyond it, tokens that fill more than 1 % of a side are junk, as in difflib's default. Sentences stay far below.
MAX_MATCHING_PAIRS = 50_000


def tokens(text: str) -> list[str]:
    """Split into words, punctuation and runs of white space; ``"".join`` gives ``text`` back."""
    return TOKEN.findall(text)


def word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """Edits turning ``old`` into ``new``; equal runs included so the edits spell both texts."""
    a, b = tokens(old), tokens(new)
    edits = _diff(a, b) if max(len(a), len(b)) <= MAX_DIFF_TOKENS else _bounded_diff(a, b)
    return tuple(merge_whitespace_islands(edits))


def matcher(a: list[str], b: list[str]) -> SequenceMatcher:
    """difflib's matcher over two token lists, exact unless repeated tokens would make it cubic."""
    repetitive = False
    if len(a) * len(b) > MAX_MATCHING_PAIRS:  # else there cannot be that many matching pairs
        in_b = Counter(b)
        repetitive = sum(in_b[t] for t in a) > MAX_MATCHING_PAIRS
    return SequenceMatcher(None, a, b, autojunk=repetitive)


def _diff(a: list[str], b: list[str]) -> list[Edit]:
    return [Edit(op, "".join(a[i1:i2]), "".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher(a, b).get_opcodes()]


def _bounded_diff(a: list[str], b: list[str]) -> list[Edit]:
    """Edits in linear time for long texts: the common head and tail, and between them a diff only if it is short."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if max(len(middle_a), len(middle_b)) <= MAX_DIFF_TOKENS:
        middle = _diff(middle_a, middle_b)
    else:
        op = "replace" if middle_a and middle_b else "delete" if middle_a else "insert"
        middle = [Edit(op, "".join(middle_a), "".join(middle_b))]
    equal_head = [Edit("equal", "".join(a[:head]), "".join(b[:head]))] if head else []
    equal_tail = [Edit("equal", "".join(a[len(a) - tail :]), "".join(b[len(b) - tail :]))] if tail else []
    return equal_head + middle + equal_tail


def merge_whitespace_islands(edits: list[Edit]) -> list[Edit]:
    """Fold an 'equal' run of bare white space between two changes into one change, for readability."""
    out: list[Edit] = []
    for edit in edits:
        if out and out[-1].op != "equal" and edit.op != "equal":
            prev = out.pop()
            edit = Edit("replace", prev.old + edit.old, prev.new + edit.new)
        elif len(out) >= 2 and out[-1].op == "equal" and not out[-1].old.strip() and out[-2].op != "equal" and edit.op != "equal":
            space = out.pop()
            prev = out.pop()
            edit = Edit("replace", prev.old + space.old + edit.old, prev.new + space.new + edit.new)
        out.append(edit)
    return out
