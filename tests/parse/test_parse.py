"""Blocks → measure records with GiNZA: predicates, strength, ids, the edition JSON."""

from __future__ import annotations

import json

import jsonschema
import pytest

from ipdiff.parse.commitments import headline, read_commitments
from ipdiff.parse.records import EXCLUDED, parse_text, record_id
from ipdiff.render.edition import edition_json


def test_parse_loads_only_the_components_it_uses(nlp):
    assert set(nlp.pipe_names).isdisjoint(EXCLUDED)
    assert {"tok2vec", "parser"} <= set(nlp.pipe_names)


@pytest.mark.parametrize(
    ("line", "strength", "predicate_part"),
    [
        (216, "implement", "措置を講じる"),  # …在り方を検討し、所要の措置を講じる。
        (237, "implement", "事業化"),  # 育成者権管理機関を今夏に立ち上げ、事業化する。
        (218, "study", "検討"),  # …仕組みを検討する。
        (110, "study", "検討を進める"),  # 検討を進める is a study, not a promotion
        (130, "explore", "整理"),  # …措置の在り方について課題の整理を行う: hedged
        (238, "promote", "推進"),
        (65, "implement", "改訂を行う"),
        (396, "implement", "構築"),
        (354, "promote", "目指す"),
    ],
)
def test_parse_commitment_predicate_and_strength(edition_2026, line, strength, predicate_part):
    (m,) = [r for r in edition_2026.records if r.line == line]
    assert m.strength == strength
    assert predicate_part in (m.predicate or "")


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        # The verb that ends the sentence decides, not the strongest clause before it.
        ("専門家を派遣し、中小企業の支援を強化する。", "promote"),
        ("専門家を派遣し、中小企業の支援の在り方を検討する。", "explore"),
        # Studying an implementation is a study.
        ("新たな制度の実施を検討する。", "study"),
        ("制度的手当てを検討する。", "study"),
        ("新システムの運用開始へ向けて検討する。", "study"),
        # No verb, no commitment.
        ("我が国の「稼ぐ力」の源泉。", None),
    ],
)
def test_parse_strength_from_the_final_predicate(nlp, sentence, strength):
    assert headline(read_commitments(nlp(sentence))) == strength


def test_parse_statements_without_commitment(edition_2026):
    by_line = {r.line: r for r in edition_2026.records}
    assert by_line[93].strength is None  # 「…は依然として不十分。」
    assert by_line[375].predicate is None  # a table row is not parsed


def test_parse_lemmas_for_matching(edition_2026):
    (m,) = [r for r in edition_2026.records if r.line == 218]
    assert "検討" in m.lemmas and "仕組み" in m.lemmas
    assert "を" not in m.lemmas


def test_parse_ids_stable_and_position_free(nlp, text_2026, edition_2026):
    again = parse_text(text_2026, "2026", nlp)
    assert [r.id for r in again.records] == [r.id for r in edition_2026.records]
    shifted = parse_text("\n\n" + text_2026, "2026", nlp)
    assert [r.id for r in shifted.records] == [r.id for r in edition_2026.records]
    assert len({r.id for r in edition_2026.records}) == len(edition_2026.records)


def test_parse_id_is_content_hash():
    a = record_id(("知的財産推進計画2026の構成",), "スタートアップ支援", "2026")
    b = record_id(("知的財産推進計画2025の構成",), "スタートアップ支援", "2025")
    assert a == b and len(a) == 12
    assert record_id(("x",), "スタートアップ支援") != a


def test_parse_table_metrics_keep_the_column_years(edition_2026):
    # Columns pair across editions by their years (newest against newest), so a table
    # metric keeps the year its column is named by, the edition's own included.
    (row,) = [r for r in edition_2026.records if r.line == 367]
    metrics = [k.metric for k in row.kpis]
    assert "コンテンツの海外展開（海外市場規模）｜円ベース｜知財計画2026" in metrics
    assert "コンテンツの海外展開（海外市場規模）｜円ベース｜知財計画2025" in metrics


def test_parse_edition_json_validates(edition_2026, edition_schema):
    doc = json.loads(edition_json(edition_2026))
    jsonschema.validate(doc, edition_schema)
    assert doc["schema"] == "ipdiff.edition/v1"
    assert len(doc["records"]) == 255
    row = next(r for r in doc["records"] if r["line"] == 375)
    assert row["kpis"][1]["value"] == 27100000000000 and isinstance(row["kpis"][1]["value"], int)


def test_parse_never_raises_on_odd_text(nlp):
    for text in ["。。。", "- ", "-\n-\n", "\t\t\t", "**", "# \n## ", "①", "(出典)", "x" * 5000]:
        parse_text(text, "odd", nlp)
