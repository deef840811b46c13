"""Every number token of a text, read with its unit, kind and qualifier.

A general tokenizer over number shapes, not a list of phrases: a number (Arabic,
full-width, kanji with or without 万/億/兆, a range, a fraction) is read, then what
follows it says what it is: a counter or unit (円, 件, 年, 箇月, 割…), a date (2025年5月20日),
a year (2022年, 令和9年度), an ordinal (第2次, 7年連続), a label (第三条, a paragraph ２ or
an item 一 at the start of a line). Qualifiers (超, 以上, 約, 上限…) and the words that
make a figure a target (目指す, を維持…) are read around it. Every reader looks at a
bounded window, so a scan is linear in its input.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ipdiff.parse.numerals import (
    KANJI_CHARS,
    MULTIPLIERS,
    NOT_KANJI_UNITS,
    UNIT,
    UNITS,
    FigureKind,
    kanji_value,
    read_number,
)

SPAN = 48  # the most characters one figure (with range, unit, qualifier) may span
MAX_FIGURES = 1000  # no record of a plan holds more; a hostile one stops being read here
_START = re.compile(rf"[0-9{KANJI_CHARS}]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff々]")
_RIN = re.compile(rf"([0-9]|[{KANJI_CHARS}])厘")
_BU = re.compile(rf"([0-9]|[{KANJI_CHARS}])分")
_COUNTED_NOUN = re.compile(r"の([\u4e00-\u9fff々\u30a0-\u30ffA-Za-z・]{1,12})")
_NUMERAL_RUN = re.compile(rf"[0-9,.{KANJI_CHARS}万億兆]*")
# After the number (and its unit): a floor, a ceiling or an approximation.
_QUALIFIERS_AFTER = (
    ("を超えない", "以下"),
    ("を超える", "超"),
    ("を超えて", "超"),
    ("以上", "以上"),
    ("以下", "以下"),
    ("以内", "以内"),
    ("未満", "未満"),
    ("程度", "程度"),
    ("前後", "前後"),
    ("余り", "余り"),
    ("超", "超"),
)
# A threshold crossed: the figure is a bound, not the value (1億アクセスの大台を下回った).
_CROSSED_AFTER = re.compile(r"(?:の大台)?を(下回|割り込|上回|突破|超え)")
_QUALIFIERS_BEFORE = (
    ("おおむね", "概ね"),
    ("およそ", "約"),
    ("概ね", "概ね"),
    ("上限", "上限"),
    ("下限", "下限"),
    ("約", "約"),
)
_SIGN_BEFORE = re.compile(r"(?:マイナス|▲|△|−|プラス|\+)$")
_CHANGE_AFTER = re.compile(r"増加|減少|上昇|低下|増|減")
_RANGE = re.compile(r"\s*[~〜～]\s*")
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
# 第N + what it numbers: a provision (a label) or an edition of a series (an ordinal).
_LABEL_COUNTERS = ("条", "項", "号", "章", "節", "款", "編", "目", "表", "別表")
_SUFFIX_NO = re.compile(rf"(?:の[{KANJI_CHARS}0-9]+)+")
_ORDINAL_COUNTER = re.compile(r"[^\s、。，,()「」『』【】0-9" + KANJI_CHARS + r"]{1,2}")
_MONTH_DAY = re.compile(rf"([0-9]{{1,2}}|[{KANJI_CHARS}]{{1,3}})月(?:([0-9]{{1,2}}|[{KANJI_CHARS}]{{1,3}})日)?")
_DAY = re.compile(rf"([0-9]{{1,2}}|[{KANJI_CHARS}]{{1,3}})日")
_YEAR_SUFFIX = re.compile(r"度?(?:末|中|頃|上半期|下半期)?")
# What makes a figure a goal: the verb or noun after it in its clause.
_TARGET_AFTER = re.compile(
    r"[^。、\n]{0,24}?(?:目指|高め|高める|引き上げ|達成|以上にする|維持|目標|目途|目処|倍増|増加させ|拡大させ|拡大し|拡大す)"
)
_EXTENT = "にまで"
_FACT_AFTER = ("ている", "てい", "てき", "た。", "た、", "している", "してい", "してき", "した", "された", "されて")
_STREAK_BEFORE = re.compile(rf"(?:[0-9]{{1,3}}|[{KANJI_CHARS}]{{1,4}})年連続で?$")
_DENOMINATOR_AFTER = ("当たり", "あたり", "当り", "につき", "ごと", "毎")
_LINE_LABEL_SPACE = " 　"
_LINE_LEAD = set("-*#> 　\t")


class Figure:
    """A figure being read: mutable while scanning, frozen into a `KpiValue` after."""

    __slots__ = ("start", "end", "value", "high", "unit", "kind", "qualifier", "target", "over")

    def __init__(self, start: int, end: int, value: Decimal, high: Decimal | None, unit: str, kind: FigureKind) -> None:
        self.start, self.end, self.value, self.high = start, end, value, high
        self.unit, self.kind = unit, kind
        self.qualifier: str | None = None
        self.target = False
        self.over: str | None = None  # 3年連続で70件超: the span the value is about


def _numeral(s: str) -> Decimal | None:
    return Decimal(s) if s.isdigit() else kanji_value(s)


def _at_line_start(w: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and w[i] in _LINE_LEAD:
        i -= 1
    return i < 0 or w[i] == "\n"


def _unit_at(w: str, pos: int, end: int, kanji: bool) -> tuple[str, int] | None:
    at = pos + 1 if not kanji and pos < end and w[pos] in " 　" else pos  # 31〜35 ％
    m = UNIT.match(w, at, end)
    if not m or (kanji and m.group() in NOT_KANJI_UNITS):
        return None
    return m.group(), m.end()


def _calendar(w: str, start: int, year: int, pos: int, end: int) -> Figure:
    """A year, or a date when a month (and day) follows: 2025年, 2025年5月20日, 令和7年度."""
    md = _MONTH_DAY.match(w, pos, end)
    if md and (month := _numeral(md.group(1))) is not None and 1 <= month <= 12:
        day = _numeral(md.group(2)) if md.group(2) else None
        value = Decimal(year * 10000 + int(month) * 100 + int(day or 0))
        return Figure(start, md.end(), value, None, "日付", "date")
    suffix = _YEAR_SUFFIX.match(w, pos, end)
    return Figure(start, suffix.end() if suffix else pos, Decimal(year), None, "年", "year")


def _after_dai(w: str, start: int, value: Decimal, pos: int, end: int) -> Figure | None:
    """第N…: a label (第三条の二), an ordinal (第2次, 第3期), or a rank (第1位)."""
    for counter in _LABEL_COUNTERS:
        if w.startswith(counter, pos):
            stop = pos + len(counter)
            suffix = _SUFFIX_NO.match(w, stop, end)
            return Figure(start, suffix.end() if suffix else stop, value, None, counter, "label")
    if w.startswith("位", pos):
        return Figure(start, pos + 1, value, None, "位", "rank")
    m = _ORDINAL_COUNTER.match(w, pos, min(end, pos + 2))
    if not m:
        return None
    counter = m.group()[:1]
    return Figure(start, pos + 1, value, None, f"第{counter}", "ordinal")


def read_figure(w: str, start: int) -> Figure | None:
    """The figure whose number starts at `w[start]`, or None."""
    end = min(len(w), start + SPAN)
    kanji = not w[start].isdigit()
    got = read_number(w, start, end)
    if got is None:
        return None
    low, pos, low_mult = got
    if start and w[start - 1] == "第":
        return _after_dai(w, start - 1, low, pos, end)
    era = w[max(0, start - 2) : start]
    if era in _ERAS and w.startswith("年", pos):
        return _calendar(w, start - 2, _ERAS[era] + int(low), pos + 1, end)
    if w.startswith("年", pos) and not low_mult and 1900 <= low <= 2100 and (pos - start == 4 or kanji):
        return _calendar(w, start, int(low), pos + 1, end)
    if not kanji and w.startswith("月", pos):  # 5月, 5月20日: a month of the calendar
        md = _MONTH_DAY.match(w, start, end)
        if md and 1 <= low <= 12:
            return Figure(start, md.end(), low * 100 + (_numeral(md.group(2) or "0") or 0), None, "月日", "date")
    if (
        w[pos : pos + 1]
        and w[pos] in _LINE_LABEL_SPACE
        and _at_line_start(w, start)
        and w[start:pos].isalnum()  # no decimal point or grouping: 30.7 兆円 is a figure
        and not UNIT.match(w, pos + 1, end)
    ):
        return Figure(start, pos, low, None, "", "label")  # ２ 次の各号…, 一 その…: a paragraph or an item
    if start and w[start - 1] == "年" and w.startswith("分", pos):
        return _per_year_rate(w, start, low, pos, end)  # 年五分: interest of 5 per cent a year
    # A fraction: 3分の1, 三分の一 → a rate.
    if w.startswith("分の", pos):
        denom = read_number(w, pos + 2, end)
        if denom is None or low == 0:
            return None
        return Figure(start, denom[1], denom[0] / low * 100, None, "%", "rate")
    high = None
    rng = _RANGE.match(w, pos, end)
    if rng and rng.end() < end and (w[rng.end()].isdigit() or kanji):
        second = read_number(w, rng.end(), end)
        if second is not None:
            high, pos, high_mult = second
            if not low_mult and high_mult:  # 0.8～1.2兆円: the low end shares the multiplier
                mult_text = w[pos - 1] if w[pos - 1] in "兆億万" else ""
                low = low * MULTIPLIERS.get(mult_text, Decimal(1))
    unit = _unit_at(w, pos, end, kanji)
    if unit is None:
        return _bare(w, start, low, high, pos, end, kanji)
    surface, pos = unit
    return _with_unit(w, start, low, high, surface, pos, end, kanji)


def _per_year_rate(w: str, start: int, low: Decimal, pos: int, end: int) -> Figure:
    value, stop = low, pos + 1
    rin = _RIN.match(w, stop, end)
    if rin and (r := _numeral(rin.group(1))) is not None:
        value, stop = value + r / 10, rin.end()
    return Figure(start, stop, value, None, "%", "rate")


def _bare(w: str, start: int, low: Decimal, high: Decimal | None, pos: int, end: int, kanji: bool) -> Figure | None:
    """A number with no listed unit: 12の地域 counts 地域; other bare numbers are not read."""
    if kanji or not w.startswith("の", pos):
        return None
    noun = _COUNTED_NOUN.match(w, pos, end)
    if not noun:
        return None
    # 12の地域: a bare count; the counted noun is its unit. Its text is the number.
    return Figure(start, pos, low, high, noun.group(1), "count")


def _with_unit(
    w: str, start: int, low: Decimal, high: Decimal | None, surface: str, pos: int, end: int, kanji: bool
) -> Figure | None:
    before = w[max(0, start - 3) : start]
    if before.endswith("上位") and surface != "位":
        return None
    if surface in ("日", "日間") and before.endswith("月"):
        return None  # the day of a date already read
    if surface == "月":
        if not kanji:
            return None
        if w.startswith("日", pos) or _DAY.match(w, pos, end):
            return None  # 三月三十一日 without a year: a date the scan does not type
    base, factor, kind = UNITS[surface]
    if surface == "割":  # 三割五分, 2割5分
        m = _BU.match(w, pos, end)
        if m and (bu := _numeral(m.group(1))) is not None:
            low, pos = low * factor + bu, m.end()
            factor = Decimal(1)
    if surface == "年" and w.startswith("連続", pos):
        return Figure(start, pos + 2, low, None, "年連続", "ordinal")  # 7年連続: a streak
    if base == "回" and w[max(0, start - 1) : start] in ("年", "月", "週", "日"):
        return Figure(start - 1, pos, low, None, f"回/{w[start - 1]}", "frequency")  # 年4回
    if kind == "period" and w.startswith(("ごと", "毎"), pos):
        stop = pos + (2 if w.startswith("ごと", pos) else 1)
        return Figure(start, stop, low * factor, None, f"{base}ごと", "frequency")  # 3年ごと
    if surface == "年" and w.startswith(("前", "度"), pos):
        return None  # 5年前: a point of comparison; 3年度: a fiscal year the era reader types
    return Figure(start, pos, low * factor, None if high is None else high * factor, base, kind)


def finish(w: str, fig: Figure) -> None:
    """Qualifiers, signs, the word of change and the word of a goal around a figure."""
    if fig.kind in ("label", "date", "year", "ordinal"):
        return
    end = min(len(w), fig.end + SPAN)
    post = next(((s, q) for s, q in _QUALIFIERS_AFTER if w.startswith(s, fig.end)), None)
    if post:
        fig.qualifier = post[1]
        fig.end += len(post[0])
    elif crossed := _CROSSED_AFTER.match(w, fig.end):
        fig.qualifier = "未満" if crossed.group(1) in ("下回", "割り込") else "超"
    before = w[max(0, fig.start - 4) : fig.start]
    sign = _SIGN_BEFORE.search(before)
    if sign and sign.group() in ("マイナス", "▲", "△", "−"):
        fig.value, fig.high = -fig.value, (None if fig.high is None else -fig.high)
    if sign:
        fig.start -= len(sign.group())
    elif not fig.qualifier:
        for pre, q in _QUALIFIERS_BEFORE:
            if before.endswith(pre):
                fig.qualifier, fig.start = q, fig.start - len(pre)
                break
    if fig.kind == "rate" and not post:
        change = _CHANGE_AFTER.match(w, fig.end, end)
        if change:
            if change.group() in ("減", "減少", "低下"):
                fig.value = -fig.value
            fig.end = change.end()
    streak = _STREAK_BEFORE.search(w, max(0, fig.start - 8), fig.start)
    if streak:
        fig.over = streak.group().removesuffix("で")
    goal = _TARGET_AFTER.match(w, fig.end, min(len(w), fig.end + 40))
    # 拡大している, 維持してきた: what happened, not what is aimed at; nor is an extent
    # reached (30.7兆円にまで拡大し、…: まで then a connective 〜し takes the tense of the
    # sentence, which states a fact), where a goal says 〜に拡大し…を目指す or 〜までに.
    fig.target = goal is not None and not (
        w.startswith(_FACT_AFTER, goal.end())
        or (_EXTENT in goal.group() and goal.group().endswith("し"))
    )


def scan(w: str) -> list[Figure]:
    """Every figure of `w` in order; a number that reads as none is skipped."""
    figures: list[Figure] = []
    pos = 0
    for m in _START.finditer(w):
        s = m.start()
        if s < pos:
            continue
        prev = w[s - 1] if s else ""
        if prev and (prev.isdigit() or prev in ".,"):
            continue  # inside a number we already declined (2033年 → not 033)
        if prev in ("数", "何") and not w[s].isdigit():
            pos = s + 1  # 数十年, 何百万円: "several", not a figure
            continue
        fig = read_figure(w, s)
        if fig is None:
            # Skip the rest of this numeral run: its tail is not a figure of its own.
            run = _NUMERAL_RUN.match(w, s, min(len(w), s + 4096))
            pos = run.end() if run else s + 1
            continue
        finish(w, fig)
        if fig.kind not in ("frequency", "label") and w.startswith(_DENOMINATOR_AFTER, fig.end):
            pos = fig.end  # 人口10万人当たり, 一件につき: a denominator, not a figure of its own
            continue
        figures.append(fig)
        if len(figures) >= MAX_FIGURES:
            break
        pos = fig.end
    return figures
