"""Which pairs of records the aligner scores: a bounded set, never all pairs.

Scoring is per pair, so the candidate set decides time and memory. Each record gets
its top k partners by TF-IDF cosine (character bigrams + content lemmas), on each
side, ties broken by position in the document; texts that occur more than once are
compared once (the cosine runs on distinct texts), and a record takes the copies of a
text nearest to its own place. Identical texts are candidates too (repeated headings
such as 現状と課題 must find their own section's copy): all pairs in a small group, in
a large one each copy's nearest copies by order, in its own section and overall.

So 20,000 bullets that differ only in their numbers (all the same text once digits
are masked) give about 20,000 × k candidates, not 400,000,000.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

DENSE_CELLS = 30_000_000  # docs × features below which TF-IDF stays a dense numpy matrix
BLOCK_CELLS = 2_000_000  # cosine cells computed at once: memory stays flat however long the editions
ALL_PAIRS = 400  # copies old × new of one text up to which every pair is a candidate

Pairs = dict[tuple[int, int], float]


def tfidf_rows(docs: Sequence[Sequence[str]], copies: Sequence[int]) -> Any:
    """L2-normalised TF-IDF rows, one per distinct doc: a dense float32 array, or scipy
    CSR past DENSE_CELLS (so an ordinary diff never pays for importing scipy).

    `copies[r]` is how many records doc r stands for: document frequencies count
    records, so a text's weights do not depend on whether others repeat."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    for r, feats in enumerate(docs):
        counts: dict[int, int] = {}
        for f in feats:
            idx = vocab.setdefault(f, len(vocab))
            counts[idx] = counts.get(idx, 0) + 1
        for c in sorted(counts):
            rows.append(r)
            cols.append(c)
            vals.append(counts[c])
    n_docs, n_feats = len(docs), max(len(vocab), 1)
    r_ = np.asarray(rows, dtype=np.int64)
    c_ = np.asarray(cols, dtype=np.int64)
    df = np.bincount(c_, weights=np.asarray(copies, dtype=np.float64)[r_], minlength=n_feats)
    n_records = int(sum(copies))
    idf = np.log((1 + n_records) / (1 + df)) + 1.0
    w = np.asarray(vals, dtype=np.float64) * idf[c_]
    norms = np.sqrt(np.bincount(r_, weights=w * w, minlength=n_docs))
    norms[norms == 0] = 1.0
    w = (w / norms[r_]).astype(np.float32)
    if n_docs * n_feats <= DENSE_CELLS:
        m = np.zeros((n_docs, n_feats), dtype=np.float32)
        m[r_, c_] = w
        return m
    from scipy import sparse

    return sparse.csr_matrix((w, (r_, c_)), shape=(n_docs, n_feats))


def _best_first(idx: list[list[int]], val: list[list[float]]) -> list[list[tuple[int, float]]]:
    """Each row's (index, cosine) with cosine > 0, best first, ties by index. Rounded
    for ordering only, so float noise never decides a tie."""
    return [
        [(j, v) for _, j, v in sorted((-round(v, 6), j, v) for j, v in zip(row_i, row_v, strict=True) if v > 0)]
        for row_i, row_v in zip(idx, val, strict=True)
    ]


def _top_k(a: Any, b: Any, k: int) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """For each row of `a` its k best rows of `b` by cosine, and for each row of `b` its k
    best of `a`: one product, in blocks of `a`'s rows, so no full a × b matrix is held
    (the best of each `b` row are carried from block to block)."""
    n_a, n_b = a.shape[0], b.shape[0]
    if n_a == 0 or n_b == 0:
        return [[] for _ in range(n_a)], [[] for _ in range(n_b)]
    step = max(1, BLOCK_CELLS // n_b)
    bt = b.T
    rows_idx: list[list[int]] = []
    rows_val: list[list[float]] = []
    col_idx = np.zeros((0, n_b), dtype=np.int64)  # carried: a-row indices, best per column
    col_val = np.zeros((0, n_b), dtype=np.float32)
    for start in range(0, n_a, step):
        block = a[start : start + step] @ bt
        block = np.asarray(block.toarray() if hasattr(block, "toarray") else block)
        kr = min(k, n_b)
        idx = np.argpartition(-block, kr - 1, axis=1)[:, :kr]
        rows_idx += idx.tolist()
        rows_val += np.take_along_axis(block, idx, axis=1).tolist()
        kc = min(k, block.shape[0])
        top = np.argpartition(-block, kc - 1, axis=0)[:kc]
        col_idx = np.concatenate([col_idx, top + start])
        col_val = np.concatenate([col_val, np.take_along_axis(block, top, axis=0)])
        if col_idx.shape[0] > k:
            keep = np.argpartition(-col_val, k - 1, axis=0)[:k]
            col_idx = np.take_along_axis(col_idx, keep, axis=0)
            col_val = np.take_along_axis(col_val, keep, axis=0)
    return _best_first(rows_idx, rows_val), _best_first(col_idx.T.tolist(), col_val.T.tolist())


def _nearest(positions: Sequence[int], target: float, m: int) -> list[int]:
    """Up to m of the sorted `positions` nearest to `target`, nearest first (ties: earlier)."""
    hi = bisect.bisect_left(positions, target)
    lo = hi - 1
    out: list[int] = []
    while len(out) < m and (lo >= 0 or hi < len(positions)):
        if hi >= len(positions) or (lo >= 0 and target - positions[lo] <= positions[hi] - target):
            out.append(positions[lo])
            lo -= 1
        else:
            out.append(positions[hi])
            hi += 1
    return out


def _distinct(keys: Sequence[Hashable]) -> tuple[list[int], list[list[int]]]:
    """The distinct keys (first occurrence, in order) and each one's record indices."""
    first: dict[Hashable, int] = {}
    members: list[list[int]] = []
    for i, key in enumerate(keys):
        u = first.setdefault(key, len(first))
        if u == len(members):
            members.append([])
        members[u].append(i)
    return [m[0] for m in members], members


def _record_pairs(
    top: list[list[tuple[int, float]]],
    members_a: list[list[int]],
    members_b: list[list[int]],
    n_a: int,
    n_b: int,
    k: int,
) -> list[tuple[int, int, float]]:
    """Distinct-text candidates → record pairs: each record of a text takes, from its
    text's best partners in order, the copies nearest to its own place, k in all."""
    out = []
    scale = n_b / max(n_a, 1)
    for u, partners in enumerate(top):
        for i in members_a[u]:
            left = k
            for v, cos in partners:
                if left == 0:
                    break
                chosen = _nearest(members_b[v], i * scale, left)
                out += [(i, j, cos) for j in chosen]
                left -= len(chosen)
    return out


def _identical(
    old_shapes: Sequence[str],
    new_shapes: Sequence[str],
    old_sections: Sequence[Hashable],
    new_sections: Sequence[Hashable],
    k: int,
) -> set[tuple[int, int]]:
    """Pairs of identical texts: every pair in a small group; in a large one each old
    copy's k nearest new copies by order, overall and within its own section."""
    news: dict[str, list[int]] = {}
    for j, sh in enumerate(new_shapes):
        news.setdefault(sh, []).append(j)
    olds: dict[str, list[int]] = {}
    for i, sh in enumerate(old_shapes):
        if sh in news:
            olds.setdefault(sh, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for sh, o in olds.items():
        n = news[sh]
        if len(o) * len(n) <= ALL_PAIRS:
            pairs.update((i, j) for i in o for j in n)
            continue
        groups = [(o, n)]
        by_section_old: dict[Hashable, list[int]] = {}
        by_section_new: dict[Hashable, list[int]] = {}
        for i in o:
            by_section_old.setdefault(old_sections[i], []).append(i)
        for j in n:
            by_section_new.setdefault(new_sections[j], []).append(j)
        groups += [(so, by_section_new[s]) for s, so in by_section_old.items() if s in by_section_new]
        for go, gn in groups:
            # Ranks within the group, scaled to the other side's count: matched by order.
            scale = len(gn) / len(go)
            ranks = list(range(len(gn)))
            for r, i in enumerate(go):
                pairs.update((i, gn[c]) for c in _nearest(ranks, r * scale, k))
    return pairs


def candidate_pairs(
    old_docs: Sequence[Sequence[str]],
    new_docs: Sequence[Sequence[str]],
    old_shapes: Sequence[str],
    new_shapes: Sequence[str],
    old_sections: Sequence[Hashable],
    new_sections: Sequence[Hashable],
    k: int,
    old_texts: Sequence[str] = (),
    new_texts: Sequence[str] = (),
) -> Pairs:
    """(old, new) → cosine of their TF-IDF rows, for at most about 4k pairs per record.

    `*_docs` are each record's features (bigrams of its shape, lemmas); `*_shapes` its
    comparable text (digits masked), whose equality makes identical texts; `*_texts`,
    when given, the same with figures kept, so that among copies that differ only in
    their numbers the one with the same numbers is always a candidate.
    """
    n_old, n_new = len(old_docs), len(new_docs)
    if not n_old or not n_new:
        return {}
    old_keys = [(s, tuple(d)) for s, d in zip(old_shapes, old_docs, strict=True)]
    new_keys = [(s, tuple(d)) for s, d in zip(new_shapes, new_docs, strict=True)]
    old_first, old_members = _distinct(old_keys)
    new_first, new_members = _distinct(new_keys)
    m = tfidf_rows(
        [old_docs[i] for i in old_first] + [new_docs[j] for j in new_first],
        [len(g) for g in old_members] + [len(g) for g in new_members],
    )
    a, b = m[: len(old_first)], m[len(old_first) :]
    pairs: Pairs = {}
    old_best, new_best = _top_k(a, b, k)
    for i, j, cos in _record_pairs(old_best, old_members, new_members, n_old, n_new, k):
        pairs[(i, j)] = cos
    for j, i, cos in _record_pairs(new_best, new_members, old_members, n_new, n_old, k):
        pairs.setdefault((i, j), cos)
    for pair in _identical(old_shapes, new_shapes, old_sections, new_sections, k):
        pairs.setdefault(pair, 1.0)
    if old_texts and new_texts:
        for pair in _identical(old_texts, new_texts, old_sections, new_sections, k):
            pairs.setdefault(pair, 1.0)
    return pairs
