"""Chapters as the aligned sections make them: which old chapter a new one continues, and
the size of a section that moved as a whole (shown as one item)."""

from __future__ import annotations

from ipdiff.model import Diff
from ipdiff.render.labels import SECTION_DEPTH


def chapter_pairs(diff: Diff) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Report-section keys of the old edition → the new key they are aligned with."""
    return {
        p.old: p.new[:SECTION_DEPTH]
        for p in diff.sections
        if p.old is not None and p.new is not None and len(p.old) <= SECTION_DEPTH
    }


def moved_with(diff: Diff) -> dict[str, int]:
    """For each heading record whose section moved as a whole: how many records it holds."""
    sizes: dict[tuple[str, ...], int] = {}
    for m in diff.new.records:
        for d in range(1, len(m.section) + 1):
            sizes[m.section[:d]] = sizes.get(m.section[:d], 0) + 1
    moved_ids = {m.id for c in diff.changes if c.moved for m in c.new}
    return {rid: sizes.get(path, 0) for rid, path in diff.opened.items() if rid in moved_ids}
