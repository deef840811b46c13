"""Figures as a journalist reads them: every shape a plan writes, one sentence pair each.

Each row is an old and a new sentence and the figure changes a reader must be told,
as (old text, new text); a figure that did not change must not appear. Pure: no model.
"""

from __future__ import annotations

import time

import pytest

from ipdiff.compare.figures import figure_changes
from ipdiff.model import Record
from ipdiff.parse.kpi import extract_kpis


def record(text: str) -> Record:
    return Record(id="r", section=(), kind="point", text=text, line=1, end_line=1, kpis=extract_kpis(text))


def changes(old: str, new: str) -> list[tuple[str | None, str | None]]:
    return [(k.old and k.old.text, k.new and k.new.text) for k in figure_changes([record(old)], [record(new)])]


PAIRS = [
    # pairing by place: 15% stays, 3→4, 12→11, 5→6
    ("中小企業はマイナス3ポイント（例：15%→12%）、大企業はマイナス5ポイント。",
     "中小企業はマイナス4ポイント（例：15%→11%）、大企業はマイナス6ポイント。",
     [("マイナス3ポイント", "マイナス4ポイント"), ("12%", "11%"), ("マイナス5ポイント", "マイナス6ポイント")]),
    # mixed 万/億/兆 and counters
    ("延べ宿泊者数を1億3,000万人泊、輸出額を1兆4,500億円とする。",
     "延べ宿泊者数を1億5,000万人泊、輸出額を1兆5,073億円とする。",
     [("1億3,000万人泊", "1億5,000万人泊"), ("1兆4,500億円", "1兆5,073億円")]),
    # kanji numerals
    ("受講者を年間十万人規模とし、比率を三割とする。", "受講者を年間二十万人規模とし、比率を四割とする。",
     [("十万人", "二十万人"), ("三割", "四割")]),
    # fractions
    ("活用面積を全耕地の3分の1とする。", "活用面積を全耕地の2分の1とする。", [("3分の1", "2分の1")]),
    # ranges
    ("事業費は約1.2～1.5兆円を見込む。", "事業費は約1.6～2.0兆円を見込む。", [("約1.2～1.5兆円", "約1.6～2.0兆円")]),
    ("専門家を5〜8名派遣する。", "専門家を6〜10名派遣する。", [("5〜8名", "6〜10名")]),
    # signs: ▲/△, 増/減
    ("輸出額は前年比△2.3%。", "輸出額は前年比3.9%増。", [("△2.3%", "3.9%増")]),
    # a target year that moves while the value stays
    ("割合を2027年度までに8割とする。", "割合を2029年度までに8割とする。", [("8割", "8割")]),
    # one figure changes beside a stable one (から…に)
    ("消費額を5兆円から8兆円に拡大する。", "消費額を5兆円から15兆円に拡大する。", [("8兆円", "15兆円")]),
    ("拠点を全国3か所から5か所に分散する。", "拠点を全国3か所から7か所に分散する。", [("5か所", "7か所")]),
    # a bare count before の
    ("指標を12の地域で試行する。", "指標を20の地域で試行する。", [("12", "20")]),
    # ranks, multiples, ages, periods
    ("競争力を世界15位以内とする。", "競争力を世界10位以内とする。", [("15位以内", "10位以内")]),
    ("定員を1.5倍に拡充する。", "定員を2倍に拡充する。", [("1.5倍", "2倍")]),
    ("平均年齢は68.4歳で、5年前より1.2歳上昇。", "平均年齢は69.2歳で、5年前より1.5歳上昇。",
     [("68.4歳", "69.2歳"), ("1.2歳", "1.5歳")]),
    ("復旧までに平均3.5日を要する。", "復旧までに平均2日を要する。", [("3.5日", "2日")]),
    # a figure on one side only: added or dropped, never paired with an unrelated one
    ("支援件数は120件。", "支援件数は120件で、満足度は80%。", [(None, "80%")]),
    ("支援件数は120件で、満足度は80%。", "支援件数は150件。", [("120件", "150件"), ("80%", None)]),
    # nothing changed but the wording around the figures
    ("相談件数は約11万件（2024年）。", "窓口の相談件数は約11万件（2024年）。", []),
    # dates, ordinals and streaks are figures of their own kinds: the change lists each pair
    ("第5期計画を2025年4月1日に公表し、3年連続で増加。", "第6期計画を2026年4月1日に公表し、4年連続で増加。",
     [("第5期", "第6期"), ("2025年4月1日", "2026年4月1日"), ("3年連続", "4年連続")]),
]


@pytest.mark.parametrize(("old", "new", "expected"), PAIRS)
def test_figure_pairs(old, new, expected):
    assert changes(old, new) == expected


@pytest.mark.parametrize(
    ("text", "value", "high", "unit", "kind"),
    [
        ("12万3456人", 123456, None, "人", "count"),
        ("1兆2,000億円", 1.2e12, None, "円", "amount"),
        ("4万5,000件", 45000, None, "件", "count"),
        ("十か所", 10, None, "か所", "count"),
        ("二倍", 2, None, "倍", "multiple"),
        ("三分の一", 100 / 3, None, "%", "rate"),
        ("0.8～1.2兆円", 0.8e12, 1.2e12, "円", "amount"),
        ("30〜35%", 30, 35, "%", "rate"),
        ("マイナス3ポイント", -3, None, "pt", "rate"),
        ("▲1.8%", -1.8, None, "%", "rate"),
        ("前年比15.4%減", -15.4, None, "%", "rate"),
        ("５０，０００人", 50000, None, "人", "count"),
        ("3か月", 3, None, "か月", "period"),
        ("17の戦略分野", 17, None, "戦略分野", "count"),
        ("上位5位以内", 5, None, "位", "rank"),
    ],
)
def test_notation(text, value, high, unit, kind):
    (k,) = extract_kpis(text)
    assert k.value == pytest.approx(value)
    assert (k.high and pytest.approx(k.high)) == (high and pytest.approx(high))
    assert (k.unit, k.kind) == (unit, kind)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("在留外国人数は350万人。", "在留外国人数"),
        ("検挙事件数は38件（前年比73%増）。", "検挙事件数（前年比）"),
        ("61の技術・製品等を含める。", "技術・製品等の数"),
        ("多くの大学で8割の特許が未利用。", "特許の割合"),
        ("災害時の通信途絶は年平均14件発生し、復旧までに平均3.5日を要する。", "災害時の通信途絶（復旧）"),
    ],
)
def test_names_what_is_measured(text, metric):
    assert extract_kpis(text)[-1].metric == metric


def test_years_belong_to_their_figure():
    a, b, c = extract_kpis("輸出額は1.5兆円（２０２４年）、2030年度末までに5兆円、2035年度を目途に10兆円とする。")
    assert (a.year, a.target_year) == (2024, None)
    assert (b.year, b.target_year) == (None, 2030)
    assert (c.year, c.target_year) == (None, 2035)


MARKDOWN_OLD = """| 指標 | 計画2030 | 計画2029 |
| --- | --- | --- |
| 付加価値額（兆円） | 56.2（2024年） | 54.8（2023年） |
| 実施率（%） | 24.8（2024年） | 25.1（2023年） |"""
MARKDOWN_NEW = """| 指標 | 計画2031 | 計画2030 |
| --- | --- | --- |
| 付加価値額（兆円） | 58.9（2025年） | 56.4（2024年） |
| 実施率（%） | 23.6（2025年） | 24.8（2024年） |"""


def test_tables_roll_forward_a_year():
    got = figure_changes([record(MARKDOWN_OLD)], [record(MARKDOWN_NEW)])
    rows = [(k.old.text, k.new.text, k.restated) for k in got]
    # Newest column against newest; 計画2030 in both is compared with itself and told
    # only where it was revised; the old-only 計画2029 column is never paired.
    assert rows == [("56.2（2024年）", "58.9（2025年）", False), ("56.2（2024年）", "56.4（2024年）", True),
                    ("24.8（2024年）", "23.6（2025年）", False)]
    assert got[0].new.value == pytest.approx(58.9e12)
    # The headline is named by its row: each side's column is its own newest.
    assert got[0].metric == "付加価値額（兆円）" and got[1].metric.endswith("｜計画2030")
    assert got[2].new.kind == "rate"


@pytest.mark.parametrize(
    "text",
    ["1" * 20000, "1兆円" * 100000, "漢の" * 20000 + "ため1件", "（" * 50000 + "2024年）", "一" * 50000],
)
def test_hostile_input_is_read_in_linear_time(text):
    began = time.perf_counter()
    extract_kpis(text)
    # Far above the milliseconds these take, far below the tens of seconds a
    # super-linear pattern took on them.
    assert time.perf_counter() - began < 10


def test_a_number_too_long_to_be_a_figure_is_refused():
    assert extract_kpis("9" * 400 + "円") == ()
    assert extract_kpis("1" * 16 + "円") == ()
    (k,) = extract_kpis("999兆円")
    assert k.value == 999e12
