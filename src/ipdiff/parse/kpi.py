"""Figures in plan text → `KpiValue`s in base units, each named by what it measures.

A figure is a number with its counter or unit (`27.1兆円`, `十万人`, `3か所`, `8割`,
`上位5位以内`), a fraction (`3分の1`), a range (`0.8～1.2兆円`: value low, `high` high),
a signed change (`マイナス3ポイント`, `▲1.8%`, `15.4%減`) or a bare count before の
(`61の技術・製品等` counts 技術・製品等). A year in brackets after it is its `year`;
`2033年までに` before it is its `target_year`. Dates, bare years and ordinals (`第7期`)
are not figures. The scan reads bounded windows only, so it is linear in its input.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ipdiff.model import KpiValue
from ipdiff.parse.numerals import (
    KANJI_UNITS,
    MULTIPLIERS,
    UNIT,
    UNITS,
    WIDTH,
    FigureKind,
    read_number,
)
from ipdiff.parse.tables import (
    Column,
    extract_table_kpis,
    markdown_table_kpis,
    parse_decimal,
    parse_table_header,
)

SPAN = 48  # the most characters one figure (with range, unit, qualifier) may span
HEAD = 40  # how far back a figure's name is looked for
MAX_FIGURES = 1000  # no record of a plan holds more; a hostile one stops being read here
_START = re.compile(r"[0-9〇一二三四五六七八九十百千]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff々]")
_KANJI_AFTER_KANJI = re.compile(r"[〇一二三四五六七八九十百千]{1,8}(?:万|億|兆|割|倍)")
_QUALIFIERS_AFTER = re.compile(r"以上|以下|以内|超|未満|程度")
_QUALIFIERS_BEFORE = {"約": "約", "概ね": "約", "おおむね": "約", "およそ": "約"}
_SIGN_BEFORE = re.compile(r"(?:マイナス|▲|△|−|プラス|\+)$")
_CHANGE_AFTER = re.compile(r"増加|減少|上昇|低下|増|減")
_RANGE = re.compile(r"\s*[~〜～]\s*")
_ORDINAL_BEFORE = ("第", "No.", "No", "№", "令和", "平成", "昭和", "#")
_COUNTED_NOUN = re.compile(r"の([\u4e00-\u9fff々\u30a0-\u30ffA-Za-z・]{1,12})")
_YEAR_AFTER = re.compile(
    r"[^、。()\n]{0,8}?\(\s*(?:(?P<y>(?:19|20)\d\d)|令和(?P<r>\d{1,2}))年度?(?!比)[^()]{0,8}\)"
)
_YEAR = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)|令和(?P<r>\d{1,2}))年度?(?!比)(?:末|中|頃|上半期|下半期)?"
    r"(?P<until>までに|まで|を目途に|を目処に|目途|目処|目標|に向けて)?"
)
_DATE_BITS = re.compile(r"(?:(?:19|20)\d\d|令和\d{1,2})年度?(?:\d{1,2}月)?(?:末|中|頃)?")
_DELIMS = "、,:：(「『【\n。"
# Words that say when or against what, never what is measured.
_REFERENCE_WORDS = (
    "前年度比", "前年同期比", "前年比", "前年度", "前年", "前回値", "前回", "年平均", "年間", "今後",
    "大台", "平均", "全国", "世界", "最大", "最小", "最低", "総額", "同年", "同期", "現在",
    "過去最高", "過去最多", "前回実績値", "実績値", "約", "比", "当たり", "あたり", "毎年", "毎年度", "全体", "目標",
    "上位", "下位", "例",
)
_TAIL_PARTICLES = (
    "について", "において", "における", "に対して", "として", "から", "までに", "まで", "より",
    "には", "では", "とも", "は", "が", "を", "に", "で", "の", "も", "と", "へ", "や",
)
_TOPIC_MARKERS = ("は", "が", "を")
_PARTICLE_CHARS = set("のはがをにでともやへ")
_COMPARED_WITH = re.compile(
    r"(?P<ref>(?:19|20)\d\d年度?|前年同期|前年度|前年|前回実績値|前回値|前回|\d+年前)(?:比|から|より)"
)
_AFTER_NOUN = re.compile(r"の([^、。をにがはでとの()「」\d\n]{1,24})")
_RATE_WORDS = re.compile(r"率|割合|比|シェア|度|増|減|%")
_RANKING = re.compile(r"[^、。]{0,40}?(?:ランキング|インデックス|指数|ランク)(?:\d{4})?")
_GLUED_UNITS = frozenset({"分野", "品目"})
_BEFORE_NOW = re.compile(r"\d+(?:年|か月|カ月|ヶ月|年度)前")
_NOUN_STOP = set("、。，．,.()（）「」『』【】:：※ 　\n|") | {chr(c) for c in range(0x2460, 0x2474)}


def _is_hiragana(c: str) -> bool:
    return "\u3040" <= c <= "\u309f"


def _noun_before(s: str, end: int) -> str:
    """The noun phrase ending at `s[end]`: non-hiragana words, possibly joined by の."""
    i = end
    lo = max(0, end - 32)
    while i > lo:
        c = s[i - 1]
        if c in _NOUN_STOP:
            break
        if _is_hiragana(c):
            inside = i - 1 > lo and i < end and not _is_hiragana(s[i - 2]) and s[i - 2] not in _NOUN_STOP
            # AのB joins a phrase; okurigana between kanji (担い手, 陸揚げ拠点) is inside a word.
            okurigana = inside and c not in _PARTICLE_CHARS and bool(_IDEOGRAPH.match(s[i - 2])) and bool(
                _IDEOGRAPH.match(s[i])
            )
            fixed = s[i - 2 : i + 1] == "我が国"  # a word, though が is a particle elsewhere
            if (c == "の" and inside) or okurigana or fixed:
                i -= 1
                continue
            break
        i -= 1
    return s[i:end].replace("\0", "")


def _strip_reference(phrase: str) -> tuple[str, str]:
    """(phrase without trailing particles and reference words, the reference word cut)."""
    cut = ""
    changed = True
    while changed and phrase:
        changed = False
        for word in _TAIL_PARTICLES + _REFERENCE_WORDS:
            if phrase.endswith(word):
                phrase = phrase[: -len(word)]
                if word in _REFERENCE_WORDS and word.endswith("比") and not cut:
                    cut = word
                changed = True
                break
    return phrase.strip(" 　"), cut


def _is_name(phrase: str) -> bool:
    return bool(phrase) and phrase not in _REFERENCE_WORDS and not phrase.isdigit() and len(phrase) >= 2


def _topic_of_sentence(w: str, sentence_start: int, start: int) -> str | None:
    """The first 「Xは」 of the sentence before `start`: what the sentence is about."""
    lo = max(sentence_start, start - 3 * HEAD)
    at = w.find("は", lo, start)
    while at > lo:
        if not _is_hiragana(w[at - 1]):
            name = _strip_reference(_DATE_BITS.sub("", _noun_before(w, at)))[0]
            if _is_name(name):
                return name
        at = w.find("は", at + 1, start)
    return None


def _ranking(w: str, sentence_start: int, start: int, who: str | None) -> str | None:
    """A rank is a place in a ranking: グローバル・イノベーション・インデックス（韓国）."""
    found = list(_RANKING.finditer(w, max(sentence_start, start - 3 * HEAD), start))
    if not found:
        return who
    ranking = _noun_before(found[-1].group(), len(found[-1].group()))
    if not who or ranking in who:
        return ranking or who
    entity = who.split("（")[-1].rstrip("）")
    return f"{ranking}（{entity}）"


def _noun_after(w: str, end: int) -> str | None:
    """8割の特許, 約45万人の不足, 5年間の官民合わせた研究開発投資: the noun modified."""
    m = _AFTER_NOUN.match(w, end, min(len(w), end + 30))
    if not m:
        return None
    name = _noun_before(m.group(1), len(m.group(1)))
    return name if _is_name(name) else None


def _metric(w: str, fig: _Figure, head_start: int, sentence_start: int) -> tuple[str | None, str]:
    """The name of a figure, and the comparison (前年比) it is made against, if any.

    In order: a counter glued to its noun (戦略17分野), the topic or object of the
    figure's clause (在留外国人数は350万人), the noun it modifies (8割の特許), the noun
    that ends its clause (復旧までに平均3.5日); the last two under the sentence's topic.
    """
    raw = w[max(head_start, fig.start - HEAD) : fig.start].replace("\0", "")
    compared = list(_COMPARED_WITH.finditer(raw))
    cut = f"{compared[-1].group('ref')}比" if compared else ""
    if fig.unit in _GLUED_UNITS and fig.start and not _is_hiragana(w[fig.start - 1]):
        glued = _strip_reference(_noun_before(w, fig.start))[0]
        if _is_name(glued):
            return glued + fig.unit, cut
    head = _DATE_BITS.sub("", raw)
    clause_at = max(head.rfind(d) for d in _DELIMS) + 1
    clause = head[clause_at:]
    about = clause.rfind("について")  # 海外展開規模について…50兆円以上
    name: str | None
    for i in range(len(clause) - 1, 0, -1):
        if i == about or clause[i] in _TOPIC_MARKERS and not _is_hiragana(clause[i - 1]):
            name = _strip_reference(_noun_before(clause, i))[0]
            between = clause[i + 1 :]
            if fig.kind == "count" and between.endswith(("た", "る")) and _is_name(name):
                # 支援を受けた22社: the figure heads a relative clause; it counts 社 that did.
                return f"{name}{clause[i]}{between}{fig.unit}数", ""
            if _is_name(name):
                return name, ""
            break
    name = _noun_after(w, fig.end)
    if name and fig.kind == "rate":
        name = f"{name}の割合"
    if name is None:
        stripped = _strip_reference(clause)[0]
        if not stripped and clause_at > 1:  # 支援実績：2024年度は18社
            head = head[: clause_at - 1]
            stripped = _strip_reference(head[max(head.rfind(d) for d in _DELIMS) + 1 :])[0]
        name = _strip_reference(_noun_before(stripped, len(stripped)))[0]
        if _BEFORE_NOW.fullmatch(name):  # 5年前より1.2歳: a comparison, not a name
            return None, f"{name}比"
        if not _is_name(name):
            return None, cut
    topic = _topic_of_sentence(w, sentence_start, fig.start)
    if topic and topic not in name and name not in topic:
        return f"{topic}（{name}）", ""
    return name, ""


def _year_of(m: re.Match[str]) -> int:
    return int(m.group("y")) if m.group("y") else 2018 + int(m.group("r"))


def _years_before(w: str, head_start: int, start: int) -> tuple[int | None, int | None]:
    """(reference year, target year) named between the previous figure and this one."""
    year = target = None
    for m in _YEAR.finditer(w, max(head_start, start - HEAD), start):
        if m.group("until"):
            target, year = _year_of(m), None
        else:
            year = _year_of(m)
    return year, target


def _unit_at(w: str, pos: int, end: int, kanji: bool) -> tuple[str, int] | None:
    m = UNIT.match(w, pos, end)
    if not m or (kanji and m.group() not in KANJI_UNITS):
        return None
    return m.group(), m.end()


def _reads_as_date_or_ordinal(w: str, start: int, unit: str | None) -> bool:
    before = w[max(0, start - 3) : start]
    if any(before.endswith(o) for o in _ORDINAL_BEFORE) or before.endswith("上位") and unit != "位":
        return True
    return unit in ("日", "日間") and before.endswith("月")


class _Figure:
    """A figure being read: mutable while scanning, frozen into a `KpiValue` after."""

    __slots__ = ("start", "end", "value", "high", "unit", "kind", "qualifier")

    def __init__(self, start: int, end: int, value: Decimal, high: Decimal | None, unit: str, kind: FigureKind) -> None:
        self.start, self.end, self.value, self.high = start, end, value, high
        self.unit, self.kind = unit, kind
        self.qualifier: str | None = None


def _read_figure(w: str, start: int) -> _Figure | None:
    """The figure whose number starts at `w[start]`, or None."""
    end = min(len(w), start + SPAN)
    kanji = not w[start].isdigit()
    got = read_number(w, start, end)
    if got is None:
        return None
    low, pos, low_mult = got
    # A fraction: 3分の1, 三分の一 → a rate.
    if w.startswith("分の", pos):
        denom = read_number(w, pos + 2, end)
        if denom is None or low == 0:
            return None
        return _Figure(start, denom[1], denom[0] / low * 100, None, "%", "rate")
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
        if kanji or not w.startswith("の", pos) or (w[start : start + 2] in ("19", "20") and pos - start == 4):
            return None
        noun = _COUNTED_NOUN.match(w, pos, end)
        if not noun:
            return None
        # 12の地域: a bare count; the counted noun is its unit. Its text is the number.
        return _Figure(start, pos, low, high, noun.group(1), "count")
    surface, pos = unit
    if _reads_as_date_or_ordinal(w, start, surface):
        return None
    base, factor, kind = UNITS[surface]
    fig = _Figure(start, pos, low * factor, None if high is None else high * factor, base, kind)
    return fig


def _finish(w: str, fig: _Figure) -> None:
    """Qualifiers, signs and the word of change around a figure."""
    end = min(len(w), fig.end + SPAN)
    post = _QUALIFIERS_AFTER.match(w, fig.end, end)
    if post:
        fig.qualifier = post.group()
        fig.end = post.end()
    before = w[max(0, fig.start - 4) : fig.start]
    sign = _SIGN_BEFORE.search(before)
    if sign and sign.group() in ("マイナス", "▲", "△", "−"):
        fig.value, fig.high = -fig.value, (None if fig.high is None else -fig.high)
    if sign:
        fig.start -= len(sign.group())
    elif not fig.qualifier:
        for pre, q in _QUALIFIERS_BEFORE.items():
            if before.endswith(pre):
                fig.qualifier, fig.start = q, fig.start - len(pre)
                break
    if fig.kind == "rate" and not post:
        change = _CHANGE_AFTER.match(w, fig.end, end)
        if change:
            if change.group() in ("減", "減少", "低下"):
                fig.value = -fig.value
            fig.end = change.end()


def _scan(w: str) -> list[_Figure]:
    figures: list[_Figure] = []
    pos = 0
    for m in _START.finditer(w):
        s = m.start()
        if s < pos:
            continue
        prev = w[s - 1] if s else ""
        if prev and (prev.isdigit() or prev in ".,"):
            continue  # inside a number we already declined (2033年 → not 033)
        # 唯一, 統一, 年間十万人: a kanji numeral after a kanji is a figure only with 万/億/割/倍
        if (
            m.group() in "〇一二三四五六七八九十百千"
            and _IDEOGRAPH.match(prev or " ")
            and not _KANJI_AFTER_KANJI.match(w, s, s + 10)
        ):
            continue
        fig = _read_figure(w, s)
        if fig is None:
            # Skip the rest of this digit run: its tail is not a figure of its own.
            run = re.compile(r"[0-9,.]*").match(w, s, min(len(w), s + 4096))
            pos = run.end() if run and w[s].isdigit() else s + 1
            continue
        _finish(w, fig)
        if w.startswith(("当たり", "あたり", "当り", "ごと", "毎"), fig.end):
            pos = fig.end  # 人口10万人当たり, 3年ごと: a denominator, not a figure of its own
            continue
        figures.append(fig)
        if len(figures) >= MAX_FIGURES:
            break
        pos = fig.end
    return figures


def extract_kpis(text: str) -> tuple[KpiValue, ...]:
    """Every figure in a record's text, in order of appearance."""
    table = markdown_table_kpis(text)
    if table is not None:
        return table
    w = text.translate(WIDTH).replace("**", "\0\0")
    values: list[KpiValue] = []
    sentence_start = 0
    prev_end = 0
    for fig in _scan(w):
        # Only the text since the previous figure is searched: linear over the record.
        cut = max(w.rfind("。", sentence_start, fig.start), w.rfind("\n", sentence_start, fig.start)) + 1
        same_sentence = cut <= prev_end and values
        if cut > sentence_start:
            sentence_start = cut
        head_start = prev_end if same_sentence else sentence_start
        after = _YEAR_AFTER.match(w, fig.end, min(len(w), fig.end + 40))
        year, target = _years_before(w, head_start, fig.start)
        if after:
            year = _year_of(after)
        elif target is None and year is None and same_sentence and values[-1].target_year:
            target = values[-1].target_year  # 「2033年までにX、Yとする」: one target year
        prev_metric = values[-1].metric if same_sentence else None
        metric: str | None
        if fig.kind == "count" and fig.unit not in UNITS:
            metric, cut_word = f"{fig.unit}の数", ""  # 12の地域 counts 地域
        else:
            metric, cut_word = _metric(w, fig, head_start, sentence_start)
        if fig.kind == "rank":
            metric = _ranking(w, sentence_start, fig.start, metric)
        if metric is None and prev_metric:
            metric = f"{prev_metric.split('（')[0]}（{cut_word}）" if cut_word else prev_metric
        if metric is None:
            metric = _topic_of_sentence(w, sentence_start, fig.start)
        if metric is None:  # nothing names it: say at least what kind of figure it is
            metric = {"count": f"{fig.unit}の数", "period": "期間", "rank": "順位", "amount": "金額"}.get(fig.kind)
        if metric and fig.unit == "%" and not _RATE_WORDS.search(metric):
            metric = f"{metric}の割合"  # 大学は約3割: the share of universities, not 大学
        values.append(
            KpiValue(
                text=text[fig.start : fig.end].replace("**", ""),
                value=float(fig.value),
                unit=fig.unit,
                year=year,
                qualifier=fig.qualifier,
                metric=metric,
                target=target is not None,
                kind=fig.kind,
                high=None if fig.high is None else float(fig.high),
                target_year=target,
                start=fig.start,
                end=fig.end,
            )
        )
        prev_end = after.end() if after else fig.end
    return tuple(values)


__all__ = ["Column", "extract_kpis", "extract_table_kpis", "parse_table_header", "parse_decimal"]
