"""`ipdiff diff --section/--kind/--format kpis-csv`: a researcher's subset."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from ipdiff.compare.selection import select_changes
from ipdiff.errors import UsageError
from tests.render_fixtures import make_diff

OLD = """# 計画A

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2024年には22件。
- 研究セキュリティの確保に関する取組を推進する。

## クールジャパン

- 2033年までに海外展開規模を50兆円以上とすることを目指す。
"""
NEW = OLD.replace("2024年には22件", "2025年には38件").replace("推進する。", "一層推進する。")


def test_select_by_section_and_kind():
    diff = make_diff()
    cj = select_changes(diff, section="クールジャパン")
    assert cj.changes and all("クールジャパン" in c.section[0] for c in cj.changes)
    assert cj.summary["modified"] == sum(1 for c in cj.changes if c.type == "modified")
    # Full-width input matches half-width headings.
    assert select_changes(diff, section="（１） 海外展開").changes == select_changes(diff, section="(1) 海外展開").changes
    captions = select_changes(diff, kind="apparatus")
    assert [c.anchor for c in captions.changes] == ["c-o12-n12"]
    assert len(select_changes(diff, kind="measure").changes) == len(diff.changes) - 1
    with pytest.raises(UsageError, match="unknown kind 'bullet'"):
        select_changes(diff, kind="bullet")


@pytest.fixture
def editions(tmp_path, nlp):
    for label, text in (("2030", OLD), ("2031", NEW)):
        (tmp_path / f"{label}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def _diff(editions, *args: str):
    return CliRunner().invoke(
        main, ["diff", str(editions / "2030.txt"), str(editions / "2031.txt"), *args, "--no-cache"]
    )


def test_cli_diff_section_and_kind(editions):
    result = _diff(editions, "--section", "技術流出", "--kind", "measure", "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    assert changes and all(r["section"][-1] == "技術流出の防止" for c in changes for r in c["old"] + c["new"])
    bad = _diff(editions, "--kind", "nonsense")
    assert bad.exit_code == 2 and "--kind: unknown kind 'nonsense'" in bad.stderr


def test_cli_diff_kpis_csv(editions):
    result = _diff(editions, "--format", "kpis-csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"), newline="")))
    (row,) = [r for r in rows if r["old_text"] == "22件"]
    assert (row["new_text"], row["old_year"], row["new_year"]) == ("38件", "2024", "2025")


def test_selection_the_old_name_of_a_sub_bullet_still_selects_it():
    from ipdiff.compare.selection import kinds_named

    assert kinds_named("figure") == kinds_named("sub_bullet") == frozenset({"sub_bullet"})
