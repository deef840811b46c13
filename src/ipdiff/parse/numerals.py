"""Japanese number notation → exact `Decimal`s, and what a unit means.

Mixed 万/億/兆 (`1億3,000万` = 130000000, `12万3456` = 123456), kanji numerals
(`二十`, `三`), full-width digits and commas. Every reader here works on a bounded
window of the text, so scanning a record stays linear however long it is.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

FigureKind = Literal[
    "amount",  # 円, ドル
    "count",  # 件, 人, 社
    "rate",  # %, 割, ポイント, 年N分
    "rank",  # 位
    "multiple",  # 倍
    "period",  # a duration: 五十年, 六月 (six months in a statute), 三十日, 二週間
    "frequency",  # 3年ごと, 年4回
    "date",  # 2025年5月20日
    "year",  # 2022年, 令和9年度
    "ordinal",  # 第2次, 第3期, 7年連続 (a streak counts editions of a series, not a quantity)
    "label",  # 第三条, a paragraph ２ or an item 一 at the start of a line: renumbering only
    "other",  # 歳, a bare number
]
# Kinds that are quantities a reader compares (delta, percent); the rest are told apart.
# When or which, not how much: shown as 日付・回次の変更, never judged as a KPI.
CALENDAR_KINDS: frozenset[str] = frozenset({"date", "year", "ordinal"})

# Full-width digits and signs → ASCII, one character for one, so offsets still hold.
WIDTH = str.maketrans("０１２３４５６７８９，．％（）～＋－", "0123456789,.%()~+-")
# Kanji numerals that may open a figure (〇 too: 二〇二五年).
KANJI_CHARS = "〇一二三四五六七八九十百千"

# A figure of more than 15 digits (integer, or significant in any notation) is not a figure a plan writes (and 309 digits
# would overflow a float): such a run is refused, not capped.
MAX_DIGITS = 15
ARABIC = re.compile(rf"\d{{1,{MAX_DIGITS}}}(?:,\d{{3}})*(?:\.\d{{1,8}})?")
KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_POWERS = {"十": 10, "百": 100, "千": 1000}
KANJI = re.compile("[〇一二三四五六七八九十百千]{1,8}")
MULTIPLIERS: dict[str, Decimal] = {
    "兆": Decimal(10) ** 12,
    "千億": Decimal(10) ** 11,
    "百億": Decimal(10) ** 10,
    "十億": Decimal(10) ** 9,
    "億": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
}
MULTIPLIER = re.compile("|".join(sorted(MULTIPLIERS, key=len, reverse=True)))


def kanji_value(s: str) -> Decimal | None:
    """`二十` → 20, `三` → 3, `百二十` → 120, `二〇` → 20; None for what is not a numeral."""
    if not any(c in KANJI_POWERS for c in s):  # positional: 二〇二四
        return Decimal("".join(str(KANJI_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in KANJI_DIGITS:
            if digit is not None:
                return None
            digit = KANJI_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * KANJI_POWERS[c]
            digit = None
    return Decimal(total + (digit or 0))


def read_numeral(w: str, i: int, end: int, kanji: bool) -> tuple[Decimal, int] | None:
    """One numeral (Arabic, or kanji when `kanji`) at `w[i:end]`: its value and end."""
    if not kanji:
        m = ARABIC.match(w, i, end)
        if not m or (m.end() < end and w[m.end()].isdigit()):
            return None  # too many digits: not a figure
        plain = m.group().replace(",", "")
        # Significant digits in every notation (9,007,199,254,740,993 has 16): past 15 a
        # float cannot hold the figure, and …993 would read as …992.
        if len(plain.replace(".", "").lstrip("0").rstrip("0" if "." in plain else "")) > MAX_DIGITS:
            return None
        return Decimal(plain), m.end()
    m = KANJI.match(w, i, end)
    if not m:
        return None
    value = kanji_value(m.group())
    return (value, m.end()) if value is not None else None


def read_number(w: str, i: int, end: int) -> tuple[Decimal, int, bool] | None:
    """A number with its 万/億/兆 parts (`1兆2,000億`, `12万3456`, `二十万`).

    Returns the value, the end, and whether a multiplier was read. Multipliers must
    fall (兆 before 億 before 万), so `1万2万` stops after the first part.
    """
    kanji = not w[i].isdigit()
    total = Decimal(0)
    last: Decimal | None = None
    pos, found, multiplied = i, False, False
    while pos < end:
        got = read_numeral(w, pos, end, kanji)
        if got is None:
            break
        value, after = got
        mult = MULTIPLIER.match(w, after, end)
        if mult and (last is None or MULTIPLIERS[mult.group()] < last):
            last = MULTIPLIERS[mult.group()]
            total += value * last
            pos, found, multiplied = mult.end(), True, True
            continue
        if found and last is not None and value >= last:
            break  # 1万20000: not one number
        total += value
        pos, found = after, True
        break
    return (total, pos, multiplied) if found else None


# Surface unit → (base unit, factor, kind). Longest first when matched. A bare counter
# not listed here still reads as a count when written `Nの＋noun` (see kpi.py).
UNITS: dict[str, tuple[str, Decimal, FigureKind]] = {
    "米ドル": ("米ドル", Decimal(1), "amount"),
    "ドル": ("米ドル", Decimal(1), "amount"),
    "ユーロ": ("ユーロ", Decimal(1), "amount"),
    "円": ("円", Decimal(1), "amount"),
    "%": ("%", Decimal(1), "rate"),
    "パーセント": ("%", Decimal(1), "rate"),
    "割": ("%", Decimal(10), "rate"),
    "ポイント": ("pt", Decimal(1), "rate"),
    "pt": ("pt", Decimal(1), "rate"),
    "位": ("位", Decimal(1), "rank"),
    "倍": ("倍", Decimal(1), "multiple"),
    "年間": ("年", Decimal(1), "period"),
    "年": ("年", Decimal(1), "period"),
    "箇月": ("か月", Decimal(1), "period"),
    "ケ月": ("か月", Decimal(1), "period"),
    "ヵ月間": ("か月", Decimal(1), "period"),
    "か月間": ("か月", Decimal(1), "period"),
    "カ月間": ("か月", Decimal(1), "period"),
    "ヶ月間": ("か月", Decimal(1), "period"),
    "箇月間": ("か月", Decimal(1), "period"),
    "か月": ("か月", Decimal(1), "period"),
    "カ月": ("か月", Decimal(1), "period"),
    "ヶ月": ("か月", Decimal(1), "period"),
    "ヵ月": ("か月", Decimal(1), "period"),
    "日間": ("日", Decimal(1), "period"),
    "日": ("日", Decimal(1), "period"),
    "時間": ("時間", Decimal(1), "period"),
    "週間": ("週", Decimal(1), "period"),
    "月": ("か月", Decimal(1), "period"),  # 六月: six months in a statute (a June is told apart in kpi.py)
    "歳": ("歳", Decimal(1), "other"),
    "人泊": ("人泊", Decimal(1), "count"),
    "人": ("人", Decimal(1), "count"),
    "名": ("人", Decimal(1), "count"),
    "件": ("件", Decimal(1), "count"),
    "社": ("社", Decimal(1), "count"),
    "校": ("校", Decimal(1), "count"),
    "機関": ("機関", Decimal(1), "count"),
    "団体": ("団体", Decimal(1), "count"),
    "拠点": ("拠点", Decimal(1), "count"),
    "か所": ("か所", Decimal(1), "count"),
    "カ所": ("か所", Decimal(1), "count"),
    "ヶ所": ("か所", Decimal(1), "count"),
    "ヵ所": ("か所", Decimal(1), "count"),
    "箇所": ("か所", Decimal(1), "count"),
    "か国": ("か国", Decimal(1), "count"),
    "カ国": ("か国", Decimal(1), "count"),
    "ヶ国": ("か国", Decimal(1), "count"),
    "ヵ国": ("か国", Decimal(1), "count"),
    "世帯": ("世帯", Decimal(1), "count"),
    "回": ("回", Decimal(1), "count"),
    "品目": ("品目", Decimal(1), "count"),
    "ページ": ("ページ", Decimal(1), "count"),
    "点": ("点", Decimal(1), "count"),
    "分野": ("分野", Decimal(1), "count"),
    "アクセス": ("アクセス", Decimal(1), "count"),
    "施設": ("施設", Decimal(1), "count"),
    "事業者": ("事業者", Decimal(1), "count"),
    "自治体": ("自治体", Decimal(1), "count"),
    "市町村": ("市町村", Decimal(1), "count"),
    "都道府県": ("都道府県", Decimal(1), "count"),
    "件数": ("件", Decimal(1), "count"),
    "台": ("台", Decimal(1), "count"),
    "本": ("本", Decimal(1), "count"),
    "種類": ("種類", Decimal(1), "count"),
    "店舗": ("店舗", Decimal(1), "count"),
    "プロジェクト": ("プロジェクト", Decimal(1), "count"),
}
UNIT = re.compile("|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)))
# Units a kanji numeral may not carry: 三位一体, 一点, 一本化, 一台 are words, not figures.
NOT_KANJI_UNITS = frozenset({"位", "点", "本", "台", "回", "ページ", "アクセス", "pt", "%"})


def kind_of_unit(unit: str) -> FigureKind:
    for base, _, kind in UNITS.values():
        if base == unit:
            return kind
    return "count" if unit else "other"
