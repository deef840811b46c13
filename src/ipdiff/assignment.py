"""Optimal one-to-one assignment: the solver behind the aligner, free of any policy.

The aligner's weight matrices are sparse and fall apart into many small connected
components (one theme's rewordings), so each component is solved on its own: small ones
with a pure-Python Hungarian algorithm, large ones with scipy, imported only then.
"""

from __future__ import annotations

import numpy as np

SMALL_COMPONENT = 60 * 60  # cells of a sub-problem solved without scipy


class DisjointSets:
    """Union-find over 0..n-1 with path halving; the smaller root wins, so roots are stable."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row (rows ≤ columns), O(n²m): the classic
    shortest-augmenting-path Hungarian algorithm with potentials."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sorted((p[j] - 1, j - 1) for j in range(1, m + 1) if p[j])


def components(weight: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """(rows, columns) of each connected component of the positive entries, in order."""
    n_rows, n_cols = weight.shape
    sets = DisjointSets(n_rows + n_cols)
    rr, cc = np.nonzero(weight > 0)
    for r, c in zip(rr.tolist(), cc.tolist(), strict=True):
        sets.union(r, n_rows + c)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for r in sorted(set(rr.tolist())):
        members.setdefault(sets.find(r), ([], []))[0].append(r)
    for c in sorted(set(cc.tolist())):
        members.setdefault(sets.find(n_rows + c), ([], []))[1].append(c)
    return [members[root] for root in sorted(members)]


def max_weight_matching(weight: np.ndarray) -> list[tuple[int, int]]:
    """An optimal one-to-one assignment maximising total weight (zeros are non-edges).

    The problem splits exactly into the connected components of its positive entries,
    each solved on its own.
    """
    pairs: list[tuple[int, int]] = []
    for rows, cols in components(weight):
        sub = weight[np.ix_(rows, cols)]
        if len(rows) * len(cols) > SMALL_COMPONENT:
            from scipy.optimize import linear_sum_assignment

            rs, cs = linear_sum_assignment(sub, maximize=True)
            found = list(zip(rs.tolist(), cs.tolist(), strict=True))
        elif len(rows) <= len(cols):
            found = hungarian((-sub).tolist())
        else:
            found = [(r, c) for c, r in hungarian((-sub.T).tolist())]
        pairs += [(rows[r], cols[c]) for r, c in found]
    return sorted(pairs)
