"""Odd but valid editions: each parses, diffs, and renders without trouble."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipdiff.cli import main

NESTED = "# 計画\n\n- 第一層を推進する。\n  - 第二層を検討する。\n    - 第三層を実施する。\n      - 第四層。\n- 次の施策。\n"
EMPTY_SECTIONS = "# 計画\n\n## 空の章\n\n## もう一つの空の章\n\n## 施策\n\n- 施策を推進する。\n"
PLAIN = "これは見出しも箇条書きもない文章です。施策を推進する。\n\n二つ目の段落では研究開発投資180兆円を目指す。\n"
HOSTILE = (
    '# <script>alert(1)</script>\n\n- =HYPERLINK("http://example.invalid")を推進する。\n'
    '- "><img src=x onerror=alert(1)> & 施策を推進する。\n'
)


def _diff(tmp_path, old: str, new: str, fmt: str = "json"):
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", fmt, "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("text", [NESTED, EMPTY_SECTIONS, PLAIN, HOSTILE], ids=["nested", "empty-sections", "plain", "hostile"])
def test_odd_identical_editions_have_no_changes(tmp_path, nlp, diff_schema, text):
    import jsonschema

    doc = json.loads(_diff(tmp_path, text, text))
    jsonschema.validate(doc, diff_schema)
    assert {c["type"] for c in doc["changes"]} == {"unchanged"}
    assert doc["summary"]["unchanged"] == doc["old"]["records"] == doc["new"]["records"]


def test_odd_nested_bullets_keep_their_parent(tmp_path, nlp):
    (tmp_path / "n.txt").write_text(NESTED, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "n.txt"), "--format", "json", "--no-cache"])
    records = json.loads(result.stdout)["records"]
    first = next(r for r in records if r["text"] == "第一層を推進する。")
    assert all(r["parent"] == first["id"] for r in records if r["text"].startswith(("第二", "第三", "第四")))


def test_odd_hostile_text_is_escaped_in_every_format(tmp_path, nlp):
    new = HOSTILE.replace("推進する", "実施する")
    html = _diff(tmp_path, HOSTILE, new, "html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_diff(tmp_path, HOSTILE, new, "csv").lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


def test_odd_one_megabyte_single_line(tmp_path, nlp):
    line = "知的財産の保護と活用を推進し、" * (1024 * 1024 // 45)
    out = json.loads(_diff(tmp_path, line + "\n", line.replace("推進", "促進", 1) + "\n"))
    assert out["summary"]["modified"] == 1
