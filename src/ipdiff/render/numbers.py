"""Numbers for readers and machines: exact decimals, JSON/CSV numbers, quantities.

Floats go through `repr` into `Decimal`, so 6.1e12 - 5.8e12 is exactly 3e11 in every
output and on every machine. What a figure change means (its delta, percent, whether
it is comparable at all) is judged in compare/judge.py; here it is only written down.
"""

from __future__ import annotations

from decimal import Decimal

from ipdiff.compare.judge import to_decimal

_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "兆"),
    (Decimal(10) ** 8, "億"),
    (Decimal(10) ** 4, "万"),
)
_UNIT_DISPLAY: dict[str, str] = {"pt": "ポイント"}


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


__all__ = ["format_number", "format_quantity", "json_number", "to_decimal"]
