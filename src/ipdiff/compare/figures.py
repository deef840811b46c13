"""Pair the figures of one aligned group by their place in the two texts.

Each figure is replaced by one placeholder character (one per unit), the two texts are
aligned character by character (Levenshtein opcodes, no model needed at diff time),
and figures that sit in corresponding spans pair up: 「中小企業はマイナス3ポイント（例：
15%→12%）」→「中小企業はマイナス4ポイント（例：15%→11%）」 pairs 3→4 and 12→11 and
leaves 15% alone. A figure on one side only is added or dropped, never paired with an
unrelated one. Table figures pair by row and column: each edition's newest column against
the other's newest (the headline), a column both hold against itself (`restated`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from rapidfuzz.distance import Indel, Levenshtein

from ipdiff.model import KpiChange, KpiValue, Record

ROW_MATCH = 0.6  # how alike two table row labels must be to be the same row
_PLACEHOLDERS = 0xE000  # the Unicode private use area: never in a plan's text
_YEAR_IN_LABEL = re.compile(r"(?:19|20)\d\d")
_OWN_EDITION = "〈本版〉"  # a column named after the edition itself is its newest


def differs(a: KpiValue, b: KpiValue) -> bool:
    """A change a reader would want told: value, range, unit, qualifier or either year."""
    return (a.value, a.high, a.unit, a.qualifier, a.year, a.target_year) != (
        b.value,
        b.high,
        b.unit,
        b.qualifier,
        b.year,
        b.target_year,
    )


# Units of one dimension: 六月 → 一年 is the same period, told in another unit.
_DIMENSIONS = {"年": "期間", "か月": "期間", "週": "期間", "日": "期間"}


def _dimension(unit: str) -> str:
    return _DIMENSIONS.get(unit, unit)


def _placeholder(unit: str) -> str:
    # Same dimension, same character: only figures of one dimension can sit in matching places.
    return chr(_PLACEHOLDERS + zlib.crc32(_dimension(unit).encode()) % 4096)


def _skeleton(text: str, figures: Sequence[KpiValue]) -> tuple[str, list[int]]:
    """The text with each figure as one character, and where each figure's character is."""
    out: list[str] = []
    where: list[int] = []
    at = 0
    length = 0
    for k in figures:
        if k.start < at or k.end <= k.start:
            where.append(-1)  # no usable place (an old cache entry): paired by name only
            continue
        out.append(text[at : k.start])
        length += k.start - at
        where.append(length)
        out.append(_placeholder(k.unit))
        length += 1
        at = k.end
    out.append(text[at:])
    return "".join(out), where


def _joined(records: Sequence[Record]) -> tuple[str, list[KpiValue]]:
    """One text for a split/merged side, with figures placed in it."""
    from dataclasses import replace

    text, figures, offset = "", [], 0
    for r in records:
        figures += [replace(k, start=k.start + offset, end=k.end + offset) for k in r.kpis]
        text += r.text + "\n"
        offset = len(text)
    return text, figures


def _pair_by_place(
    old_text: str, old: Sequence[KpiValue], new_text: str, new: Sequence[KpiValue]
) -> list[tuple[int, int]]:
    a, where_a = _skeleton(old_text, old)
    b, where_b = _skeleton(new_text, new)
    at_a = {p: i for i, p in enumerate(where_a) if p >= 0}
    at_b = {p: j for j, p in enumerate(where_b) if p >= 0}
    pairs: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag not in ("equal", "replace"):
            continue
        left = [at_a[p] for p in range(op.src_start, op.src_end) if p in at_a]
        right = [at_b[p] for p in range(op.dest_start, op.dest_end) if p in at_b]
        for i in left:
            for j in right:
                if _dimension(old[i].unit) == _dimension(new[j].unit):  # the first of its dimension, in order
                    pairs.append((i, j))
                    right.remove(j)
                    break
    return pairs


def _pair_leftovers_by_name(
    old: Sequence[KpiValue], new: Sequence[KpiValue], used_old: set[int], used_new: set[int]
) -> list[tuple[int, int]]:
    """A figure that moved within the sentence: the only one of its name and unit on each side."""
    pairs = []
    for i, a in enumerate(old):
        if i in used_old or not a.metric:
            continue
        same = [j for j, b in enumerate(new) if j not in used_new and b.metric == a.metric and b.unit == a.unit]
        twins = [k for k, c in enumerate(old) if k not in used_old and c.metric == a.metric and c.unit == a.unit]
        if len(same) == 1 and len(twins) == 1:
            pairs.append((i, same[0]))
            used_new.add(same[0])
    return pairs


def _text_changes(
    old_text: str, old: Sequence[KpiValue], new_text: str, new: Sequence[KpiValue]
) -> list[tuple[tuple[int, int], KpiChange]]:
    pairs = _pair_by_place(old_text, old, new_text, new)
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    pairs += _pair_leftovers_by_name(old, new, used_old, used_new)
    used_old = {i for i, _ in pairs}
    out = [((new[j].start, j), KpiChange(new[j].metric or old[i].metric, old[i], new[j])) for i, j in pairs if differs(old[i], new[j])]
    # A figure on one side only is added or dropped, unless the same figure is on the
    # other side (a sentence that only moved its figures around).
    new_keys = {(k.value, k.unit, k.year) for k in new}
    old_keys = {(k.value, k.unit, k.year) for k in old}
    for j, k in enumerate(new):
        if j not in used_new and (k.value, k.unit, k.year) not in old_keys:
            out.append(((k.start, j), KpiChange(k.metric, None, k)))
    for i, k in enumerate(old):
        if i not in used_old and (k.value, k.unit, k.year) not in new_keys:
            out.append(((len(new_text) + k.start, len(new) + i), KpiChange(k.metric, k, None)))
    return out


def _row_and_column(metric: str | None) -> tuple[str, str]:
    row, _, column = (metric or "").rpartition("｜")
    return row, column


def _column_year(column: str) -> int | None:
    if _OWN_EDITION in column:
        return 9999
    years = _YEAR_IN_LABEL.findall(column)
    return int(years[-1]) if years else None


def _rows(figures: Sequence[KpiValue]) -> dict[str, list[KpiValue]]:
    rows: dict[str, list[KpiValue]] = {}
    for k in figures:
        rows.setdefault(_row_and_column(k.metric)[0], []).append(k)
    return rows


def _row_pairs(old: dict[str, list[KpiValue]], new: dict[str, list[KpiValue]]) -> list[tuple[str, str]]:
    pairs = [(r, r) for r in old if r in new]
    left = [r for r in old if r not in new]
    right = [r for r in new if r not in old]
    if len(left) == 1 and len(right) == 1:  # one row each: the same row, relabelled
        return [*pairs, (left[0], right[0])]
    for r in left:
        best = max(right, key=lambda s: Indel.normalized_similarity(r, s), default=None)
        if best is not None and Indel.normalized_similarity(r, best) >= ROW_MATCH:
            pairs.append((r, best))
            right.remove(best)
    return pairs


def _newest(cells: Sequence[KpiValue]) -> KpiValue | None:
    dated = [(y, n, k) for n, k in enumerate(cells) if (y := _column_year(_row_and_column(k.metric)[1]))]
    return max(dated, key=lambda t: (t[0], -t[1]))[2] if dated else None


def _table_changes(old: Sequence[KpiValue], new: Sequence[KpiValue]) -> list[KpiChange]:
    out: list[KpiChange] = []
    old_rows, new_rows = _rows(old), _rows(new)
    pairs = _row_pairs(old_rows, new_rows)
    # A row on one side only: its newest figure is added or dropped (the older columns
    # are the table's history, not news).
    paired_old, paired_new = {a for a, _ in pairs}, {b for _, b in pairs}
    for r in [r for r in old_rows if r not in paired_old]:
        if (top := _newest(old_rows[r])) is not None:
            out.append(KpiChange(top.metric, top, None))
    for r in [r for r in new_rows if r not in paired_new]:
        if (top := _newest(new_rows[r])) is not None:
            out.append(KpiChange(top.metric, None, top))
    for r_old, r_new in pairs:
        a_cells, b_cells = old_rows[r_old], new_rows[r_new]
        a_top, b_top = _newest(a_cells), _newest(b_cells)
        if a_top is not None and b_top is not None and differs(a_top, b_top):
            printed = next((k.value for k in b_cells if "増減率" in _row_and_column(k.metric)[1]), None)
            # Named by its row: the columns are each edition's own newest.
            out.append(KpiChange(r_new, a_top, b_top, printed_pct=printed))
        b_by_column = {_row_and_column(k.metric)[1]: k for k in b_cells}
        for a in a_cells:
            column = _row_and_column(a.metric)[1]
            b = b_by_column.get(column)
            if b is None or (a is a_top and b is b_top) or not differs(a, b):
                continue
            # A dated column both hold is a revision of last year's figure; an undated
            # one (増減率) is the row's own figure.
            out.append(KpiChange(b.metric, a, b, restated=_column_year(column) is not None))
    return out


def _is_table(k: KpiValue) -> bool:
    return bool(k.metric) and "｜" in (k.metric or "")


def figure_changes(olds: Sequence[Record], news: Sequence[Record]) -> tuple[KpiChange, ...]:
    """The figures that changed inside one aligned group, in new-document order."""
    old_text, old = _joined(olds)
    new_text, new = _joined(news)
    text_old = [k for k in old if not _is_table(k)]
    text_new = [k for k in new if not _is_table(k)]
    changes = [c for _, c in sorted(_text_changes(old_text, text_old, new_text, text_new), key=lambda t: t[0])]
    changes += _table_changes([k for k in old if _is_table(k)], [k for k in new if _is_table(k)])
    return tuple(changes)
