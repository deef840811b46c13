"""judge.py: what a figure change means, decided once for every renderer and gate."""

from __future__ import annotations

from decimal import Decimal

from ipdiff.compare import judge
from ipdiff.compare.gates import kpi_regressions
from ipdiff.model import Change, Edition, KpiChange, KpiValue, Record


def v(text: str, value: float, unit: str, kind: str = "count", **kw) -> KpiValue:
    return KpiValue(text, value, unit, kind=kind, **kw)


def test_a_floor_against_a_point_value_is_not_comparable():
    k = KpiChange("相談件数", v("81件", 81, "件", year=2024), v("75件超", 75, "件", qualifier="超"))
    assert not judge.comparable(k) and judge.not_comparable(k)
    assert (judge.delta(k), judge.percent_change(k)) == (None, None)


def test_two_floors_compare_by_their_direction():
    k = KpiChange("相談件数", v("60件超", 60, "件", qualifier="超"), v("75件以上", 75, "件", qualifier="以上"))
    assert judge.comparable(k) and judge.delta(k) == Decimal(15)
    assert judge.percent_change(k) == Decimal("25.00")


def test_a_value_over_a_streak_is_not_one_years_count():
    k = KpiChange("件数", v("90件", 90, "件"), v("90件", 90, "件", over="4年連続"))
    assert not judge.comparable(k)


def test_approximations_are_point_values():
    k = KpiChange("予算", v("約2兆円", 2e12, "円", "amount", qualifier="約"), v("3兆円程度", 3e12, "円", "amount", qualifier="程度"))
    assert judge.comparable(k) and judge.percent_change(k) == Decimal("50.00")


def test_groups_of_figures():
    assert judge.figure_group(v("第3次", 3, "第次", "ordinal")) == "calendar"
    assert judge.figure_group(v("2025年5月1日", 20250501, "日付", "date")) == "calendar"
    assert judge.figure_group(v("第九条", 9, "条", "label")) == "label"
    assert judge.figure_group(v("3年ごと", 3, "年ごと", "frequency")) == "quantity"


def _change(old: KpiValue, new: KpiValue, text: str = "指標は") -> Change:
    a = Record("a" * 12, ("章",), "point", text + old.text, 1, 1, kpis=(old,))
    b = Record("b" * 12, ("章",), "point", text + new.text, 1, 1, kpis=(new,))
    return Change("modified", (a,), (b,), kpis=(KpiChange(old.metric, old, new),))


def test_kpi_lowered_ignores_dates_ordinals_and_labels():
    for kind, unit in (("date", "日付"), ("ordinal", "第次"), ("label", "条"), ("year", "年")):
        assert kpi_regressions(_change(v("b", 8, unit, kind, metric="m"), v("a", 3, unit, kind, metric="m"))) == []


def test_kpi_lowered_judges_floors_by_direction_and_skips_a_floor_against_a_point():
    fell = _change(v("70件以上", 70, "件", metric="支援件数", qualifier="以上"), v("50件以上", 50, "件", metric="支援件数", qualifier="以上"))
    assert kpi_regressions(fell) == ["KPI figure fell (higher is better): 支援件数 70件以上 → 50件以上"]
    mixed = _change(v("79件", 79, "件", metric="支援件数"), v("70件超", 70, "件", metric="支援件数", qualifier="超"))
    assert kpi_regressions(mixed) == []


def _edition(label: str, *records: Record) -> Edition:
    return Edition(label, "0" * 64, records)


def test_a_target_is_dropped_only_when_set_nowhere():
    goal = v("50兆円以上", 50e12, "円", "amount", metric="海外展開規模", target=True, target_year=2033, qualifier="以上")
    again = Record("n" * 12, ("章",), "point", "2033年までに50兆円以上", 3, 3, kpis=(goal,))
    gone = Record("o" * 12, ("章",), "point", "2033年までに50兆円以上", 1, 1, kpis=(goal,))
    removed = Change("removed", (gone,), (), kpis=(KpiChange(goal.metric, goal, None),))
    (kept,) = judge.judge_targets([removed], _edition("new", again))
    assert (kept.kpis[0].target_status, kept.kpis[0].kept_in) == ("kept", ("n" * 12,))
    (dropped,) = judge.judge_targets([removed], _edition("new"))
    assert dropped.kpis[0].target_status == "dropped"
    assert kpi_regressions(kept) == [] and kpi_regressions(dropped) != []


def test_a_figure_told_as_new_must_be_new_to_its_chapter():
    ceiling = v("一万二千円を超えない", 12000, "円", "amount", qualifier="以下")
    row = Record("r" * 12, ("章",), "point", "毎年一万二千円", 1, 1, kpis=(v("一万二千円", 12000, "円", "amount"),))
    old_rec = Record("o" * 12, ("章",), "point", "次に掲げる金額", 2, 2)
    new_rec = Record("n" * 12, ("章",), "point", "一万二千円を超えない範囲内", 2, 2, kpis=(ceiling,))
    c = Change("modified", (old_rec,), (new_rec,), kpis=(KpiChange(None, None, ceiling),))
    old, new = _edition("o", row, old_rec), _edition("n", new_rec)
    assert judge.new_to_the_section([c], old, new)[0].kpis == ()
    assert judge.new_to_the_section([c], _edition("o", old_rec), new)[0].kpis == c.kpis
