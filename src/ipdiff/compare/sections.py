"""Align the section trees of two editions, and judge `moved` against them.

Sections are compared as sections, not as strings: a section matches its counterpart by
its title (the edition's label and digits masked, so 「…2026のポイント」 and 「３）…」 →
「２）…」 stay the same title) and by how many of its records the record alignment puts
into it (a renamed section with the same bullets is the same section; two sections that
swapped titles are told apart by their content). Then:

- a record is moved only when its new section is not the counterpart of its old one;
- a section that moved as a whole (a new parent, or a new place among its siblings) is
  one move, carried by its heading record; its records are not moved;
- bullets reordered inside one section are not moves.

Pure: records and aligned pairs in, a `SectionAlignment` out.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ipdiff.compare.section_candidates import SectionCandidates, section_candidates
from ipdiff.compare.similarity import normalise, reported_similarity, shape
from ipdiff.families import DEFAULT, Family
from ipdiff.families.statute import division_number
from ipdiff.model import HEADING_KINDS, Alignment, Group, Record, SectionPair, mask_label

Path = tuple[str, ...]

# Calibrated on real revisions' heading edits and the synthetic renamed/moved sections
# (`python -m bench.synth`): a renamed section keeps most of its records (content ≳ 0.6),
# a section with the same title but none of the same records is paired only when its
# parent is (repeated titles such as 現状と課題 under each theme).
TITLE_WEIGHT = 0.35
PARENT_BONUS = 0.15
PAIR_THRESHOLD = 0.4
# Sections left unpaired under a pair of parents pair by title alone above this (the one
# 「…のポイント」 of each edition, whose subtitle and bullets are all new).
LEFTOVER_TITLE = 0.5


@dataclass(frozen=True)
class SectionAlignment:
    pairs: tuple[SectionPair, ...]
    # For each heading record (by index), the section it opens: read once per edition.
    old_opens: dict[int, Path] = field(default_factory=dict)
    new_opens: dict[int, Path] = field(default_factory=dict)
    # Lookup by old path, derived from `pairs`.
    by_old: dict[Path, SectionPair] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_old", {p.old: p for p in self.pairs if p.old is not None})

    def counterpart(self, old: Path) -> Path | None:
        """The new section aligned with an old one (the root is its own counterpart)."""
        if not old:
            return ()
        pair = self.by_old.get(old)
        return pair.new if pair else None


def mask_editions(title: str, labels: Iterable[str]) -> str:
    """A title with both editions' labels masked, and their 令和 years when a label is a
    year: 「…2026のポイント」 and 「…2027のポイント」 are one title, and so is a file diffed
    against a copy under another name or a git revision (`2026@HEAD~1`)."""
    for label in labels:
        title = mask_label(title, label)
        year = label.split("@", 1)[0]
        if len(year) == 4 and year.isdigit() and int(year) > 2019:
            title = title.replace(f"令和{int(year) - 2018}年", "令和〈本版〉年")
    return title


def title_key(title: str, labels: Iterable[str]) -> str:
    """A title as compared across editions: labels and digits masked (３）… → ２）…).

    A statute's division is its number: 第五章　削除 filled with new articles is 第五章 still."""
    number = division_number(title)
    if number is not None:
        return number
    return shape(mask_editions(title, labels))


def heading_sections(records: Sequence[Record], family: Family = DEFAULT) -> dict[int, Path]:
    """For each heading record, the section it opens.

    A heading's text is its title as written (今後の予定 (方向性)) while the section path
    may hold a normalised title, so the section is read off the record that follows.
    """
    out: dict[int, Path] = {}
    # In the plan the theme slides lost their titles in extraction: the 構成 entry that
    # names a part or theme stands for its heading (so a theme moved under another part
    # is one move). The family says whether its table of contents does that.
    by_title: dict[str, list[Path]] = {}
    if family.toc_names_headings:
        for path in dict.fromkeys(r.section for r in records if r.kind != "toc"):
            for d in range(1, len(path) + 1):
                by_title.setdefault(path[d - 1], []).append(path[:d])
    for k, r in enumerate(records):
        if r.kind == "toc" and family.toc_names_headings:
            named = set(by_title.get(r.text, ()))
            if len(named) == 1:
                out[k] = named.pop()
            continue
        if r.kind not in HEADING_KINDS or r.kind == "title":
            continue
        depth = len(r.section) + 1
        nxt = records[k + 1] if k + 1 < len(records) else None
        if nxt is not None and len(nxt.section) >= depth and nxt.section[: depth - 1] == r.section:
            out[k] = nxt.section[:depth]
        else:
            out[k] = (*r.section, r.text)
    return out


def _tree(records: Sequence[Record], opened: dict[int, Path]) -> list[Path]:
    """Every section of an edition, in order of first appearance (the root excluded)."""
    seen: dict[Path, None] = {}
    for k, r in enumerate(records):
        for d in range(1, len(r.section) + 1):
            seen.setdefault(r.section[:d])
        if k in opened:
            for d in range(1, len(opened[k]) + 1):
                seen.setdefault(opened[k][:d])
    return list(seen)


def _sizes(records: Sequence[Record]) -> dict[Path, int]:
    sizes: dict[Path, int] = {}
    for r in records:
        for d in range(1, len(r.section) + 1):
            sizes[r.section[:d]] = sizes.get(r.section[:d], 0) + 1
    return sizes


def align_sections(
    old: Sequence[Record],
    new: Sequence[Record],
    pairs: Iterable[tuple[int, int]],
    old_label: str = "",
    new_label: str = "",
    family: Family = DEFAULT,
) -> SectionAlignment:
    """Pair the sections of two editions from their titles and the aligned record pairs."""
    old_opens, new_opens = heading_sections(old, family), heading_sections(new, family)
    old_tree = _tree(old, old_opens)
    new_tree = _tree(new, new_opens)
    oi = {p: k for k, p in enumerate(old_tree)}
    ni = {p: k for k, p in enumerate(new_tree)}
    shared: dict[tuple[int, int], int] = {}
    for i, j in pairs:
        a, b = old[i].section, new[j].section
        for da in range(1, len(a) + 1):
            row = oi[a[:da]]
            for db in range(1, len(b) + 1):
                cell = (row, ni[b[:db]])
                shared[cell] = shared.get(cell, 0) + 1
    old_size, new_size = _sizes(old), _sizes(new)
    n_old = np.array([old_size.get(p, 0) for p in old_tree], dtype=np.float64)
    n_new = np.array([new_size.get(p, 0) for p in new_tree], dtype=np.float64)
    labels = (old_label, new_label)
    cand = section_candidates(
        [title_key(p[-1], labels) for p in old_tree], [title_key(p[-1], labels) for p in new_tree], shared
    )
    total = n_old[cand.rows] + n_new[cand.cols]
    content = np.divide(2 * cand.shared, total, out=np.zeros_like(cand.shared), where=total > 0)
    score = np.where(total > 0, TITLE_WEIGHT * cand.title + (1 - TITLE_WEIGHT) * content, cand.title)
    shape_ = (len(old_tree), len(new_tree))
    # Deeper evidence first: a pass without parents, then the parents' pairing as a prior
    # (the 現状と課題 of a theme pairs with the 現状と課題 of the theme's counterpart).
    first = _match(score, cand, shape_, old_tree, new_tree)
    first[()] = ()
    ni[()] = -1
    # Index (in the new tree) of each old section's parent's counterpart, and of each new
    # section's parent; -2 never equals a parent index.
    old_parent = np.array([ni[first[a[:-1]]] if a[:-1] in first else -2 for a in old_tree], dtype=np.int64)
    new_parent = np.array([ni[b[:-1]] for b in new_tree], dtype=np.int64)
    bonus = np.where(old_parent[cand.rows] == new_parent[cand.cols], PARENT_BONUS, 0.0)
    del ni[()]
    matched = _match(score + bonus, cand, shape_, old_tree, new_tree)
    _adopt_leftovers(matched, old_tree, new_tree, cand)
    return SectionAlignment(
        _pairs(old_tree, new_tree, matched, shared, oi, ni, labels), old_opens, new_opens
    )


def best_first(
    rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, shape_: tuple[int, int]
) -> list[tuple[int, int]]:
    """A one-to-one matching of the candidate pairs, best pair first (zeros are non-edges).

    Sections are few and their scores well apart, so taking the best pair first is as good
    as an optimal assignment here, and stays fast where repeated titles (現状と課題 under
    every theme) make one large block of candidates. Ties go to the pair closest in tree
    order, then to the first, deterministically.
    """
    keep = weight > 0
    rows, cols, weight = rows[keep], cols[keep], weight[keep]
    if not rows.size:
        return []
    n, m = shape_
    distance = np.abs(rows / max(n, 1) - cols / max(m, 1))
    order = np.lexsort((cols, rows, distance, -np.round(weight, 6)))
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    pairs: list[tuple[int, int]] = []
    step = 1 << 16  # a slice of the order at a time: no list of every candidate at once
    for at in range(0, len(order), step):
        part = order[at : at + step]
        for r, c in zip(rows[part].tolist(), cols[part].tolist(), strict=True):
            if r not in used_rows and c not in used_cols:
                used_rows.add(r)
                used_cols.add(c)
                pairs.append((r, c))
    return sorted(pairs)


def _match(
    score: np.ndarray, cand: SectionCandidates, shape_: tuple[int, int], old_tree: list[Path], new_tree: list[Path]
) -> dict[Path, Path]:
    weight = np.where(score >= PAIR_THRESHOLD, score, 0.0)
    return {old_tree[r]: new_tree[c] for r, c in best_first(cand.rows, cand.cols, weight, shape_)}


def _adopt_leftovers(matched: dict[Path, Path], old_tree: list[Path], new_tree: list[Path], cand: SectionCandidates) -> None:
    """Pair, top down, the unpaired sections whose parents are paired, by title.

    Ranks and ties are taken among the leftovers alone (their order in each tree)."""
    titled = cand.title >= LEFTOVER_TITLE
    rows, cols, title = cand.rows[titled], cand.cols[titled], cand.title[titled]
    new_index = {b: k for k, b in enumerate(new_tree)}
    new_index[()] = -1
    new_parent = np.array([new_index[b[:-1]] for b in new_tree], dtype=np.int64)
    while True:
        taken = set(matched.values())
        counterpart = {**matched, (): ()}
        # Per old section: its rank among the leftover rows (-1: not one), and the new
        # index of its parent's counterpart; per new section: its rank among the untaken.
        leftover = np.array([a not in matched and a[:-1] in counterpart for a in old_tree], dtype=bool)
        untaken = np.array([b not in taken for b in new_tree], dtype=bool)
        if not leftover.any() or not untaken.any():
            return
        row_rank = np.where(leftover, np.cumsum(leftover) - 1, -1)
        col_rank = np.where(untaken, np.cumsum(untaken) - 1, -1)
        parent_there = np.array(
            [new_index[counterpart[a[:-1]]] if ok else -2 for a, ok in zip(old_tree, leftover.tolist(), strict=True)],
            dtype=np.int64,
        )
        keep = (row_rank[rows] >= 0) & (col_rank[cols] >= 0) & (parent_there[rows] == new_parent[cols])
        if not keep.any():
            return
        found = best_first(
            row_rank[rows[keep]], col_rank[cols[keep]], title[keep], (int(leftover.sum()), int(untaken.sum()))
        )
        if not found:
            return
        old_at, new_at = np.flatnonzero(leftover).tolist(), np.flatnonzero(untaken).tolist()
        for x, y in found:
            matched[old_tree[old_at[x]]] = new_tree[new_at[y]]


def _out_of_order(positions: list[tuple[int, int]]) -> set[int]:
    """Of (key, new position) pairs in old order, the keys off a longest increasing run.

    Patience sorting, O(n log n): of equally long runs, the one ending first, each step
    back to the earliest element that extends it (the new positions are distinct)."""
    if not positions:
        return set()
    # piles[L]: indices whose longest run ending there has length L + 1; their values
    # fall as the indices rise, so the ones below a value are a tail of the pile.
    piles: list[list[int]] = []
    tops: list[int] = []  # the value at the end of each pile
    prev: list[int] = [-1] * len(positions)
    for k, (_, v) in enumerate(positions):
        length = bisect.bisect_left(tops, v)
        if length:
            pile = piles[length - 1]
            # The first element of the pile whose value is below v.
            lo, hi = 0, len(pile)
            while lo < hi:
                mid = (lo + hi) // 2
                if positions[pile[mid]][1] < v:
                    hi = mid
                else:
                    lo = mid + 1
            prev[k] = pile[lo]
        if length == len(piles):
            piles.append([k])
            tops.append(v)
        else:
            piles[length].append(k)
            tops[length] = v
    end = piles[-1][0]
    keep: set[int] = set()
    while end >= 0:
        keep.add(positions[end][0])
        end = prev[end]
    return {key for key, _ in positions if key not in keep}


def _pairs(
    old_tree: list[Path],
    new_tree: list[Path],
    matched: dict[Path, Path],
    shared: dict[tuple[int, int], int],
    oi: dict[Path, int],
    ni: dict[Path, int],
    labels: tuple[str, str],
) -> tuple[SectionPair, ...]:
    counterpart = dict(matched)
    counterpart[()] = ()
    moved: set[Path] = {a for a, b in matched.items() if counterpart.get(a[:-1]) != b[:-1]}
    # Siblings put in a new order: under each parent pair, the children off the longest
    # run that keeps its order are the ones that moved.
    by_parent: dict[Path, list[tuple[int, int]]] = {}
    for a, to in matched.items():
        if a not in moved:
            by_parent.setdefault(a[:-1], []).append((oi[a], ni[to]))
    for siblings in by_parent.values():
        moved |= {old_tree[k] for k in _out_of_order(sorted(siblings))}
    out: list[SectionPair] = []
    for a in old_tree:
        b = matched.get(a)
        renamed = b is not None and shape(mask_editions(a[-1], labels)) != shape(mask_editions(b[-1], labels))
        records = shared.get((oi[a], ni[b]), 0) if b is not None else 0
        out.append(SectionPair(a, b, records, renamed, a in moved))
    paired_new = set(matched.values())
    out += [SectionPair(None, b, 0) for b in new_tree if b not in paired_new]
    return tuple(out)


def record_moved(
    sections: SectionAlignment,
    old: Record,
    new: Record,
    old_opens: Path | None = None,
    new_opens: Path | None = None,
) -> bool:
    """`moved` for an aligned pair: a record is moved when its new section is not the
    counterpart of its old one; a heading record (`*_opens`: the sections it opens)
    carries its section's own move."""
    if old_opens is not None and new_opens is not None and sections.counterpart(old_opens) == new_opens:
        pair = sections.by_old.get(old_opens)
        return bool(pair and pair.moved)
    return sections.counterpart(old.section) != new.section


def follow_sections(
    alignment: Alignment,
    old: Sequence[Record],
    new: Sequence[Record],
    sections: SectionAlignment,
) -> Alignment:
    """Pair the heading records as their sections are paired.

    A renamed heading is then one `modified` record rather than a removal and an addition,
    and of two sections that swapped titles each heading goes with its own section. Only
    one-to-one and unmatched headings are re-paired; splits and merges stay as they are.
    """
    old_opens, new_opens = sections.old_opens, sections.new_opens
    new_heading = {p: j for j, p in new_opens.items()}
    wanted: dict[int, int] = {}
    for i, a in old_opens.items():
        b = sections.counterpart(a)
        j = new_heading.get(b) if b is not None else None
        if j is not None:
            wanted[i] = j
    simple = {g for g in alignment.groups if len(g.old) <= 1 and len(g.new) <= 1 and not g.pinned}
    movable_old = {g.old[0] for g in simple if g.old}
    movable_new = {g.new[0] for g in simple if g.new}
    wanted = {i: j for i, j in wanted.items() if i in movable_old and j in movable_new}
    # A heading paired with an identical one stays so: the text is the stronger evidence
    # (a numbered list item read as a heading opens an empty section of its own). Not so
    # an article's number (第二百条の二): a new article takes it, the old one moves on.
    involved_new = set(wanted.values())
    settled = {
        k
        for g in simple
        if g.old and g.new and (g.old[0] in wanted or g.new[0] in involved_new)
        and normalise(old[g.old[0]].text) == normalise(new[g.new[0]].text)
        and not old[g.old[0]].label
        for k in (("o", g.old[0]), ("n", g.new[0]))
    }
    current = {(g.old[0], g.new[0]) for g in simple if g.old and g.new}
    wanted = {
        i: j
        for i, j in wanted.items()
        if (i, j) not in current and ("o", i) not in settled and ("n", j) not in settled
    }
    if not wanted:
        return alignment
    taken_old, taken_new = set(wanted), set(wanted.values())
    groups: list[Group] = []
    for g in alignment.groups:
        if (g.old and g.old[0] in taken_old and g in simple) or (g.new and g.new[0] in taken_new and g in simple):
            # Whatever the re-paired headings leave behind stands alone.
            groups += [Group((i,), (), None) for i in g.old if i not in taken_old]
            groups += [Group((), (j,), None) for j in g.new if j not in taken_new]
            continue
        groups.append(g)
    for i, j in sorted(wanted.items()):
        groups.append(Group((i,), (j,), reported_similarity([old[i].text], [new[j].text])))
    return Alignment.of(groups)
