"""Commitment strength on the shipped editions, through the CLI: the change is judged on
what both editions commit to, not on the last verb of each record."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def diff_doc(tmp_path_factory) -> dict:
    cache = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["diff", "2025", "2026", "--format", "json", "--cache-dir", str(cache)])
        md = CliRunner().invoke(main, ["diff", "2025", "2026", "--format", "md", "--cache-dir", str(cache)])
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    assert md.exit_code == 0, md.output
    doc = json.loads(result.stdout)
    doc["_markdown"] = md.stdout
    return doc


def change_with(doc: dict, old_part: str, new_part: str) -> dict:
    def text(records: list[dict]) -> str:
        return "".join(r["text"] for r in records).replace("**", "")

    (found,) = [c for c in doc["changes"] if old_part in text(c["old"]) and new_part in text(c["new"])]
    return found


def test_strength_json_validates(diff_doc, diff_schema):
    jsonschema.validate({k: v for k, v in diff_doc.items() if k != "_markdown"}, diff_schema)


def test_strength_add_on_study_is_added_not_a_weakening(diff_doc):
    c = change_with(diff_doc, "（以下「大学知財GL」という）の浸透を進める", "好事例の収集・分析・公表等の必要な対応を検討")
    assert c["strength"] is None
    judged = c["commitments"]
    assert judged["direction"] == "same"
    (kept,) = judged["continued"]
    assert (kept["old"]["level"], kept["new"]["level"]) == ("promote", "promote")
    assert "浸透" in kept["old"]["object"] and "浸透" in kept["new"]["object"]
    assert [(a["level"], "好事例" in a["object"]) for a in judged["added"]] == [("study", True)]


def test_strength_follow_up_with_a_further_body_under_study(diff_doc):
    c = change_with(diff_doc, "官民の新たな司令塔機能を構築", "標準戦略監（仮称）等）を検討")
    assert c["strength"] is None
    judged = c["commitments"]
    assert judged["direction"] == "same"
    assert any(p["follow_up"] and "司令塔機能" in p["new"]["object"] for p in judged["continued"])
    assert [a["level"] for a in judged["added"]] == ["study"]


def test_strength_promote_verbs_are_one_level(diff_doc):
    c = change_with(diff_doc, "データ流通・利活用環境の整備を進める", "データ利活用の環境整備を推進")
    assert c["strength"] is None
    (kept,) = c["commitments"]["continued"]
    assert (kept["old"]["level"], kept["new"]["level"]) == ("promote", "promote")


def test_strength_appended_clause_does_not_set_the_level(diff_doc):
    c = change_with(diff_doc, "目標の実現を目指し、海外展開を支援", "海外展開を支援するとともに、海賊版対策を行う")
    assert c["strength"] is None
    judged = c["commitments"]
    assert judged["direction"] == "same"
    assert any(a["predicate"].endswith("行う") for a in judged["added"])


def test_strength_nominal_study_before_a_light_verb_is_a_weakening(diff_doc):
    c = change_with(diff_doc, "法的整理を行い", "法的整理の検討を行い")
    s = c["strength"]
    assert (s["direction"], s["old"], s["new"], s["uncertain"]) == ("down", "implement", "study", False)
    (pair,) = s["pairs"]
    assert "法的整理" in pair["old"]["object"] and pair["new"]["predicate"] == "検討を行う"


def highlights_of(markdown: str) -> str:
    start = markdown.index("## 主な変更")
    return markdown[start : markdown.index("\n## ", start + 1)]


WRONG_HEADLINES = [  # (old, new) of the four changes the last verb misread
    ("（以下「大学知財GL」という）の浸透を進める", "好事例の収集・分析・公表等の必要な対応を検討"),
    ("官民の新たな司令塔機能を構築", "標準戦略監（仮称）等）を検討"),
    ("データ流通・利活用環境の整備を進める", "データ利活用の環境整備を推進"),
    ("目標の実現を目指し、海外展開を支援", "海外展開を支援するとともに、海賊版対策を行う"),
]


def test_strength_highlights_hold_the_weakening_and_none_of_the_wrong_headlines(diff_doc):
    top = highlights_of(diff_doc["_markdown"])
    items = [line for line in top.splitlines() if line[:1].isdigit()]
    headlined = [line for line in items if "**後退**" in line or "**強化**" in line]
    assert any("**後退**" in line and "法的整理" in line and "検討「検討を行う」" in line for line in headlined)
    for old, new in WRONG_HEADLINES:
        anchor = change_with(diff_doc, old, new)["anchor"]
        assert not any(f"#{anchor})" in line for line in headlined), old


def test_strength_single_verb_changes_still_read_right(diff_doc):
    # 検討を進める → 立ち上げ、事業化する: one commitment rewritten, up.
    c = change_with(diff_doc, "育成者権管理機関の創設に向けた検討を進める", "育成者権管理機関を今夏に立ち上げ")
    assert (c["strength"]["direction"], c["strength"]["old"], c["strength"]["new"]) == ("up", "study", "implement")
