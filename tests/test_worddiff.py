"""Word-level edits: they spell out both texts, and name what changed."""

import difflib

import cydifflib
from hypothesis import given
from hypothesis import strategies as st

from comparator.worddiff import tokens, word_edits


def test_edits_name_the_changed_words():
    edits = word_edits(
        "The U.S. commitment to extended deterrence including nuclear capabilities remains unwavering.",
        "The U.S. commitment to extended deterrence remains unwavering.",
    )
    changed = [(e.op, e.old.strip(), e.new.strip()) for e in edits if e.op != "equal"]
    assert changed == [("delete", "including nuclear capabilities", "")]


def test_a_fraction_is_one_word():
    edits = word_edits("The target range is 5-1/4 to 5-1/2 percent.", "The target range is 4-3/4 to 5 percent.")
    changed = [(e.old.strip(), e.new.strip()) for e in edits if e.op != "equal"]
    assert changed == [("5-1/4", "4-3/4"), ("5-1/2", "5")]


@given(st.text(), st.text())
def test_edits_spell_both_texts(old, new):
    edits = word_edits(old, new)
    assert "".join(e.old for e in edits) == old
    assert "".join(e.new for e in edits) == new


@given(st.text())
def test_tokens_round_trip(text):
    assert "".join(tokens(text)) == text


# Few distinct words, so that blocks repeat and tie: where two matchers could part ways.
WORDS = st.lists(st.sampled_from(["the", "Ministers", ",", " ", "confirmed", "Japan", "."]), max_size=250)  # autojunk starts at 200 elements


@given(WORDS, WORDS, st.booleans())
def test_compiled_matcher_matches_difflib(a, b, autojunk):
    """comparator's matcher (cydifflib) finds exactly difflib's blocks, so outputs stay as difflib made them."""
    ours = cydifflib.SequenceMatcher(None, a, b, autojunk=autojunk)
    python = difflib.SequenceMatcher(None, a, b, autojunk=autojunk)
    assert ours.get_opcodes() == python.get_opcodes()
    assert ours.get_matching_blocks() == python.get_matching_blocks()
