"""KPI values: units normalised, qualifiers, reference and target years."""

from __future__ import annotations

import pytest

from ipdiff.parse.kpi import extract_kpis
from ipdiff.parse.records import block_kpis
from ipdiff.parse.segment import segment

# (source line, surface text, value in base units, unit, year, qualifier) in the real 2026 text.
GOLD_2026 = [
    (15, "13.3兆円", 13_300_000_000_000, "円", 2023, None),
    (15, "6.1兆円", 6_100_000_000_000, "円", 2024, None),
    (16, "30.7兆円", 30_700_000_000_000, "円", None, None),
    (16, "約13%増", 13, "%", None, "約"),
    (36, "17分野", 17, "分野", None, None),
    (51, "20兆円", 20_000_000_000_000, "円", None, None),
    (56, "50兆円以上", 50_000_000_000_000, "円", None, "以上"),
    (91, "5年間", 5, "年", None, None),
    (91, "180兆円", 180_000_000_000_000, "円", None, None),
    (167, "70件超", 70, "件", None, "超"),
    (167, "38件", 38, "件", 2025, None),
    (167, "73%増", 73, "%", None, None),
    (186, "1億アクセス", 100_000_000, "アクセス", None, "未満"),  # の大台を下回った: a bound
    (307, "61", 61, "技術・製品等", None, None),
    (246, "8割", 80, "%", None, None),
    (271, "18社", 18, "社", 2024, None),
    # 上位5位以内を維持（2030年度）: a target to keep, met by 2030 (its target year, not a reference year)
    (293, "5位以内", 5, "位", None, "以内"),
    (354, "50兆円以上", 50_000_000_000_000, "円", None, "以上"),
    (354, "10ポイント増加", 10, "pt", None, None),
    (359, "3.6兆円", 3_600_000_000_000, "円", None, None),
    (359, "13.42%", 13.42, "%", None, None),
    (359, "20.3百億米ドル", 203_000_000_000, "米ドル", None, None),
    (359, "1.6百億米ドル", 16_000_000_000, "米ドル", None, None),
    (361, "58.1%", 58.1, "%", None, None),
    (361, "70.8%", 70.8, "%", None, None),
    (361, "33.3%", 33.3, "%", None, None),
    (384, "20兆円", 20_000_000_000_000, "円", None, None),
    (388, "6.1兆円", 6_100_000_000_000, "円", 2024, None),
    # The Cool Japan table: units from the header, years from the cells.
    (367, "6.1（2024年）", 6_100_000_000_000, "円", 2024, None),
    (367, "5.8（2023年）", 5_800_000_000_000, "円", 2023, None),
    (367, "4.0（2024年）", 40_000_000_000, "米ドル", 2024, None),
    (367, "-1.54", -1.54, "%", None, None),
    (368, "9.5（2025年）", 9_500_000_000_000, "円", 2025, None),
    (373, "-14.17", -14.17, "%", None, None),
    (375, "30.7", 30_700_000_000_000, "円", None, None),
    (375, "27.1", 27_100_000_000_000, "円", None, None),
    (375, "18.8", 188_000_000_000, "米ドル", None, None),
    (375, "8.48", 8.48, "%", None, None),
]


@pytest.fixture(scope="module")
def blocks_2026(text_2026):
    return segment(text_2026)


@pytest.fixture(scope="module")
def kpis_by_line(blocks_2026):
    out: dict[int, list] = {}
    for block in blocks_2026:
        out.setdefault(block.line, []).extend(block_kpis(block))
    return out


@pytest.mark.parametrize(("line", "text", "value", "unit", "year", "qualifier"), GOLD_2026)
def test_kpi_2026_gold(kpis_by_line, line, text, value, unit, year, qualifier):
    found = [k for k in kpis_by_line.get(line, []) if k.text == text]
    assert found, f"{text} not found on line {line}: {[k.text for k in kpis_by_line.get(line, [])]}"
    k = found[0]
    assert k.value == pytest.approx(value, rel=1e-12)
    assert (k.unit, k.year, k.qualifier) == (unit, year, qualifier)


def test_kpi_2026_every_quantity_is_stated_in_its_record(blocks_2026):
    for block in blocks_2026:
        for k in block_kpis(block):
            assert k.text in block.text.replace("**", ""), (block.line, k.text)
            assert k.unit, (block.line, k.text)


def test_kpi_2026_every_table_row_has_a_value_per_column_in_its_units(blocks_2026):
    # The Cool Japan table: 円ベース（単位：兆円） and 米ドルベース（単位：百億米ドル）, each
    # with the 2026 value, the 2025 value and the rate of change.
    rows = [b for b in blocks_2026 if b.kind == "table_row"]
    assert rows
    for row in rows:
        assert [k.unit for k in block_kpis(row)] == ["円", "円", "%", "米ドル", "米ドル", "%"], row.line


CALENDAR_OR_LABEL = ("date", "year", "ordinal", "label")


def test_kpi_2026_count_regression_guard(blocks_2026):
    # Counted by hand in the 2026 draft. A changed count means kpi.py now finds or drops a
    # quantity: find which against the text, and add it to GOLD_2026 if it is right.
    table = sum(len(block_kpis(b)) for b in blocks_2026 if b.kind == "table_row")
    prose = [k for b in blocks_2026 if b.kind != "table_row" for k in block_kpis(b)]
    assert table == 9 * 6, "the table's 9 rows hold 6 figures each"
    # 40: 17の戦略分野 and 61の技術・製品等 are counts; 人口10万人当たり is not a figure
    # of its own; 3年連続 is a streak (an ordinal), not a quantity.
    assert sum(1 for k in prose if k.kind not in CALENDAR_OR_LABEL) == 40, "quantities in the 2026 draft's prose"
    assert sum(1 for k in prose if k.kind == "ordinal" and k.unit == "年連続") == 1


@pytest.mark.parametrize(("line", "text", "target_year"), [(51, "20兆円", 2033), (56, "50兆円以上", 2033),
                                                          (354, "10ポイント増加", 2033), (384, "20兆円", 2033)])
def test_kpi_2026_targets(kpis_by_line, line, text, target_year):
    (k,) = [k for k in kpis_by_line[line] if k.text == text]
    assert (k.target_year, k.target) == (target_year, True)


def test_kpi_2026_every_figure_names_a_quantity(kpis_by_line):
    # Never empty, never a bare time or reference word (前年, 年間, 大台, 大学, 今後).
    bad = {"前年", "年間", "今後", "大台", "大学", "前回値", "前年比", "上位"}
    names = {(line, k.text): k.metric for line, ks in kpis_by_line.items() for k in ks}
    assert all(names.values()), [key for key, m in names.items() if not m]
    assert not [(key, m) for key, m in names.items() if m in bad or m.split("（")[0] in bad]
    assert names[(167, "73%増")] == "検挙事件数（前年比）"
    assert names[(246, "8割")] == "特許の割合"


def test_kpi_table_metric_names_row_and_column(kpis_by_line):
    metrics = {k.metric for k in kpis_by_line[369]}
    assert "食 / 農林水産物・食品の輸出額｜円ベース｜知財計画2026" in metrics
    assert "食 / 農林水産物・食品の輸出額｜米ドルベース｜増減率（%）" in metrics


@pytest.mark.parametrize(
    ("text", "value", "unit", "year", "qualifier", "target"),
    [
        ("２０３３年までに５０兆円以上", 50e12, "円", None, "以上", True),
        ("令和8年度中に約3割", 30, "%", 2026, "約", False),
        ("2035年までに上位4位以内", 4, "位", None, "以内", True),
        ("概ね100%とする", 100, "%", None, "概ね", False),
        ("1,200社を支援", 1200, "社", None, None, False),
        ("500億円未満", 5e10, "円", None, "未満", False),
        ("3,000人程度", 3000, "人", None, "程度", False),
        ("10ポイント増加", 10, "pt", None, None, False),
        ("前年比15.4%減", -15.4, "%", None, None, False),
        ("20.3百億米ドル", 2.03e11, "米ドル", None, None, False),
    ],
)
def test_kpi_normalises(text, value, unit, year, qualifier, target):
    (k,) = extract_kpis(text)
    assert k.value == pytest.approx(value)
    assert (k.unit, k.year, k.qualifier, k.target) == (unit, year, qualifier, target)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [("2024年に策定", "year", 2024), ("2025年12月", "date", 20251200), ("第7期科学技術・イノベーション基本計画", "ordinal", 7),
     ("第2回会合", "ordinal", 2), ("令和7年度", "year", 2025), ("2025年4月1日", "date", 20250401),
     ("3年連続で増加", "ordinal", 3), ("（２０２４年）", "year", 2024)],
)
def test_kpi_types_dates_years_and_ordinals(text, kind, value):
    (k,) = extract_kpis(text)
    assert (k.kind, k.value) == (kind, value)


@pytest.mark.parametrize("text", ["人口10万人当たり", "唯一の一部を統一", "一層の推進", "三位一体の改革", "十分に"])
def test_kpi_reads_no_figure_in_words(text):
    assert extract_kpis(text) == ()


def test_kpi_paired_years_follow_their_own_values():
    a, b = extract_kpis("支援実績：2024年度は18社、2025年度は22社")
    assert (a.year, b.year) == (2024, 2025)
    assert a.metric == b.metric == "支援実績"


# Every figure of the 2026 draft's prose with the name ipdiff gives it, read by hand: each
# names a quantity (never 前年, 年間, 今後, 大台, 大学 or nothing). The table rows are
# named row｜group｜column (test_kpi_table_metric_names_row_and_column).
NAMES_2026 = [
    (15, '13.3兆円', '市場規模'),
    (15, '6.1兆円', '海外市場規模'),
    (16, '30.7兆円', '海外展開規模'),
    (16, '約13%増', '海外展開規模（2025年比）'),
    (36, '17分野', '日本成長戦略の戦略分野'),
    (47, '17', '戦略分野の数'),
    (51, '20兆円', '海外市場規模'),
    (56, '50兆円以上', '海外展開規模'),
    (63, '17分野', '日本成長戦略分野'),
    (87, '17分野', '日本成長戦略分野'),
    (91, '5年間', '研究開発投資'),
    (91, '180兆円', '研究開発投資'),
    (94, '17分野', '成長戦略分野'),
    (108, '17分野', '戦略分野'),
    (167, '70件超', '相談受理事件数'),
    (167, '38件', '検挙事件数'),
    (167, '73%増', '検挙事件数（前年比）'),
    (186, '1億アクセス', '月間アクセス数'),
    (246, '8割', '特許の割合'),
    (271, '22社', '支援を受けた社数'),
    (271, '18社', '支援実績'),
    (271, '22社', '支援実績'),
    (293, '5位以内', '幹事国引受数'),
    (293, '17分野', '重要・戦略領域及び戦略分野'),
    (307, '17分野', '戦略分野'),
    (307, '61', '技術・製品等の数'),
    (354, '50兆円以上', 'クールジャパン関連産業の海外展開規模'),
    (354, '10ポイント増加', '日本ファンの割合'),
    (359, '30.7兆円', 'クールジャパン関連産業の海外展開の合計'),
    (359, '3.6兆円', 'クールジャパン関連産業の海外展開の合計（前回実績値比）'),
    (359, '13.42%', 'クールジャパン関連産業の海外展開の合計（前回実績値比）'),
    # 合計 alone names nothing: the total of what the record sums (the yen total before it)
    (359, '20.3百億米ドル', 'クールジャパン関連産業の海外展開の合計'),
    (359, '1.6百億米ドル', 'クールジャパン関連産業の海外展開の合計（前回値比）'),
    (359, '8.48%', 'クールジャパン関連産業の海外展開の合計（前回値比）'),
    (361, '58.1%', '割合（全世界の国・地域）'),
    (361, '70.8%', 'アジアの割合'),
    (361, '33.3%', '欧米豪の割合'),
    (384, '20兆円', '日本発コンテンツの海外市場規模'),
    (388, '6.1兆円', '日本のコンテンツの海外市場規模'),
    (389, '17', '戦略分野の数'),
]


def test_kpi_2026_names_of_every_prose_figure(blocks_2026):
    found = [
        (b.line, k.text, k.metric)
        for b in blocks_2026
        if b.kind != "table_row"
        for k in block_kpis(b)
        if k.kind not in CALENDAR_OR_LABEL
    ]
    assert found == NAMES_2026


def test_kpi_2026_a_rank_to_keep_is_a_target_with_its_year(kpis_by_line):
    k = next(k for k in kpis_by_line[293] if k.text == "5位以内")
    assert (k.target, k.target_year, k.year) == (True, 2030, None)
