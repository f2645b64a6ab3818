"""Invariants of the whole pipeline on generated statements (Hypothesis, stand-in embedder)."""

from __future__ import annotations

from conftest import StandInEmbedder, statement_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparator.compare import compare_statements
from comparator.models import Kind

POOL = [
    "The Ministers affirmed that Article V applies to the Senkaku Islands.",
    "The Ministers noted the importance of peace and stability across the Taiwan Strait.",
    "Secretary Austin reiterated the U.S. commitment to extended deterrence including nuclear capabilities.",
    "The Ministers confirmed that they would steadily advance the realignment of U.S. Forces in Japan.",
    "The Ministers welcomed the co-production of AMRAAM missiles by 2026.",
    "They agreed to deepen cooperation with Australia and the Philippines.",
    "The Ministers condemned Russia's aggression against Ukraine.",
    "The Ministers concurred to expand bilateral presence in the Southwestern region.",
    "The summary is as follows.",
    "The Ministers did not accept any unilateral change to the status quo by force.",
]
HEADINGS = ["1. Regional affairs", "2. Bilateral Defense Cooperation", "3. U.S. Forces in Japan"]

paragraphs = st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True), min_size=1, max_size=4)
bodies = st.lists(st.tuples(st.sampled_from(HEADINGS), paragraphs), min_size=1, max_size=3, unique_by=lambda s: s[0])


def render(body) -> str:
    parts = ["Japan-U.S. Defense Ministerial Meeting (Summary)", "", "May 1, 2024", ""]
    used = set()
    for heading, paras in body:
        parts += [heading, ""]
        for para in paras:
            fresh = [s for s in para if s not in used]
            used.update(fresh)
            if fresh:
                parts += [" ".join(fresh), ""]
    return "\n".join(parts)


def compare(old_text: str, new_text: str):
    return compare_statements(statement_of(old_text, "old"), statement_of(new_text, "new"), StandInEmbedder())


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(bodies, bodies)
def test_every_sentence_of_both_sides_in_exactly_one_change(old_body, new_body):
    result = compare(render(old_body), render(new_body))
    for side, stmt in (("old", result.old), ("new", result.new)):
        seen = sorted(s.index for c in result.changes for s in getattr(c, side))
        assert seen == [s.index for s in stmt.sentences]
        for c in result.changes:
            for s in getattr(c, side):
                assert stmt.source.text[s.start : s.end] == s.text


@SETTINGS
@given(bodies)
def test_a_statement_against_itself_is_all_unchanged(body):
    result = compare(render(body), render(body))
    assert all(c.kind is Kind.UNCHANGED and not c.moved for c in result.changes)
    assert not result.changed


@SETTINGS
@given(bodies, bodies)
def test_swapping_sides_swaps_new_and_dropped(old_body, new_body):
    forward = compare(render(old_body), render(new_body))
    backward = compare(render(new_body), render(old_body))
    assert forward.count(Kind.NEW) == backward.count(Kind.DROPPED)
    assert forward.count(Kind.DROPPED) == backward.count(Kind.NEW)
    assert forward.count(Kind.UNCHANGED) == backward.count(Kind.UNCHANGED)


NUMBER_STYLES = {
    "dot": lambda n: f"{n}.",
    "paren": lambda n: f"({n})",
    "roman": lambda n: "I II III IV V VI VII VIII IX X XI".split()[n - 1] + ".",
}


def numbered(paragraphs: list[str], style: str) -> str:
    lines = ["Joint Statement", "", "May 1, 2024", ""]
    for n, paragraph in enumerate(paragraphs, start=1):
        lines += [f"{NUMBER_STYLES[style](n)} {paragraph}", ""]
    return "\n".join(lines)


@SETTINGS
@given(st.permutations(POOL), st.integers(3, 9), st.data(), st.sampled_from(sorted(NUMBER_STYLES)))
def test_inserting_a_numbered_paragraph_in_the_middle_is_one_new_change(pool, size, data, style):
    paragraphs, inserted = pool[:size], pool[size]
    at = data.draw(st.integers(1, size - 1), label="insert at")
    result = compare(numbered(paragraphs, style), numbered([*paragraphs[:at], inserted, *paragraphs[at:]], style))
    changes = [c for c in result.changes if c.is_change]
    assert [(c.kind, [s.text for s in c.new], c.new[0].label.text) for c in changes] == [
        (Kind.NEW, [inserted], NUMBER_STYLES[style](at + 1))
    ]
