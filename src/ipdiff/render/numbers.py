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


# The multipliers a plan writes, largest first: a value is shown in the one its text uses.
NOTATIONS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "兆"),
    (Decimal(10) ** 10, "百億"),
    (Decimal(10) ** 8, "億"),
    (Decimal(10) ** 6, "百万"),
    (Decimal(10) ** 4, "万"),
)


def format_quantity(
    x: float | int | Decimal, unit: str, *, signed: bool = False, scale: tuple[Decimal, str] | None = None
) -> str:
    """A quantity for people: 300000000000 円 → `3,000億円`, with `+` when signed; in `scale`
    (the notation of the plan's own figure: 0.3兆円, not 3,000億円) when one is given."""
    d = to_decimal(x)
    mag = abs(d)
    suffix = ""
    if scale is not None:
        d, suffix = d / scale[0], scale[1]
    else:
        for size, name in _SCALES:
            if mag >= size:
                d, suffix = d / size, name
                break
    n = round(d, 2).normalize()
    if _is_integral(n):
        n = n.quantize(Decimal(1))
    sign = "+" if signed and n > 0 else ""
    return f"{sign}{format(n, ',f')}{suffix}{_UNIT_DISPLAY.get(unit, unit)}"


def notation_of(text: str, value: float) -> tuple[Decimal, str] | None:
    """The multiplier a figure is written with: `27.1兆円` → 兆, a table cell `18.8` worth
    1.88e11 → 百億; None for a figure written in full or in mixed units (1億2,000万円)."""
    if sum(1 for c in "兆億万" if c in text) > 1:
        return None
    for size, name in NOTATIONS:
        if f"{name}" in text and not any(f"{n}" in text for s, n in NOTATIONS if s > size and n.endswith(name)):
            return size, name
    digits = "".join(c for c in text.split("（")[0] if c.isdigit() or c == ".")
    if not digits or digits.count(".") > 1:
        return None
    written = Decimal(digits)
    for size, name in NOTATIONS:
        if written and to_decimal(value) == written * size:
            return size, name
    return None


__all__ = ["format_number", "format_quantity", "json_number", "to_decimal"]
