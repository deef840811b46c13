"""figure_reader: every number token read and typed, one family of shapes per test.

The examples are written for each family (statute style, plan style), not taken from the
development set's sentences. Pure: no model.
"""

from __future__ import annotations

import time

import pytest

from ipdiff.parse.kpi import extract_kpis


def read(text: str) -> list[tuple[str, float, str, str, str | None]]:
    return [(k.text, k.value, k.unit, k.kind, k.qualifier) for k in extract_kpis(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # kanji durations with and without 間, with a qualifier
        ("公表後四十年を経過するまで", [("四十年", 40, "年", "period", None)]),
        ("出願の日から五年間存続する", [("五年間", 5, "年", "period", None)]),
        ("通知の日から十日以内", [("十日以内", 10, "日", "period", "以内")]),
        ("存続期間が十五年を超える", [("十五年を超える", 15, "年", "period", "超")]),
        # the legal spelling of months, and the 箇月 family in kanji and digits
        ("公告の日から二月以内", [("二月以内", 2, "か月", "period", "以内")]),
        ("満了前九箇月", [("九箇月", 9, "か月", "period", None)]),
        ("審理は8箇月以内に", [("8箇月以内", 8, "か月", "period", "以内")]),
        ("研修は4ケ月", [("4ケ月", 4, "か月", "period", None)]),
        # kanji amounts with 万/千, a counter after any numeral
        ("一件ごとに、四万二千三百円", [("四万二千三百円", 42300, "円", "amount", None)]),
        ("罰金は三百万円以下", [("三百万円以下", 3_000_000, "円", "amount", "以下")]),
        ("審判官五人の合議体", [("五人", 5, "人", "count", None)]),
        # 割, 分, 厘 and % as one quantity; a space before the unit; 年N分 as a rate
        ("費用の二割五分", [("二割五分", 25, "%", "rate", None)]),
        ("延滞金は年六分", [("六分", 6, "%", "rate", None)]),
        ("比率は42 ％", [("42 ％", 42, "%", "rate", None)]),
        ("比率は12〜15 ％", [("12〜15 ％", 12, "%", "rate", None)]),
        # frequencies
        ("計画は5年ごとに見直す", [("5年ごと", 5, "年ごと", "frequency", None)]),
        ("会合を年2回開く", [("年2回", 2, "回/年", "frequency", None)]),
    ],
)
def test_quantities_of_every_shape(text, want):
    assert read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2027年3月31日に施行", [("2027年3月31日", 20270331, "日付", "date")]),
        ("令和八年四月一日", [("令和八年四月一日", 20260401, "日付", "date")]),
        ("2024年から開始", [("2024年", 2024, "年", "year")]),
        ("平成30年度に", [("平成30年度", 2018, "年", "year")]),
        ("第3次基本計画", [("第3次", 3, "第次", "ordinal")]),
        ("8年連続で増加", [("8年連続", 8, "年連続", "ordinal")]),
        ("第四十二条の三", [("第四十二条の三", 42, "条", "label")]),
        ("３ 前項の規定は", [("３", 3, "", "label")]),
        ("二 前号に掲げるもの", [("二", 2, "", "label")]),
    ],
)
def test_dates_years_ordinals_and_labels_are_typed(text, want):
    assert [(k.text, k.value, k.unit, k.kind) for k in extract_kpis(text)] == want


def test_a_value_over_a_streak_knows_its_span():
    streak, count = extract_kpis("申立件数は4年連続で120件超")
    assert (streak.kind, count.over, count.qualifier, count.value) == ("ordinal", "4年連続", "超", 120)


@pytest.mark.parametrize(
    ("text", "target", "target_year", "year"),
    [
        ("普及率を9割まで高める", True, None, None),
        ("上位3位以内を維持（2031年度）", True, 2031, None),
        ("2035年に向けて利用者を50万人とする", True, 2035, None),
        ("件数を令和10年度を目途に200件とする", True, 2028, None),
        ("利用率は72%（2024年）", False, None, 2024),
        ("2040年までに輸出額を20兆円にまで拡大し、新たな市場を開く", True, 2040, None),
    ],
)
def test_targets_and_their_years(text, target, target_year, year):
    k = next(k for k in extract_kpis(text) if k.kind not in ("year", "date"))
    assert (k.target, k.target_year, k.year) == (target, target_year, year)


@pytest.mark.parametrize(
    "text", ["市場規模は5兆円に拡大している", "シェアは3割を維持してきた", "海外展開規模が9.5兆円（前年比約5%増）にまで拡大し、源泉となっている"]
)
def test_what_happened_is_not_a_target(text):
    assert {k.target for k in extract_kpis(text) if k.kind not in ("year", "date")} == {False}


@pytest.mark.parametrize("text", ["数十年にわたり", "数百万円規模の"])
def test_several_is_not_a_figure(text):
    assert extract_kpis(text) == ()


def test_a_figure_at_the_start_of_a_continuation_line_is_not_a_label():
    (k,) = extract_kpis("割合は\n30 ％")
    assert (k.kind, k.value) == ("rate", 30)


def test_a_bracketed_year_dates_its_own_figure_not_the_next():
    best, = [k for k in extract_kpis("順位は9位で、過去最高の2位（2009年）から後退。") if k.text == "2位"]
    first, = [k for k in extract_kpis("順位は9位で、過去最高の2位（2009年）から後退。") if k.text == "9位"]
    assert (best.year, first.year) == (2009, None)


def test_the_scan_stays_linear():
    line = "出願の日から三年以内に一件ごとに四万二千円を納付し、第三条第二項の期間は六月とする。"
    small, big = line * 200, line * 2000
    t0 = time.perf_counter()
    extract_kpis(small)
    t1 = time.perf_counter()
    assert len(extract_kpis(big)) == 1000  # the per-record cap
    t2 = time.perf_counter()
    assert t2 - t1 < 40 * max(t1 - t0, 0.01)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("月間アクセス数は1億アクセスの大台を下回った", "未満"), ("売上高は2兆円を上回った", "超"), ("利用者が100万人を突破", "超")],
)
def test_a_threshold_crossed_is_a_bound(text, qualifier):
    (k,) = [k for k in extract_kpis(text) if k.kind not in ("year", "date")]
    assert k.qualifier == qualifier
