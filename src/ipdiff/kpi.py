"""Quantities in plan text → `KpiValue`s in base units.

`27.1兆円` → 27100000000000 円, `8割` → 80 %, `10ポイント` → 10 pt, `上位4位以内` → 4 位
(以内). The reference year comes from a following `（2024年）`, or from the nearest
`2025年には` / `令和8年度` before the number in the same sentence; `2033年までに` marks a
target. Bare years, dates, ordinals (`第7期`) and section numbers are not quantities.
Decimal arithmetic keeps `27.1兆` exactly 27100000000000.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ipdiff.model import KpiValue

_DIGITS = "0-9０-９"
_NUM = rf"[{_DIGITS}][{_DIGITS},，]*(?:[.．][{_DIGITS}]+)?"
_MULTIPLIERS: dict[str, Decimal] = {
    "百億": Decimal(10) ** 10,
    "十億": Decimal(10) ** 9,
    "兆": Decimal(10) ** 12,
    "億": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
}
# Surface unit → (base unit, factor).
_UNITS: dict[str, tuple[str, Decimal]] = {
    "米ドル": ("米ドル", Decimal(1)),
    "ドル": ("米ドル", Decimal(1)),
    "円": ("円", Decimal(1)),
    "%": ("%", Decimal(1)),
    "％": ("%", Decimal(1)),
    "割": ("%", Decimal(10)),
    "ポイント": ("pt", Decimal(1)),
    "pt": ("pt", Decimal(1)),
    "件": ("件", Decimal(1)),
    "社": ("社", Decimal(1)),
    "位": ("位", Decimal(1)),
    "人": ("人", Decimal(1)),
    "名": ("人", Decimal(1)),
    "分野": ("分野", Decimal(1)),
    "拠点": ("拠点", Decimal(1)),
    "倍": ("倍", Decimal(1)),
    "アクセス": ("アクセス", Decimal(1)),
    "年間": ("年", Decimal(1)),
    "年連続": ("年", Decimal(1)),
    "年ぶり": ("年", Decimal(1)),
    "か国": ("か国", Decimal(1)),
    "カ国": ("か国", Decimal(1)),
    "ヶ国": ("か国", Decimal(1)),
}
_QUALIFIERS_AFTER = ("以上", "以下", "以内", "超", "未満", "程度")
_QUALIFIERS_BEFORE = {"約": "約", "概ね": "約", "およそ": "約"}

_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_MULT_ALT = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<pre>約|概ね|およそ)?(?P<num>{_NUM})(?P<mult>{_MULT_ALT})?(?P<unit>{_UNIT_ALT})"
    rf"(?P<post>{'|'.join(_QUALIFIERS_AFTER)})?"
)
_YEAR_AFTER = re.compile(r"^[^、。（(]{0,8}[（(]\s*(?P<y>(?:20|19)\d\d)年度?[^)）]{0,3}[)）]")
_YEAR_BEFORE = re.compile(
    rf"(?:(?P<y>(?:20|19)[{_DIGITS}]{{2}}|[２１][０９][{_DIGITS}]{{2}})年度?|令和(?P<r>[{_DIGITS}]{{1,2}})年度?)"
    r"(?!比)(?P<until>までに|まで)?"
)
_ORDINAL_BEFORE = re.compile(r"(第|上位|No\.?|№)$")
_DATE_BITS = re.compile(
    rf"(?:(?:20|19)[{_DIGITS}]{{2}}年度?|令和[{_DIGITS}]+年度?)(?:[{_DIGITS}]{{1,2}}月)?(?:中|末|頃)?"
)
# Particles and function words that end the phrase before a number.
_FUNCTION_TAIL = re.compile(
    r"(?:について|において|における|に対して|として|とする|から|まで|までに|より|には|では|は|が|を|に|で|の|も|と|へ|や|比)$"
)
# The measured thing: a run of non-hiragana words, possibly joined by の.
_NOUN_RUN = re.compile(
    r"(?:[^\u3040-\u309f、。，．,.\s()（）「」『』【】:：①-⑳※]+の)*[^\u3040-\u309f、。，．,.\s()（）「」『』【】:：①-⑳※]+$"
)


def parse_decimal(num: str) -> Decimal:
    """A numeral as the source writes it (full-width, thousands commas) → Decimal."""
    return Decimal(unicodedata.normalize("NFKC", num).replace(",", "").replace("，", ""))


def _int(s: str) -> int:
    return int(unicodedata.normalize("NFKC", s))


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1


def _year_before(head: str) -> tuple[int | None, bool]:
    """The nearest year named in `head`, and whether it is a target (までに)."""
    found = list(_YEAR_BEFORE.finditer(head))
    if not found:
        return None, False
    m = found[-1]
    year = _int(m.group("y")) if m.group("y") else 2018 + _int(m.group("r"))
    return year, bool(m.group("until"))


def _clean_metric(phrase: str) -> str:
    phrase = unicodedata.normalize("NFKC", phrase).replace("**", "")
    phrase = _QUANTITY.sub("", phrase)
    phrase = _DATE_BITS.sub("", phrase)
    while True:
        stripped = _FUNCTION_TAIL.sub("", phrase.rstrip(" 　、，,：:（(").removesuffix("上位"))
        if stripped == phrase:
            break
        phrase = stripped
    m = _NOUN_RUN.search(phrase)
    return m.group(0)[-24:] if m else ""


def _metric_before(head: str) -> str:
    # The nearest clause first; a bare 「（上位」 looks further back.
    return _clean_metric(re.split(r"[、，,（(：:]", head)[-1]) or _clean_metric(
        re.split(r"[、，,]", head)[-1]
    )


def _metric_after(text: str, end: int) -> str:
    tail = text[end : end + 30].replace("**", "")
    m = re.match(r"^(?:以上|以下|以内|超|未満|程度)?の([^、。をにがはでと（(]{2,20})", tail)
    return m.group(1).strip() if m else ""


def extract_kpis(text: str) -> tuple[KpiValue, ...]:
    """Every quantity in a record's text, in order of appearance."""
    values: list[KpiValue] = []
    prev_end = 0
    for m in _QUANTITY.finditer(text):
        start = m.start("num")
        if _ORDINAL_BEFORE.search(text[:start]) and m.group("unit") != "位":
            continue
        # A digit right before means we matched inside a longer number (2033年 → 33).
        if start and re.match(rf"[{_DIGITS}.．]", text[start - 1]):
            continue
        num, mult, unit = m.group("num"), m.group("mult"), m.group("unit")
        base_unit, factor = _UNITS[unit]
        value = parse_decimal(num) * factor * (_MULTIPLIERS[mult] if mult else 1)
        qualifier = m.group("post") or (_QUALIFIERS_BEFORE.get(m.group("pre") or "") or None)
        end = m.end()
        # A rate of change says its sign in words: 前年比15.4%減 is −15.4 %.
        if base_unit in ("%", "pt") and not m.group("post") and text[end : end + 1] in ("増", "減"):
            if text[end] == "減":
                value = -value
            end += 2 if text[end : end + 2] in ("増加", "減少") else 1
        # What lies before this number in its sentence, back to the previous number.
        head_start = _sentence_start(text, m.start())
        if values and prev_end > head_start:
            head_start = prev_end
        head = text[head_start : m.start()]
        after = _YEAR_AFTER.match(text[m.end() :])
        target = False
        if after:
            year: int | None = int(after.group("y"))
        else:
            year, target = _year_before(head)
            # 「2033年までにX、Yとする」: a target year covers the goals listed after it.
            if year is None and values and values[-1].target and prev_end > _sentence_start(text, m.start()):
                year, target = values[-1].year, True
        metric = _metric_before(head) or _metric_after(text, m.end()) or _clean_metric(head)
        if not metric and values:
            metric = values[-1].metric or ""
        values.append(
            KpiValue(
                text=text[m.start() : end].replace("**", ""),
                value=float(value),
                unit=base_unit,
                year=year,
                qualifier=qualifier,
                metric=metric or None,
                target=target,
            )
        )
        prev_end = m.end() + (after.end() if after else 0)
    return tuple(values)


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its label (header rows joined) and its unit."""

    index: int
    label: str
    unit: str | None
    factor: Decimal


_UNIT_IN_HEADER = re.compile(r"[（(]\s*単位\s*[：:]\s*(?P<u>[^)）]+)[)）]")
_PERCENT_IN_HEADER = re.compile(r"[（(]\s*[%％]\s*[)）]")


def _unit_of(header: str) -> tuple[str | None, Decimal]:
    if _PERCENT_IN_HEADER.search(header):
        return "%", Decimal(1)
    m = _UNIT_IN_HEADER.search(header)
    if not m:
        return None, Decimal(1)
    u = m.group("u").strip()
    mult = next((k for k in sorted(_MULTIPLIERS, key=len, reverse=True) if u.startswith(k)), "")
    rest = u[len(mult) :]
    if rest not in _UNITS:
        return rest or None, _MULTIPLIERS.get(mult, Decimal(1))
    base, factor = _UNITS[rest]
    return base, factor * _MULTIPLIERS.get(mult, Decimal(1))


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
        label = "｜".join(_UNIT_IN_HEADER.sub("", p).strip() for p in parts)
        columns.append(Column(c, label, unit, factor))
    return columns


_CELL = re.compile(
    rf"^(?P<num>[-−‐]?{_NUM})\s*(?:[（(]\s*(?P<y>(?:20|19)\d\d)年度?[)）])?$"
)


def extract_table_kpis(cells: list[str], columns: list[Column]) -> tuple[KpiValue, ...]:
    """One value per numeric cell; the unit comes from the column header."""
    label_cells = [c.strip() for c in cells if c.strip() and not _CELL.match(c.strip())]
    row_label = " / ".join(label_cells)
    values = []
    for c, cell in enumerate(cells):
        m = _CELL.match(cell.strip())
        if not m:
            continue
        col = columns[c] if c < len(columns) else Column(c, "", None, Decimal(1))
        num = m.group("num").replace("−", "-").replace("‐", "-")
        values.append(
            KpiValue(
                text=cell.strip(),
                value=float(parse_decimal(num) * col.factor),
                unit=col.unit or "",
                year=int(m.group("y")) if m.group("y") else None,
                qualifier=None,
                metric=f"{row_label}｜{col.label}" if col.label else row_label,
            )
        )
    return tuple(values)
