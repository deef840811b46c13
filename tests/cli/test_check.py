"""`ipdiff report` and `ipdiff check` on a real git repository of editions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main

OLD = """# 知的財産推進計画A

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2024年には22件。
- 営業秘密の漏洩防止に向けた制度の在り方を検討し、所要の措置を講じる。
- 研究セキュリティの確保に関する取組を推進する。

## クールジャパン

- 2033年までに海外展開規模を50兆円以上とすることを目指す。
- 中小企業の知財経営を伴走支援により支援する。
"""
NEW = OLD.replace("2024年には22件", "2025年には38件")
META = 'label = "{label}"\ntitle = "計画{label}"\ndate = "{label}-06-01"\nstatus = "official"\n'


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        check=True, capture_output=True,
    )


def _run(repo: Path, *args: str):
    return CliRunner().invoke(
        main, [*args, "--editions-dir", str(repo / "editions"), "--no-cache"]
        + (["--reports-dir", str(repo / "reports")] if args[0] in {"report", "check"} else []),
    )


@pytest.fixture
def repo(tmp_path, nlp) -> Path:
    ed = tmp_path / "editions"
    ed.mkdir()
    for label, text in (("2030", OLD), ("2031", NEW)):
        (ed / f"{label}.txt").write_text(text, encoding="utf-8")
        (ed / f"{label}.toml").write_text(META.format(label=label), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    result = _run(tmp_path, "report")
    assert result.exit_code == 0, result.output
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "editions and reports")
    return tmp_path


def test_check_passes_on_fresh_reports(repo):
    result = _run(repo, "check")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (repo / "reports").iterdir())
    assert names == [
        "2030-2031-changes.csv", "2030-2031-kpis.csv", "2030-2031.html", "2030-2031.json",
        "2030-2031.md", "feed.xml", "index.html",
    ]


def test_report_is_byte_identical_on_rerun(repo):
    before = {p.name: p.read_bytes() for p in (repo / "reports").iterdir()}
    assert _run(repo, "report").exit_code == 0
    assert {p.name: p.read_bytes() for p in (repo / "reports").iterdir()} == before


def test_check_fails_naming_stale_reports_after_an_edition_changes(repo):
    path = repo / "editions" / "2031.txt"
    path.write_text(NEW.replace("推進する。", "一層推進する。"), encoding="utf-8")
    _git(repo, "commit", "-qam", "reword")
    result = _run(repo, "check")
    assert result.exit_code == 1
    assert "2030-2031.json: stale" in result.stderr and "2030-2031.html: stale" in result.stderr
    assert _run(repo, "report").exit_code == 0
    assert _run(repo, "check").exit_code == 0


def test_check_names_missing_orphaned_and_version_mismatch(repo):
    (repo / "reports" / "2030-2031.md").unlink()
    (repo / "reports" / "2029-2030.html").write_text("old", encoding="utf-8")
    report = repo / "reports" / "2030-2031.json"
    doc = json.loads(report.read_text(encoding="utf-8"))
    doc["generator"]["ipdiff"] = "0.0.1"
    report.write_text(json.dumps(doc), encoding="utf-8")
    result = _run(repo, "check")
    assert result.exit_code == 1
    assert "2030-2031.md: missing" in result.stderr
    assert "2029-2030.html: orphaned" in result.stderr
    assert "2030-2031.json: stale: made by a different version (ipdiff 0.0.1" in result.stderr


def test_check_fails_when_a_new_edition_is_added_without_reports(repo):
    (repo / "editions" / "2032.txt").write_text(NEW, encoding="utf-8")
    (repo / "editions" / "2032.toml").write_text(META.format(label="2032"), encoding="utf-8")
    result = _run(repo, "check")
    assert result.exit_code == 1
    assert "2031-2032.html: missing" in result.stderr


@pytest.mark.parametrize(
    ("gate", "new_text", "fragment"),
    [
        ("strength-down", NEW.replace("検討し、所要の措置を講じる。", "検討する。"), "コミットメントの後退: 実施 → 検討（在り方等） (implement → explore"),
        ("kpi-lowered", NEW.replace("50兆円以上", "40兆円以上"), "KPI target lowered"),
        ("dropped:0", NEW.replace("- 中小企業の知財経営を伴走支援により支援する。\n", ""), "削除された施策 1件 (measures dropped; limit 0)"),
    ],
)
def test_check_fail_on_conditions(repo, gate, new_text, fragment):
    assert _run(repo, "check", "--fail-on", gate).exit_code == 0  # not triggered by the base pair
    (repo / "editions" / "2031.txt").write_text(new_text, encoding="utf-8")
    assert _run(repo, "report").exit_code == 0
    result = _run(repo, "check", "--fail-on", gate)
    assert result.exit_code == 1 and fragment in result.stderr, result.stderr
    assert _run(repo, "check").exit_code == 0  # the reports themselves are fresh


def _shell(repo: Path, command: str) -> subprocess.CompletedProcess[str]:
    """`ipdiff …` through a real shell, as a CI script would write it."""
    import os
    import shlex
    import sys

    exe = f"{shlex.quote(sys.executable)} -m ipdiff"
    env = {**os.environ, "IPDIFF_CACHE_DIR": str(repo / ".cache")}
    return subprocess.run(
        command.replace("ipdiff", exe, 1), shell=True, cwd=repo, env=env, capture_output=True, text=True
    )


def test_fail_on_gate_syntax_through_a_real_shell(repo):
    # Unquoted, the shell reads `>5` as a redirect: ipdiff sees `dropped` alone and says so.
    unquoted = _shell(repo, "ipdiff check --fail-on dropped>5")
    assert unquoted.returncode == 2
    assert "needs a count: write dropped:5" in unquoted.stderr
    assert "Traceback" not in unquoted.stderr
    assert (repo / "5").read_text() == ""  # the shell's file is empty: nothing silently checked
    # The documented form has no shell metacharacter; the old form works when quoted.
    colon = _shell(repo, "ipdiff check --fail-on dropped:5,strength-down")
    assert colon.returncode == 0, colon.stderr
    quoted = _shell(repo, "ipdiff check --fail-on 'dropped>5'")
    assert quoted.returncode == 0, quoted.stderr


@pytest.mark.parametrize("spec", ["dropped", "dropped:", "kpi-lowered:3", "dropped:x", "dropped>=2"])
def test_fail_on_refuses_malformed_conditions(repo, spec):
    result = _run(repo, "check", "--fail-on", spec)
    assert result.exit_code == 2
    assert result.stderr.startswith("ipdiff: error: --fail-on:") and result.stderr.count("\n") == 1


def test_gates_judge_the_newest_pair_unless_all_pairs(repo):
    # 2031 drops a measure; 2032 drops none: the newest pair is clean.
    dropped = NEW.replace("- 中小企業の知財経営を伴走支援により支援する。\n", "")
    (repo / "editions" / "2031.txt").write_text(dropped, encoding="utf-8")
    (repo / "editions" / "2032.txt").write_text(dropped, encoding="utf-8")
    (repo / "editions" / "2032.toml").write_text(META.format(label="2032"), encoding="utf-8")
    assert _run(repo, "report").exit_code == 0
    assert _run(repo, "check", "--fail-on", "dropped:0").exit_code == 0
    every = _run(repo, "check", "--fail-on", "dropped:0", "--all-pairs")
    assert every.exit_code == 1
    assert "2030 → 2031: 削除された施策 1件" in every.stderr
    assert "2031 → 2032" not in every.stderr


def test_check_hint_fits_the_failure(repo):
    (repo / "editions" / "2031.txt").write_text(
        NEW.replace("検討し、所要の措置を講じる。", "検討する。"), encoding="utf-8"
    )
    assert _run(repo, "report").exit_code == 0
    gate = _run(repo, "check", "--fail-on", "strength-down")
    assert gate.exit_code == 1 and "ipdiff report" not in gate.stderr
    assert "not stale files" in gate.stderr
    (repo / "editions" / "2031.toml").unlink()
    missing = _run(repo, "check")
    assert missing.exit_code == 1 and "2031.toml" in missing.stderr
    assert "ipdiff report" not in missing.stderr and "Fix the edition" in missing.stderr
    (repo / "reports" / "2030-2031.md").unlink()
    (repo / "editions" / "2031.toml").write_text(META.format(label="2031"), encoding="utf-8")
    stale = _run(repo, "check")
    assert stale.exit_code == 1 and "Run `ipdiff report`" in stale.stderr
