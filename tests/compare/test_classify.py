"""Classification: types, moves, cosmetic edits, KPI pairing, strength, order."""

from __future__ import annotations

from ipdiff.api import compare
from ipdiff.compare.figures import figure_changes
from ipdiff.io.crosswalk import parse_crosswalk
from ipdiff.model import KpiValue, Record
from tests.helpers import edition, record

A = "知財・無形資産ガバナンスガイドラインの改訂を行い、その普及・浸透を図る。"
B = "営業秘密の漏洩防止に向けた制度の在り方を検討する。"
C = "海賊版対策として、国際連携・執行の強化に官民一体となって取り組む。"
D = "大学知財の社会実装機会の最大化に向けて、好事例の収集・公表等を行う。"


def diff(old, new, **kw):
    return compare(edition("2025", old), edition("2026", new), **kw)


def test_classify_types_and_summary():
    old = [record(0, A), record(1, B), record(2, C)]
    new = [record(0, A), record(1, "**" + B.replace("、", "，") + "**"), record(2, D)]
    d = diff(old, new)
    kinds = [(c.type, c.cosmetic) for c in d.changes]
    assert kinds == [("unchanged", False), ("unchanged", True), ("removed", False), ("added", False)]
    assert d.summary == {"added": 1, "removed": 1, "modified": 0, "unchanged": 2, "split": 0, "merged": 0,
                         "moved": 0, "kpi_changes": 0, "strength_changes": 0}


def test_classify_moved_masks_the_edition_label():
    # テーマ1 and テーマ2 keep their other measures: A leaves one for the other.
    old = [record(0, "スタートアップ支援", ("知的財産推進計画2025の構成",), "toc"), record(1, A, ("テーマ1",)),
           record(2, B, ("テーマ1",)), record(3, C, ("テーマ2",))]
    new = [record(0, "スタートアップ支援", ("知的財産推進計画2026の構成",), "toc"), record(1, B, ("テーマ1",)),
           record(2, C, ("テーマ2",)), record(3, A, ("テーマ2",))]
    d = diff(old, new)
    assert [(c.new[0].text, c.moved) for c in d.changes] == [
        ("スタートアップ支援", False), (B, False), (C, False), (A, True)]


def test_classify_strength_up_and_down():
    old = [record(0, B, strength="explore"), record(1, C, strength="promote")]
    new = [record(0, B.replace("検討する", "検討し、所要の措置を講じる"), strength="implement"),
           record(1, C.replace("取り組む", "取り組みを検討する"), strength="study")]
    d = diff(old, new)
    assert [(c.type, c.strength.old, c.strength.new, c.strength.direction) for c in d.changes] == [
        ("modified", "explore", "implement", "up"), ("modified", "promote", "study", "down")]
    assert d.summary["strength_changes"] == 2


def test_classify_kpi_changes_pair_by_metric_and_year():
    old = [record(0, "検挙事件数は2024年には22件。相談受理事件数は79件。" + B)]
    new = [record(0, "検挙事件数は2025年には38件。相談受理事件数は79件。" + B)]
    (c,) = diff(old, new).changes
    (k,) = c.kpis
    assert (k.metric, k.old.text, k.old.year, k.new.text, k.new.year) == ("検挙事件数", "22件", 2024, "38件", 2025)


def kpi_changes(old_text: str, new_text: str):
    return figure_changes([record(0, old_text)], [record(0, new_text)])


def test_classify_kpi_appear_disappear_and_restated_values():
    changes = kpi_changes("海外市場規模は5.8兆円（2023年）。",
                          "海外市場規模は6.1兆円（2024年）、前回は5.8兆円（2023年）。日本ファンを10ポイント増")
    assert [(k.old and k.old.text, k.new and k.new.text) for k in changes] == [
        ("5.8兆円", "6.1兆円"), (None, "10ポイント増")]
    gone = kpi_changes("22社を支援、満足度80%", "22社を支援")
    assert [(k.old.text, k.new) for k in gone] == [("80%", None)]


def test_classify_a_changed_target_year_alone_is_a_change():
    (k,) = kpi_changes("2033年までに20兆円", "2035年までに20兆円")
    assert (k.old.target_year, k.new.target_year, k.old.value == k.new.value) == (2033, 2035, True)


def test_classify_kpi_rates_and_amounts_are_never_paired():
    # 前年比15.4%減 and 73%増 are both rates of change; 22件 → 38件 a count: each with its own kind.
    got = kpi_changes("検挙事件数は22件（前年比15.4%減）。", "検挙事件数は38件（前年比73%増）。")
    assert [(k.old.kind, k.new.kind, k.new.value) for k in got] == [("count", "count", 38), ("rate", "rate", 73)]


def test_classify_removed_records_follow_their_old_neighbour():
    old = [record(0, A), record(1, B), record(2, C)]
    new = [record(0, A), record(1, C), record(2, D)]
    d = diff(old, new)
    assert [(c.type, [m.id for m in c.old], [m.id for m in c.new]) for c in d.changes] == [
        ("unchanged", ["r00"], ["r00"]), ("removed", ["r01"], []), ("unchanged", ["r02"], ["r01"]),
        ("added", [], ["r02"])]


def test_classify_crosswalk_pins_are_reported():
    old = [record(0, A), record(1, B)]
    new = [record(0, C), record(1, D)]
    cw = parse_crosswalk('[[pin]]\nold = "r00"\nnew = ["r00", "r01"]\nnote = "really a split"\n', "cw.toml",
                         edition("2025", old), edition("2026", new))
    d = diff(old, new, crosswalk=cw)
    pinned = [c for c in d.changes if c.pinned]
    assert [(c.type, len(c.new)) for c in pinned] == [("split", 2)]


def test_classify_crosswalk_rejects_unknown_ids():
    import pytest

    from ipdiff.errors import InputError

    old, new = edition("a", [record(0, A)]), edition("b", [record(0, A)])
    with pytest.raises(InputError, match="cw.toml: unknown new record id 'zz' in pin #1"):
        parse_crosswalk('[[pin]]\nold = "r00"\nnew = "zz"\n', "cw.toml", old, new)
    with pytest.raises(InputError, match="unknown table"):
        parse_crosswalk('[[pins]]\nold = "r00"\n', "cw.toml", old, new)


def _cell(metric: str, value: float, unit: str = "件") -> KpiValue:
    return KpiValue(f"{value:g}{unit}", value, unit, metric=metric)


def _figures(old: list[KpiValue], new: list[KpiValue]):
    def holding(kpis: list[KpiValue]) -> Record:
        return Record(id="r", section=(), kind="table_row", text="", line=1, end_line=1, kpis=tuple(kpis))

    return figure_changes([holding(old)], [holding(new)])


def test_kpi_a_table_column_on_one_side_only_is_not_a_kpi_change():
    """A 増減率 column added to (or dropped from) a table changes the row's shape, not its figures."""
    old = [_cell("出願件数｜国内｜2024年", 100)]
    new = [_cell("出願件数｜国内｜2024年", 120), _cell("出願件数｜国内｜増減率", 20, "%")]
    (change,) = _figures(old, new)
    # Named by its row: the headline compares each side's newest column.
    assert (change.metric, change.old, change.new) == ("出願件数｜国内", old[0], new[0])
    (dropped,) = _figures(new, old)
    assert (dropped.old, dropped.new) == (new[0], old[0])


def test_kpi_a_figure_on_one_side_only_outside_tables_is_a_change():
    """The column rule is for table cells only: a sentence's new figure is still reported."""
    old = [_cell("出願件数", 100)]
    new = [_cell("出願件数", 100), _cell("増加率", 20, "%")]
    (change,) = _figures(old, new)
    assert (change.old, change.new) == (None, new[1])
