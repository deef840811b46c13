"""`--fail-on kpi-lowered`: which KPI changes lower a target."""

from __future__ import annotations

from ipdiff.gates import target_lowered
from ipdiff.model import KpiChange, KpiValue


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
