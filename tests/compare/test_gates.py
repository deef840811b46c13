"""`--fail-on kpi-lowered`: which KPI changes lower a target."""

from __future__ import annotations

from ipdiff.compare.gates import kpi_regressions, target_lowered
from ipdiff.model import Change, KpiChange, KpiValue, Record


def _change(unit: str, old: float, new: float, *, target: bool = True) -> KpiChange:
    return KpiChange(
        "指標",
        KpiValue(f"{old:g}{unit}", old, unit, 2030, target=target),
        KpiValue(f"{new:g}{unit}", new, unit, 2030, target=target),
    )


def test_a_smaller_target_is_lowered():
    assert target_lowered(_change("円", 2e12, 1.5e12))
    assert not target_lowered(_change("円", 1.5e12, 2e12))


def test_a_rank_is_better_when_smaller():
    # 世界5位 → 世界3位 asks for more; 3位 → 5位 asks for less.
    assert not target_lowered(_change("位", 5, 3))
    assert target_lowered(_change("位", 3, 5))


def test_only_targets_and_comparable_units_count():
    assert not target_lowered(_change("円", 2e12, 1e12, target=False))
    assert not target_lowered(
        KpiChange("指標", KpiValue("80%", 80, "%", 2030, target=True), KpiValue("10件", 10, "件", 2030, target=True))
    )
    assert not target_lowered(KpiChange("指標", None, KpiValue("10件", 10, "件", 2030, target=True)))


def _pair(unit: str, old: float, new: float, *, metric: str = "指標", target: bool = False) -> KpiChange:
    return KpiChange(
        metric,
        KpiValue(f"{old:g}{unit}", old, unit, 2030, metric=metric, target=target),
        KpiValue(f"{new:g}{unit}", new, unit, 2031, metric=metric, target=target),
    )


def _modified(*kpis: KpiChange, text: str = "指標は10件。") -> Change:
    old = Record("a" * 12, ("章",), "point", text, 3, 3, kpis=tuple(k.old for k in kpis if k.old))
    new = Record("b" * 12, ("章",), "point", text, 4, 4, kpis=tuple(k.new for k in kpis if k.new))
    return Change("modified", (old,), (new,), similarity=0.9, kpis=kpis)


def test_kpi_lowered_covers_a_figure_that_fell_where_higher_is_better():
    assert kpi_regressions(_modified(_pair("円", 5.8e12, 5.1e12))) == [
        "KPI figure fell (higher is better): 指標 5.8e+12円 → 5.1e+12円"
    ]
    assert kpi_regressions(_modified(_pair("円", 5.1e12, 5.8e12))) == []


def test_kpi_lowered_covers_a_figure_that_rose_where_lower_is_better():
    # A period, a rank, and a count of damage (named in the metric): more is worse.
    assert "rose (lower is better)" in kpi_regressions(_modified(_pair("日", 10, 14)))[0]
    assert "rose (lower is better)" in kpi_regressions(_modified(_pair("位", 4, 13)))[0]
    period = KpiChange(
        "審査", KpiValue("10", 10, "", kind="period"), KpiValue("14", 14, "", kind="period")
    )
    assert "rose (lower is better)" in kpi_regressions(_modified(period))[0]
    damage = _pair("件", 22, 38, metric="被害件数")
    assert "rose (lower is better)" in kpi_regressions(_modified(damage))[0]
    assert kpi_regressions(_modified(_pair("件", 38, 22, metric="被害件数"))) == []


def test_kpi_lowered_reads_harm_in_the_words_before_the_figure():
    k = KpiChange(
        "損失額",
        KpiValue("70億円", 7e9, "円", 2024, metric="損失額"),
        KpiValue("100億円", 1e10, "円", 2025, metric="損失額"),
    )
    assert kpi_regressions(_modified(k)) and "rose" in kpi_regressions(_modified(k))[0]
    unnamed = KpiChange(None, KpiValue("70件", 70, "件"), KpiValue("90件", 90, "件"))
    assert "rose" in kpi_regressions(_modified(unnamed, text="模倣品の流通は90件。"))[0]
    # Arrests of an infringement: more may be better policing; not judged.
    arrests = KpiChange(None, KpiValue("22件", 22, "件"), KpiValue("38件", 38, "件"))
    assert kpi_regressions(_modified(arrests, text="営業秘密侵害事犯の検挙事件数は38件。")) == []


def test_kpi_lowered_covers_targets_lowered_dropped_and_postponed():
    lowered = _pair("円", 50e12, 40e12, target=True)
    assert kpi_regressions(_modified(lowered))[0].startswith("KPI target lowered")
    dropped = KpiChange("目標", KpiValue("50兆円", 50e12, "円", 2033, metric="目標", target=True), None)
    assert kpi_regressions(_modified(dropped)) == ["KPI target dropped: 目標 50兆円"]
    postponed = KpiChange(
        "目標",
        KpiValue("50兆円", 50e12, "円", target=True, target_year=2030),
        KpiValue("50兆円", 50e12, "円", target=True, target_year=2033),
    )
    assert kpi_regressions(_modified(postponed)) == ["KPI target year pushed back: 目標 2030 → 2033"]
    gone = Record("c" * 12, ("章",), "point", "2033年までに50兆円。", 5, 5,
                  kpis=(KpiValue("50兆円", 50e12, "円", 2033, metric="規模", target=True),))
    removed = Change("removed", (gone,), ())
    assert kpi_regressions(removed) == ["KPI target dropped with its measure: 規模 50兆円"]
    # A new figure, or a figure that rose where higher is better, is no regression.
    assert kpi_regressions(_modified(KpiChange("x", None, KpiValue("1件", 1, "件")))) == []


def test_a_dropped_target_told_by_a_kpi_change_is_told_once():
    target = KpiValue("50兆円", 50e12, "円", 2033, metric="規模", target=True)
    gone = Record("c" * 12, ("章",), "point", "2033年までに50兆円。", 5, 5, kpis=(target,))
    # An equal value, not the same object (as read back from the parse cache).
    told = KpiValue("50兆円", 50e12, "円", 2033, metric="規模", target=True)
    removed = Change("removed", (gone,), (), kpis=(KpiChange("規模", told, None),))
    assert kpi_regressions(removed) == ["KPI target dropped with its measure: 規模 50兆円"]


def test_a_target_set_again_elsewhere_is_not_dropped():
    target = KpiValue("50兆円", 50e12, "円", metric="規模", target=True, target_year=2033)
    gone = Record("c" * 12, ("章",), "point", "2033年までに50兆円。", 5, 5, kpis=(target,))
    removed = Change("removed", (gone,), ())
    assert kpi_regressions(removed, frozenset({("value", 50e12, "円")})) == []
    assert kpi_regressions(removed, frozenset({(40e12, "円")})) != []
