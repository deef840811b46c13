"""Align the records of two editions: one-to-one matches, then splits and merges.

Line diffs fail on policy plans (bullets reordered, moved between themes, reworded,
split, merged, numbers updated), and the usual fuzzy scorers fail on Japanese:
rapidfuzz's `token_*` scorers see a sentence as one token, difflib's autojunk drops
の/を/する. So records are compared on normalised text (NFKC, `**` and spaces removed,
digits masked so an updated number costs nothing) by
- cosine similarity of character-bigram TF-IDF vectors plus GiNZA content lemmas
  (sparse, vectorised: it also picks the candidates), and
- rapidfuzz's normalised Indel similarity on the candidates only.
Then an optimal one-to-one assignment (scipy's `linear_sum_assignment`) over the whole
edition, with the section as a small prior rather than a wall; then splits and merges
among what is left, by character-bigram containment.

Deterministic: scores are rounded before assignment and ties break on (old, new) order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Indel

from ipdiff.candidates import candidate_pairs
from ipdiff.model import Alignment, Group, Record, mask_label

# Calibrated on the synthetic next editions of the 2026 text (`python -m ipdiff.synth`):
# rewordings score ≳ 0.55, unrelated bullets of the same plan ≲ 0.35.
MATCH_THRESHOLD = 0.45
# Pairs this close are locked before the assignment (they cannot be beaten).
SURE_THRESHOLD = 0.97
# A part is "contained" in a whole when this share of its bigrams occur in the whole.
CONTAINMENT = 0.75
MIN_PART = 8  # characters: shorter texts are contained in almost anything
MIN_GAIN = 0.05  # a part must add this much coverage to the whole it joins
# …and the parts of a split/merge must together cover this share of the whole.
COVERAGE = 0.6
SECTION_BONUS = 0.05
# Among texts that differ only in their numbers, the copy with the same numbers wins
# (else 20,000 「施策{i}」 bullets pair by order and one deletion shifts them all).
EXACT_BONUS = 0.01
CANDIDATES = 8  # per record, from the sparse cosine pass
MAX_INDEL = 5000  # characters
SMALL_COMPONENT = 60 * 60  # assignment sub-problems solved without scipy

# Kinds that may be paired with one another; anything else pairs only with its own kind.
_KIND_FAMILY = {
    "point": "measure",
    "plan": "measure",
    "status": "measure",
    "statement": "measure",
    "item": "measure",
    "figure": "measure",
    "note": "measure",
    "caption": "caption",
    "chart_title": "caption",
    # A one-line paragraph is a heading only while bullets follow it.
    "heading": "heading",
    "text": "heading",
}

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


def section_key(section: Sequence[str], label: str) -> tuple[str, ...]:
    """The section path with the edition's own label masked (「…2026の構成」)."""
    return tuple(normalise(mask_label(s, label)) for s in section)


def family(kind: str) -> str:
    return _KIND_FAMILY.get(kind, kind)


@lru_cache(maxsize=65536)
def bigrams(text: str) -> tuple[str, ...]:
    # Cached: split/merge detection asks for the same records' bigrams many times.
    return tuple(text[i : i + 2] for i in range(len(text) - 1)) or ((text,) if text else ())


@lru_cache(maxsize=65536)
def bigram_set(text: str) -> frozenset[str]:
    return frozenset(bigrams(text))


@dataclass(frozen=True, slots=True)
class _Side:
    texts: list[str]  # normalised, figures kept
    shapes: list[str]  # normalised, digits masked
    families: list[str]
    sections: list[tuple[str, ...]]


def _side(records: Sequence[Record], label: str) -> _Side:
    texts = [normalise(m.text) for m in records]
    return _Side(
        texts,
        [_DIGITS.sub("0", t) for t in texts],
        [family(m.kind) for m in records],
        [section_key(m.section, label) for m in records],
    )


def score_pairs(
    old: Sequence[Record], new: Sequence[Record], old_label: str = "", new_label: str = ""
) -> dict[tuple[int, int], float]:
    """Similarity 0..1 of the candidate pairs (kind-compatible, sharing features)."""
    a, b = _side(old, old_label), _side(new, new_label)
    if not old or not new:
        return {}
    candidates = candidate_pairs(
        [[*bigrams(sh), *(f"\x00{lemma}" for lemma in m.lemmas)] for sh, m in zip(a.shapes, old, strict=True)],
        [[*bigrams(sh), *(f"\x00{lemma}" for lemma in m.lemmas)] for sh, m in zip(b.shapes, new, strict=True)],
        a.shapes, b.shapes, a.sections, b.sections, CANDIDATES,
        a.texts, b.texts,
    )
    scores: dict[tuple[int, int], float] = {}
    for i, j in sorted(candidates):
        if a.families[i] != b.families[j]:
            continue
        if a.shapes[i] == b.shapes[j]:
            s = 1.0 + (EXACT_BONUS if a.texts[i] == b.texts[j] else 0.0)
        elif max(len(a.shapes[i]), len(b.shapes[j])) > MAX_INDEL:
            s = candidates[(i, j)]  # Indel is quadratic; cosine alone for huge records
        else:
            s = 0.5 * candidates[(i, j)] + 0.5 * Indel.normalized_similarity(a.shapes[i], b.shapes[j])
        # The section is a prior: it breaks ties between equal texts, it does not cap.
        if a.sections[i] == b.sections[j]:
            s += SECTION_BONUS
        scores[(i, j)] = round(s, 6)
    return scores


def _assign(
    scores: dict[tuple[int, int], float], n_old: int, n_new: int, forbidden: set[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    usable = {p: s for p, s in scores.items() if s >= MATCH_THRESHOLD and p not in forbidden}
    matched: list[tuple[int, int, float]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    # Lock the sure pairs, best first, so the assignment only has the hard cases left.
    for (i, j), s in sorted(usable.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < SURE_THRESHOLD:
            break
        if i not in used_old and j not in used_new:
            matched.append((i, j, s))
            used_old.add(i)
            used_new.add(j)
    rest = {p: s for p, s in usable.items() if p[0] not in used_old and p[1] not in used_new}
    if rest:
        olds = sorted({i for i, _ in rest})
        news = sorted({j for _, j in rest})
        oi = {v: k for k, v in enumerate(olds)}
        ni = {v: k for k, v in enumerate(news)}
        weight = np.zeros((len(olds), len(news)))
        for (i, j), s in rest.items():
            # A tiny positional term makes ties deterministic and keeps document order.
            weight[oi[i], ni[j]] = s - 1e-9 * abs(i / max(n_old, 1) - j / max(n_new, 1))
        for r, c in max_weight_matching(weight):
            i, j = olds[r], news[c]
            if (i, j) in rest:
                matched.append((i, j, rest[(i, j)]))
    return sorted(matched)


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
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


def max_weight_matching(weight: np.ndarray) -> list[tuple[int, int]]:
    """An optimal one-to-one assignment maximising total weight (zeros are non-edges).

    The problem splits exactly into the connected components of its positive entries;
    small components (the usual case between editions) are solved here, large ones by
    scipy's `linear_sum_assignment`, imported only then.
    """
    n_rows, n_cols = weight.shape
    parent = list(range(n_rows + n_cols))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rr, cc = np.nonzero(weight > 0)
    for r, c in zip(rr.tolist(), cc.tolist(), strict=True):
        a, b = find(r), find(n_rows + c)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for r in sorted(set(rr.tolist())):
        members.setdefault(find(r), ([], []))[0].append(r)
    for c in sorted(set(cc.tolist())):
        members.setdefault(find(n_rows + c), ([], []))[1].append(c)
    pairs: list[tuple[int, int]] = []
    for root in sorted(members):
        rows, cols = members[root]
        sub = weight[np.ix_(rows, cols)]
        if len(rows) * len(cols) > SMALL_COMPONENT:
            from scipy.optimize import linear_sum_assignment

            rs, cs = linear_sum_assignment(sub, maximize=True)
            found = list(zip(rs.tolist(), cs.tolist(), strict=True))
        elif len(rows) <= len(cols):
            found = _hungarian((-sub).tolist())
        else:
            found = [(r, c) for c, r in _hungarian((-sub.T).tolist())]
        pairs += [(rows[r], cols[c]) for r, c in found]
    return sorted(pairs)


def containment(part: str, whole: str) -> float:
    pb = bigrams(part)
    if not pb:
        return 0.0
    wb = bigram_set(whole)
    return sum(1 for g in pb if g in wb) / len(pb)


def coverage(parts: Sequence[str], whole: str) -> float:
    wb = bigrams(whole)
    if not wb:
        return 0.0
    pb = frozenset().union(*(bigram_set(p) for p in parts))
    return sum(1 for g in wb if g in pb) / len(wb)


def _split_merge(
    pairs: list[tuple[int, int, float]],
    old_shapes: list[str],
    new_shapes: list[str],
    scores: dict[tuple[int, int], float],
    forbidden: set[tuple[int, int]],
) -> list[Group]:
    """Groups from the one-to-one pairs, widened into splits and merges."""
    by_old = {i: [j] for i, j, _ in pairs}
    matched_new = {j for _, j, _ in pairs}
    matched_old = set(by_old)
    candidates_of_new: dict[int, list[int]] = {}
    candidates_of_old: dict[int, list[int]] = {}
    for i, j in sorted(scores):
        candidates_of_new.setdefault(j, []).append(i)
        candidates_of_old.setdefault(i, []).append(j)

    # Splits: an unmatched new record contained in an old one whose match is a sibling part.
    # Plans restate themselves (the ポイント repeats the themes), so a part is given to the
    # old record whose coverage it raises most, not to any record that contains it.
    for j in sorted(set(range(len(new_shapes))) - matched_new):
        if len(new_shapes[j]) < MIN_PART:
            continue
        best = None
        for i in candidates_of_new.get(j, []):
            if (i, j) in forbidden or containment(new_shapes[j], old_shapes[i]) < CONTAINMENT:
                continue
            if any(old_shapes[i] == new_shapes[x] for x in by_old.get(i, [])):
                continue  # an unchanged record does not split
            siblings = [new_shapes[x] for x in by_old.get(i, [])]
            cov = coverage([*siblings, new_shapes[j]], old_shapes[i])
            gain = cov - (coverage(siblings, old_shapes[i]) if siblings else 0.0)
            if cov >= COVERAGE and gain >= MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, i)
        if best is not None:
            by_old.setdefault(best[1], []).append(j)
            matched_new.add(j)
            matched_old.add(best[1])

    # Merges: an unmatched old record contained in a new one (the new one may be unmatched too).
    new_to_olds: dict[int, list[int]] = {}
    for i, js in by_old.items():
        if len(js) == 1:
            new_to_olds.setdefault(js[0], []).append(i)
    for i in sorted(set(range(len(old_shapes))) - matched_old):
        if len(old_shapes[i]) < MIN_PART:
            continue
        best = None
        for j in candidates_of_old.get(i, []):
            if (i, j) in forbidden or containment(old_shapes[i], new_shapes[j]) < CONTAINMENT:
                continue
            if j in matched_new and j not in new_to_olds:
                continue  # already part of a split
            if any(new_shapes[j] == old_shapes[x] for x in new_to_olds.get(j, [])):
                continue  # an unchanged record does not absorb others
            siblings = [old_shapes[x] for x in new_to_olds.get(j, [])]
            cov = coverage([*siblings, old_shapes[i]], new_shapes[j])
            gain = cov - (coverage(siblings, new_shapes[j]) if siblings else 0.0)
            if cov >= COVERAGE and gain >= MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, j)
        if best is not None:
            new_to_olds.setdefault(best[1], []).append(i)
            matched_new.add(best[1])
            matched_old.add(i)

    groups: list[Group] = []
    done_old: set[int] = set()
    for j, olds in sorted(new_to_olds.items()):
        if len(olds) > 1:
            olds = sorted(olds)
            done_old.update(olds)
            groups.append(Group(tuple(olds), (j,), None))
    for i, js in sorted(by_old.items()):
        if i in done_old:
            continue
        js = sorted(js)
        if len(js) == 1:
            groups.append(Group((i,), (js[0],), None))
        else:
            groups.append(Group((i,), tuple(js), None))
    return groups


def similarity(old_texts: Sequence[str], new_texts: Sequence[str]) -> float:
    """The similarity reported for a group: Indel on the normalised texts (numbers kept,
    no section bonus), so a changed figure shows as less than 1."""
    a = "".join(normalise(t) for t in old_texts)
    b = "".join(normalise(t) for t in new_texts)
    if max(len(a), len(b)) > MAX_INDEL:
        return round(coverage([b], a) * coverage([a], b), 4)
    return round(Indel.normalized_similarity(a, b), 4)


def align(
    old: Sequence[Record],
    new: Sequence[Record],
    *,
    pins: Sequence[tuple[Sequence[int], Sequence[int]]] = (),
    forbid: Sequence[tuple[int, int]] = (),
    old_label: str = "",
    new_label: str = "",
) -> Alignment:
    """Every old and new record in exactly one group; unmatched ones alone.

    `pins` (from a crosswalk) fix groups before anything is scored; `forbid` pairs
    are never matched.
    """
    pinned_old = {i for olds, _ in pins for i in olds}
    pinned_new = {j for _, news in pins for j in news}
    free_old = [i for i in range(len(old)) if i not in pinned_old]
    free_new = [j for j in range(len(new)) if j not in pinned_new]
    sub_old = [old[i] for i in free_old]
    sub_new = [new[j] for j in free_new]
    forbidden_global = set(forbid)
    forbidden = {
        (a, b)
        for a, i in enumerate(free_old)
        for b, j in enumerate(free_new)
        if (i, j) in forbidden_global
    } if forbidden_global else set()

    scores = score_pairs(sub_old, sub_new, old_label, new_label)
    pairs = _assign(scores, len(sub_old), len(sub_new), forbidden)
    shapes_old = [shape(m.text) for m in sub_old]
    shapes_new = [shape(m.text) for m in sub_new]
    local = _split_merge(pairs, shapes_old, shapes_new, scores, forbidden)

    def sim(olds: Sequence[int], news: Sequence[int]) -> float | None:
        if not olds or not news:
            return None
        return similarity([old[i].text for i in olds], [new[j].text for j in news])

    groups: list[Group] = []
    for g in local:
        olds = tuple(free_old[i] for i in g.old)
        news = tuple(free_new[j] for j in g.new)
        groups.append(Group(olds, news, sim(olds, news)))
    for olds, news in pins:
        groups.append(Group(tuple(sorted(olds)), tuple(sorted(news)), sim(olds, news), pinned=True))
    covered_old = {i for g in groups for i in g.old}
    covered_new = {j for g in groups for j in g.new}
    groups += [Group((i,), (), None) for i in range(len(old)) if i not in covered_old]
    groups += [Group((), (j,), None) for j in range(len(new)) if j not in covered_new]
    return Alignment(tuple(sorted(groups, key=lambda g: (g.new or (-1,), g.old or (-1,)))))
