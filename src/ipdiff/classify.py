"""Aligned groups → typed changes: added, removed, modified, unchanged, split, merged;
moves, KPI changes and commitment-strength changes.

Changes come in new-document order; a removed record is placed right after the change
that holds its nearest preceding old neighbour, so a 新旧対照表 reads in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from ipdiff.align import comparable_section
from ipdiff.model import (
    CHANGE_TYPES,
    Alignment,
    Change,
    ChangeType,
    Edition,
    Group,
    KpiChange,
    KpiValue,
    Record,
    StrengthChange,
)
from ipdiff.similarity import normalise
from ipdiff.strength import SCALE, direction

METRIC_MATCH = 0.6  # how alike two metric names must be to pair their values


def _strongest(records: Sequence[Record]) -> str | None:
    levels = [m.strength for m in records if m.strength in SCALE]
    return max(levels, key=SCALE.index) if levels else None


def strength_change(old: Sequence[Record], new: Sequence[Record]) -> StrengthChange | None:
    a, b = _strongest(old), _strongest(new)
    d = direction(a, b)
    if d is None or a is None or b is None:
        return None
    return StrengthChange(a, b, "up" if d == "up" else "down")


def _differs(a: KpiValue, b: KpiValue) -> bool:
    return (a.value, a.unit, a.year, a.qualifier) != (b.value, b.unit, b.year, b.qualifier)


def _column(metric: str | None) -> str | None:
    """The column part of a table metric (`row｜group｜column`), None for text metrics."""
    return metric.rsplit("｜", 1)[-1] if metric and "｜" in metric else None


def _key(k: KpiValue) -> tuple[float, str, int | None]:
    return (k.value, k.unit, k.year)


def kpi_changes(old: Sequence[KpiValue], new: Sequence[KpiValue]) -> tuple[KpiChange, ...]:
    """Pair values by metric, then by unit and a similar metric, in order.

    Values identical on both sides are no change. A value that appears (or disappears)
    but equals a value on the other side is a restatement (a table repeating last
    year's column), not a change.
    """
    left = list(range(len(old)))
    right = list(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def take(match) -> None:  # type: ignore[no-untyped-def]
        for i in list(left):
            for j in right:
                if match(old[i], new[j]):
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
                    break

    take(lambda a, b: not _differs(a, b) and a.metric == b.metric)
    take(lambda a, b: a.metric is not None and a.metric == b.metric and a.unit == b.unit)
    take(
        lambda a, b: a.unit == b.unit
        and a.metric is not None
        and b.metric is not None
        and Indel.normalized_similarity(a.metric, b.metric) >= METRIC_MATCH
    )
    # One value of a unit left on each side: the same quantity, restated.
    for unit in sorted({old[i].unit for i in left}):
        li = [i for i in left if old[i].unit == unit]
        rj = [j for j in right if new[j].unit == unit]
        if len(li) == 1 and len(rj) == 1:
            pairs.append((li[0], rj[0]))
            left.remove(li[0])
            right.remove(rj[0])

    old_keys = {_key(k) for k in old}
    new_keys = {_key(k) for k in new}
    # A table column present on one side only (増減率 added, say) is a change of the
    # table's shape, told by the row's text; its cells are not KPI changes one by one.
    old_columns = {_column(k.metric) for k in old}
    new_columns = {_column(k.metric) for k in new}
    right = [j for j in right if _column(new[j].metric) is None or _column(new[j].metric) in old_columns]
    left = [i for i in left if _column(old[i].metric) is None or _column(old[i].metric) in new_columns]
    out: list[tuple[tuple[int, int], KpiChange]] = []
    for i, j in pairs:
        if _differs(old[i], new[j]):
            out.append(((j, i), KpiChange(new[j].metric or old[i].metric, old[i], new[j])))
    for j in right:
        if _key(new[j]) not in old_keys:
            out.append(((j, -1), KpiChange(new[j].metric, None, new[j])))
    for i in left:
        if _key(old[i]) not in new_keys:
            out.append(((len(new) + i, -1), KpiChange(old[i].metric, old[i], None)))
    return tuple(c for _, c in sorted(out, key=lambda t: t[0]))


def _kpis(records: Sequence[Record]) -> list[KpiValue]:
    return [k for m in records for k in m.kpis]


def change_of(group: Group, old: Edition, new: Edition) -> Change:
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
    elif olds[0].text == news[0].text:
        kind = "unchanged"
    elif normalise(olds[0].text) == normalise(news[0].text):
        kind, cosmetic = "unchanged", True
    else:
        kind = "modified"
    moved = bool(olds and news) and comparable_section(
        olds[0].section, old.label
    ) != comparable_section(news[0].section, new.label)
    return Change(
        type=kind,
        old=olds,
        new=news,
        moved=moved,
        cosmetic=cosmetic,
        similarity=group.similarity if olds and news else None,
        # An added or removed record's values are in its text; KPI changes are about
        # values that moved inside a measure that exists on both sides.
        kpis=kpi_changes(_kpis(olds), _kpis(news)) if olds and news else (),
        strength=strength_change(olds, news),
        pinned=group.pinned,
    )


def _order(groups: Sequence[Group], n_old: int) -> list[Group]:
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


def classify(old: Edition, new: Edition, alignment: Alignment) -> tuple[Change, ...]:
    """One typed change per aligned group, in reading order: pure, deterministic."""
    return tuple(change_of(g, old, new) for g in _order(alignment.groups, len(old.records)))


def summarize(changes: Sequence[Change]) -> dict[str, int]:
    summary = {t: 0 for t in CHANGE_TYPES}
    for c in changes:
        summary[c.type] += 1
    summary["moved"] = sum(1 for c in changes if c.moved)
    summary["kpi_changes"] = sum(len(c.kpis) for c in changes)
    summary["strength_changes"] = sum(1 for c in changes if c.strength)
    return summary
