"""Aligned sections as evidence for rewordings the text alone cannot prove.

A plan rewrites a measure so thoroughly that its text scores below the aligner's threshold
(「…司令塔機能を構築するとともに…」 → 「…司令塔機能を強化する。さらに…」), yet a reader
pairs the two at once: same section, same kind of record, nothing else left to pair with.
So, after the sections are aligned, records left unmatched in a section and its counterpart
are paired when they are of the same kind (◆ with ◆, 今後の予定 with 今後の予定) and alike
enough for that evidence; and a pair that crossed sections and kinds (a ◆ matched to a
現状と課題 sentence elsewhere) gives way to a same-kind candidate in the counterpart section.

Pure: an `Alignment` in, an `Alignment` out; `with_sections` is the whole step between
the aligner and the classifier.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ipdiff.compare.align import MIN_GAIN, score_pairs
from ipdiff.compare.provisions import provisions
from ipdiff.compare.sections import SectionAlignment, align_sections, follow_sections
from ipdiff.compare.similarity import coverage, reported_similarity, shape
from ipdiff.families import DEFAULT, Family
from ipdiff.families.statute import STATUTE
from ipdiff.model import Alignment, Group, Record

# Calibrated on 2025 → 2026 rewordings checked by hand (scores
# 0.26–0.45 among the leftovers) against the unrelated leftovers of the same sections
# (≲ 0.28): with the section and the kind as evidence, this much shared text is a rewording.
EVIDENCE_THRESHOLD = 0.3
# A record taken back from a pair that crossed sections and kinds needs less: its same-kind
# counterpart-section candidate already beats that pair on place and kind.
REPAIR_THRESHOLD = 0.25
# Which kinds the document's own structure tells apart (the plan's ◆ key points, 現状と
#課題, 今後の予定) is the family's `reworded_kinds`: there, the same kind in the counterpart
# section is evidence. A generic bullet or paragraph is left to the text alone.


def rematch(
    alignment: Alignment,
    old: Sequence[Record],
    new: Sequence[Record],
    sections: SectionAlignment,
    family: Family = DEFAULT,
) -> Alignment:
    """Pair same-kind leftovers of counterpart sections; see the module's docstring."""
    singles_old = {g.old[0] for g in alignment.groups if not g.new}
    singles_new = {g.new[0] for g in alignment.groups if not g.old}
    # One-to-one pairs that crossed sections and kinds: their old side may be re-paired.
    crossing = {
        g.old[0]: g
        for g in alignment.groups
        if len(g.old) == 1 and len(g.new) == 1 and not g.pinned
        and old[g.old[0]].kind != new[g.new[0]].kind
        and sections.counterpart(old[g.old[0]].section) != new[g.new[0]].section
    }
    olds = sorted(i for i in singles_old | set(crossing) if old[i].kind in family.reworded_kinds)
    news = sorted(j for j in singles_new if new[j].kind in family.reworded_kinds)
    by_place: dict[tuple[tuple[str, ...] | None, str], list[int]] = {}
    for j in news:
        by_place.setdefault((new[j].section, new[j].kind), []).append(j)
    candidates = [
        (i, j)
        for i in olds
        for j in by_place.get((sections.counterpart(old[i].section), old[i].kind), ())
    ]
    if not candidates:
        return alignment
    rows = sorted({i for i, _ in candidates})
    cols = sorted({j for _, j in candidates})
    scores = score_pairs([old[i] for i in rows], [new[j] for j in cols], family=family)
    ri = {i: r for r, i in enumerate(rows)}
    ci = {j: c for c, j in enumerate(cols)}
    weight = np.zeros((len(rows), len(cols)))
    for i, j in candidates:
        weight[ri[i], ci[j]] = scores.get((ri[i], ci[j]), 0.0)
    # Only mutual first choices: the weaker evidence must not pair a record with its
    # second choice because its first went elsewhere (that is a merge, or nothing).
    best_col = weight.argmax(axis=1)
    best_row = weight.argmax(axis=0)
    found = {
        rows[r]: cols[c]
        for r, c in enumerate(best_col.tolist())
        if best_row[c] == r
        and weight[r, c] >= (REPAIR_THRESHOLD if rows[r] in crossing else EVIDENCE_THRESHOLD)
    }
    if not found:
        return alignment
    # A leftover whose first choice went to another record is that pair's other part when
    # it adds to what the pair covers: two bullets merged into one, or one split in two.
    found_new = {j: i for i, j in found.items()}
    extra_old: dict[int, list[int]] = {}
    for r, c in enumerate(best_col.tolist()):
        i, j = rows[r], cols[c]
        if (
            i not in found and i not in crossing and j in found_new and weight[r, c] >= EVIDENCE_THRESHOLD
            and _adds(old[found_new[j]].text, old[i].text, new[j].text)
        ):
            extra_old.setdefault(j, []).append(i)
    extra_new: dict[int, list[int]] = {}
    for c, r in enumerate(best_row.tolist()):
        i, j = rows[r], cols[c]
        if (
            j not in found_new and i in found and weight[r, c] >= EVIDENCE_THRESHOLD
            and not extra_old.get(found[i]) and _adds(new[found[i]].text, new[j].text, old[i].text)
        ):
            extra_new.setdefault(i, []).append(j)
    taken_old = set(found) | {i for v in extra_old.values() for i in v}
    taken_new = set(found_new) | {j for v in extra_new.values() for j in v}
    groups: list[Group] = []
    for g in alignment.groups:
        if g.old and g.old[0] in taken_old and (not g.new or g.old[0] in crossing):
            # The crossing pair's new side is left on its own.
            groups += [Group((), (j,), None) for j in g.new]
            continue
        if not g.old and g.new[0] in taken_new:
            continue
        groups.append(g)
    for i, j in sorted(found.items()):
        group_old = tuple(sorted([i, *extra_old.get(j, ())]))
        group_new = tuple(sorted([j, *extra_new.get(i, ())]))
        similarity = reported_similarity([old[x].text for x in group_old], [new[y].text for y in group_new])
        groups.append(Group(group_old, group_new, similarity))
    return Alignment.of(groups)


def fill_gaps(
    alignment: Alignment,
    old: Sequence[Record],
    new: Sequence[Record],
    sections: SectionAlignment,
) -> Alignment:
    """Pair a rewritten figure bullet by its slot: see `_one_to_one_gaps`.

    A bullet restated around a new count (「…現在は134,185人（令和1年時点）」 →
    「…に通う生徒は増加し続け、現在は164,697人いる」) shares too little text for any
    threshold, yet a reader pairs it at once: it is the only thing that changed between
    two neighbours that did align, and it still states the same kind of figure. Both
    must hold: the slot alone would pair a replaced policy with its replacement, and the
    figure alone pairs any two counts of people."""
    pairs = [
        (i, j) for i, j in _one_to_one_gaps(alignment, len(old))
        if old[i].kind == new[j].kind
        and sections.counterpart(old[i].section) == new[j].section
        and _same_kind_of_figure(old[i], new[j])
    ]
    if not pairs:
        return alignment
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    groups = [g for g in alignment.groups if not set(g.old) & paired_old and not set(g.new) & paired_new]
    groups += [Group((i,), (j,), reported_similarity([old[i].text], [new[j].text])) for i, j in pairs]
    return Alignment.of(groups)


def _one_to_one_gaps(alignment: Alignment, n_old: int) -> list[tuple[int, int]]:
    """(old, new) leftovers that are each the only record between the same two aligned
    neighbours: the aligned record just before them in both editions is one pair, and the
    one just after them is one pair too."""
    partner: dict[int, tuple[int, ...]] = {i: g.new for g in alignment.groups if g.old and g.new for i in g.old}
    aligned_new = {j for g in alignment.groups if g.old for j in g.new}
    gaps: list[tuple[int, int]] = []
    for i in range(1, n_old - 1):
        if i in partner or i - 1 not in partner or i + 1 not in partner:
            continue
        before, after = max(partner[i - 1]), min(partner[i + 1])
        # Exactly one new record between the two neighbours' partners, and it is a leftover.
        if after - before == 2 and before + 1 not in aligned_new:
            gaps.append((i, before + 1))
    return gaps


def _same_kind_of_figure(a: Record, b: Record) -> bool:
    """Whether the two records state a figure of the same unit and kind, both a current
    value or both a target."""
    shared = {(k.unit, k.kind, k.target) for k in a.kpis} & {(k.unit, k.kind, k.target) for k in b.kpis}
    return bool(shared)


def _adds(part: str, other: str, whole: str) -> bool:
    """Whether `other` adds to how much of `whole` `part` covers (a merge's or split's part)."""
    a, b, w = shape(part), shape(other), shape(whole)
    return coverage([a, b], w) - coverage([a], w) >= MIN_GAIN


def with_sections(
    old: Sequence[Record],
    new: Sequence[Record],
    alignment: Alignment,
    old_label: str = "",
    new_label: str = "",
    family: Family = DEFAULT,
) -> tuple[Alignment, SectionAlignment]:
    """The section trees aligned from the record alignment; rewordings paired on that
    evidence; headings re-paired to follow their sections."""

    def sections_of(a: Alignment) -> SectionAlignment:
        pairs = [(i, j) for g in a.groups for i in g.old for j in g.new]
        return align_sections(old, new, pairs, old_label, new_label, family)

    sections = sections_of(alignment)
    rematched = fill_gaps(rematch(alignment, old, new, sections, family), old, new, sections)
    if rematched is not alignment:
        alignment, sections = rematched, sections_of(rematched)
    if family.name == STATUTE.name:
        kept = provisions(alignment, old, new, sections)
        if kept is not alignment:
            alignment, sections = kept, sections_of(kept)
    return follow_sections(alignment, old, new, sections), sections
