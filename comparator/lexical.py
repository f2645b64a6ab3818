"""Lexical similarity between sentences: TF-IDF cosine plus rapidfuzz token ratio.

IDF is computed over the two statements being compared, so words every
sentence shares ("Ministers", "confirmed") weigh little and names weigh a lot.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or that the their "
    "this to was were which with would will they them these those has have had".split()
)


@lru_cache(maxsize=4096)  # scored as a bag, as a sequence and for shifts, often in consecutive pairs
def content_words(text: str) -> tuple[str, ...]:
    """Lower-cased words of ``text`` without stop words."""
    return tuple(w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in STOPWORDS)


NAME_RUN_LINKS = frozenset({"and", "of", "for", "on", "the"})  # lower-case words inside a run of names


def party_words(text: str, institutions: frozenset[str]) -> frozenset[str]:
    """Lower-cased words of the names in ``text`` (after its first word) of parties and places, not of initiatives:
    runs of capitalised words, linked by "and", "of", "for", "on" or "the", whose last word is not one of
    ``institutions`` ("North Korea", "China"; not "the Competitiveness and Resilience (CoRe) Partnership")."""
    found: set[str] = set()
    run: list[str] = []
    for word in [m.group() for m in WORD.finditer(text)][1:] + [""]:
        if word[:1].isupper() or run and word in NAME_RUN_LINKS:
            run.append(word.lower())
            continue
        while run and run[-1] in NAME_RUN_LINKS:
            run.pop()
        if run and stem(run[-1]) not in institutions:
            found.update(w for w in run if w not in NAME_RUN_LINKS)
        run = []
    return frozenset(found)


SHORT_SYLLABLE = re.compile(r"[^aeiou][aeiou][^aeiouwxy]")  # a stem that lost its "e" ("hop" of "hoped")


@lru_cache(maxsize=65536)  # every distinct word of both statements, for the alignment and the shift rules
def stem(word: str) -> str:
    """A crude stem, so that inflections of one word compare equal ("holding" ~ "hold", "firmly" ~ "firm")."""
    if word.endswith("ily") and len(word) >= 6:
        word = word[:-3] + "y"
    elif word.endswith("ly") and len(word) >= 6 and word[-3] not in "lp":  # "firmly", not "supply" or "fully"
        word = word[:-2]
    for suffix, keep in (("’s", ""), ("'s", ""), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):  # "discuss"
            word = word[: len(word) - len(suffix)] + keep
            if (suffix in ("ing", "ed") or suffix == "es" and word[-1] not in "sz") and SHORT_SYLLABLE.fullmatch(word):
                word += "e"  # "hoped", "noting", "rules": "hope", "note", "rule"; "gases" is "gas"
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def tfidf_matrix(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """Cosine of sublinear TF-IDF vectors, IDF fitted on both sides."""
    bags = [Counter(content_words(s)) for s in [*old, *new]]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    vocab = {w: k for k, w in enumerate(sorted(df))}
    m = np.zeros((n, len(vocab)), dtype=np.float64)
    for row, bag in enumerate(bags):
        for w, tf in bag.items():
            m[row, vocab[w]] = (1 + math.log(tf)) * math.log((n + 1) / (df[w] + 0.5))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = m / np.where(norms == 0, 1, norms)
    return m[: len(old)] @ m[len(old) :].T


def ratio_matrix(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """rapidfuzz Indel similarity over content-word sequences, in [0, 1]."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    return cdist([content_words(s) for s in old], [content_words(s) for s in new], scorer=fuzz.ratio) / 100.0
