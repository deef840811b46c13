"""changes.csv and kpis.csv, for spreadsheets.

- The text starts with U+FEFF: written as UTF-8 that is the BOM Excel needs to read
  Japanese correctly. Write the string as-is (`newline=""` or `.encode("utf-8")`), so the
  RFC 4180 `\\r\\n` row endings are not translated.
- Formula injection: a *text* cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
  leading `'` so a spreadsheet shows it instead of evaluating it. *Numeric* cells (values,
  deltas, lines, similarity) are formatted here from numbers (`-3`, `0.9231`) and left
  as they are: a negative number must stay a number, and a formatted number cannot
  carry a formula.
- Record texts lose their `**` emphasis markers (a reader's format; the JSON keeps them);
  the parts of a split/merged group are joined with a newline inside the cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ipdiff.model import Diff, Record
from ipdiff.render.context import (
    format_number,
    kpi_delta,
    kpi_pct_change,
    plain,
    section_path,
    unique_anchors,
)

BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

CHANGES_HEADER = (
    "anchor",
    "type",
    "moved",
    "cosmetic",
    "similarity",
    "section",
    "old_ids",
    "old_lines",
    "old_text",
    "new_ids",
    "new_lines",
    "new_text",
    "kpi_changes",
    "strength_old",
    "strength_new",
    "direction",
)
KPIS_HEADER = (
    "anchor",
    "section",
    "metric",
    "old_text",
    "old_value",
    "old_unit",
    "old_year",
    "new_text",
    "new_value",
    "new_unit",
    "new_year",
    "delta",
    "pct_change",
)

Cell = str | int | float | Decimal | bool | None


def cell(value: Cell) -> str:
    """One cell's text: numbers formatted, booleans as true/false, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    if value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return BOM + buf.getvalue()


def _ids(side: Sequence[Record]) -> str:
    return ";".join(m.id for m in side)


def _lines(side: Sequence[Record]) -> str:
    # First lines only: Excel would read `12-13` as a date.
    return ";".join(str(m.line) for m in side)


def _text(side: Sequence[Record]) -> str:
    return "\n".join(plain(m.text) for m in side)


def render_changes_csv(diff: Diff) -> str:
    """changes.csv: one row per change (aligned group), in diff order."""
    rows = []
    for c, anchor in zip(diff.changes, unique_anchors(diff.changes), strict=True):
        s = c.strength
        rows.append(
            (
                anchor,
                c.type,
                c.moved,
                c.cosmetic,
                None if c.similarity is None else round(c.similarity, 4),
                section_path(c.section),
                _ids(c.old),
                _lines(c.old),
                _text(c.old),
                _ids(c.new),
                _lines(c.new),
                _text(c.new),
                len(c.kpis),
                s.old if s else None,
                s.new if s else None,
                s.direction if s else None,
            )
        )
    return _table(CHANGES_HEADER, rows)


def render_kpis_csv(diff: Diff) -> str:
    """kpis.csv: one row per KPI change; values in base units, pct_change in percent."""
    rows = []
    for c, anchor in zip(diff.changes, unique_anchors(diff.changes), strict=True):
        for k in c.kpis:
            o, n = k.old, k.new
            rows.append(
                (
                    anchor,
                    section_path(c.section),
                    k.metric or (n.metric if n else None) or (o.metric if o else None),
                    o.text if o else None,
                    o.value if o else None,
                    o.unit if o else None,
                    o.year if o else None,
                    n.text if n else None,
                    n.value if n else None,
                    n.unit if n else None,
                    n.year if n else None,
                    kpi_delta(k),
                    kpi_pct_change(k),
                )
            )
    return _table(KPIS_HEADER, rows)
