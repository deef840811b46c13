"""Similarity of Japanese policy texts, as the aligner and the reports measure it.

Line diffs fail on policy plans, and the usual fuzzy scorers fail on Japanese:
rapidfuzz's `token_*` scorers see a sentence as one token, difflib's autojunk drops
の/を/する. So texts are compared on normalised text (NFKC, `**` and spaces removed,
digits masked so an updated number costs nothing) by
- cosine similarity of character-bigram TF-IDF vectors plus GiNZA content lemmas
  (vectorised, in candidates.py: it also picks the candidates),
- rapidfuzz's normalised Indel similarity, and
- character-bigram containment and coverage (for splits and merges).
No policy here: the thresholds that decide a match live in align.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

from ipdiff.model import unmarked

MAX_INDEL = 5000  # characters: Indel is quadratic, so longer texts use bigram measures

_SPACES = re.compile(r"\s+")
# Invisible characters (zero-width space/joiners, word joiner, soft hyphen, BOM): one
# inserted changes no reader's text, so it is a cosmetic edit, never a rewording.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# Cached: a timeline compares every edition twice, and most texts recur edition to edition.
@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """For cosmetic comparison: NFKC, no emphasis, no spaces or invisible characters,
    one punctuation style."""
    t = unmarked(unicodedata.normalize("NFKC", text))
    t = _INVISIBLE.sub("", _SPACES.sub("", t))
    t = re.sub(r"(?<![0-9]),|,(?![0-9])", "、", t)
    t = re.sub(r"(?<![0-9])\.|\.(?![0-9])", "。", t)
    return t.replace("･", "・")


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """For similarity: normalised, digits masked (a number update is not a rewording)."""
    return mask_digits(normalise(text))


def mask_digits(normalised: str) -> str:
    """`shape` of a text already normalised."""
    return _DIGITS.sub("0", normalised)


@lru_cache(maxsize=65536)
def bigrams(text: str) -> tuple[str, ...]:
    # Cached: split/merge detection asks for the same records' bigrams many times.
    return tuple(text[i : i + 2] for i in range(len(text) - 1)) or ((text,) if text else ())


@lru_cache(maxsize=65536)
def bigram_set(text: str) -> frozenset[str]:
    return frozenset(bigrams(text))


def containment(part: str, whole: str) -> float:
    """The share of the part's bigrams that occur in the whole."""
    pb = bigrams(part)
    if not pb:
        return 0.0
    wb = bigram_set(whole)
    return sum(1 for g in pb if g in wb) / len(pb)


def coverage(parts: Sequence[str], whole: str) -> float:
    """The share of the whole's bigrams that occur in any of the parts."""
    wb = bigrams(whole)
    if not wb:
        return 0.0
    pb = frozenset().union(*(bigram_set(p) for p in parts))
    return sum(1 for g in wb if g in pb) / len(wb)


def reported_similarity(old_texts: Sequence[str], new_texts: Sequence[str]) -> float:
    """The similarity reported for a group: Indel on the normalised texts (numbers kept,
    no section bonus), so a changed figure shows as less than 1."""
    a = "".join(normalise(t) for t in old_texts)
    b = "".join(normalise(t) for t in new_texts)
    if max(len(a), len(b)) > MAX_INDEL:
        return round(coverage([b], a) * coverage([a], b), 4)
    return round(Indel.normalized_similarity(a, b), 4)
