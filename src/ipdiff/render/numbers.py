"""Numbers for readers and machines: exact decimals, JSON/CSV numbers, quantities, KPI deltas.

Floats go through `repr` into `Decimal`, so 6.1e12 - 5.8e12 is exactly 3e11 in every
output and on every machine.
"""

from __future__ import annotations

from decimal import Decimal

from ipdiff.model import KpiChange

_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "兆"),
    (Decimal(10) ** 8, "億"),
    (Decimal(10) ** 4, "万"),
)
_UNIT_DISPLAY: dict[str, str] = {"pt": "ポイント"}


def to_decimal(x: float | int | Decimal) -> Decimal:
    """Exact decimal of a float as Python prints it, so 6.1e12 - 5.8e12 is exactly 3e11."""
    if isinstance(x, Decimal):
        return x
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {x!r}")
    return d


def _is_integral(d: Decimal) -> bool:
    return d == d.to_integral_value()


def json_number(x: float | int | Decimal) -> int | float:
    """Integers as ints (27100000000000, never 2.71e13); others rounded to 6 places."""
    d = to_decimal(x)
    if _is_integral(d):
        return int(d)
    # Non-integral floats are below 2**53, so 6 places stay within Decimal's precision.
    return float(round(d, 6))


def format_number(x: float | int | Decimal) -> str:
    """Plain decimal text, no exponent, no grouping: for CSV cells."""
    d = to_decimal(x)
    if _is_integral(d):
        return str(int(d))
    return format(round(d, 6).normalize(), "f")


def format_quantity(x: float | int | Decimal, unit: str, *, signed: bool = False) -> str:
    """A quantity for people: 300000000000 円 → `3,000億円`, with `+` when signed."""
    d = to_decimal(x)
    mag = abs(d)
    suffix = ""
    for size, name in _SCALES:
        if mag >= size:
            d, suffix = d / size, name
            break
    n = round(d, 2).normalize()
    if _is_integral(n):
        n = n.quantize(Decimal(1))
    sign = "+" if signed and n > 0 else ""
    return f"{sign}{format(n, ',f')}{suffix}{_UNIT_DISPLAY.get(unit, unit)}"


def kpi_delta(k: KpiChange) -> Decimal | None:
    """new − old, only when both exist and are in the same unit."""
    if k.old is None or k.new is None or k.old.unit != k.new.unit:
        return None
    return to_decimal(k.new.value) - to_decimal(k.old.value)


# Only amounts and counts have a percent change: a rate moves in points, a rank
# up or down, and a multiple, period or age is told by its difference.
PCT_KINDS = frozenset({"amount", "count"})


def kpi_pct_change(k: KpiChange) -> Decimal | None:
    """Percent change, to 2 places: the table's own 増減率 where it prints one, else
    computed for amounts and counts; None otherwise (or when old is 0)."""
    if k.printed_pct is not None:
        return to_decimal(k.printed_pct)
    delta = kpi_delta(k)
    if delta is None or k.old is None or to_decimal(k.old.value) == 0:
        return None
    if k.old.kind not in PCT_KINDS or k.new is None or k.new.kind not in PCT_KINDS:
        return None
    return round(delta / abs(to_decimal(k.old.value)) * 100, 2)


def kpi_rank_change(k: KpiChange) -> str | None:
    """`better` or `worse` for a rank (5位以内 → 4位以内 is better); None otherwise."""
    delta = kpi_delta(k)
    if delta is None or not delta or k.new is None or k.new.kind != "rank":
        return None
    return "better" if delta < 0 else "worse"


def kpi_target_moved(k: KpiChange) -> bool:
    """The same target, set for another year (2027年度までに8割 → 2029年度までに8割)."""
    return bool(
        k.old
        and k.new
        and k.old.target_year != k.new.target_year
        and (k.old.value, k.old.high, k.old.qualifier) == (k.new.value, k.new.high, k.new.qualifier)
    )
