"""Tests for segmentation: header metadata, section headings and sentence boundaries."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import statement_of
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from comparator.models import Statement
from comparator.read import read_source
from comparator.segment import segment

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_FILES = sorted((ROOT / "gold").glob("*.json"))
CORPUS_FILES = sorted((CORPUS / "japan-us-defense").glob("*.txt"))

FOMC = """\
For release at 2:00 p.m. EDT March 20, 2024

Federal Reserve issues FOMC statement

Recent indicators suggest that economic activity has been expanding at a solid pace. Job gains have \
remained strong, and the unemployment rate has remained low. Inflation has eased over the past year but \
remains elevated.

The Committee seeks to achieve maximum employment and inflation at the rate of 2 percent over the longer \
run. The Committee judges that the risks to achieving its employment and inflation goals are moving into \
better balance. The economic outlook is uncertain, and the Committee remains highly attentive to \
inflation risks.

In support of its goals, the Committee decided to maintain the target range for the federal funds rate \
at 5-1/4 to 5-1/2 percent. In considering any adjustments to the target range, the Committee will \
carefully assess incoming data, the evolving outlook, and the balance of risks. The Committee does not \
expect it will be appropriate to reduce the target range until it has gained greater confidence that \
inflation is moving sustainably toward 2 percent. In addition, the Committee will continue reducing its \
holdings of Treasury securities. The Committee is strongly committed to returning inflation to its \
2 percent objective.

Voting for the monetary policy action were Jerome H. Powell, Chair; John C. Williams, Vice Chair; \
Thomas I. Barkin; Michael S. Barr; Raphael W. Bostic; Michelle W. Bowman; Lisa D. Cook; Mary C. Daly; \
Philip N. Jefferson; Adriana D. Kugler; Loretta J. Mester; and Christopher J. Waller.

Implementation Note issued March 20, 2024
"""

FOMC_SENTENCES = [
    "Recent indicators suggest that economic activity has been expanding at a solid pace.",
    "Job gains have remained strong, and the unemployment rate has remained low.",
    "Inflation has eased over the past year but remains elevated.",
    "The Committee seeks to achieve maximum employment and inflation at the rate of 2 percent over the "
    "longer run.",
    "The Committee judges that the risks to achieving its employment and inflation goals are moving into "
    "better balance.",
    "The economic outlook is uncertain, and the Committee remains highly attentive to inflation risks.",
    "In support of its goals, the Committee decided to maintain the target range for the federal funds "
    "rate at 5-1/4 to 5-1/2 percent.",
    "In considering any adjustments to the target range, the Committee will carefully assess incoming "
    "data, the evolving outlook, and the balance of risks.",
    "The Committee does not expect it will be appropriate to reduce the target range until it has gained "
    "greater confidence that inflation is moving sustainably toward 2 percent.",
    "In addition, the Committee will continue reducing its holdings of Treasury securities.",
    "The Committee is strongly committed to returning inflation to its 2 percent objective.",
    "Voting for the monetary policy action were Jerome H. Powell, Chair; John C. Williams, Vice Chair; "
    "Thomas I. Barkin; Michael S. Barr; Raphael W. Bostic; Michelle W. Bowman; Lisa D. Cook; Mary C. Daly; "
    "Philip N. Jefferson; Adriana D. Kugler; Loretta J. Mester; and Christopher J. Waller.",
]


def sentences(text: str) -> list[str]:
    return [s.text for s in statement_of(text).sentences]


def gold_sides() -> list[tuple[str, str]]:
    return [(gold.name, side) for gold in GOLD_FILES for side in ("old", "new")]


# --- ground truth -----------------------------------------------------------------------------


def test_gold_files_exist():
    assert GOLD_FILES


@pytest.mark.parametrize(("gold_name", "side"), gold_sides())
def test_gold_sentences_are_reproduced_exactly(gold_name, side):
    gold = json.loads((ROOT / "gold" / gold_name).read_text(encoding="utf-8"))
    expected = [sentence for link in gold["links"] for sentence in link[side]]
    found = [s.text for s in segment(read_source(str(CORPUS / gold[side]))).sentences]
    assert len(found) == len(set(found))
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_offsets_match_the_file_as_an_external_scorer_reads_it(path):
    text = path.read_text(encoding="utf-8")
    result = segment(read_source(str(path)))
    assert result.sentences
    for index, sentence in enumerate(result.sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text


def test_corpus_header_sections_and_paragraphs():
    result = segment(read_source(str(CORPUS / "japan-us-defense" / "2023-10-04.txt")))
    assert result.title == "Japan-U.S. Defense Ministerial Meeting (Summary)"
    assert result.date == "2023-10-05"
    assert result.metadata == (
        "Japan-U.S. Defense Ministerial Meeting (Summary)",
        "(Press Release)",
        "October 5, 2023",
        "Ministry of Defense",
        "In Japanese",
        "Japan-U.S. Defense Ministerial Meeting (Summary)(PDF)",
    )
    assert result.sections == (
        "Regional affairs",
        "Bilateral Defense Cooperation",
        "Realignment of U.S. Forces / U.S. Forces in Japan",
    )
    first, second = result.sentences[:2]
    assert (first.section, first.paragraph) == (None, 1)
    assert second.text == "The summary is as follows."
    assert (second.section, second.paragraph) == (None, 1)
    assert result.sentences[2].section == "Regional affairs"
    assert result.sentences[2].paragraph == 2
    assert result.sentences[-1].section == "Realignment of U.S. Forces / U.S. Forces in Japan"
    assert [s.paragraph for s in result.sentences] == sorted(s.paragraph for s in result.sentences)


# --- other issuers ----------------------------------------------------------------------------


def test_central_bank_statement():
    result = statement_of(FOMC)
    assert sentences(FOMC) == FOMC_SENTENCES
    assert result.title == "Federal Reserve issues FOMC statement"
    assert result.date == "2024-03-20"
    assert result.metadata == (
        "For release at 2:00 p.m. EDT March 20, 2024",
        "Federal Reserve issues FOMC statement",
        "Implementation Note issued March 20, 2024",
    )
    assert result.sections == ()
    assert {s.section for s in result.sentences} == {None}
    assert [s.paragraph for s in result.sentences] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4]


def test_header_lines_directly_above_the_first_paragraph():
    text = (
        "Federal Reserve issues FOMC statement\n"
        "March 20, 2024\n"
        "Recent indicators suggest that economic activity has been expanding at a solid pace. "
        "Job gains have remained strong.\n"
    )
    result = statement_of(text)
    assert result.metadata == ("Federal Reserve issues FOMC statement", "March 20, 2024")
    assert sentences(text) == FOMC_SENTENCES[:1] + ["Job gains have remained strong."]


def test_hard_wrapped_first_paragraph_is_not_taken_for_a_header():
    text = (
        "Japan-U.S. Defense Ministerial Meeting\n"
        "\n"
        "On March 16, Defense Minister Kishi and Defense Secretary Austin held\n"
        "discussions from 12:50 for approximately 90 minutes at the Ministry of\n"
        "Defense in Tokyo. The summary is as follows.\n"
    )
    assert statement_of(text).metadata == ("Japan-U.S. Defense Ministerial Meeting",)
    assert sentences(text) == [
        "On March 16, Defense Minister Kishi and Defense Secretary Austin held\n"
        "discussions from 12:50 for approximately 90 minutes at the Ministry of\n"
        "Defense in Tokyo.",
        "The summary is as follows.",
    ]


def test_japanese_sentences_split_at_full_stops():
    text = "日米防衛相会談（概要）\n\n2023年10月5日\n\n両大臣は会談した。地域情勢について意見交換を行った。「合意した。」と述べた。\n"
    result = statement_of(text)
    assert result.title == "日米防衛相会談（概要）"
    assert result.date == "2023-10-05"
    assert sentences(text) == ["両大臣は会談した。", "地域情勢について意見交換を行った。", "「合意した。」", "と述べた。"]


# --- header, headings, links ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("October 5, 2023", "2023-10-05"),
        ("Oct. 5, 2023", "2023-10-05"),
        ("5 October 2023", "2023-10-05"),
        ("2023-10-05", "2023-10-05"),
        ("Released on Sept. 18, 2024 at 2:00 p.m.", "2024-09-18"),
        ("Spring 2023", None),
        ("February 30, 2024", None),
        ("Tokyo 5 2023", None),
    ],
)
def test_release_date(line, iso):
    assert statement_of(f"A Statement\n\n{line}\n\nThe Ministers met.\n").date == iso


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("1. Regional affairs", "Regional affairs"),
        ("3. Realignment of U.S. Forces / U.S. Forces in Japan", "Realignment of U.S. Forces / U.S. Forces in Japan"),
        ("(2) Defense equipment", "Defense equipment"),
        ("II. Bilateral cooperation", "Bilateral cooperation"),
        ("b) Space", "Space"),
    ],
)
def test_numbered_headings_name_sections(heading, name):
    result = statement_of(f"Title\n\nThe Ministers met in Tokyo.\n\n{heading}\n\nThey agreed. They left.\n")
    assert result.sections == (name,)
    assert [(s.text, s.section) for s in result.sentences] == [
        ("The Ministers met in Tokyo.", None),
        ("They agreed.", name),
        ("They left.", name),
    ]


def test_a_title_line_alone_above_a_paragraph_names_a_section():
    text = "Title\n\nWe met in Tokyo.\n\nMaritime Security\n\nWe will patrol. We will train.\n\nHEALTH\n\nWe will share vaccines.\n"
    result = statement_of(text)
    assert result.sections == ("Maritime Security", "HEALTH")
    assert [(s.text, s.section) for s in result.sentences] == [
        ("We met in Tokyo.", None),
        ("We will patrol.", "Maritime Security"),
        ("We will train.", "Maritime Security"),
        ("We will share vaccines.", "HEALTH"),
    ]


@pytest.mark.parametrize("body", [
    "We met.\n\nWe will deepen our cooperation on space\n\nThe leaders agreed on the plan.\n",  # a lone line: a sentence
    "We met.\n\nJapan\n\nIndia\n\nAustralia\n\nThey agreed.\n",  # items, one a line
    "We met.\n\n(Press Release)\n\nThey agreed.\n\nWe will act\n\nThey left.\n",  # no title opens with "(" or "We"
])
def test_short_lines_that_are_not_titles_stay_points(body):
    result = statement_of("Title\n\n" + body)
    assert result.sections == ()


def test_a_real_statements_unnumbered_headings_are_not_points():
    statement = segment(read_source(str(CORPUS / "quad-leaders/2022-05-24.txt")))
    assert {"Infrastructure", "Climate", "Space"} <= set(statement.sections)
    assert not {s.text for s in statement.sentences} & set(statement.sections)


def test_heading_in_the_same_block_as_its_paragraph():
    result = statement_of("Title\n\n1. Overview\nThe Ministers met. They agreed.\n2. Others\nThey left.\n")
    assert result.sections == ("Overview", "Others")
    assert [(s.text, s.section, s.paragraph) for s in result.sentences] == [
        ("The Ministers met.", "Overview", 1),
        ("They agreed.", "Overview", 1),
        ("They left.", "Others", 2),
    ]


def test_numbered_sentences_are_body_not_headings():
    text = "Title\n\n1. The Committee met on Tuesday.\n\n2. It decided to hold rates. It will meet again.\n"
    result = statement_of(text)
    assert result.sections == ()
    assert sentences(text) == ["The Committee met on Tuesday.", "It decided to hold rates.", "It will meet again."]
    assert [s.label.text for s in result.sentences] == ["1.", "2.", "2."]


@pytest.mark.parametrize("number", ["12.", "(3)", "III.", "4)", "(iv)"])
def test_a_paragraph_number_is_a_label_outside_the_sentence(number):
    text = f"Title\n\n{number} The Ministers met in Tokyo. They agreed.\n"
    result = statement_of(text)
    first, second = result.sentences
    assert (first.text, second.text) == ("The Ministers met in Tokyo.", "They agreed.")
    assert text[first.start : first.end] == first.text
    assert first.label == second.label
    assert text[first.label.start : first.label.end] == number
    assert first.label.end < first.start


def test_a_number_before_a_title_line_is_a_heading_and_before_a_sentence_a_label():
    text = "Title\n\n1. Regional affairs\n\n2. The Ministers met in Tokyo.\n\n3. Defense cooperation\n\nThey agreed.\n"
    result = statement_of(text)
    assert result.sections == ("Regional affairs", "Defense cooperation")
    assert [(s.text, s.section, s.label and s.label.text) for s in result.sentences] == [
        ("The Ministers met in Tokyo.", "Regional affairs", "2."),
        ("They agreed.", "Defense cooperation", None),
    ]


def test_a_hard_wrapped_numbered_paragraph_is_labelled_not_a_heading():
    text = "Title\n\n1. Regional affairs\n\n12. The Ministers confirmed that they\nwould strengthen the Alliance. They met.\n"
    result = statement_of(text)
    assert result.sections == ("Regional affairs",)
    assert [(s.text, s.label.text) for s in result.sentences] == [
        ("The Ministers confirmed that they\nwould strengthen the Alliance.", "12."),
        ("They met.", "12."),
    ]


def test_a_sentence_runs_on_over_a_blank_line():
    long_line = (
        "We welcome the Quad Senior Cyber Group meetings, the Quad Cybersecurity Partnership and the "
        "cybersecurity awareness campaigns hosted by Australia and India respectively in January"
    )
    text = f"{long_line}\n\n2023. They will meet again.\n\nThey reaffirmed the partnership, which\n\nendures.\n"
    assert sentences(text) == [f"{long_line}\n\n2023.", "They will meet again.", "They reaffirmed the partnership, which\n\nendures."]


def test_a_blank_line_after_a_finished_sentence_or_a_title_still_ends_the_paragraph():
    text = "Joint Statement\n\n2023 was a year of progress for the partnership between both countries.\n\nThey met.\n\nnext steps follow.\n"
    result = statement_of(text)
    assert result.title == "Joint Statement"
    assert [s.paragraph for s in result.sentences] == [1, 2, 3]


def test_a_header_less_statement_takes_its_title_and_date_from_what_the_source_knows():
    text = "The leaders met today in Washington and affirmed their partnership for the decades to come.\n"
    plain = statement_of(text)
    assert (plain.title, plain.date) == (None, None)
    known = segment(replace(plain.source, known_title="Joint Statement", known_date="2025-02-07"))
    assert (known.title, known.date) == ("Joint Statement", "2025-02-07")
    assert [s.text for s in known.sentences] == [s.text for s in plain.sentences]


def test_a_lone_subtitle_is_body_when_the_source_knows_the_title():
    text = "Global Partners for the Future\n\nOver the last three years the Alliance has reached unprecedented heights.\n"
    alone = statement_of(text)
    assert alone.title == "Global Partners for the Future" and len(alone.sentences) == 1
    known = segment(replace(alone.source, known_title="Joint Leaders' Statement"))
    assert known.title == "Joint Leaders' Statement"
    assert [s.text for s in known.sentences] == ["Global Partners for the Future", alone.sentences[0].text]
    same = segment(replace(alone.source, known_title="global partners for the future"))
    assert same.title == "Global Partners for the Future" and len(same.sentences) == 1


def test_a_lone_dateline_stays_header_and_the_known_title_fills_in():
    text = "20 May 2023, Hiroshima\n\nToday, we met for the third in-person Quad Leaders Summit in Hiroshima.\n"
    result = segment(replace(statement_of(text).source, known_title="Quad Leaders' Joint Statement"))
    assert (result.title, result.date, len(result.sentences)) == ("Quad Leaders' Joint Statement", "2023-05-20", 1)


@pytest.mark.parametrize("link", ["Summary (PDF)", "Joint Statement [PDF 245KB]", "Annex (pdf: 1.2 MB)", "Data (Excel)"])
def test_link_lines_are_metadata_anywhere(link):
    result = statement_of(f"Title\n\n{link}\n\nThe Ministers met.\n\n{link}\n\nThey left.\n\n{link}\n")
    assert sentences(result.source.text) == ["The Ministers met.", "They left."]
    assert result.metadata == ("Title", link, link, link)


def test_short_lines_after_the_last_paragraph_are_metadata():
    result = statement_of("Title\n\nThe Ministers met.\n\nRelated links\n\nMinistry of Defense\n")
    assert result.metadata == ("Title", "Related links", "Ministry of Defense")
    assert sentences(result.source.text) == ["The Ministers met."]


def test_short_lines_under_a_final_heading_are_body():
    result = statement_of("Title\n\nThe Ministers met.\n\n4. Others\n\nNone\n")
    assert [(s.text, s.section) for s in result.sentences] == [("The Ministers met.", None), ("None", "Others")]


def test_one_line_without_punctuation_is_one_sentence():
    result = statement_of("Ministers meet in Tokyo")
    assert [(s.text, s.start, s.end) for s in result.sentences] == [("Ministers meet in Tokyo", 0, 23)]
    assert (result.title, result.metadata) == (None, ())


def test_blank_text_has_no_sentences():
    result = statement_of(" \n\t\n")
    assert result.sentences == ()
    assert result.title is None


def test_leading_bom_is_skipped_and_offsets_stay_those_of_the_text():
    plain = statement_of(FOMC)
    marked = statement_of("\ufeff" + FOMC)
    assert [s.text for s in marked.sentences] == [s.text for s in plain.sentences]
    assert [s.start for s in marked.sentences] == [s.start + 1 for s in plain.sentences]
    assert marked.metadata == plain.metadata
    assert marked.title == plain.title


# --- sentence boundaries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation ends the sentence only when a sentence opener follows
        ("Japan works with the U.S. The Ministers agreed.", ["Japan works with the U.S.", "The Ministers agreed."]),
        ("They cooperate with the U.S. They also met.", ["They cooperate with the U.S.", "They also met."]),
        ("Japan and the U.S. In addition, they met.", ["Japan and the U.S.", "In addition, they met."]),
        ("They met at the U.S. Department of Defense. It went well.", ["They met at the U.S. Department of Defense.", "It went well."]),
        ("The U.S. Forces in Japan and U.S. Navy ships stayed.", ["The U.S. Forces in Japan and U.S. Navy ships stayed."]),
        ("They held the Japan-U.S. Summit. It went well.", ["They held the Japan-U.S. Summit.", "It went well."]),
        ("He visited the U.K. In London he met officials.", ["He visited the U.K.", "In London he met officials."]),
        ("The U.K. Prime Minister spoke.", ["The U.K. Prime Minister spoke."]),
        ("Talks began at 9 a.m. EDT and ended at 11 a.m. The Ministers left.", ["Talks began at 9 a.m. EDT and ended at 11 a.m.", "The Ministers left."]),
        ("It was signed on Jan. 5, 2024. It took effect.", ["It was signed on Jan. 5, 2024.", "It took effect."]),
        ("Resolution No. 2270 applies. It binds all.", ["Resolution No. 2270 applies.", "It binds all."]),
        ("Some partners, e.g. Australia, joined. Others did not.", ["Some partners, e.g. Australia, joined.", "Others did not."]),
        ("The core, i.e. Japan, agreed, etc. The end came.", ["The core, i.e. Japan, agreed, etc.", "The end came."]),
        ("It lasted approx. five minutes.", ["It lasted approx. five minutes."]),
        # the known cost: an abbreviation before a capitalised noun is read as mid-sentence
        ("It was released at 2:00 p.m. Markets rose.", ["It was released at 2:00 p.m. Markets rose."]),
        ("Mr. Kishi met Dr. Smith. They talked.", ["Mr. Kishi met Dr. Smith.", "They talked."]),
        # initials
        ("Lloyd J. Austin III met Jerome H. Powell. They spoke.", ["Lloyd J. Austin III met Jerome H. Powell.", "They spoke."]),
        ("Secretary Austin III. The talks ended.", ["Secretary Austin III.", "The talks ended."]),
        # quotes and parentheses
        ("He said “We will act.” They did.", ["He said “We will act.”", "They did."]),
        ('He said "We will act." They did.', ['He said "We will act."', "They did."]),
        ("“Enough.” he said. Then he left.", ["“Enough.” he said.", "Then he left."]),
        ("They met (in Tokyo). Then they left.", ["They met (in Tokyo).", "Then they left."]),
        ("They met (at 9 a.m.). Then they left.", ["They met (at 9 a.m.).", "Then they left."]),
        ("They met. (The talks were brief.) Then they left.", ["They met.", "(The talks were brief.)", "Then they left."]),
        ("They welcomed the “2+2”. The Ministers left.", ["They welcomed the “2+2”.", "The Ministers left."]),
        # numbers
        ("Rates rose 5.25 percent. Growth was 2.1 percent.", ["Rates rose 5.25 percent.", "Growth was 2.1 percent."]),
        ("The range is 5-1/4 to 5-1/2 percent. It held.", ["The range is 5-1/4 to 5-1/2 percent.", "It held."]),
        ("Spending rose in 2023. 2024 will be higher.", ["Spending rose in 2023.", "2024 will be higher."]),
        # other marks, line breaks
        ("Why now? Because it matters! It does.", ["Why now?", "Because it matters!", "It does."]),
        ("Is it? yes.", ["Is it? yes."]),
        ("Japan and the U.S.\nThey agreed.", ["Japan and the U.S.", "They agreed."]),
        ("Japan and the\nU.S. agreed.", ["Japan and the\nU.S. agreed."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


# --- performance ------------------------------------------------------------------------------

FIVE_MB = 5_000_000
ONE_MB = 1_000_000


def timed_segment(text: str) -> tuple[Statement, float]:
    began = time.perf_counter()
    result = statement_of(text)
    return result, time.perf_counter() - began


def test_five_megabyte_statement_is_fast():
    body = CORPUS_FILES[0].read_text(encoding="utf-8") + "\n" + FOMC + "\n"
    text = (body * (FIVE_MB // len(body) + 1))[:FIVE_MB]
    result, seconds = timed_segment(text)
    assert len(result.sentences) > 10_000
    assert seconds < 5


@pytest.mark.parametrize(
    "unit",
    ["U.S. ", "a.", "(", "“", "x\n", "1. A\n", "x" * 200 + "\n", "Mr. ", ". ", "a-b-c.d/e ", "。", "\n\n"],
    ids=repr,
)
def test_adversarial_input_segments_in_linear_time(unit):
    """Ten times the input takes about ten times as long; a quadratic step would take a hundred."""
    small, large = unit * (ONE_MB // 10 // len(unit)), unit * (ONE_MB // len(unit))
    _, small_seconds = timed_segment(small)
    _, large_seconds = timed_segment(large)
    assert large_seconds < 25 * small_seconds + 1
    assert large_seconds < 10


# --- properties -------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        " ", "  ", "\n", "\n\n", "\t", "\r", "\u2028", "\u3000", "\ufeff", "The", "Ministers", "agreed", "U.S.",
        "U.K.", "a.m.", "Jan.", "No.", "e.g.", "H.", "III", "5.25", "4-3/4", ".", "...", "!", "?", "。", "“",
        "”", '"', "(", ")", "(PDF)", "1. Overview", "(2) Others", "March 5, 2024", "In Japanese", ":", ";",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(st.one_of(FRAGMENTS, st.text(max_size=3)), max_size=60).map("".join))


def lines_of(text: str) -> list[tuple[int, int]]:
    """Offsets of every ``\\n``-separated line."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_sentences_are_exact_ordered_stripped_slices(text):
    result = statement_of(text)
    previous_end, previous_paragraph = 0, 0
    for index, sentence in enumerate(result.sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        if sentence.label is not None:
            assert text[sentence.label.start : sentence.label.end] == sentence.label.text
            assert sentence.label.end < sentence.start
        assert previous_end <= sentence.start
        assert previous_paragraph <= sentence.paragraph
        previous_end, previous_paragraph = sentence.end, sentence.paragraph


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_every_visible_character_is_in_a_sentence_or_a_header_or_heading_line(text):
    """Each non-blank line lies wholly inside sentences and paragraph labels, or wholly outside as metadata or a heading."""
    result = statement_of(text)
    covered = bytearray(len(text))
    for sentence in result.sentences:
        for start, end in [(sentence.start, sentence.end), *([(sentence.label.start, sentence.label.end)] if sentence.label else [])]:
            covered[start:end] = b"\1" * (end - start)
    skipped_bom = 1 if text.startswith("\ufeff") else 0
    for start, end in lines_of(text):
        start = max(start, skipped_bom)
        visible = [i for i in range(start, end) if not text[i].isspace()]
        if all(covered[i] for i in visible):
            continue
        assert not any(covered[i] for i in visible)
        content = text[start:end].strip()
        assert content in result.metadata or any(content.endswith(name) for name in result.sections)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_leading_bom_only_shifts_offsets(text):
    assume(not text.startswith("\ufeff"))
    plain, marked = statement_of(text), statement_of("\ufeff" + text)
    assert [(s.text, s.start + 1, s.section, s.paragraph) for s in plain.sentences] == [
        (s.text, s.start, s.section, s.paragraph) for s in marked.sentences
    ]
    assert (plain.title, plain.date, plain.metadata, plain.sections) == (
        marked.title,
        marked.date,
        marked.metadata,
        marked.sections,
    )


def test_lettered_list_after_a_colon_is_body_text_not_headings():
    text = (
        "Joint Statement\n\nMay 1, 2024\n\nThe Ministers agreed on the following:\n\n"
        "(a) strengthen deterrence in the Taiwan Strait\n\n(b) deepen cooperation with Australia\n\n"
        "2. Next steps\n\nThey will meet again.\n"
    )
    statement = statement_of(text, "list.txt")
    assert [s.text for s in statement.sentences] == [
        "The Ministers agreed on the following:",
        "(a) strengthen deterrence in the Taiwan Strait",
        "(b) deepen cooperation with Australia",
        "They will meet again.",
    ]
    assert statement.sentences[-1].section == "Next steps"
