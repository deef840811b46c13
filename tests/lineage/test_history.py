"""`ipdiff history` on a real git repository: one edition file committed four times."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main

V1 = """# 知的財産推進計画テスト

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2024年には22件。
- 営業秘密の漏洩防止に向けた制度の在り方を検討する。
- 研究セキュリティの確保に関する取組を推進する。

## 地域における知財保護

- 中小企業の知財経営を伴走支援により支援する。
- 農林水産業の知財マネジメント能力の強化に向けてセミナーを実施する。
"""
# v2: a number and its year updated.
V2 = V1.replace("2024年には22件", "2025年には38件")
# v3: a commitment strengthened, and a measure moved to another theme.
V3 = (
    V2.replace("在り方を検討する。", "在り方を検討し、所要の措置を講じる。")
    .replace("- 研究セキュリティの確保に関する取組を推進する。\n", "")
    .replace(
        "## 地域における知財保護\n\n",
        "## 地域における知財保護\n\n- 研究セキュリティの確保に関する取組を推進する。\n",
    )
)
# v4: the moved measure reworded; one measure dropped, one added.
V4 = (
    V3.replace("取組を推進する。", "取組を一層推進する。")
    .replace("- 中小企業の知財経営を伴走支援により支援する。\n", "")
    + "- 生成AIと知的財産権の関係について法的整理を行う。\n"
)
SUBJECTS = ["first draft", "update the trade-secret figures", "strengthen and move", "reword, drop, add"]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("plans")
    _git(repo, "init", "-q")
    (repo / "editions").mkdir()
    for text, subject in zip([V1, V2, V3, V4], SUBJECTS, strict=True):
        (repo / "editions" / "plan.txt").write_text(text, encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", subject)
    return repo


@pytest.fixture(scope="module")
def history(repo, nlp):
    result = CliRunner().invoke(
        main, ["history", str(repo / "editions" / "plan.txt"), "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_history_lists_commits_oldest_first(history, repo):
    versions = history["versions"]
    assert [v["subject"] for v in versions] == SUBJECTS
    shas = _git(repo, "log", "--reverse", "--format=%H").split()
    assert [v["version"] for v in versions] == shas
    assert versions[0]["summary"] is None


def test_history_counts_per_commit(history):
    s = [v["summary"] for v in history["versions"][1:]]
    assert (s[0]["modified"], s[0]["added"], s[0]["removed"]) == (1, 0, 0)
    assert s[1]["moved"] == 1 and s[1]["modified"] == 1 and s[1]["strength_changes"] == 1
    assert (s[2]["added"], s[2]["removed"], s[2]["modified"]) == (1, 1, 1)


def test_history_kpi_and_strength_changes(history):
    (kpi,) = history["versions"][1]["kpi_changes"]
    (change,) = kpi["kpis"]
    assert (change["old"]["value"], change["old"]["year"]) == (22, 2024)
    assert (change["new"]["value"], change["new"]["year"]) == (38, 2025)
    (strength,) = history["versions"][2]["strength_changes"]
    assert (strength["old"], strength["new"], strength["direction"]) == ("explore", "implement", "up")


def test_history_lineage_follows_a_measure_through_move_and_rewording(repo, history, monkeypatch):
    monkeypatch.chdir(repo)  # REV:PATH is read from the repository we stand in
    runner = CliRunner()
    first = runner.invoke(main, ["parse", "HEAD~3:editions/plan.txt", "--format", "json", "--no-cache"])
    assert first.exit_code == 0, first.output
    (record,) = [r for r in json.loads(first.stdout)["records"] if "研究セキュリティ" in r["text"]]
    result = runner.invoke(
        main, ["history", str(repo / "editions" / "plan.txt"), "--measure", record["id"], "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    story = json.loads(result.stdout)["versions"]
    assert len(story) == 4 and all(len(v["records"]) == 1 for v in story)
    assert [v["records"][0]["section"][-1] for v in story] == ["技術流出の防止"] * 2 + ["地域における知財保護"] * 2
    assert story[3]["records"][0]["text"].endswith("一層推進する。")


def test_history_measure_by_id_prefix_or_text_fragment(repo, history, monkeypatch):
    monkeypatch.chdir(repo)
    runner = CliRunner()
    path = str(repo / "editions" / "plan.txt")

    def story(measure: str):
        result = runner.invoke(main, ["history", path, "--measure", measure, "--format", "json"])
        return result, (json.loads(result.stdout)["versions"] if result.exit_code == 0 else None)

    by_text, versions = story("研究セキュリティ")
    assert by_text.exit_code == 0, by_text.output
    lineage = json.loads(by_text.stdout)["measure"]
    assert lineage == versions[0]["records"][0]["id"]  # the lineage is its first record's id
    by_prefix, again = story(lineage[:6])
    assert by_prefix.exit_code == 0, by_prefix.output
    assert again == versions
    # Full-width or spaced input finds the same text.
    assert story("研究 セキュリティ")[1] == versions
    # Ambiguous: both trade-secret measures match; the candidates are named, exit 2.
    ambiguous, _ = story("営業秘密")
    assert ambiguous.exit_code == 2
    assert "matches 2 measures" in ambiguous.stderr and "検挙事件数" in ambiguous.stderr
    assert ambiguous.stderr.count("\n") == 1


def test_history_of_a_dropped_measure_ends(repo, history):
    v = history["versions"][3]
    assert v["summary"]["removed"] == 1


def test_history_bad_paths(tmp_path, repo):
    runner = CliRunner()
    outside = runner.invoke(main, ["history", str(tmp_path / "x.txt")])
    assert outside.exit_code == 2 and "not inside a git repository" in outside.stderr
    never = runner.invoke(main, ["history", str(repo / "editions" / "never.txt")])
    assert never.exit_code == 2 and "has no committed versions" in never.stderr
    unknown = runner.invoke(main, ["history", str(repo / "editions" / "plan.txt"), "--measure", "nope"])
    assert unknown.exit_code == 2 and "nope: no record or lineage" in unknown.stderr


def test_history_revision_inputs_mask_their_label(tmp_path, monkeypatch, nlp):
    """`REV:PATH` against the working file: 「…2030の構成」 is the same section on both sides."""
    repo = tmp_path
    _git(repo, "init", "-q")
    text = "# 計画2030\n\n## 計画2030の構成\n\n- 施策を推進する。\n"
    (repo / "2030.txt").write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "v1")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff", "HEAD:2030.txt", "2030.txt", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["old"]["label"] == "2030@HEAD"
    assert doc["summary"]["moved"] == 0 and doc["summary"]["unchanged"] == doc["new"]["records"]


def test_history_writes_to_output_file(tmp_path, repo, history):
    """`-o` writes the same document stdout would carry; nothing on stdout."""
    out = tmp_path / "history.json"
    result = CliRunner().invoke(
        main, ["history", str(repo / "editions" / "plan.txt"), "--format", "json", "--no-cache", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == history
    missing = CliRunner().invoke(
        main, ["history", str(repo / "editions" / "plan.txt"), "-o", str(tmp_path / "no" / "h.txt")]
    )
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
