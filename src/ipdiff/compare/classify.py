"""Aligned groups → typed changes: added, removed, modified, unchanged, split, merged;
moves, KPI changes and commitment-strength changes.

Changes come in new-document order; a removed record is placed right after the change
that holds its nearest preceding old neighbour, so a 新旧対照表 reads in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ipdiff.compare.commitments import strength_of_change
from ipdiff.compare.figures import figure_changes
from ipdiff.compare.judge import judge_targets, new_to_the_section
from ipdiff.compare.sections import (
    SectionAlignment,
    mask_editions,
    record_moved,
)
from ipdiff.compare.similarity import normalise
from ipdiff.families.statute import is_article
from ipdiff.model import (
    CHANGE_TYPES,
    HEADING_KINDS,
    RENUMBERED,
    Alignment,
    Change,
    ChangeType,
    Edition,
    Group,
    Record,
    StrengthChange,
)


def headline(judged: StrengthChange | None) -> StrengthChange | None:
    """The change's commitment judgement as its `strength`, kept only when the commitments
    moved (`same` with added commitments is on `Change.commitments`)."""
    return judged if judged is not None and judged.moved else None


def change_of(group: Group, old: Edition, new: Edition, moved: bool = False) -> Change:
    olds = tuple(old.records[i] for i in group.old)
    news = tuple(new.records[j] for j in group.new)
    kind: ChangeType
    cosmetic = False
    if not olds:
        kind = "added"
    elif not news:
        kind = "removed"
    elif len(news) > 1:
        kind = "split"
    elif len(olds) > 1:
        kind = "merged"
    elif olds[0].label != news[0].label and _body(olds[0]) == _body(news[0]):
        kind = RENUMBERED
    elif olds[0].text == news[0].text:
        kind = "unchanged"
    elif normalise(olds[0].text) == normalise(news[0].text):
        kind, cosmetic = "unchanged", True
    elif olds[0].kind in HEADING_KINDS and _same_title(olds[0].text, news[0].text, (old.label, new.label)):
        # A title that changed only with the edition (2026 → 2027) is the same title.
        kind, cosmetic = "unchanged", True
    else:
        kind = "modified"
    # An unchanged text commits as before: only a rewritten measure is judged.
    judged = strength_of_change(olds, news) if kind != "unchanged" else None
    return Change(
        type=kind,
        old=olds,
        new=news,
        moved=moved,
        cosmetic=cosmetic,
        similarity=group.similarity if olds and news else None,
        # Figures pair by their place in the two texts (figures.py). A figure of a
        # dropped measure is a KPI change too (old → none), and one of a new measure
        # (none → new): the KPI table is complete.
        kpis=figure_changes(olds, news),
        strength=headline(judged),
        commitments=judged,
        pinned=group.pinned,
    )


def _body(record: Record) -> str:
    """A provision's words without its number; an article heading (第三条) is all number."""
    text = "" if record.text == record.label else record.text.removeprefix(record.label)
    return normalise(text)


def _order(groups: Sequence[Group]) -> list[Group]:
    """New-document order; removed records after their old predecessor's change."""
    position_of_old: dict[int, tuple[int, int, int]] = {}
    keyed: list[tuple[tuple[int, int, int], Group]] = []
    for g in groups:
        if g.new:
            key = (g.new[0], 0, g.old[0] if g.old else -1)
            keyed.append((key, g))
            for i in g.old:
                position_of_old[i] = key
    for g in groups:
        if g.new:
            continue
        i = g.old[0]
        anchor = next((position_of_old[p] for p in range(i - 1, -1, -1) if p in position_of_old), (-1, 0, -1))
        keyed.append(((anchor[0], 1, i), g))
    return [g for _, g in sorted(keyed, key=lambda t: t[0])]


def _same_title(a: str, b: str, labels: tuple[str, str]) -> bool:
    return normalise(mask_editions(a, labels)) == normalise(mask_editions(b, labels))


def classify(old: Edition, new: Edition, alignment: Alignment, sections: SectionAlignment) -> tuple[Change, ...]:
    """One typed change per aligned group, in reading order: pure, deterministic.

    `moved` is judged against the aligned sections."""
    old_opens, new_opens = sections.old_opens, sections.new_opens

    def moved(g: Group) -> bool:
        if not g.old or not g.new:
            return False
        i, j = g.old[0], g.new[0]
        a, b = old.records[i], new.records[j]
        if a.kind == "caption" and is_article(a.section) and is_article(b.section):
            # A caption heads a run of articles (共通見出し): it moves only with its division.
            return sections.counterpart(a.section[:-1]) != b.section[:-1]
        return record_moved(sections, old.records[i], new.records[j], old_opens.get(i), new_opens.get(j))

    changes = new_to_the_section([change_of(g, old, new, moved(g)) for g in _order(alignment.groups)], old, new)
    return judge_targets(changes, new)


def summarize(changes: Sequence[Change]) -> dict[str, int]:
    summary: dict[str, int] = {t: 0 for t in CHANGE_TYPES}
    for c in changes:
        summary[c.type] = summary.get(c.type, 0) + 1
    summary["moved"] = sum(1 for c in changes if c.moved)
    summary["kpi_changes"] = sum(len(c.kpis) for c in changes)
    summary["strength_changes"] = sum(1 for c in changes if c.strength)
    return summary
