"""Aligned sections as evidence for rewordings (no model needed)."""

from __future__ import annotations

from dataclasses import replace

from ipdiff.api import compare
from ipdiff.compare.evidence import rematch
from ipdiff.compare.sections import align_sections
from ipdiff.model import Alignment, Group
from tests.helpers import edition, record

THEME = ("3. 知的財産の「活用」", "新たな国際標準戦略")
PLAN = (*THEME, "今後の予定（方向性）")
STATUS = (*THEME, "現状と課題")
KEEP = "産学連携の実態把握を進め、好事例の収集・分析・公表等の必要な対応を検討する。"


def changes(old, new):
    return [(c.type, [m.line for m in c.old], [m.line for m in c.new]) for c in compare(
        edition("2025", old), edition("2026", new)).changes]


def test_a_thorough_rewording_in_the_counterpart_section_is_modified():
    old_text = "国際標準に係る官民の新たな**司令塔機能を構築**するとともに、国際標準化を担う人材の育成、支援機関の強化等を進める。"
    new_text = ("国際標準に係る官民ハイレベルフォーラムの司令塔機能を強化する。さらに、政府部内で、より高い次元での"
                "司令塔機能を発揮できるよう、政府全体の標準施策を横断的に統括する組織（標準戦略監（仮称）等）を検討する。")
    old = [record(0, KEEP, PLAN), record(1, old_text, PLAN)]
    new = [record(0, KEEP, PLAN), record(1, new_text, PLAN)]
    assert changes(old, new) == [("unchanged", [1], [1]), ("modified", [2], [2])]
    # The same two texts in unrelated sections stay a removal and an addition.
    new_elsewhere = [record(0, KEEP, PLAN), record(1, new_text, ("2. 知的財産の「保護」", "技術流出の防止", "今後の予定（方向性）"))]
    assert sorted(t for t, _, _ in changes(old, new_elsewhere)) == ["added", "removed", "unchanged"]


def test_a_key_point_goes_with_the_key_point_not_a_status_sentence_elsewhere():
    # 2025 line 219 ↔ 2026 line 284: the aligner had paired the ◆ with a status sentence
    # of the theme's 現状と課題 (line 290) on text alone.
    point_old = "「**新たな国際標準戦略**」に基づき、重要領域・戦略領域における国際標準化を官民で推進する。"
    point_new = "官民投資ロードマップや科技イノベ基本計画に基づく成長戦略や研究開発と一体化した国際標準化を進める。"
    status_new = ("2025年に策定した「新たな国際標準戦略」に基づき、国内外の国際標準化動向のモニタリングや、"
                  "各省庁の取組・戦略／重要領域における取組のフォローアップを行った。")
    old = [record(0, point_old, THEME, "point"), record(1, KEEP, STATUS, "status")]
    new = [record(0, point_new, THEME, "point"), record(1, KEEP, STATUS, "status"), record(2, status_new, STATUS, "status")]
    on_text = Alignment((Group((), (0,), None), Group((1,), (1,), 1.0), Group((0,), (2,), 0.44)))
    sections = align_sections(old, new, [(0, 2), (1, 1)])
    groups = {(g.old, g.new) for g in rematch(on_text, old, new, sections).groups}
    assert groups == {((0,), (0,)), ((1,), (1,)), ((), (2,))}


def test_two_leftovers_that_one_new_measure_rewrites_together_are_a_merge():
    # 2025 l.205 + l.206 → 2026 l.256: the guideline and the 指針 in one new measure.
    a = "「大学等研究者の転退職時の知財取扱い指針」について、**複数の大学で試行**し、6か月から1年後を目途に、必要に応じて見直しを行う。"
    b = "大学知財GLの実効性を高めるため、**大学への普及・浸透**を進め、大学知財の社会実装機会の最大化を後押しする。"
    ab = "大学知財GLや大学等研究者の転退職時の知財取扱い指針などの実効性を高めるため、**意見交換を通じた課題分析・対策検討を継続的に進め、必要な対応策を検討**する。"
    other = "人材、資金、啓発などの**多面的な知財の支援で産学連携を後押し**する。"
    old = [record(0, KEEP, PLAN), record(1, a, PLAN), record(2, b, PLAN)]
    new = [record(0, KEEP, PLAN), record(1, ab, PLAN), record(2, other, PLAN)]
    on_text = Alignment((Group((0,), (0,), 1.0), Group((1,), (), None), Group((2,), (), None),
                         Group((), (1,), None), Group((), (2,), None)))
    sections = align_sections(old, new, [(0, 0)])
    groups = {(g.old, g.new) for g in rematch(on_text, old, new, sections).groups}
    assert groups == {((0,), (0,)), ((1, 2), (1,)), ((), (2,))}


# A bullet rewritten around a new count, between two neighbours that align.
TOPIC = ("障害福祉", "障害のある子の学び")
NEIGHBOUR_BEFORE = "発達障害の可能性のある児童生徒への支援を充実させる。"
NEIGHBOUR_AFTER = "学校現場での支援者を増やすため、専門職の配置を進める。"
COUNT_OLD = "通級による指導を受けている児童も増加傾向にあり、現在は134,185人（令和1年時点）"
COUNT_NEW = "小中学校で通級指導教室に通う生徒は増加し続け、現在は164,697人いる"


def in_slot(text_old: str, text_new: str) -> tuple[list, list]:
    old = [record(0, NEIGHBOUR_BEFORE, TOPIC, "sub_bullet"), record(1, text_old, TOPIC, "sub_bullet"),
           record(2, NEIGHBOUR_AFTER, TOPIC, "sub_bullet")]
    new = [record(0, NEIGHBOUR_BEFORE, TOPIC, "sub_bullet"), record(1, text_new, TOPIC, "sub_bullet"),
           record(2, NEIGHBOUR_AFTER, TOPIC, "sub_bullet")]
    return old, new


def test_a_count_restated_in_its_slot_is_modified_with_its_kpi_change():
    old, new = in_slot(COUNT_OLD, COUNT_NEW)
    diff = compare(edition("2025", old), edition("2026", new))
    modified = [c for c in diff.changes if c.type == "modified"]
    assert [([m.line for m in c.old], [m.line for m in c.new]) for c in modified] == [([2], [2])]
    assert [(k.old.text, k.new.text) for k in modified[0].kpis] == [("134,185人", "164,697人")]


def test_a_replaced_bullet_in_the_slot_stays_removed_and_added():
    policy = "障害者手帳のデジタル化を進め、マイナンバーカードへの搭載を早期に実施する。"
    old, new = in_slot(COUNT_OLD, policy)
    assert sorted(t for t, _, _ in changes(old, new)) == ["added", "removed", "unchanged", "unchanged"]
    # A figure of another unit is not the same statement either.
    old, new = in_slot(COUNT_OLD, "支援のための予算は増加し続け、現在は52億円に達する")
    assert sorted(t for t, _, _ in changes(old, new)) == ["added", "removed", "unchanged", "unchanged"]


def test_a_count_bullet_is_not_paired_when_the_slot_holds_more_than_one_leftover():
    old, new = in_slot(COUNT_OLD, COUNT_NEW)
    extra = record(3, "相談窓口の利用者は現在2,300人に上る", TOPIC, "sub_bullet")
    new = [replace(r, line=k + 1, end_line=k + 1) for k, r in enumerate([*new[:2], extra, new[2]])]
    assert sorted(t for t, _, _ in changes(old, new)) == ["added", "added", "removed", "unchanged", "unchanged"]
