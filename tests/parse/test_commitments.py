"""Reading a measure's commitments with GiNZA: which clauses commit, to what, how firmly."""

from __future__ import annotations

import pytest

from ipdiff.parse.commitments import read_commitments
from ipdiff.parse.records import parse_text, plain_with_offsets


def levels(nlp, sentence: str) -> list[tuple[str, str | None]]:
    return [(c.predicate, c.level) for c in read_commitments(nlp(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Coordinated clauses each commit: 〜とともに, 〜し, separate sentences.
        ("鳥獣被害対策実施隊の体制を強化するとともに、処理施設の整備を検討する。",
         [("強化", "promote"), ("検討", "study")]),
        ("基準を改正する。また、周知の方策について検討する。", [("改正", "implement"), ("検討", "study")]),
        # A purpose clause (〜するため, 〜に向けて) does not commit.
        ("管理を行う魚種を拡大するため、資源評価の高度化に向けた検討を進める。", [("検討を進める", "study")]),
        ("救助を実施するために、市町村との連携方法を強化する。", [("強化", "promote")]),
        # A relative clause is part of the object, not a commitment.
        ("産地が実施する後継者育成研修を支援する。", [("支援", "promote")]),
        # A need or an opinion commits to nothing.
        ("未利用食品の寄附を一層進める必要がある。", []),
        ("表示基準を改正すべきとの意見がある。", []),
        # A quoted title's words never commit.
        ("「地域の知財活用を推進する会議」の提言を周知する。", [("周知", "promote")]),
    ],
)
def test_commitments_which_clauses_commit(nlp, sentence, expected):
    assert levels(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        # Process verbs are one level unless their object is a study.
        ("受入環境の整備を進める。", "promote"),
        ("受入環境整備を推進する。", "promote"),
        ("多言語解説の整備に向けた検討を進める。", "study"),
        ("キャッシュレス決済の普及に取り組む。", "promote"),
        # A light verb takes its object's level; with a concrete object it implements.
        ("長寿命化計画の策定の検討を行う。", "study"),
        ("長寿命化計画の策定を行う。", "implement"),
        ("法的整理を行う。", "implement"),
        ("課題の整理を行う。", "explore"),
        ("入域料の導入を検討する。", "study"),
        # Hedges are phrases: the object of the study, or 必要に応じて.
        ("民間委託の在り方を検討する。", "explore"),
        ("航空レーザ測量の活用可能性を検討する。", "explore"),
        ("必要に応じて電子化を検討する。", "explore"),
        ("導入可能性が高い海域を調査する。", "study"),
        ("新たな可能性を開く取組を推進する。", "promote"),
        # Verbs outside the lexicon: their nearest sense, or none.
        ("積立てを義務化する。", "implement"),
        ("導入について、関係者に働きかける。", "promote"),
        ("除却への補助を拡充する。", "promote"),
        ("受付時間を延長する。", "implement"),
    ],
)
def test_commitments_one_reading_of_the_scale(nlp, sentence, level):
    found = read_commitments(nlp(sentence))
    assert [c.level for c in found][-1:] == [level]


def test_commitments_objects_and_generic_follow_through(nlp):
    (c,) = read_commitments(nlp("営業秘密の制度の在り方を検討し、所要の措置を講じる。"))
    # 所要の措置 is the studied matter's: one commitment that ends in action.
    assert (c.object, c.level) == ("営業秘密の制度の在り方", "implement")
    assert c.predicate.endswith("措置を講じる")
    first, second = read_commitments(nlp("育成者権管理機関を今夏に立ち上げ、事業化する。"))
    assert first.object == second.object == "育成者権管理機関"


def test_commitments_spans_point_into_the_record_text(nlp):
    text = "- 大学知財GLの**浸透を進め**、好事例の収集等を検討する。\n"
    edition = parse_text(text, "t", nlp)
    (m,) = [r for r in edition.records if r.commitments]
    for c in m.commitments:
        quoted = m.text[c.span[0] : c.span[1]].replace("**", "")
        assert c.object in quoted
    assert [c.level for c in m.commitments] == ["promote", "study"]
    assert m.strength == "study" and m.predicate == "進める・検討"


def test_commitments_parse_only_the_tail_of_a_very_long_record():
    plain, offsets = plain_with_offsets("あ。" * 2000 + "**強化**する。", limit=100)
    assert plain.endswith("強化する。") and len(plain) <= 100
    assert len(offsets) == len(plain)
