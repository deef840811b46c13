"""KPI rows: each KPI change of a diff as the reader sees it (deltas, years, places).

Pure functions from `Change`/`KpiChange` to `KpiRow`; `diff_view` (build.py) calls them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ipdiff.compare import judge
from ipdiff.model import Change, KpiChange, KpiValue
from ipdiff.render.labels import report_section_key, section_path
from ipdiff.render.numbers import format_quantity, notation_of, to_decimal
from ipdiff.render.textdiff import plain
from ipdiff.render.views import KpiPlace, KpiRow


def _year(v: KpiValue | None) -> str:
    if v is None:
        return ""
    if v.target_year is not None:
        return f"{v.target_year}年目標"
    return "" if v.year is None else f"{v.year}年"


# A table cell: a bare number, perhaps with its year (`5.8（2023年）`); the unit is in the header.
_TABLE_CELL = re.compile(r"^[0-9.,]+(?P<rest>（[0-9]{4}年）)?$")


def _shown(v: KpiValue | None) -> str | None:
    """A figure for reading: a table cell's `5.8（2023年）` is shown as `5.8兆円（2023年）`."""
    if v is None:
        return None
    cell = _TABLE_CELL.match(v.text) if "｜" in (v.metric or "") else None
    if not cell:
        return v.text
    # The cell's number as the table prints it, with the header's multiplier: 0.6兆円, not 6,000億円.
    return format_quantity(v.value, v.unit, scale=notation_of(v.text, v.value)) + (cell["rest"] or "")


def _sentence(change: Change, k: KpiChange) -> str:
    """The text of the record holding the value: new side first, else old."""
    for value, side in ((k.new, change.new), (k.old, change.old)):
        if value is None:
            continue
        for m in side:
            if value in m.kpis:
                return plain(m.text)
        if side:
            return plain(side[0].text)
    side = change.new or change.old
    return plain(side[0].text) if side else ""


def _trend(k: KpiChange, delta: Decimal | None) -> str:
    if k.old is None:
        return "new"
    if k.new is None:
        return "gone"
    if delta is None or delta == 0:
        return "same"
    return "up" if delta > 0 else "down"


def kpi_row(change: Change, k: KpiChange, anchor: str) -> KpiRow:
    delta = judge.delta(k)
    pct = judge.percent_change(k)
    old_year, new_year = _year(k.old), _year(k.new)
    if judge.change_group(k) != "quantity":
        old_year = new_year = ""  # a date or a year is its own value
    if old_year and new_year and old_year != new_year:
        year = f"{old_year} → {new_year}"
    else:
        year = new_year or old_year
    unit = k.new.unit if k.new else k.old.unit if k.old else ""
    # A difference of percentages is in points, not percent.
    delta_unit = "pt" if unit == "%" else unit
    delta_text = None if delta is None else format_quantity(delta, delta_unit, signed=True)
    rank = judge.rank_change(k)
    if rank:
        delta_text = "順位改善" if rank == "better" else "順位後退"
    if judge.target_moved(k):
        delta_text = "目標年の変更"
    if judge.not_comparable(k):
        delta_text = "比較不可"  # a floor against a point value: both wordings are shown
    if k.target_status == "kept":
        delta_text = "目標は他の箇所で維持"
    if k.restated:
        year = f"{year}（前版の値の改定）" if year else "前版の値の改定"
    metric = k.metric or (k.new.metric if k.new else None) or (k.old.metric if k.old else None)
    return KpiRow(
        anchor=anchor,
        section=section_path(report_section_key(change)),
        metric=metric or "（指標名なし）",
        metric_name=metric,
        heading_path=section_path(change.section),
        old_text=k.old.text if k.old else None,
        new_text=k.new.text if k.new else None,
        old_shown=_shown(k.old),
        new_shown=_shown(k.new),
        old_value=to_decimal(k.old.value) if k.old else None,
        new_value=to_decimal(k.new.value) if k.new else None,
        old_unit=k.old.unit if k.old else None,
        new_unit=k.new.unit if k.new else None,
        old_year=k.old.year if k.old else None,
        new_year=k.new.year if k.new else None,
        year=year,
        delta=delta,
        delta_text=delta_text,
        pct_change=pct,
        pct_text=None if pct is None else f"{'+' if pct > 0 else ''}{round(pct, 1)}%",
        trend=_trend(k, delta),
        sentence=_sentence(change, k),
        also_in=(),
        kind=shown.kind if (shown := k.new or k.old) else "other",
        old_target_year=k.old.target_year if k.old else None,
        new_target_year=k.new.target_year if k.new else None,
        rank_change=rank,
        restated=k.restated,
        comparable=judge.comparable(k),
        old_qualifier=k.old.qualifier if k.old else None,
        new_qualifier=k.new.qualifier if k.new else None,
        target_status=k.target_status,
        group=judge.change_group(k),
    )


def one_row_per_figure(rows: Sequence[KpiRow]) -> tuple[KpiRow, ...]:
    """The same figure change told in several places is one row listing its places."""
    first: dict[tuple[object, ...], int] = {}
    out: list[KpiRow] = []
    for r in rows:
        # A table cell is one row's figure: its row and column are part of what it is.
        table = r.metric if "｜" in r.metric else None
        key = (r.old_text, r.new_text, r.old_value, r.new_value, r.old_unit, r.new_unit, r.year, table)
        if key not in first:
            first[key] = len(out)
            out.append(r)
            continue
        kept = out[first[key]]
        if r.anchor != kept.anchor and all(p.anchor != r.anchor for p in kept.also_in):
            out[first[key]] = replace(kept, also_in=(*kept.also_in, KpiPlace(r.anchor, r.section)))
    return tuple(out)


def reader_order(rows: Sequence[KpiRow]) -> tuple[KpiRow, ...]:
    """What a reader looks for first: quantities and targets, then dates, years and ordinals
    (日付・回次の変更); labels (renumbered articles) are left to the JSON. Within each:
    figures that moved, then figures dropped, then new ones, each in document order, so the
    rows of one sentence stay together.
    """

    def tier(r: KpiRow) -> tuple[int, int]:
        moved = 0 if r.old_text is not None and r.new_text is not None else 1 if r.new_text is None else 2
        return (0 if r.group == "quantity" else 1, moved)

    return tuple(sorted((r for r in rows if r.group != "label"), key=tier))
