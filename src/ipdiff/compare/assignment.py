"""Optimal one-to-one assignment: the solver behind the aligner, free of any policy.

The aligner's weight matrices are sparse and fall apart into many small connected
components (one theme's rewordings), so each component is solved on its own: small ones
with a pure-Python Hungarian algorithm, large ones with scipy, imported only then, and
huge ones on scipy's sparse matching, so no rows × columns matrix is ever built.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

SMALL_COMPONENT = 60 * 60  # cells of a sub-problem solved without scipy
DENSE_COMPONENT = 2000 * 2000  # cells past which a sub-problem is solved without a dense matrix


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


Edges = Mapping[tuple[int, int], float]


def components(edges: Edges) -> list[tuple[list[int], list[int], dict[tuple[int, int], float]]]:
    """(rows, columns, edges) of each connected component of the edges, in order."""
    rows = sorted({r for r, _ in edges})
    cols = sorted({c for _, c in edges})
    row_at = {r: k for k, r in enumerate(rows)}
    col_at = {c: len(rows) + k for k, c in enumerate(cols)}
    sets = DisjointSets(len(rows) + len(cols))
    for r, c in edges:
        sets.union(row_at[r], col_at[c])
    members: dict[int, tuple[list[int], list[int], dict[tuple[int, int], float]]] = {}
    for r in rows:
        members.setdefault(sets.find(row_at[r]), ([], [], {}))[0].append(r)
    for c in cols:
        members[sets.find(col_at[c])][1].append(c)
    for (r, c), w in sorted(edges.items()):
        members[sets.find(row_at[r])][2][(r, c)] = w
    return [members[root] for root in sorted(members)]


def _sparse_matching(rows: list[int], cols: list[int], edges: Edges) -> list[tuple[int, int]]:
    """A huge component without a dense matrix: scipy's sparse full bipartite matching,
    each row given a private dummy column so it may stay unmatched. A real edge costs
    top - w, a dummy top (top above every weight, so costs stay positive): the least
    total cost is the greatest total weight."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    row_at = {r: k for k, r in enumerate(rows)}
    col_at = {c: k for k, c in enumerate(cols)}
    top = 1.0 + max(edges.values())
    real = [(row_at[r], col_at[c], top - w) for (r, c), w in sorted(edges.items())]
    n_rows, n_cols = len(rows), len(cols)
    ri = [r for r, _, _ in real] + list(range(n_rows))
    ci = [c for _, c, _ in real] + [n_cols + r for r in range(n_rows)]
    cost = [w for _, _, w in real] + [top] * n_rows
    graph = csr_matrix((cost, (ri, ci)), shape=(n_rows, n_cols + n_rows))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    return [
        (rows[r], cols[c])
        for r, c in zip(matched_rows.tolist(), matched_cols.tolist(), strict=True)
        if c < n_cols
    ]


def match_edges(edges: Edges) -> list[tuple[int, int]]:
    """An optimal one-to-one assignment maximising total weight over positive edges.

    The problem splits exactly into the connected components of its edges, each solved
    on its own; no matrix larger than one component (or, past DENSE_COMPONENT, none at
    all) is built, so memory follows the number of candidates, not rows × columns.
    """
    pairs: list[tuple[int, int]] = []
    for rows, cols, own in components({p: w for p, w in edges.items() if w > 0}):
        cells = len(rows) * len(cols)
        if cells > DENSE_COMPONENT:
            pairs += _sparse_matching(rows, cols, own)
            continue
        row_at = {r: k for k, r in enumerate(rows)}
        col_at = {c: k for k, c in enumerate(cols)}
        sub = np.zeros((len(rows), len(cols)))
        for (r, c), w in own.items():
            sub[row_at[r], col_at[c]] = w
        if cells > SMALL_COMPONENT:
            from scipy.optimize import linear_sum_assignment

            rs, cs = linear_sum_assignment(sub, maximize=True)
            found = list(zip(rs.tolist(), cs.tolist(), strict=True))
        elif len(rows) <= len(cols):
            found = hungarian((-sub).tolist())
        else:
            found = [(r, c) for c, r in hungarian((-sub.T).tolist())]
        pairs += [(rows[r], cols[c]) for r, c in found if sub[r, c] > 0]
    return sorted(pairs)
