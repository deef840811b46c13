"""`ipdiff timeline`, and `ipdiff report` / `check` with three editions, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ipdiff import api
from ipdiff.cli import main
from ipdiff.io.cache import ParseCache
from ipdiff.io.contract import load_schema
from ipdiff.io.sources import read_file

V1 = """# 知的財産推進計画テスト

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2023年には22件。
- 営業秘密の漏洩防止に向けた制度の在り方を検討する。
- 研究セキュリティの確保に関する取組を関係省庁と連携して推進する。

## 地域における知財保護

- 中小企業の知財経営を伴走支援により支援する。
"""
# The security measure is left out of 2025 and comes back in 2026; the figure moves.
V2 = V1.replace("2023年には22件", "2024年には30件").replace(
    "- 研究セキュリティの確保に関する取組を関係省庁と連携して推進する。\n", ""
)
V3 = V1.replace("2023年には22件", "2025年には38件")
TOML = 'label = "{label}"\ntitle = "テスト{label}"\ndate = "{label}-06-01"\nstatus = "official"\nsource = "test"\n'


def _editions(root: Path, texts: dict[str, str]) -> Path:
    folder = root / "editions"
    folder.mkdir()
    for label, text in texts.items():
        (folder / f"{label}.txt").write_text(text, encoding="utf-8")
        (folder / f"{label}.toml").write_text(TOML.format(label=label), encoding="utf-8")
    return folder


@pytest.fixture
def three(tmp_path: Path, nlp) -> Path:  # type: ignore[no-untyped-def]
    return _editions(tmp_path, {"2024": V1, "2025": V2, "2026": V3})


def _run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_timeline_json_from_every_edition(three: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    result = _run("timeline", "--format", "json", "--editions-dir", str(three), "--no-cache", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(doc, load_schema("timeline"))
    security = next(lin for lin in doc["lineages"] if "研究セキュリティ" in lin["entries"][0]["text"])
    assert security["gaps"] == ["2025"]
    assert [e["change"] for e in security["entries"]] == ["added", "returned"]
    series = next(s for s in doc["kpis"] if s["unit"] == "件")
    assert [(p["label"], p["value"], p["year"]) for p in series["points"]] == [
        ("2024", 22, 2023), ("2025", 30, 2024), ("2026", 38, 2025)
    ]


def test_timeline_html_by_paths(three: Path, tmp_path: Path) -> None:
    paths = [str(three / f"{y}.txt") for y in ("2024", "2025", "2026")]
    result = _run("timeline", *paths, "--no-cache", "--editions-dir", str(three))
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>")
    assert 'class="kpi-chart"' in result.output and "Content-Security-Policy" in result.output


def test_timeline_needs_three_editions(tmp_path: Path) -> None:
    folder = _editions(tmp_path, {"2024": V1, "2025": V2})
    out = tmp_path / "t.json"
    result = CliRunner().invoke(main, ["timeline", "--editions-dir", str(folder), "--no-cache", "-o", str(out)])
    assert result.exit_code == 2
    assert "at least 3 editions" in result.output and str(folder) in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_report_writes_the_timeline_and_check_expects_it(three: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    args = ["--editions-dir", str(three), "--reports-dir", str(reports), "--no-cache"]
    assert _run("report", *args).exit_code == 0
    assert {"timeline.html", "timeline.json"} <= {p.name for p in reports.iterdir()}
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="timeline.html"' in index and 'href="timeline.json"' in index
    assert _run("check", *args).exit_code == 0
    (reports / "timeline.json").unlink()
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 1 and "timeline.json: missing" in result.output


def test_two_editions_make_no_timeline(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    folder = _editions(tmp_path, {"2024": V1, "2025": V2})
    ctx = api.Context(editions_dir=folder, reports_dir=tmp_path / "reports")
    names = set(api.expected_reports(api.consecutive_diffs(ctx)))
    assert not names & {"timeline.html", "timeline.json"}
    assert "timeline" not in api.expected_reports(api.consecutive_diffs(ctx))["index.html"].decode()


def test_parallel_cold_parse_gives_the_same_records(three: Path, tmp_path: Path) -> None:
    sources = [read_file(three / f"{y}.txt") for y in ("2024", "2025", "2026")]
    cache = ParseCache(tmp_path / "cache")
    parallel = api.parse_many(sources, api.Context(cache=cache, jobs=2))
    # Each worker parsed and the parent cached: a second run is all hits.
    assert cache.misses == 3 and len(list((tmp_path / "cache").glob("*.json"))) == 3
    serial = api.parse_many(sources, api.Context(jobs=1))
    assert [e.records for e in parallel] == [e.records for e in serial]
