"""Plan families as plug-ins: the registry, detection, the cache key, and a third family
defined here, in the test, working end to end through the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner

import ipdiff.families as families
from ipdiff.cli import main
from ipdiff.families import FAMILIES, Family, LineRules, detect_family, family_named
from ipdiff.families.base import NEVER
from ipdiff.io.cache import ParseCache
from ipdiff.io.sources import source_from_bytes

ROOT = Path(__file__).resolve().parents[2]

# A tiny family: minutes of a meeting. `- ◎…` opens an agenda item, 【課題】 and 【対応】
# are its zones, 「資料：」 a caption.
MEMO = Family(
    name="memo",
    version="1",
    document_name="議事メモ",
    lines=LineRules(
        top_headings=(re.compile(r"^議事メモ$"),),
        toc_heading=NEVER,
        toc_annex=NEVER,
        zones=((re.compile("【課題】"), "課題"), (re.compile("【対応】"), "対応")),
        caption=re.compile(r"^資料[：:]"),
        caption_goes_on="\x00",
        point=re.compile(r"^◎\s*"),
        fallback_part="議題",
        fallback_theme="議題",
    ),
    detect=lambda text: 2.0 if "議事メモ" in text.split("\n", 1)[0] else 0.0,
    zone_kinds=MappingProxyType({"課題": "status", "対応": "plan"}),
    kind_groups=MappingProxyType({"point": "measure", "status": "measure", "plan": "measure"}),
    reworded_kinds=frozenset({"status", "plan"}),
    lead_kinds=frozenset({"point"}),
)

OLD = """議事メモ

- ◎窓口の一本化

【課題】

- 相談窓口が三つに分かれている。

【対応】

- 窓口の統合を検討する。
資料：事務局調べ
"""
NEW = OLD.replace("窓口の統合を検討する。", "窓口を2027年までに統合する。")


def _edition_dir(tmp_path: Path, family_line: str) -> Path:
    editions = tmp_path / "editions"
    editions.mkdir()
    for label, text in (("2030", OLD), ("2031", NEW)):
        (editions / f"{label}.txt").write_text(text, encoding="utf-8")
        (editions / f"{label}.toml").write_text(
            f'label = "{label}"\ntitle = "議事メモ{label}"\ndate = "{label}-01-01"\nstatus = "draft"\n{family_line}',
            encoding="utf-8",
        )
    return editions


@pytest.fixture
def with_memo(monkeypatch):
    # Registering a family is one line in FAMILIES.
    monkeypatch.setattr(families, "FAMILIES", (*FAMILIES, MEMO))


@pytest.mark.parametrize("family_line", ['family = "memo"\n', ""])
def test_a_third_family_works_end_to_end(with_memo, tmp_path, monkeypatch, family_line):
    _edition_dir(tmp_path, family_line)  # named in the metadata, or detected from the text
    monkeypatch.chdir(tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    parsed = CliRunner().invoke(main, ["parse", "2031", "--format", "json", *cache])
    assert parsed.exit_code == 0, parsed.output
    doc = json.loads(parsed.stdout)
    assert doc["family"] == "memo"
    kinds = [(r["kind"], r["text"]) for r in doc["records"]]
    assert ("point", "窓口の一本化") in kinds
    assert ("status", "相談窓口が三つに分かれている。") in kinds
    assert ("plan", "窓口を2027年までに統合する。") in kinds
    assert ("caption", "資料：事務局調べ") in kinds

    md = CliRunner().invoke(main, ["diff", "2030", "2031", "--format", "md", *cache])
    assert md.exit_code == 0, md.output
    assert md.stdout.splitlines()[0] == "# 議事メモの変更点: 2030 → 2031"
    diff = json.loads(CliRunner().invoke(main, ["diff", "2030", "2031", "--format", "json", *cache]).stdout)
    modified = [c for c in diff["changes"] if c["type"] == "modified"]
    assert [c["new"][0]["text"] for c in modified] == ["窓口を2027年までに統合する。"]
    html = CliRunner().invoke(main, ["diff", "2030", "2031", *cache]).stdout
    assert "<h1>議事メモ 新旧対照表" in html and "知的財産推進計画" not in html


def test_an_unknown_family_is_one_line_of_bad_input(tmp_path, monkeypatch):
    _edition_dir(tmp_path, 'family = "nosuch"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["parse", "2031", "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message and "2031" in message and "'nosuch'" in message and "ip_plan" in message


def test_detection_picks_the_plan_for_the_shipped_editions_and_markdown_for_plain_text():
    for label in ("2025", "2026"):
        assert detect_family((ROOT / "editions" / f"{label}.txt").read_text(encoding="utf-8")).name == "ip_plan"
    assert detect_family("# 計画\n\n- 施策を進める。\n").name == "markdown"
    # No structure at all: the default (the plan, as before families existed).
    assert detect_family("施策を進める。\n").name == "ip_plan"
    # A Markdown file that holds the plan's apparatus is read as the plan.
    assert detect_family("# 計画\n\n現状と課題\n\n- ◆要点\n").name == "ip_plan"


def test_the_markdown_family_reads_plain_text_as_the_plan_rules_did():
    from ipdiff.parse.segment import segment

    text = "# 計画\n\n## 方針\n\n- 施策を進める。\n  - 細目\n1. 番号付き\n※ 注記\n"
    as_plan = segment(text, family_named("ip_plan"))
    assert segment(text, family_named("markdown")) == as_plan
    assert {b.kind for b in as_plan} >= {"heading", "statement", "note"}


def test_the_family_and_its_version_are_in_the_cache_key():
    source = source_from_bytes("# 計画\n".encode(), "2030", "x.txt")
    keys = {ParseCache.key(source, tag) for tag in ("ip_plan/1", "ip_plan/2", "markdown/1")}
    assert len(keys) == 3
    assert families.cache_tag(MEMO) == "memo/1"
