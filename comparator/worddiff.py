"""Word-level edits between the two sides of a rewording (difflib on tokens)."""

from __future__ import annotations

import difflib
import re

from comparator.models import Edit

TOKEN = re.compile(r"\s+|[^\W_]+(?:[-'’.][^\W_]+)*|[^\w\s]|_")


def tokens(text: str) -> list[str]:
    """Split into words, punctuation and runs of white space; ``"".join`` gives ``text`` back."""
    return TOKEN.findall(text)


def word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """Edits turning ``old`` into ``new``; equal runs included so the edits spell both texts."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        edits.append(Edit(op, "".join(a[i1:i2]), "".join(b[j1:j2])))
    return tuple(merge_whitespace_islands(edits))


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
