"""Section-level revisions for the synthetic next editions (`bench.synth`).

A real next edition renames sections (the edition year in the ポイント and 構成 titles, a
reworded theme or part title), puts sections in a new order and moves whole sections under
another part. Each is applied to the units of `make_next_edition` after the bullet-level
revisions, so they mix in one run; the truth says which heading record carries a move and
that none of the section's records do.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ipdiff.model import Block

SECTION_KINDS = ("rename_year", "rename_section", "rename_theme", "reorder_sections", "move_section", "move_theme")

# Rewordings a title can take and stay the same section.
_TITLE_EDITS: tuple[tuple[str, str], ...] = (
    ("の推進", "の一層の推進"),
    ("の強化", "の抜本的強化"),
    ("の実現", "の着実な実現"),
    ("の保護", "の適切な保護"),
    ("による", "を通じた"),
    ("支援", "支援の充実"),
)


class Unit(Protocol):
    lines: list[str]
    origin: int | None
    line: int | None


@dataclass(frozen=True, slots=True)
class SectionFate:
    """What happened to one record that is not a bullet: its old line, the unit it became."""

    old_line: int
    unit: object
    type: str  # modified / unchanged
    mutation: str
    moved: bool = False
    cosmetic: bool = False


def next_label(label: str) -> str:
    """The label of the edition after `label`: 2026 → 2027, anything else gets `-next`."""
    return str(int(label) + 1) if label.isdigit() else f"{label}-next"


def _first_line(u: Unit) -> int | None:
    return u.line if u.line is not None else u.origin


def _edit_title(title: str, rng: random.Random) -> str | None:
    options = [(a, b) for a, b in _TITLE_EDITS if a in title and b not in title]
    if not options:
        return None
    a, b = rng.choice(options)
    return title.replace(a, b, 1)


def _extent(blocks: Sequence[Block], k: int) -> tuple[int, int]:
    """Old lines [first, past) of the section heading block k opens, trailing blanks included."""
    h = blocks[k]
    path = (*h.section, h.text)
    for b in blocks[k + 1 :]:
        if b.section[: len(path)] != path:
            return h.line, b.line
    return h.line, blocks[-1].end_line + 1


def _slice(units: list[Unit], first: int, past: int) -> tuple[int, int] | None:
    start = next((x for x, u in enumerate(units) if _first_line(u) == first), None)
    if start is None:
        return None
    end = start + 1
    while end < len(units):
        line = _first_line(units[end])
        if line is not None and not first <= line < past:
            break
        end += 1
    return start, end


def mutate_sections(
    units: list[Unit],
    blocks: Sequence[Block],
    rng: random.Random,
    label: str,
    per_kind: int,
    make_unit: Callable[[Unit, list[str]], Unit],
) -> list[SectionFate]:
    """Rename, reorder and move sections in `units` (in place); the fates of their headings."""
    fates: list[SectionFate] = []
    used: set[int] = set()  # old heading lines already revised
    headings = [k for k, b in enumerate(blocks) if b.kind == "heading"]
    # Sibling sections that can move as a block: one-line titles above bullets, not the
    # theme slides' 現状と課題 / 今後の予定 (those belong to their theme).
    movable = [
        k for k in headings
        if len(blocks[k].section) == 1 and not re.search(r"(構成|ポイント)$", blocks[k].text)
        and blocks[k].line == blocks[k].end_line
    ]
    siblings: dict[tuple[str, ...], list[int]] = {}
    for k in movable:
        siblings.setdefault(blocks[k].section, []).append(k)

    def replace_line(old_line: int, text: str) -> Unit | None:
        x = next((x for x, u in enumerate(units) if _first_line(u) == old_line), None)
        if x is None:
            return None
        units[x] = make_unit(units[x], [text, *units[x].lines[1:]])
        return units[x]

    for kind in SECTION_KINDS:
        # One reorder or move per group of siblings: two in one group have no single truth.
        for _ in range(1 if kind == "reorder_sections" else per_kind):
            if kind == "rename_year":
                if not label.isdigit():
                    break
                pool = [k for k in headings if label in blocks[k].text and blocks[k].line not in used]
                if not pool:
                    break
                b = blocks[rng.choice(pool)]
                u = replace_line(b.line, b.text.replace(label, next_label(label)))
                if u is not None:
                    used.add(b.line)
                    fates.append(SectionFate(b.line, u, "unchanged", kind, cosmetic=True))
            elif kind in ("rename_section", "rename_theme"):
                kinds = {"heading"} if kind == "rename_section" else {"toc"}
                pool = [
                    k for k, b in enumerate(blocks)
                    if b.kind in kinds and b.line not in used and b.line == b.end_line
                    and (kind == "rename_theme" or k in movable)
                    and any(a in b.text and c not in b.text for a, c in _TITLE_EDITS)
                ]
                if not pool:
                    break
                b = blocks[rng.choice(pool)]
                new_title = _edit_title(b.text, rng)
                prefix = re.match(r"^\s*(?:-\s+)?", units_line(units, b.line) or "")
                u = replace_line(b.line, (prefix.group(0) if prefix else "") + (new_title or b.text))
                if u is not None:
                    used.add(b.line)
                    fates.append(SectionFate(b.line, u, "modified", kind))
            elif kind == "move_theme":
                fate = _move_theme(units, blocks, used, rng)
                if fate is not None:
                    fates.append(fate)
            else:
                fate = _move(kind, units, blocks, siblings, used, rng)
                if fate is not None:
                    fates.append(fate)
    return fates


def units_line(units: list[Unit], old_line: int) -> str | None:
    return next((u.lines[0] for u in units if _first_line(u) == old_line and u.lines), None)


def _move(
    kind: str,
    units: list[Unit],
    blocks: Sequence[Block],
    siblings: dict[tuple[str, ...], list[int]],
    used: set[int],
    rng: random.Random,
) -> SectionFate | None:
    """Put one section after its last sibling (reorder) or at the end of the part before
    its own (move under another parent): the section's heading carries the move."""
    # A section put after its last sibling is a single move only when at least two
    # siblings followed it (of two neighbours swapped, either one moved).
    pool = [
        (ks, k) for ks in siblings.values() for k in ks[:-2] if blocks[k].line not in used
    ] if kind == "reorder_sections" else [
        (ks, k) for ks in siblings.values() for k in ks if blocks[k].line not in used
    ]
    if not pool:
        return None
    ks, k = pool[rng.randrange(len(pool))]
    span = _slice(units, *_extent(blocks, k))
    if span is None:
        return None
    if kind == "reorder_sections":
        anchor_first, anchor_past = _extent(blocks, ks[-1])
        target = _slice(units, anchor_first, anchor_past)
        if target is None:
            return None
        at = target[1]
    else:
        # The part this section sits in opens with the heading before its first sibling.
        part = next((p for p in range(ks[0] - 1, -1, -1) if blocks[p].kind == "heading" and not blocks[p].section), None)
        if part is None:
            return None
        at = next((x for x, u in enumerate(units) if _first_line(u) == blocks[part].line), None)
        if at is None:
            return None
    moving = units[span[0] : span[1]]
    if at >= span[1]:
        units[at:at] = moving
        del units[span[0] : span[1]]
    else:
        del units[span[0] : span[1]]
        units[at:at] = moving
    used.update(blocks[x].line for x in ks)
    return SectionFate(blocks[k].line, moving[0], "unchanged", kind, moved=True)


def _move_theme(units: list[Unit], blocks: Sequence[Block], used: set[int], rng: random.Random) -> SectionFate | None:
    """The first theme of a part becomes the last of the part before (a theme moved under
    another part): its 構成 entry moves, and the slides, named in 構成 order, follow."""
    parts: list[list[Block]] = []
    for b in blocks:
        if b.kind != "toc":
            continue
        if re.match(r"^\d+[.．]", b.text):
            parts.append([b])
        elif parts:
            parts[-1].append(b)
    pool = [
        (before, part) for before, part in zip(parts, parts[1:], strict=False)
        if len(before) > 1 and len(part) > 2 and part[1].line not in used and before[-1].line not in used
    ]
    if not pool:
        return None
    before, part = pool[rng.randrange(len(pool))]
    theme = part[1]
    x = next((x for x, u in enumerate(units) if _first_line(u) == theme.line), None)
    if x is None:
        return None
    moving = units.pop(x)
    at = next((y for y, u in enumerate(units) if _first_line(u) == before[-1].line), None)
    if at is None:
        units.insert(x, moving)
        return None
    units.insert(at + 1, moving)
    used.update(b.line for b in (*before, *part))
    return SectionFate(theme.line, moving, "unchanged", "move_theme", moved=True)
