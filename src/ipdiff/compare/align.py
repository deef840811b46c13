"""Align the records of two editions: the matching policy.

Which records may pair (kinds of one family), how alike they must be (thresholds
calibrated on synthetic editions), the section as a small prior rather than a wall,
crosswalk pins and forbids; then an optimal one-to-one assignment over the whole
edition, then splits and merges among what is left, by character-bigram containment.
The measures live in similarity.py, the solver in assignment.py.

Deterministic: scores are rounded before assignment and ties break on (old, new) order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ipdiff.compare.assignment import match_edges
from ipdiff.compare.candidates import candidate_pairs
from ipdiff.compare.similarity import (
    MAX_INDEL,
    bigrams,
    containment,
    coverage,
    mask_digits,
    normalise,
    reported_similarity,
    shape,
)
from ipdiff.families import DEFAULT, Family
from ipdiff.model import Alignment, Group, Record, mask_label

# Calibrated on the synthetic next editions of the 2026 text (`python -m bench.synth`):
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

def comparable_section(section: Sequence[str], label: str) -> tuple[str, ...]:
    """The section path as compared across editions: normalised, the edition's own
    label masked (「…2026の構成」), so a title that only changed its year is the same."""
    return tuple(normalise(mask_label(s, label)) for s in section)


@dataclass(frozen=True, slots=True)
class _Side:
    texts: list[str]  # normalised, figures kept
    shapes: list[str]  # normalised, digits masked
    groups: list[str]  # the family's kind group of each record: only a shared group pairs
    sections: list[tuple[str, ...]]


def _side(records: Sequence[Record], label: str, family: Family) -> _Side:
    texts = [normalise(m.text) for m in records]
    return _Side(
        texts,
        [mask_digits(t) for t in texts],
        [family.kind_group(m.kind) for m in records],
        [comparable_section(m.section, label) for m in records],
    )


def score_pairs(
    old: Sequence[Record],
    new: Sequence[Record],
    old_label: str = "",
    new_label: str = "",
    family: Family = DEFAULT,
) -> dict[tuple[int, int], float]:
    """Similarity 0..1 of the candidate pairs (kind-compatible, sharing features)."""
    a, b = _side(old, old_label, family), _side(new, new_label, family)
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
        if a.groups[i] != b.groups[j]:
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
    # A tiny positional term makes ties deterministic and keeps document order.
    weights = {
        (i, j): s - 1e-9 * abs(i / max(n_old, 1) - j / max(n_new, 1)) for (i, j), s in rest.items()
    }
    matched += [(i, j, rest[(i, j)]) for i, j in match_edges(weights)]
    return sorted(matched)


def _best_whole(
    part: str,
    candidates: Sequence[int],
    whole_shapes: Sequence[str],
    parts_of: dict[int, list[int]],
    part_shapes: Sequence[str],
    excluded: Collection[int],
) -> int | None:
    """The whole a leftover part joins: the one whose coverage the part raises most.

    Plans restate themselves (the ポイント repeats the themes), so a part goes to the
    whole it completes best, not to any whole that contains it. Splits and merges are
    the same search with old and new swapped.
    """
    if len(part) < MIN_PART:
        return None
    best: tuple[float, int] | None = None
    for w in candidates:
        whole = whole_shapes[w]
        if w in excluded or containment(part, whole) < CONTAINMENT:
            continue
        siblings = [part_shapes[x] for x in parts_of.get(w, [])]
        if whole in siblings:
            continue  # an unchanged record neither splits nor absorbs others
        cov = coverage([*siblings, part], whole)
        gain = cov - (coverage(siblings, whole) if siblings else 0.0)
        if cov >= COVERAGE and gain >= MIN_GAIN and (best is None or gain > best[0]):
            best = (gain, w)
    return None if best is None else best[1]


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
    candidates_of_new: dict[int, list[int]] = {}
    candidates_of_old: dict[int, list[int]] = {}
    for i, j in sorted(scores):
        candidates_of_new.setdefault(j, []).append(i)
        candidates_of_old.setdefault(i, []).append(j)

    # Splits: an unmatched new record contained in an old one whose match is a sibling part.
    for j in sorted(set(range(len(new_shapes))) - matched_new):
        olds = candidates_of_new.get(j, [])
        best = _best_whole(
            new_shapes[j], olds, old_shapes, by_old, new_shapes, {i for i in olds if (i, j) in forbidden}
        )
        if best is not None:
            by_old.setdefault(best, []).append(j)
            matched_new.add(j)

    # Merges: an unmatched old record contained in a new one (the new one may be unmatched too).
    new_to_olds: dict[int, list[int]] = {}
    for i, js in by_old.items():
        if len(js) == 1:
            new_to_olds.setdefault(js[0], []).append(i)
    for i in sorted(set(range(len(old_shapes))) - set(by_old)):
        news = candidates_of_old.get(i, [])
        # A new record already part of a split takes no merge.
        excluded = {j for j in news if (i, j) in forbidden or (j in matched_new and j not in new_to_olds)}
        best = _best_whole(old_shapes[i], news, new_shapes, new_to_olds, old_shapes, excluded)
        if best is not None:
            new_to_olds.setdefault(best, []).append(i)

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


def align(
    old: Sequence[Record],
    new: Sequence[Record],
    *,
    pins: Sequence[tuple[Sequence[int], Sequence[int]]] = (),
    forbid: Sequence[tuple[int, int]] = (),
    old_label: str = "",
    new_label: str = "",
    family: Family = DEFAULT,
) -> Alignment:
    """Every old and new record in exactly one group; unmatched ones alone.

    `pins` (from a crosswalk) fix groups before anything is scored; `forbid` pairs
    are never matched; the family says which kinds may pair.
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

    scores = score_pairs(sub_old, sub_new, old_label, new_label, family)
    pairs = _assign(scores, len(sub_old), len(sub_new), forbidden)
    shapes_old = [shape(m.text) for m in sub_old]
    shapes_new = [shape(m.text) for m in sub_new]
    local = _split_merge(pairs, shapes_old, shapes_new, scores, forbidden)

    def sim(olds: Sequence[int], news: Sequence[int]) -> float | None:
        if not olds or not news:
            return None
        return reported_similarity([old[i].text for i in olds], [new[j].text for j in news])

    groups: list[Group] = []
    for g in local:
        olds = tuple(free_old[i] for i in g.old)
        news = tuple(free_new[j] for j in g.new)
        groups.append(Group(olds, news, sim(olds, news)))
    for pin_old, pin_new in pins:
        groups.append(Group(tuple(sorted(pin_old)), tuple(sorted(pin_new)), sim(pin_old, pin_new), pinned=True))
    covered_old = {i for g in groups for i in g.old}
    covered_new = {j for g in groups for j in g.new}
    groups += [Group((i,), (), None) for i in range(len(old)) if i not in covered_old]
    groups += [Group((), (j,), None) for j in range(len(new)) if j not in covered_new]
    return Alignment.of(groups)
