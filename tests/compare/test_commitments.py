"""Judging a change on what both editions commit to: pairs by object, added, dropped."""

from __future__ import annotations

from ipdiff.compare.commitments import judge, object_similarity
from ipdiff.model import Commitment


def c(obj: str, predicate: str, level: str | None) -> Commitment:
    return Commitment(obj, predicate, level, (0, len(obj)))


GL = c("大学知財GLの浸透", "進める", "promote")


def test_judge_added_commitment_is_not_a_change_of_the_old_one():
    j = judge([GL], [c("大学知財GLの浸透と産学連携の実態把握", "進める", "promote"),
                     c("好事例の収集・分析・公表等の必要な対応", "検討", "study")])
    assert j is not None and (j.direction, len(j.continued), len(j.added)) == ("same", 1, 1)


def test_judge_continuing_commitment_falls_or_rises():
    down = judge([c("機能保全計画", "策定", "implement")],
                 [c("機能保全計画の策定", "検討を行う", "study"), c("施設の点検", "推進", "promote")])
    assert down is not None and (down.direction, down.old, down.new) == ("down", "implement", "study")
    up = judge([c("体制", "強化", "promote"), c("捕獲した鳥獣の処理施設の整備", "検討", "study")],
               [c("体制", "強化", "promote"), c("捕獲した鳥獣の処理施設", "整備", "implement")])
    assert up is not None and (up.direction, up.old, up.new) == ("up", "study", "implement")


def test_judge_dropped_commitment_weakens_only_when_nothing_as_firm_stays():
    weaker_dropped = judge([c("受入体制の整備", "支援", "promote"), c("誘致の在り方", "検討", "explore")],
                           [c("受入体制の整備", "支援", "promote")])
    assert weaker_dropped is not None and weaker_dropped.direction == "same"
    firmer_dropped = judge([c("普及", "推進", "promote"), c("管理機関", "創設", "implement")],
                           [c("普及", "推進", "promote")])
    assert firmer_dropped is not None and (firmer_dropped.direction, firmer_dropped.old) == ("down", "implement")


def test_judge_follow_up_of_a_body_set_up_is_not_a_weakening():
    j = judge([c("官民の連絡会議", "設置", "implement")],
              [c("官民連絡会議の機能", "強化", "promote"), c("広域での支援体制の在り方", "検討", "explore")])
    assert j is not None and j.direction == "same" and j.continued[0].follow_up


def test_judge_need_or_opinion_commits_to_nothing():
    j = judge([], [c("未利用食品の寄附", "進める", "promote")])
    assert j is not None and (j.direction, j.old, j.new) == ("up", "none", "promote")
    assert judge([c("表示基準", "改正", "implement")], []).direction == "down"  # type: ignore[union-attr]
    assert judge([], []) is None


def test_judge_weak_match_is_uncertain():
    # The one rewritten slot of a parallel sentence pairs on a loose match only.
    j = judge([c("相談員の確保に向けた方策", "検討", "study"), c("相談体制の充実", "図る", "promote")],
              [c("相談員の資格取得に要する費用", "補助", "implement"), c("相談体制の充実", "図る", "promote")])
    assert j is not None and j.direction == "up" and j.uncertain


def test_object_similarity_counts_containment_of_a_specific_object():
    short, long_ = c("海外展開", "支援", "promote"), c("ローカライズやプロモーション等の海外展開", "支援", "promote")
    assert object_similarity(short, long_) >= 0.5
    assert object_similarity(c("議論", "継続", "study"), long_) == 0.0
