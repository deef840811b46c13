"""Every judgement of a figure change, in one place: renderers and gates only format them.

- comparable or not: two point values, or two bounds of the same side (以上 and 超, 以下
  and 未満), about the same span, in the same unit. A floor or a ceiling against a point
  value (70件超 vs 79件), or a value over three years against one year's, is 「比較不可」:
  no delta, no percent, no direction.
- delta, percent change (amounts and counts only), rank better/worse, a target year moved;
- which group a figure belongs to: a quantity, a date/year/ordinal (日付・回次), a label;
- lowered (the wrong way: lower is better for ranks, periods and counts of harm), a
  target lowered;
- a target kept or dropped: dropped only if the new edition sets the same target (same
  name and value, or the same value in the same wording) nowhere.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Literal

from ipdiff.model import Change, Edition, KpiChange, KpiValue, Record
from ipdiff.parse.numerals import CALENDAR_KINDS

FLOORS = frozenset({"以上", "超", "下限"})
CEILINGS = frozenset({"以下", "未満", "以内", "上限"})
Bound = Literal["floor", "ceiling", "point"]
FigureGroup = Literal["quantity", "calendar", "label"]
# Only amounts and counts have a percent change: a rate moves in points, a rank
# up or down, and a multiple, period or age is told by its difference.
PERCENT_KINDS = frozenset({"amount", "count"})
# Units and kinds where a smaller number is better: a rank, a period.
LOWER_IS_BETTER_UNITS = frozenset({"位", "年", "か月", "ヶ月", "月", "日", "時間", "週"})
LOWER_IS_BETTER_KINDS = frozenset({"rank", "period"})
# Words that make a count or amount a harm: fewer is better (被害額, 侵害事犯の件数, 待ち期間).
HARM_WORDS = ("被害", "損失", "損害", "侵害", "流出", "漏洩", "海賊版", "模倣品", "期間", "待ち")
# Counts of enforcement (検挙事件数): more may mean more crime or better policing, so
# their direction is not judged (a target of them still is).
ENFORCEMENT_WORDS = ("検挙", "摘発")


def to_decimal(x: float | int | Decimal) -> Decimal:
    """Exact decimal of a float as Python prints it, so 6.1e12 - 5.8e12 is exactly 3e11."""
    if isinstance(x, Decimal):
        return x
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {x!r}")
    return d


def bound(v: KpiValue) -> Bound:
    if v.qualifier in FLOORS:
        return "floor"
    if v.qualifier in CEILINGS:
        return "ceiling"
    return "point"


def figure_group(v: KpiValue) -> FigureGroup:
    """Where a reader looks for it: the KPI table, 日付・回次の変更, or nowhere but the JSON."""
    if v.kind == "label":
        return "label"
    return "calendar" if v.kind in CALENDAR_KINDS else "quantity"


def change_group(k: KpiChange) -> FigureGroup:
    side = k.new or k.old
    return figure_group(side) if side is not None else "quantity"


def comparable(k: KpiChange) -> bool:
    """Both sides present, the same unit, the same kind of bound, the same span."""
    if k.old is None or k.new is None or k.old.unit != k.new.unit:
        return False
    if change_group(k) == "label":
        return False
    return bound(k.old) == bound(k.new) and k.old.over == k.new.over


def not_comparable(k: KpiChange) -> bool:
    """Two values of one unit that cannot be subtracted (a floor against a point value)."""
    return k.old is not None and k.new is not None and k.old.unit == k.new.unit and not comparable(k)


def delta(k: KpiChange) -> Decimal | None:
    """new − old, only when the two are comparable."""
    if not comparable(k) or k.old is None or k.new is None:
        return None
    return to_decimal(k.new.value) - to_decimal(k.old.value)


def percent_change(k: KpiChange) -> Decimal | None:
    """Percent change, to 2 places: the table's own 増減率 where it prints one, else
    computed for comparable amounts and counts; None otherwise (or when old is 0)."""
    if k.printed_pct is not None:
        return to_decimal(k.printed_pct)
    d = delta(k)
    if d is None or k.old is None or k.new is None or to_decimal(k.old.value) == 0:
        return None
    if k.old.kind not in PERCENT_KINDS or k.new.kind not in PERCENT_KINDS:
        return None
    return round(d / abs(to_decimal(k.old.value)) * 100, 2)


def rank_change(k: KpiChange) -> str | None:
    """`better` or `worse` for a rank (5位以内 → 4位以内 is better); None otherwise."""
    d = delta(k)
    if d is None or not d or k.new is None or k.new.kind != "rank":
        return None
    return "better" if d < 0 else "worse"


def target_moved(k: KpiChange) -> bool:
    """The same target, set for another year (2027年度までに8割 → 2029年度までに8割)."""
    return bool(
        k.old
        and k.new
        and k.old.target_year != k.new.target_year
        and (k.old.value, k.old.high, k.old.qualifier) == (k.new.value, k.new.high, k.new.qualifier)
    )


def lower_is_better(v: KpiValue, context: str = "") -> bool:
    """A rank, a period, or a count/amount of harm (the words just before the figure)."""
    if v.unit in LOWER_IS_BETTER_UNITS or v.kind in LOWER_IS_BETTER_KINDS:
        return True
    return any(w in (v.metric or "") or w in context for w in HARM_WORDS)


def worse(k: KpiChange, lower_better: bool) -> bool:
    """The new value is on the wrong side of the old; a pair not comparable is never judged.

    Two floors or two ceilings are judged by their direction like two point values:
    90件超 after 70件超 is more, 5年以下 after 10年以下 is less.
    """
    d = delta(k)
    if d is None or change_group(k) != "quantity":
        return False
    return d > 0 if lower_better else d < 0


def target_lowered(k: KpiChange, context: str = "") -> bool:
    """A target whose new value asks for less than the old one (`context`: the words before it)."""
    if k.old is None or k.new is None or not (k.old.target or k.new.target):
        return False
    return worse(k, lower_is_better(k.new, context))


def figure_lowered(k: KpiChange, context: str = "") -> bool:
    """A figure (not a target) that moved the wrong way; counts of enforcement are not judged."""
    if k.old is None or k.new is None or k.old.target or k.new.target:
        return False
    if any(w in (k.new.metric or "") + context for w in ENFORCEMENT_WORDS):
        return False
    return worse(k, lower_is_better(k.new, context))


def target_year_pushed_back(k: KpiChange) -> bool:
    old_year = k.old.target_year if k.old else None
    new_year = k.new.target_year if k.new else None
    return old_year is not None and new_year is not None and new_year > old_year


# A target, as the new edition may set it again: (name, value, unit) and (value, unit, wording).
Target = tuple[object, ...]


def target_keys(v: KpiValue) -> tuple[Target, ...]:
    # A target restated without its qualifier or under another name (50兆円以上 → 50兆円) is still set.
    keys: list[Target] = [("value", v.value, v.unit)]
    if v.metric:
        keys.append(("metric", v.metric, v.value, v.unit))
    return tuple(keys)


def kept_targets(new: Edition) -> dict[Target, tuple[str, ...]]:
    """Every target the new edition sets, with the ids of the records that set it."""
    places: dict[Target, list[str]] = {}
    for m in new.records:
        for v in m.kpis:
            if v.target and figure_group(v) == "quantity":
                for key in target_keys(v):
                    ids = places.setdefault(key, [])
                    if m.id not in ids:
                        ids.append(m.id)
    return {key: tuple(ids) for key, ids in places.items()}


def target_places(v: KpiValue, kept: Mapping[Target, Sequence[str]] | Collection[Target]) -> tuple[str, ...]:
    """Where the new edition sets this target again (record ids; empty when nowhere)."""
    found: list[str] = []
    for key in target_keys(v):
        if key in kept:
            ids = kept[key] if isinstance(kept, Mapping) else ("?",)
            found += [i for i in ids if i not in found]
    return tuple(found)


def target_gone(v: KpiValue, kept: Mapping[Target, Sequence[str]] | Collection[Target]) -> bool:
    """A target no longer set anywhere: one restated in another measure is not dropped."""
    return v.target and figure_group(v) == "quantity" and not target_places(v, kept)


def target_dropped(k: KpiChange, kept: Mapping[Target, Sequence[str]] | Collection[Target] = frozenset()) -> bool:
    """A target that left its place and is set nowhere in the new edition."""
    if k.old is None or k.new is not None:
        return False
    if k.target_status is not None:  # judged when the diff was made
        return k.target_status == "dropped"
    return target_gone(k.old, kept)


def judge_targets(changes: Sequence[Change], new: Edition) -> tuple[Change, ...]:
    """Each figure change of a target that leaves its place is marked kept (with the places
    the new edition still sets it) or dropped."""
    kept = kept_targets(new)
    out = []
    for c in changes:
        if not any(k.old is not None and k.old.target for k in c.kpis):
            out.append(c)
            continue
        kpis = []
        for k in c.kpis:
            if k.old is not None and k.old.target and (k.new is None or not k.new.target):
                places = tuple(i for i in target_places(k.old, kept) if i not in {m.id for m in c.new})
                kpis.append(replace(k, target_status="kept" if places else "dropped", kept_in=places))
            else:
                kpis.append(k)
        out.append(replace(c, kpis=tuple(kpis)))
    return tuple(out)


def _stated(edition: Edition) -> set[tuple[object, ...]]:
    return {(m.section[:1], v.value, v.unit) for m in edition.records for v in m.kpis if v.kind != "label"}


def new_to_the_section(changes: Sequence[Change], old: Edition, new: Edition) -> tuple[Change, ...]:
    """Keep a figure on one side only when it is news: a figure told as new must be new to
    its chapter (a fee ceiling that keeps the old table's top amount is not), a figure told
    as gone must be gone from it. A target that leaves its place is always kept (it is
    judged kept or dropped); a label on one side only says nothing (renumbering is a pair)."""
    in_old, in_new = _stated(old), _stated(new)

    def news(k: KpiChange, chapter: tuple[str, ...]) -> bool:
        if k.old is not None and k.new is not None:
            return True
        side = k.new if k.new is not None else k.old
        if side is None or side.kind == "label":
            return False
        if k.new is None and side.target:
            return True
        other = in_old if k.old is None else in_new
        return (chapter, side.value, side.unit) not in other

    out = []
    for c in changes:
        kpis = tuple(k for k in c.kpis if news(k, c.section[:1]))
        out.append(c if len(kpis) == len(c.kpis) else replace(c, kpis=kpis))
    return tuple(out)


def dropped_targets(change: Change, kept: Mapping[Target, Sequence[str]] | Collection[Target]) -> list[KpiValue]:
    """Targets of a removed measure, set nowhere else, that no KPI change of it tells."""
    if change.type != "removed":
        return []
    told = [k.old for k in change.kpis]
    return [v for m in change.old for v in m.kpis if target_gone(v, kept) and v not in told]


def record_of(change: Change, v: KpiValue) -> Record | None:
    for m in change.old + change.new:
        if v in m.kpis:
            return m
    return None
