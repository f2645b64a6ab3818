"""Alignment on crafted score matrices: global not greedy, gaps, splits, merges, coverage."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator.align import MAX_CELLS, Thresholds, TooLargeError, align, exact_pairs, linear_sum_assignment
from comparator.shift import default_lexicon, stance


SCORES_ONLY = Thresholds(unshared=0.0)  # letters for sentences share no words: let the scores alone decide


def scorer_of(matrix):
    m = np.asarray(matrix, dtype=float)
    return lambda rows, cols: m[np.ix_(rows, cols)]


def as_pairs(links):
    return sorted((l.old, l.new) for l in links)


def test_identical_sentences_link_in_order_even_when_repeated():
    links = align(["a", "b", "a"], ["a", "b", "a"], scorer_of(np.zeros((3, 3))))
    assert as_pairs(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(l.similarity == 1.0 for l in links)


def test_moved_identical_sentence_is_still_found():
    assert exact_pairs(["a", "b", "c"], ["c", "a", "b"]) == {0: 1, 1: 2, 2: 0}


def test_global_assignment_resists_a_near_duplicate():
    # Greedy would give old 0 to new 0 (0.90) and leave old 1 unmatched;
    # the optimum gives new 0 to old 1, its only good counterpart.
    matrix = [[0.90, 0.85], [0.88, 0.10]]
    links = align(["x0", "x1"], ["y0", "y1"], scorer_of(matrix))
    assert ((0,), (1,)) in as_pairs(links)
    assert ((1,), (0,)) in as_pairs(links)


def test_weak_pair_accepted_between_anchors_but_not_out_of_order():
    t = Thresholds(accept=0.6, accept_in_gap=0.35, attach=0.9, unshared=0.0)
    in_order = [[0.9, 0.0, 0.0], [0.0, 0.4, 0.0], [0.0, 0.0, 0.9]]
    assert ((1,), (1,)) in as_pairs(align(list("abc"), list("xyz"), scorer_of(in_order), t))
    crossing = [[0.0, 0.9, 0.0], [0.0, 0.0, 0.4], [0.9, 0.0, 0.0]]
    pairs = as_pairs(align(list("abc"), list("xyz"), scorer_of(crossing), t))
    assert ((1,), ()) in pairs and ((), (2,)) in pairs


def test_a_weak_pair_between_anchors_must_share_more_than_a_party_named():
    # Standing in a gap, "keep coordinating on issues concerning China" and "Given China's military activities, ...
    # cooperate" share only the name of a party: a topic, two points. The name of an initiative is a point's object.
    lexicon = default_lexicon()
    scores = [[0.9, 0.1, 0.1], [0.1, 0.4, 0.1], [0.1, 0.1, 0.9]]
    old = ["The Ministers confirmed the plan on trade.", "The Ministers agreed to keep coordinating on issues concerning China.",
           "They confirmed the launches of rockets."]
    new = ["The Ministers confirmed the plan on trade again.", "Given China's military activities, the Ministers would cooperate more.",
           "They confirmed the launches of rockets again."]
    links = as_pairs(align(old, new, scorer_of(scores), no_object=lexicon.no_object, institutions=lexicon.institutions))
    assert ((1,), ()) in links and ((), (1,)) in links
    # Nor is a preposition both write a shared object: questions "about" China's build-up, alarm "about" its coercion.
    old[1] = "The Ministers discussed questions about the rapid military modernisation of China."
    new[1] = "The Ministers expressed alarm about the obstruction of vessels by China."
    links = as_pairs(align(old, new, scorer_of(scores), no_object=lexicon.no_object, institutions=lexicon.institutions))
    assert ((1,), ()) in links and ((), (1,)) in links
    # Nor a title: who acts, not what about. A pair scoring above the gap's floor must share an object too.
    old[1] = "The President invited the Chancellor to visit Seoul, and the Chancellor accepted."
    new[1] = "The Chancellor thanked the President for the warm hospitality."
    links = as_pairs(align(old, new, scorer_of([[0.9, 0.1, 0.1], [0.1, 0.58, 0.1], [0.1, 0.1, 0.9]]), no_object=lexicon.no_object,
                           institutions=lexicon.institutions))
    assert ((1,), ()) in links and ((), (1,)) in links
    old[1] = "The Ministers launched a new Competitiveness and Resilience (CoRe) Partnership."
    new[1] = "The Ministers applauded the work under the CoRe Partnership."
    links = as_pairs(align(old, new, scorer_of(scores), no_object=lexicon.no_object, institutions=lexicon.institutions))
    assert ((1,), (1,)) in links


def test_split_joins_adjacent_sentence():
    # Old 0 was split into new 0 and new 1.
    matrix = [[0.8, 0.6], [0.0, 0.0]]
    links = align(["a", "b"], ["x", "y"], scorer_of(matrix), Thresholds(accept=0.7, accept_in_gap=0.7, attach=0.5))
    assert ((0,), (0, 1)) in as_pairs(links)
    assert ((1,), ()) in as_pairs(links)


def test_a_split_half_and_a_merge_half_taken_for_each_other_go_back_to_their_neighbours():
    # "A. B. C." -> "A and B. C1. C2.": the assignment pairs B with C1 (a larger total than C with C1 and B alone), though
    # B fits A's link better and C1 fits C's better. Scores from the held-out paraphrase that found it.
    matrix = [[0.831, 0.183, 0.076], [0.597, 0.560, 0.251], [0.279, 0.807, 0.695]]
    links = align(list("ABC"), ["AB", "C1", "C2"], scorer_of(matrix), SCORES_ONLY)
    assert as_pairs(links) == [((0, 1), (0,)), ((2,), (1, 2))]
    # Without a link that fits B as well as C1 does, the pair stands.
    matrix[1][0] = 0.4
    assert ((1,), (1,)) in as_pairs(align(list("ABC"), ["AB", "C1", "C2"], scorer_of(matrix), SCORES_ONLY))
    # Nor does a true 1:1 link break up over a hundredth of a point.
    close = [[0.90, 0.30, 0.20], [0.62, 0.60, 0.30], [0.20, 0.61, 0.90]]
    assert as_pairs(align(list("ABC"), list("XYZ"), scorer_of(close), SCORES_ONLY)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_split_half_taken_by_a_weak_pair_goes_back_to_its_whole_when_it_fits_far_better():
    # "Growth has been weak, but the labour market is tight." split in two, and "Household consumption was weak." dropped:
    # the assignment pairs the first half with the dropped sentence (a larger total). Scores from the held-out pair.
    matrix = [[0.715, 0.557], [0.459, 0.1]]
    links = as_pairs(align(["AB", "H"], ["A", "B"], scorer_of(matrix), SCORES_ONLY))
    assert links == [((0,), (0, 1)), ((1,), ())]
    # By less than 0.2 better, the half stays with the sentence that fits no neighbour.
    matrix[0][0] = 0.6
    assert ((1,), (0,)) in as_pairs(align(["AB", "H"], ["A", "B"], scorer_of(matrix), SCORES_ONLY))
    # Nor does a pair strong enough to join a split (0.50) give way to a partner left alone.
    matrix[0][0], matrix[1][0] = 0.95, 0.52
    assert ((1,), (0,)) in as_pairs(align(["AB", "H"], ["A", "B"], scorer_of(matrix), SCORES_ONLY))


REGROUPED_OLD = [
    "The Ministers confirmed each country would reinforce its defense capabilities and they would strengthen Alliance deterrence with urgency.",
    "The Ministers emphasized the commitment to the defense of Japan.",
]
REGROUPED_NEW = [
    "The Ministers confirmed each country would bolster its defense capabilities.",
    "They would strengthen Alliance deterrence with urgency, and emphasized the commitment to the defense of Japan.",
]


def test_a_clause_that_crossed_into_the_neighbouring_link_joins_the_two():
    # "A and B. C." -> "A. B and C.": one 2:2 regrouping, not B left out of one link and added to the next.
    links = align(REGROUPED_OLD, REGROUPED_NEW, scorer_of([[0.8, 0.5], [0.3, 0.7]]))
    assert as_pairs(links) == [((0, 1), (0, 1))]
    # Words that cross both ways were traded, each point kept: a decision and the minority's view after the vote flipped.
    old = ["The Committee voted by 5-4 to maintain Bank Rate at 3.75%.", "Four members voted to reduce Bank Rate by 0.25 percentage points, to 3.5%."]
    new = ["The Committee voted by 7-2 to reduce Bank Rate by 0.25 percentage points, to 3.5%.", "Two members voted to maintain Bank Rate at 3.75%."]
    assert as_pairs(align(old, new, scorer_of([[0.8, 0.5], [0.5, 0.7]]))) == [((0,), (0,)), ((1,), (1,))]


def test_a_split_half_taken_by_a_sentence_on_its_topic_goes_back_to_its_whole():
    # The second half of a split also reads like the next old sentence, whose own partner is a merge; the assignment
    # pairs the two (0.60 + 0.76 beats 0.68 + 0.40). Every word the half says is its whole's, a clause of them lost there.
    old = [
        "The Ministers confirmed that they would not accept unilateral changes to the status quo, and confirmed that they need to strengthen deterrence to that end.",
        "The Ministers confirmed to steadily progress efforts to strengthen deterrence under the new strategies.",
        "They confirmed to accelerate discussions on roles and missions.",
    ]
    new = [
        "The Ministers confirmed that they would not accept unilateral changes to the status quo.",
        "To that end, they confirmed that they need to strengthen deterrence.",
        "Under the new strategies, the Ministers confirmed that they would steadily advance efforts to strengthen deterrence, and accelerate discussions on roles and missions.",
    ]
    scores = [[0.755, 0.546, 0.432], [0.204, 0.595, 0.678], [0.168, 0.403, 0.762]]
    assert as_pairs(align(old, new, scorer_of(scores), no_object=frozenset({"ministers"}))) == [((0,), (0, 1)), ((1, 2), (2,))]


def test_a_split_half_that_scores_low_joins_the_link_holding_its_clause():
    old = ["The Ministers confirmed the priority of the southwest, and that they would expand realistic amphibious exercises there."]
    new = ["The Ministers confirmed the priority of the southwest.", "Realistic amphibious exercises will expand."]
    assert as_pairs(align(old, new, scorer_of([[0.8, 0.3]]))) == [((0,), (0, 1))]
    # Two distinctive words are a clause's worth: "and in cyber security" split off with more to say.
    domains = ["The Ministers would strengthen cooperation in space, and in cyber security."]
    halves = ["The Ministers would strengthen cooperation in space.", "Protection of critical networks relies on cyber security."]
    assert as_pairs(align(domains, halves, scorer_of([[0.8, 0.3]]))) == [((0,), (0, 1))]
    # The same words in a sentence that says nothing of them elsewhere in the link: no split.
    new = ["The Ministers confirmed the priority of the southwest and realistic amphibious exercises.", "Realistic amphibious exercises will expand."]
    assert as_pairs(align(old, new, scorer_of([[0.8, 0.3]]))) == [((), (1,)), ((0,), (0,))]
    # A name alone is no clause: a new point about a place the link left out is no half of a split.
    old = ["The Ministers opposed coercion in the East China Sea and the South China Sea."]
    new = ["The Ministers opposed coercion in the region.", "They stressed that the Award on the South China Sea is final."]
    assert as_pairs(align(old, new, scorer_of([[0.8, 0.3]]))) == [((), (1,)), ((0,), (0,))]
    # A short half holds no distinctive word, but every one of its words left the sentence it was split from.
    common = ["Secretary Austin welcomed the initiatives on space.", "Secretary Austin welcomed the initiatives on cyber."]
    old = ["Minister Kihara stated his resolve to reinforce information security, and Secretary Austin welcomed such initiatives.", *common]
    new = ["Minister Kihara stated his resolve to reinforce information security.", "Secretary Austin welcomed such initiatives.", *common]
    scores = [[0.9, 0.45, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    assert as_pairs(align(old, new, scorer_of(scores)))[0] == ((0,), (0, 1))
    # Fillers it adds say nothing either way: "They also ..." is still the clause split off.
    common = ["The Principals affirmed the importance of space.", "The Principals affirmed the importance of cyber."]
    old = ["The Principals welcomed trilateral cooperation with Japan, and affirmed the importance of the Quad.", *common]
    new = ["The Principals welcomed trilateral cooperation with Japan.", "They also affirmed the importance of the Quad.", *common]
    assert as_pairs(align(old, new, scorer_of(scores), no_object=frozenset({"also"})))[0] == ((0,), (0, 1))
    # Nor is a person's: a voter named among those for a decision, then as the one against it, made two points.
    old = ["Voting for the action were Eleanor Vance, Chair; David Okafor; Laura Whitfield; and Henry Strand."]
    new = ["Voting for the action were Eleanor Vance, Chair; David Okafor; and Henry Strand.", "Voting against was Laura Whitfield."]
    assert as_pairs(align(old, new, scorer_of([[0.9, 0.3]]))) == [((), (1,)), ((0,), (0,))]


def test_a_concern_and_a_commitment_on_one_topic_make_two_points():
    lex = default_lexicon()

    def linked(old, new, score):
        return as_pairs(align(old, new, scorer_of([[score]]), no_object=lex.no_object, stance=lambda text: stance(text, lex)))

    agreed = ["The Ministers welcomed the first space dialogue and agreed to deepen cooperation on space domain awareness."]
    concern = ["The Ministers expressed concern over the development of counter-space capabilities that threaten the space environment."]
    assert linked(agreed, concern, 0.5) == [((), (0,)), ((0,), ())]
    assert linked(agreed, concern, 0.7) == [((0,), (0,))]  # read alike, they may still be one point
    # A sentence that voices concern and commits makes a commitment; one that only discusses is neither.
    both = ["The leaders expressed concern over the space debris and reaffirmed their commitment to space domain awareness."]
    assert linked(agreed, both, 0.5) == [((0,), (0,))]
    discussed = ["The Ministers exchanged views on space domain awareness."]
    assert linked(discussed, concern, 0.5) == [((0,), (0,))]
    # A ladder word inside the object ("China's support") or a modal inside it ("which could") makes no commitment.
    feared = ["The Ministers expressed concern over China's support for space launches in May, which could destabilize space."]
    assert linked(agreed, feared, 0.5) == [((), (0,)), ((0,), ())]


def test_neighbours_sharing_words_on_both_sides_stay_apart():
    old = ["The Ministers would strengthen Alliance deterrence with urgency in Japan.", "They would strengthen Alliance deterrence with urgency at sea."]
    new = ["The Ministers would strengthen Alliance deterrence in Japan.", "They would strengthen Alliance deterrence with urgency at sea and in the air."]
    assert as_pairs(align(old, new, scorer_of([[0.8, 0.5], [0.3, 0.7]]))) == [((0,), (0,)), ((1,), (1,))]


def test_sentences_that_share_no_object_make_two_points_unless_they_read_alike():
    # The same actor and act ("also confirmed that they would", common to the statements), another object: a point
    # dropped and a point added.
    old = [
        "The Ministers also confirmed that they would strengthen the resilience of defense supply chains.",
        "They confirmed the plan.",
        "They confirmed the launches.",
    ]
    new = [
        "The Ministers also confirmed that they would deepen cooperation in the space and cyber domains.",
        "They confirmed the plan again.",
        "They confirmed the launches again.",
    ]
    scores = [[0.55, 0.1, 0.1], [0.1, 0.9, 0.1], [0.1, 0.1, 0.9]]
    no_object = default_lexicon().no_object
    assert ((0,), ()) in as_pairs(align(old, new, scorer_of(scores), no_object=no_object))
    # Nor does either join the other's neighbouring link as the half of a split or merge.
    scores[0][1] = scores[1][0] = 0.5
    assert ((0,), ()) in as_pairs(align(old, new, scorer_of(scores), no_object=no_object))
    scores[0][1] = scores[1][0] = 0.1
    # A shared word of substance ("supply chains") keeps the same score a rewording.
    new[0] = "The Ministers also confirmed that they would deepen cooperation on supply chains in the space domain."
    assert ((0,), (0,)) in as_pairs(align(old, new, scorer_of(scores), no_object=no_object))
    # Without one, a pair that reads alike enough is still linked: a paraphrase may change every noun.
    new[0] = "The Ministers also confirmed that they would deepen cooperation in the space and cyber domains."
    scores[0][0] = 0.65
    assert ((0,), (0,)) in as_pairs(align(old, new, scorer_of(scores), no_object=no_object))


def test_unrelated_sentences_become_new_and_dropped():
    links = align(["a"], ["b"], scorer_of([[0.1]]))
    assert as_pairs(links) == [((), (0,)), ((0,), ())]
    assert all(l.similarity is None for l in links)


def test_too_many_differing_sentences_is_a_clear_error():
    side = int(MAX_CELLS**0.5) + 1
    with pytest.raises(TooLargeError, match="too many"):
        align([f"o{k}" for k in range(side)], [f"n{k}" for k in range(side)], lambda r, c: None)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 7), st.integers(0, 7), st.data())
def test_every_sentence_in_exactly_one_link(n_old, n_new, data):
    matrix = np.array(data.draw(st.lists(st.lists(st.floats(0, 1), min_size=n_new, max_size=n_new), min_size=n_old, max_size=n_old)) or np.zeros((n_old, n_new)))
    keys_old = data.draw(st.lists(st.sampled_from("abcd"), min_size=n_old, max_size=n_old))
    keys_new = data.draw(st.lists(st.sampled_from("abcd"), min_size=n_new, max_size=n_new))
    links = align(keys_old, keys_new, scorer_of(matrix.reshape(n_old, n_new)))
    assert sorted(i for l in links for i in l.old) == list(range(n_old))
    assert sorted(j for l in links for j in l.new) == list(range(n_new))
    assert all(l.old or l.new for l in links)
    assert all(0.0 <= l.confidence <= 1.0 for l in links)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_confidences_equal_the_margin_over_every_rival(n_old, n_new, seed):
    # The aligner keeps only each row's and column's leaders; the margin must be the one over the whole matrix.
    rng = np.random.default_rng(seed)
    matrix = rng.random((n_old, n_new)).round(2)  # rounded: ties between rivals are common
    links = align([f"o{i}" for i in range(n_old)], [f"n{j}" for j in range(n_new)], scorer_of(matrix), Thresholds(0.3, 0.2, 0.3, 0.0))
    for link in links:
        if link.old and link.new:
            rows, cols = list(link.old), list(link.new)
            others = np.concatenate([np.delete(matrix[rows], cols, axis=1).ravel(), np.delete(matrix[:, cols], rows, axis=0).ravel()])
            margin = link.similarity - (others.max() if others.size else 0.0)
            assert link.confidence == round(float(np.clip(0.5 + margin, 0, 1)), 4)
        else:
            line = matrix[link.old[0]] if link.old else matrix[:, link.new[0]]
            assert link.confidence == round(float(np.clip(1 - line.max(), 0, 1)), 4)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.integers(0, 2**32 - 1))
def test_gap_links_keep_the_order_of_their_neighbours(n, seed):
    rng = np.random.default_rng(seed)
    matrix = rng.random((n, n)) * 0.5
    links = align([f"o{i}" for i in range(n)], [f"n{j}" for j in range(n)], scorer_of(matrix), Thresholds(0.45, 0.2, 1.01, 0.0))
    linked = sorted((l.old[0], l.new[0]) for l in links if l.old and l.new)
    # A weak link is kept only in order with its nearest links, which any later one had to respect too.
    for k, (i, j) in enumerate(linked):
        if matrix[i, j] < 0.45:
            assert (k == 0 or linked[k - 1][1] < j) and (k + 1 == len(linked) or j < linked[k + 1][1])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(0, 2**32 - 1),
    st.sampled_from([None, 3]),
)
def test_assignment_solver_agrees_with_scipy_optimize(n_rows, n_cols, seed, levels):
    # Both orientations of rectangle; few distinct values (levels=3) force ties.
    from scipy.optimize import linear_sum_assignment as reference

    rng = np.random.default_rng(seed)
    matrix = rng.random((n_rows, n_cols))
    if levels:
        matrix = np.round(matrix * levels) / levels
    got = linear_sum_assignment()(matrix, maximize=True)
    want = reference(matrix, maximize=True)
    assert [a.tolist() for a in got] == [a.tolist() for a in want]


def test_assignment_does_not_import_scipy_optimize():
    code = (
        "import sys, numpy as np\n"
        "from comparator.align import align\n"
        "m = np.array([[0.9, 0.1], [0.2, 0.8]])\n"
        "links = align(['a', 'b'], ['c', 'd'], lambda r, c: m[np.ix_(r, c)])\n"
        "assert sorted((l.old, l.new) for l in links) == [((0,), (0,)), ((1,), (1,))]\n"
        "print(sorted(k for k in sys.modules if k.startswith('scipy') and k != 'scipy.optimize._lsap'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
