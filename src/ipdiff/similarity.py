"""Similarity of Japanese policy texts, as the aligner and the reports measure it.

Line diffs fail on policy plans, and the usual fuzzy scorers fail on Japanese:
rapidfuzz's `token_*` scorers see a sentence as one token, difflib's autojunk drops
の/を/する. So texts are compared on normalised text (NFKC, `**` and spaces removed,
digits masked so an updated number costs nothing) by
- cosine similarity of character-bigram TF-IDF vectors plus GiNZA content lemmas
  (vectorised: it also picks the candidates),
- rapidfuzz's normalised Indel similarity, and
- character-bigram containment and coverage (for splits and merges).
No policy here: the thresholds that decide a match live in align.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Indel

MAX_INDEL = 5000  # characters: Indel is quadratic, so longer texts use bigram measures
DENSE_CELLS = 30_000_000  # docs × features below which TF-IDF stays a dense numpy matrix

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def normalise(text: str) -> str:
    """For cosmetic comparison: NFKC, no emphasis, no spaces, one punctuation style."""
    t = unicodedata.normalize("NFKC", text).replace("**", "")
    t = _SPACES.sub("", t)
    t = re.sub(r"(?<![0-9]),|,(?![0-9])", "、", t)
    t = re.sub(r"(?<![0-9])\.|\.(?![0-9])", "。", t)
    return t.replace("･", "・")


def shape(text: str) -> str:
    """For similarity: normalised, digits masked (a number update is not a rewording)."""
    return _DIGITS.sub("0", normalise(text))


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


def tfidf_cosine(
    old_shapes: Sequence[str],
    new_shapes: Sequence[str],
    old_lemmas: Sequence[tuple[str, ...]],
    new_lemmas: Sequence[tuple[str, ...]],
) -> np.ndarray:
    """Cosine of L2-normalised TF-IDF rows (character bigrams + content lemmas), old × new.

    Dense numpy for edition-sized inputs; scipy.sparse only past DENSE_CELLS, so an
    ordinary diff never pays for importing scipy.
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    docs = [
        [*bigrams(s), *(f"\x00{lemma}" for lemma in lem)]
        for s, lem in zip([*old_shapes, *new_shapes], [*old_lemmas, *new_lemmas], strict=True)
    ]
    for r, feats in enumerate(docs):
        counts: dict[int, int] = {}
        for f in feats:
            idx = vocab.setdefault(f, len(vocab))
            counts[idx] = counts.get(idx, 0) + 1
        for c in sorted(counts):
            rows.append(r)
            cols.append(c)
            vals.append(counts[c])
    n_docs, n_old, n_feats = len(docs), len(old_shapes), max(len(vocab), 1)
    r_ = np.asarray(rows, dtype=np.int64)
    c_ = np.asarray(cols, dtype=np.int64)
    df = np.bincount(c_, minlength=n_feats)
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    w = np.asarray(vals, dtype=np.float64) * idf[c_]
    norms = np.sqrt(np.bincount(r_, weights=w * w, minlength=n_docs))
    norms[norms == 0] = 1.0
    w = (w / norms[r_]).astype(np.float32)
    if n_docs * n_feats <= DENSE_CELLS:
        m = np.zeros((n_docs, n_feats), dtype=np.float32)
        m[r_, c_] = w
        return m[:n_old] @ m[n_old:].T
    from scipy import sparse

    sm = sparse.csr_matrix((w, (r_, c_)), shape=(n_docs, n_feats))
    return (sm[:n_old] @ sm[n_old:].T).toarray()


def top_k_pairs(cos: np.ndarray, k: int) -> set[tuple[int, int]]:
    """Pairs in the top k by cosine of their old row or of their new column.

    Thresholds from np.partition rather than argpartition: no full index matrix is built.
    """
    if cos.size == 0:
        return set()
    n_old, n_new = cos.shape
    k_row, k_col = min(k, n_new), min(k, n_old)
    row_thr = np.partition(cos, n_new - k_row, axis=1)[:, n_new - k_row]
    col_thr = np.partition(np.ascontiguousarray(cos.T), n_old - k_col, axis=1)[:, n_old - k_col]
    mask = (cos >= row_thr[:, None]) | (cos >= col_thr[None, :])
    mask &= cos > 0
    ii, jj = np.nonzero(mask)
    return set(zip(ii.tolist(), jj.tolist(), strict=True))


def reported_similarity(old_texts: Sequence[str], new_texts: Sequence[str]) -> float:
    """The similarity reported for a group: Indel on the normalised texts (numbers kept,
    no section bonus), so a changed figure shows as less than 1."""
    a = "".join(normalise(t) for t in old_texts)
    b = "".join(normalise(t) for t in new_texts)
    if max(len(a), len(b)) > MAX_INDEL:
        return round(coverage([b], a) * coverage([a], b), 4)
    return round(Indel.normalized_similarity(a, b), 4)
