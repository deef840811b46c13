"""Figures in tables: units from the header (or the row label), years from the cells.

Tab-separated tables come from the PDF extraction (one record per row, see segment.py);
a Markdown table is one record and is read here row by row. A figure's metric is
`row label｜column label`, so figures pair by row and column across editions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ipdiff.model import KpiValue
from ipdiff.parse.numerals import MULTIPLIERS, UNITS, WIDTH, FigureKind, kind_of_unit

_NUM = r"\d{1,15}(?:,\d{3})*(?:\.\d{1,8})?"


def parse_decimal(num: str) -> Decimal:
    """A numeral as the source writes it (full-width, thousands commas) → Decimal."""
    return Decimal(num.translate(WIDTH).replace(",", ""))


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its label (header rows joined) and its unit."""

    index: int
    label: str
    unit: str | None
    factor: Decimal


_UNIT_IN_HEADER = re.compile(r"[（(]\s*(?:単位\s*[：:]\s*)?(?P<u>[^)）]{1,12})[)）]")


def _unit_of(header: str) -> tuple[str | None, Decimal]:
    """`（単位：兆円）`, `（兆円）`, `（%）` → (base unit, factor); (None, 1) otherwise."""
    for m in _UNIT_IN_HEADER.finditer(header.translate(WIDTH)):
        u = m.group("u").strip()
        mult = next((k for k in sorted(MULTIPLIERS, key=len, reverse=True) if u.startswith(k)), "")
        rest = u[len(mult) :]
        if rest in UNITS:
            base, factor, _ = UNITS[rest]
            return base, factor * MULTIPLIERS.get(mult, Decimal(1))
    return None, Decimal(1)


def _label(header: str) -> str:
    return re.sub(r"[（(]\s*単位\s*[：:][^)）]*[)）]", "", header).strip()


def parse_table_header(rows: list[list[str]]) -> list[Column]:
    """Columns from header rows; a group header spans until the next non-empty cell."""
    width = max((len(r) for r in rows), default=0)
    spans: list[list[str]] = []
    for row in rows:
        filled: list[str] = []
        current = ""
        for c in range(width):
            cell = row[c].strip() if c < len(row) else ""
            if cell:
                current = cell
            filled.append(current)
        spans.append(filled)
    columns = []
    for c in range(width):
        parts = [s[c] for s in spans if s[c]]
        unit, factor = None, Decimal(1)
        for part in reversed(parts):  # the most specific header wins
            unit, factor = _unit_of(part)
            if unit:
                break
        label = "｜".join(_label(p) for p in parts)
        columns.append(Column(c, label, unit, factor))
    return columns


_CELL = re.compile(rf"^(?P<num>[-−‐▲△]?{_NUM})\s*(?:\(\s*(?P<y>(?:20|19)\d\d)年度?\))?$")


def _cell(cell: str) -> re.Match[str] | None:
    return _CELL.match(cell.strip().translate(WIDTH))


def extract_table_kpis(cells: list[str], columns: list[Column]) -> tuple[KpiValue, ...]:
    """One value per numeric cell; the unit comes from the column header or the row label."""
    label_cells = [c.strip() for c in cells if c.strip() and not _cell(c)]
    row_unit, row_factor = _unit_of(label_cells[0]) if label_cells else (None, Decimal(1))
    row_label = " / ".join(label_cells)
    values = []
    for c, cell in enumerate(cells):
        m = _cell(cell)
        if not m:
            continue
        col = columns[c] if c < len(columns) else Column(c, "", None, Decimal(1))
        unit, factor = (col.unit, col.factor) if col.unit else (row_unit, row_factor)
        num = m.group("num")
        sign = -1 if num[0] in "-−‐▲△" else 1
        kind: FigureKind = kind_of_unit(unit or "")
        values.append(
            KpiValue(
                text=cell.strip(),
                value=float(sign * parse_decimal(num.lstrip("-−‐▲△")) * factor),
                unit=unit or "",
                year=int(m.group("y")) if m.group("y") else None,
                qualifier=None,
                metric=f"{row_label}｜{col.label}" if col.label else row_label,
                kind=kind if unit else "other",
            )
        )
    return tuple(values)


# Row labels that say how a row is summed, not what it measures: named by their table.
GENERIC_NAMES = frozenset({"合計", "小計", "計", "総計", "総額", "全体", "総数"})


def name_generic_rows(values: tuple[KpiValue, ...], table: str) -> tuple[KpiValue, ...]:
    """A 合計 row's cells named by the table they sum (クールジャパン関連産業の海外展開の合計｜…)."""
    from dataclasses import replace

    out = []
    for k in values:
        row, bar, column = (k.metric or "").partition("｜")
        if row.strip() in GENERIC_NAMES:
            k = replace(k, metric=f"{table}の{row.strip()}{bar}{column}")
        out.append(k)
    return tuple(out)


_MD_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_table_kpis(
    text: str, read_prose: Callable[[str], tuple[KpiValue, ...]] | None = None
) -> tuple[KpiValue, ...] | None:
    """The figures of a record that is a Markdown table (header, rule, rows), else None.

    A cell that says its figures in words (毎年千七百円に一発明につき千百円を加えた額) is read
    by `read_prose`; its figures are named by column and row and pair by their place.
    """
    lines = text.split("\n")
    if len(lines) < 3 or not _MD_RULE.match(lines[1]) or not _MD_ROW.match(lines[0]):
        return None
    columns = parse_table_header([_cells(lines[0])])
    values: list[KpiValue] = []
    offset = len(lines[0]) + len(lines[1]) + 2
    for line in lines[2:]:
        if _MD_ROW.match(line):
            cells = _cells(line)
            found = extract_table_kpis(cells, columns)
            at = 0
            for k in found:  # where each cell sits, so pairing can find it
                at = line.find(k.text, at)
                values.append(_placed(k, offset + at))
                at += len(k.text)
            if read_prose is not None:
                values += _prose_cells(cells, columns, line, offset, read_prose)
        offset += len(line) + 1
    return tuple(values)


def _prose_cells(
    cells: list[str], columns: list[Column], line: str, offset: int, read_prose: Callable[[str], tuple[KpiValue, ...]]
) -> list[KpiValue]:
    from dataclasses import replace

    row = next((c for c in cells if c and not _cell(c)), "")
    out: list[KpiValue] = []
    at = 0
    for c, cell in enumerate(cells):
        if not cell or _cell(cell) or cell == row:
            continue
        at = line.find(cell, at)
        column = columns[c].label if c < len(columns) else ""
        name = f"{column}（{row}）" if column else row
        for k in read_prose(cell):
            if k.kind in ("label", "ordinal"):
                continue
            metric = name if not k.metric or k.metric in ("金額", "期間") else f"{name}：{k.metric}"
            out.append(replace(k, metric=metric, start=offset + at + k.start, end=offset + at + k.end))
        at += len(cell)
    return out


def _cells(line: str) -> list[str]:
    m = _MD_ROW.match(line)
    return [c.strip() for c in (m.group(1) if m else line).split("|")]


def _placed(k: KpiValue, start: int) -> KpiValue:
    from dataclasses import replace

    return replace(k, start=start, end=start + len(k.text))
