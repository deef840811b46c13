"""The shipped 2025 → 2026 diff, through the CLI: the figures an independent reader found
misread are read right (`ipdiff diff 2025 2026 --format json` on editions/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def doc(tmp_path_factory, nlp) -> dict:
    out = tmp_path_factory.mktemp("fig") / "d.json"
    result = CliRunner().invoke(
        main,
        ["diff", "2025", "2026", "--format", "json", "-o", str(out), "--editions-dir", str(ROOT / "editions"),
         "--cache-dir", str(out.parent / "cache")],
    )
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def _pairs(doc: dict, needle: str) -> list[dict]:
    return [
        k for c in doc["changes"] if any(needle in r["text"] for r in c["old"] + c["new"]) for k in c["kpis"]
    ]


def _text(k: dict, side: str) -> str | None:
    return (k[side] or {}).get("text")


def test_a_floor_over_three_years_is_not_compared_with_one_years_count(doc):
    (k,) = [k for k in _pairs(doc, "相談受理事件数") if _text(k, "new") == "70件超"]
    assert _text(k, "old") == "79件"
    assert (k["comparable"], k["delta"], k["percent_change"]) == (False, None, None)
    assert (k["new"]["qualifier"], k["new"]["over"]) == ("超", "3年連続")


def test_targets_set_again_elsewhere_are_kept_not_dropped(doc):
    gone = [k for c in doc["changes"] for k in c["kpis"] if k["old"] and k["old"]["target"] and not k["new"]]
    by_text = {k["old"]["text"]: k for k in gone}
    for text in ("50兆円以上", "10ポイント増加", "20兆円"):
        assert by_text[text]["target_status"] == "kept", text
        assert by_text[text]["kept_in"], text


def test_nearly_all_is_a_target_to_reach(doc):
    (k,) = [k for k in _pairs(doc, "概ね100%**とすることを目指す") if k["old"]]
    assert (k["old"]["qualifier"], k["old"]["target"]) == ("概ね", True)


def test_a_rank_to_keep_is_a_target_with_its_year(doc):
    (k,) = [k for k in _pairs(doc, "上位5位以内を維持") if _text(k, "new") == "5位以内"]
    assert (k["new"]["target"], k["new"]["target_year"], k["new"]["year"]) == (True, 2030, None)


def test_a_best_ever_rank_keeps_its_own_year(doc):
    (k,) = [k for k in _pairs(doc, "過去最高の4位（2007年）") if _text(k, "old") == "4位"]
    assert k["old"]["year"] == 2007
    others = [k for k in _pairs(doc, "過去最高の4位（2007年）") if _text(k, "old") != "4位" and k["old"]]
    assert all(k["old"]["year"] != 2007 for k in others)


def test_a_total_is_named_by_what_it_sums(doc):
    metrics = [k["metric"] for c in doc["changes"] for k in c["kpis"]]
    assert "合計" not in metrics
    assert not any(m and m.startswith("合計｜") for m in metrics)
    assert "クールジャパン関連産業の海外展開の合計｜円ベース" in metrics


def test_no_pair_joins_two_kinds_of_quantity(doc):
    for c in doc["changes"]:
        for k in c["kpis"]:
            if k["old"] and k["new"]:
                assert k["old"]["kind"] == k["new"]["kind"] or {k["old"]["kind"], k["new"]["kind"]} <= {"period"}, k
