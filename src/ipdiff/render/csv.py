"""changes.csv and kpis.csv, for spreadsheets.

- The text starts with U+FEFF: written as UTF-8 that is the BOM Excel needs to read
  Japanese correctly. Write the string as-is (`newline=""` or `.encode("utf-8")`), so the
  RFC 4180 `\\r\\n` row endings are not translated.
- Formula injection: a *text* cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
  leading `'` so a spreadsheet shows it instead of evaluating it. *Numeric* cells (values,
  deltas, lines, similarity) are formatted here from numbers (`-3`, `0.9231`) and left
  as they are: a negative number must stay a number, and a formatted number cannot
  carry a formula.
- `theme` is the report section (part > theme); `kind` the record kinds of the group;
  `measure` is false for the document's apparatus (headings, captions, 構成 entries).
- Years are integers (2024), never 2024.0.
- Record texts lose their `**` emphasis markers (a reader's format; the JSON keeps them);
  the parts of a split/merged group are joined with a newline inside the cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ipdiff.model import Change, Diff, Record
from ipdiff.render.build import diff_view
from ipdiff.render.highlights import is_measure
from ipdiff.render.numbers import format_number
from ipdiff.render.textdiff import plain
from ipdiff.render.views import DiffView

BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

CHANGES_HEADER = (
    "anchor",
    "type",
    "moved",
    "cosmetic",
    "similarity",
    "section",
    "theme",
    "kind",
    "measure",
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
    "percent_change",
    # How the change is told, and the years targets are set for.
    "kind",
    "old_target_year",
    "new_target_year",
    "rank_change",
    "restated",
    # Whether a delta is defined at all (a floor against a point value is not), and
    # what became of a target that left its place (kept elsewhere, or dropped).
    "comparable",
    "old_qualifier",
    "new_qualifier",
    "target_status",
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


def _kinds(change: Change) -> str:
    """The record kinds of the group, each once, in order (point, plan, caption, …)."""
    return ";".join(dict.fromkeys(m.kind for m in change.old + change.new))


def render_changes_csv(diff: Diff, view: DiffView | None = None) -> str:
    """changes.csv: one row per change (aligned group), in diff order."""
    rows = []
    for cv in (view or diff_view(diff)).changes:
        c, s = cv.change, cv.strength
        rows.append(
            (
                cv.anchor,
                c.type,
                c.moved,
                c.cosmetic,
                None if c.similarity is None else round(c.similarity, 4),
                cv.heading_path,
                cv.section,
                _kinds(c),
                is_measure(c),
                _ids(c.old),
                _lines(c.old),
                _text(c.old),
                _ids(c.new),
                _lines(c.new),
                _text(c.new),
                len(cv.kpis),
                s.old if s else None,
                s.new if s else None,
                s.direction if s else None,
            )
        )
    return _table(CHANGES_HEADER, rows)


def render_kpis_csv(diff: Diff, view: DiffView | None = None) -> str:
    """kpis.csv: one row per KPI change (labels only in JSON); values in base units,
    percent_change in percent."""
    rows = [
        (
            r.anchor,
            r.heading_path,
            r.metric_name,
            r.old_text,
            r.old_value,
            r.old_unit,
            r.old_year,
            r.new_text,
            r.new_value,
            r.new_unit,
            r.new_year,
            r.delta,
            r.pct_change,
            r.kind,
            r.old_target_year,
            r.new_target_year,
            r.rank_change,
            r.restated,
            r.comparable,
            r.old_qualifier,
            r.new_qualifier,
            r.target_status,
        )
        for v in [view or diff_view(diff)]
        for r in v.kpi_rows + v.calendar_rows
    ]
    return _table(KPIS_HEADER, rows)
