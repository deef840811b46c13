"""render/numbers.py: exact decimals, quantities for people; the KPI deltas it writes come
from compare/judge.py (tested here with the formatting they feed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipdiff.compare.judge import delta as kpi_delta
from ipdiff.compare.judge import percent_change as kpi_pct_change
from ipdiff.compare.judge import rank_change as kpi_rank_change
from ipdiff.compare.judge import target_moved as kpi_target_moved
from ipdiff.model import KpiChange, KpiValue
from ipdiff.render.numbers import format_number, format_quantity, json_number, to_decimal


@pytest.mark.parametrize(
    ("value", "unit", "signed", "expected"),
    [
        (Decimal("300000000000"), "円", True, "+3,000億円"),
        (Decimal("27100000000000"), "円", False, "27.1兆円"),
        (Decimal("-1"), "位", True, "-1位"),
        (Decimal("20"), "pt", True, "+20ポイント"),
        (Decimal("0"), "件", True, "0件"),
        (Decimal("12345"), "人", False, "1.23万人"),
        (Decimal("2.5"), "%", False, "2.5%"),
    ],
)
def test_render_numbers_format_quantity(
    value: Decimal, unit: str, signed: bool, expected: str
) -> None:
    assert format_quantity(value, unit, signed=signed) == expected


def test_render_numbers_float_differences_are_exact() -> None:
    # Through repr: 6.1e12 - 5.8e12 would be 299999999999.99976 in binary floats.
    assert to_decimal(6.1e12) - to_decimal(5.8e12) == Decimal("3E+11")
    with pytest.raises(ValueError):
        to_decimal(float("nan"))


@pytest.mark.parametrize(
    ("value", "expected"), [(3e11, "300000000000"), (0.25, "0.25"), (1 / 3, "0.333333"), (-7.0, "-7")]
)
def test_render_numbers_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_render_numbers_kpi_delta_and_pct() -> None:
    old, new = KpiValue("4割", 40.0, "%", kind="rate"), KpiValue("6割", 60.0, "%", kind="rate")
    assert kpi_delta(KpiChange("率", old, new)) == Decimal("20.0")
    # A rate has no percent change (+20 pt, never +50 %); an amount or a count has one,
    # and a table's printed rate of change wins over one recomputed from rounded values.
    assert kpi_pct_change(KpiChange("率", old, new)) is None
    a, b = KpiValue("0.6", 0.6e12, "円", kind="amount"), KpiValue("0.5", 0.5e12, "円", kind="amount")
    assert kpi_pct_change(KpiChange("x", a, b)) == Decimal("-16.67")
    assert kpi_pct_change(KpiChange("x", a, b, printed_pct=-14.17)) == Decimal("-14.17")
    r1, r2 = KpiValue("5位以内", 5.0, "位", kind="rank"), KpiValue("4位以内", 4.0, "位", kind="rank")
    assert (kpi_pct_change(KpiChange("x", r1, r2)), kpi_rank_change(KpiChange("x", r1, r2))) == (None, "better")
    # Different units, a missing side or an old value of 0: no delta or no percent.
    assert kpi_delta(KpiChange("x", old, KpiValue("6件", 6.0, "件"))) is None
    assert kpi_delta(KpiChange("x", None, new)) is None
    assert kpi_pct_change(KpiChange("x", KpiValue("0件", 0.0, "件", kind="count"),
                                    KpiValue("3件", 3.0, "件", kind="count"))) is None
    assert json_number(kpi_delta(KpiChange("x", old, new)) or 0) == 20


def test_render_numbers_a_target_moved_in_time_is_told_as_such() -> None:
    old = KpiValue("8割", 80.0, "%", kind="rate", target=True, target_year=2027)
    new = KpiValue("8割", 80.0, "%", kind="rate", target=True, target_year=2029)
    assert kpi_target_moved(KpiChange("割合", old, new))
    assert not kpi_target_moved(KpiChange("割合", old, KpiValue("9割", 90.0, "%", kind="rate", target_year=2029)))
    assert not kpi_target_moved(KpiChange("割合", old, None))


def test_render_numbers_values_keep_the_plans_notation() -> None:
    from ipdiff.render.numbers import notation_of

    # A table cell 0.6 in a 兆円 column is 0.6兆円, not 6,000億円.
    assert format_quantity(0.6e12, "円", scale=notation_of("0.6", 0.6e12)) == "0.6兆円"
    assert format_quantity(1.88e11, "米ドル", scale=notation_of("18.8", 1.88e11)) == "18.8百億米ドル"
    assert format_quantity(3.6e12, "円", signed=True, scale=notation_of("30.7兆円", 30.7e12)) == "+3.6兆円"
    # Mixed or plain notation: the usual reading.
    assert notation_of("1億2,000万円", 1.2e8) is None and notation_of("3,000社", 3000) is None
