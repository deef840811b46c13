"""Figures in plan text → `KpiValue`s in base units, each named by what it measures.

`figure_reader` reads every number token with its unit and kind; here each quantity gets
its name, its reference year (a year in brackets after it, or one in its own clause before
it) and its target year (`2033年までに`). A year that dates a quantity is part of it; a
year, a date, an ordinal or a label standing on its own is a figure of that kind.
The scan reads bounded windows only, so it is linear in its input.
"""

from __future__ import annotations

import re

from ipdiff.model import EMPHASIS_MARK, KpiValue, unmarked
from ipdiff.parse.figure_reader import Figure, scan
from ipdiff.parse.numerals import CALENDAR_KINDS, UNITS, WIDTH
from ipdiff.parse.tables import (
    GENERIC_NAMES,
    Column,
    extract_table_kpis,
    markdown_table_kpis,
    parse_decimal,
    parse_table_header,
)

HEAD = 40  # how far back a figure's name is looked for
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff々]")
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


def _metric(w: str, fig: Figure, head_start: int, sentence_start: int) -> tuple[str | None, str]:
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


def _years_before(w: str, head_start: int, start: int) -> tuple[int | None, int | None, list[tuple[int, int]]]:
    """(reference year, target year, where they are) named in this figure's clause before it.

    A year before the figure's clause (過去最高の4位（2007年）から…) dates another figure.
    """
    year = target = None
    spans: list[tuple[int, int]] = []
    lo = max(head_start, start - HEAD)
    for m in _YEAR.finditer(w, lo, start):
        if m.group("until"):
            target, year = _year_of(m), None
            spans = [(m.start(), m.end())]
        else:
            year = _year_of(m)
            spans.append((m.start(), m.end()))
    return year, target, spans


_SERIES_AFTER = re.compile(r"[\u4e00-\u9fff々\u30a0-\u30ffA-Za-z・]{1,20}")
_CALENDAR_NAMES = {"date": "日付", "year": "年", "ordinal": "回次", "label": "条項番号"}


def _calendar_value(text: str, w: str, fig: Figure) -> KpiValue:
    """A date, year, ordinal or label: named by the noun it numbers (第4次〇〇計画 → 〇〇計画)."""
    name = _CALENDAR_NAMES[fig.kind]
    if fig.unit == "年連続":  # 相談受理事件数は3年連続で…: a streak of what the sentence is about
        topic = _topic_of_sentence(w, max(w.rfind("。", 0, fig.start), 0), fig.start)
        name = f"連続年数（{topic}）" if topic else "連続年数"
    elif fig.kind == "ordinal":  # 第4次知的財産人材育成計画: the series it numbers
        series = _SERIES_AFTER.match(w, fig.end, min(len(w), fig.end + 24))
        if series:
            name = f"{name}（{series.group()}）"
    year = int(fig.value) // 10000 if fig.kind == "date" and fig.unit == "日付" else None
    return KpiValue(
        text=unmarked(text[fig.start : fig.end]),
        value=float(fig.value),
        unit=fig.unit,
        year=year if fig.kind == "date" else (int(fig.value) if fig.kind == "year" else None),
        metric=name,
        kind=fig.kind,
        start=fig.start,
        end=fig.end,
    )


def extract_kpis(text: str) -> tuple[KpiValue, ...]:
    """Every figure in a record's text, in order of appearance."""
    table = markdown_table_kpis(text, extract_kpis)
    if table is not None:
        return table
    w = text.translate(WIDTH).replace(EMPHASIS_MARK, "\0" * len(EMPHASIS_MARK))
    figures = scan(w)
    quantities = [f for f in figures if f.kind not in CALENDAR_KINDS and f.kind != "label"]
    values, dating = _quantities(text, w, quantities)
    for fig in figures:
        if (fig.kind in CALENDAR_KINDS or fig.kind == "label") and not any(a <= fig.start < b for a, b in dating):
            values.append(_calendar_value(text, w, fig))
    return tuple(sorted(values, key=lambda k: k.start))


def _quantities(text: str, w: str, figures: list[Figure]) -> tuple[list[KpiValue], list[tuple[int, int]]]:
    """The quantities, named and dated; and the spans of the years that dated them."""
    values: list[KpiValue] = []
    dating: list[tuple[int, int]] = []
    sentence_start = 0
    prev_end = 0
    for fig in figures:
        # Only the text since the previous figure is searched: linear over the record.
        cut = max(w.rfind("。", sentence_start, fig.start), w.rfind("\n", sentence_start, fig.start)) + 1
        same_sentence = cut <= prev_end and values
        if cut > sentence_start:
            sentence_start = cut
        head_start = prev_end if same_sentence else sentence_start
        after = _YEAR_AFTER.match(w, fig.end, min(len(w), fig.end + 40))
        year, target, spans = _years_before(w, head_start, fig.start)
        dating += spans
        if after:
            dating.append((after.start(), after.end()))
            if fig.target and target is None:
                target = _year_of(after)  # 上位5位以内を維持（2030年度）: the year it is to be met by
            else:
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
        if metric in GENERIC_NAMES:  # 合計は18.8百億米ドル: the total of what the record sums
            metric = next((v.metric for v in reversed(values) if v.metric and v.metric.endswith(metric)), metric)
        if metric and fig.unit == "%" and not _RATE_WORDS.search(metric):
            metric = f"{metric}の割合"  # 大学は約3割: the share of universities, not 大学
        values.append(
            KpiValue(
                text=unmarked(text[fig.start : fig.end]),
                value=float(fig.value),
                unit=fig.unit,
                year=year,
                qualifier=fig.qualifier,
                metric=metric,
                target=target is not None or fig.target,
                kind=fig.kind,
                high=None if fig.high is None else float(fig.high),
                target_year=target,
                start=fig.start,
                end=fig.end,
                over=fig.over,
            )
        )
        prev_end = after.end() if after else fig.end
    return values, dating


__all__ = ["Column", "extract_kpis", "extract_table_kpis", "parse_table_header", "parse_decimal"]
