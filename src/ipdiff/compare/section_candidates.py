"""Which section pairs are scored at all: a bounded set, so the section alignment stays
linear in the number of sections (thousands of headings) while a real edition is still
compared as a full grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

# Sections are paired among candidates, never over every cell of sections × sections:
# the pairs that share aligned records, and the pairs whose titles are compared, which
# are those within BAND places of each other in relative tree order. Up to DENSE_CELLS
# cells the band covers both trees whole, so a real edition is compared as a full grid;
# past it (thousands of headings) memory and time stay linear in the sections.
DENSE_CELLS = 1_000_000
BAND = 48
# A pair with no shared record cannot reach PAIR_THRESHOLD (with the parent bonus) or
# LEFTOVER_TITLE below this title similarity: such pairs are no candidates.
MIN_TITLE = 0.24  # just under PAIR_THRESHOLD - PARENT_BONUS, for the rounding
_CHUNK = 256


@dataclass(frozen=True)
class SectionCandidates:
    """Candidate section pairs as parallel arrays (old index, new index, title, shared)."""

    rows: np.ndarray
    cols: np.ndarray
    title: np.ndarray
    shared: np.ndarray


def _band(n: int, m: int) -> int:
    return max(n, m) if n * m <= DENSE_CELLS else BAND


def section_candidates(old_keys: Sequence[str], new_keys: Sequence[str], shared: dict[tuple[int, int], int]) -> SectionCandidates:
    from rapidfuzz.process import cdist

    n, m = len(old_keys), len(new_keys)
    band = _band(n, m)
    rows, cols, titles = [], [], []
    for lo in range(0, n, _CHUNK):
        hi = min(lo + _CHUNK, n)
        c_lo = max(0, (lo * m) // max(n, 1) - band)
        c_hi = min(m, ((hi - 1) * m) // max(n, 1) + band + 1)
        if c_lo >= c_hi:
            continue
        # float32, as cdist gives it: the same figures whatever the band.
        block = cdist(old_keys[lo:hi], new_keys[c_lo:c_hi], scorer=Indel.normalized_similarity)
        rr, cc = np.nonzero(block >= MIN_TITLE)
        rows.append(rr + lo)
        cols.append(cc + c_lo)
        titles.append(block[rr, cc].astype(np.float64))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    t = np.concatenate(titles) if titles else np.zeros(0)
    # Pairs that share records but fall outside the band (or under MIN_TITLE) join them.
    key = r.astype(np.int64) * max(m, 1) + c
    cells = sorted(shared)
    cell_keys = np.array([i * max(m, 1) + j for i, j in cells], dtype=np.int64)
    extra = [cell for cell, inside in zip(cells, np.isin(cell_keys, key).tolist(), strict=True) if not inside]
    if extra:
        er = np.array([e[0] for e in extra], dtype=np.int64)
        ec = np.array([e[1] for e in extra], dtype=np.int64)
        et = np.array([np.float32(Indel.normalized_similarity(old_keys[i], new_keys[j])) for i, j in extra], dtype=np.float64)
        r, c, t = np.concatenate([r, er]), np.concatenate([c, ec]), np.concatenate([t, et])
        key = r.astype(np.int64) * max(m, 1) + c
    order = np.argsort(key, kind="stable")
    r, c, t = r[order].astype(np.int64), c[order].astype(np.int64), t[order]
    counts = np.zeros(len(key))
    if cells:
        at = np.searchsorted(key[order], cell_keys)
        counts[at] = [shared[cell] for cell in cells]
    return SectionCandidates(r, c, t, counts)
