"""Two editions of a statute compared, with real GiNZA: renumbering, captions, moves, 削除, splits.

The fixtures are short windows of real e-Gov statutes (tests/fixtures/statute/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdiff.api import compare
from ipdiff.model import Change, Diff
from ipdiff.parse.records import parse_text
from ipdiff.render.html import render_html
from ipdiff.render.json import render_json

FIXTURES = Path(__file__).parent.parent / "fixtures" / "statute"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _text(case: str, side: str) -> str:
    return (FIXTURES / case / f"{side}.md").read_text(encoding="utf-8")


def _diff(nlp, old: str, new: str) -> Diff:
    return compare(parse_text(old, "old", nlp), parse_text(new, "new", nlp))


@pytest.fixture(scope="module")
def diffs(nlp) -> dict[str, Diff]:
    return {case: _diff(nlp, _text(case, "old"), _text(case, "new")) for case in CASES}


def _texts(c: Change) -> tuple[list[str], list[str]]:
    return [m.labelled for m in c.old], [m.labelled for m in c.new]


def _holding(d: Diff, needle: str) -> Change:
    found = [c for c in d.changes if any(needle in m.labelled for m in c.old + c.new)]
    assert len(found) == 1, [_texts(c) for c in found]
    return found[0]


def test_no_case_claims_more_than_one_move(diffs: dict[str, Diff]) -> None:
    # None of these windows moves a provision: an inserted article must not shift the
    # captions after it into their neighbours' sections.
    moved = {case: [_texts(c) for c in d.changes if c.moved] for case, d in diffs.items()}
    assert all(len(m) <= 1 for m in moved.values()), moved
    assert sum(len(m) for m in moved.values()) == 0, moved


def test_an_article_renumbered_in_place_is_renumbered_and_the_new_one_added(diffs: dict[str, Diff]) -> None:
    d = diffs["patent-penalties"]
    renumbered = [c for c in d.changes if c.type == "renumbered"]
    assert [_texts(c) for c in renumbered] == [(["第二百条の二"], ["第二百条の三"])]
    assert not renumbered[0].moved
    added = [_texts(c)[1] for c in d.changes if c.type == "added"]
    assert ["第二百条の二"] in added
    assert any("査証人又は査証人であつた者" in t[0] for t in added)
    # The caption of the renumbered article goes with it, unchanged.
    caption = _holding(d, "（秘密保持命令違反の罪）")
    assert caption.type == "unchanged" and caption.new[0].section[-1] == "第二百条の三"
    assert _holding(d, "秘密保持命令に違反した者は、五年以下の").type == "modified"  # 懲役 → 拘禁刑


def test_a_renumbering_only_amendment_reports_only_renumbered_changes(nlp) -> None:
    # 繰下げ: the same articles under the next numbers (第二百条の二 → 第二百条の三, …).
    old = _text("patent-penalties", "new")
    new = old.replace("#### 第二百条の三", "#### 第二百条の四").replace("#### 第二百条の二", "#### 第二百条の三")
    new = new.replace("#### 第二百一条", "#### 第二百一条の二")
    d = _diff(nlp, old, new)
    changed = [c for c in d.changes if c.type != "unchanged"]
    assert {c.type for c in changed} == {"renumbered"}
    assert [_texts(c) for c in changed] == [
        (["第二百条の二"], ["第二百条の三"]),
        (["第二百条の三"], ["第二百条の四"]),
        (["第二百一条"], ["第二百一条の二"]),
    ]
    assert not any(c.moved for c in d.changes)
    assert d.summary["renumbered"] == 3


def test_a_paragraph_renumbered_keeps_its_words_and_is_renumbered(nlp) -> None:
    old = _text("patent-penalties", "old")
    # A new paragraph ２ pushes the old ２ and ３ of 第二百一条 down by one.
    anchor = next(line for line in old.splitlines() if line.startswith("２ 前項の場合において"))
    new = old.replace("３ 第一項の規定により", "４ 第一項の規定により").replace(
        anchor, "２ 前項の規定は、国には、適用しない。\n\n３ " + anchor.removeprefix("２ ")
    )
    d = _diff(nlp, old, new)
    assert [c.type for c in d.changes if c.type != "unchanged"] == ["added", "renumbered", "renumbered"]
    assert not any(c.moved for c in d.changes)


def test_a_caption_only_change_is_a_modified_caption(nlp) -> None:
    old = _text("patent-penalties", "old")
    d = _diff(nlp, old, old.replace("*（両罰規定）*", "*（両罰規定等）*"))
    changed = [c for c in d.changes if c.type != "unchanged"]
    assert [(c.type, c.old[0].kind, c.moved) for c in changed] == [("modified", "caption", False)]


def test_inserted_articles_above_a_caption_move_nothing(diffs: dict[str, Diff]) -> None:
    d = diffs["copyright-private-use"]
    caption = _holding(d, "（図書館等における複製")
    assert (caption.type, caption.moved) == ("modified", False)
    for heading in ("第三十条の二", "第三十条の三", "第三十条の四"):
        assert _holding(d, f"（{ {'第三十条の二': '付随対象', '第三十条の三': '検討の過程', '第三十条の四': '技術の開発'}[heading] }").type == "added"


def test_a_paragraph_that_becomes_a_lead_and_items_is_split(diffs: dict[str, Diff]) -> None:
    d = diffs["publication-rights"]
    split = _holding(d, "出版権者は、設定行為で定めるところにより、頒布の目的をもつて")
    assert split.type == "split"
    old, new = _texts(split)
    assert new[0].endswith("次に掲げる権利の全部又は一部を専有する。")
    assert new[1].startswith("一 頒布の目的をもつて")


def test_a_provision_replaced_by_deleted_is_removed(nlp) -> None:
    old = _text("patent-penalties", "old")
    start = old.index("#### 第百九十九条")
    end = old.index("*（秘密を漏らした罪）*")
    new = old[:start] + "#### 第百九十九条\n\n削除\n\n" + old[end:]
    d = _diff(nlp, old, new)
    removed = [c for c in d.changes if c.type == "removed"]
    assert removed and all("宣誓した" in c.old[0].text or c.old[0].label for c in removed)
    assert not [c for c in d.changes if c.type == "modified"]


def test_the_json_gives_each_record_its_label_and_its_printed_text(diffs: dict[str, Diff]) -> None:
    doc = json.loads(render_json(diffs["patent-penalties"]))
    records = [r for c in doc["changes"] for r in c["old"] + c["new"]]
    labelled = [r for r in records if r.get("label") == "２"]
    assert labelled and all(r["text"].startswith("２ ") for r in labelled)
    assert all("label" not in r for r in records if r["kind"] == "caption")
    assert doc["summary"]["renumbered"] == 1


def test_the_statute_taisho_puts_the_amended_text_left_and_leaves_unchanged_articles_out(
    diffs: dict[str, Diff],
) -> None:
    html = render_html(diffs["patent-penalties"])
    assert 'class="taisho statute"' in html
    assert html.index("改正後（new）") < html.index("改正前（old）")
    # The new 第二百条の二: （新設） on the 改正前 side.
    assert '<td class="side side-old">\n<p class="placeholder">（新設）</p>' in html
    assert '<u class="chg">拘禁刑</u>' in html
    assert "（偽証等の罪）" not in html  # an unchanged article's caption is omitted
    assert 'class="article-head"' in html and "第二百条の三" in html
    # Each provision's number stands in the margin.
    assert '<span class="margin">一</span>' in render_html(diffs["publication-rights"])


def test_statute_outputs_follow_the_packaged_schemas(diffs: dict[str, Diff], diff_schema: dict, edition_schema: dict) -> None:
    import jsonschema

    from ipdiff.render.edition import edition_json

    d = diffs["patent-penalties"]
    jsonschema.validate(json.loads(render_json(d)), diff_schema)
    edition = json.loads(edition_json(d.new))
    jsonschema.validate(edition, edition_schema)
    assert {r.get("label") for r in edition["records"] if r["kind"] == "heading"} >= {"第二百条の二", "第二百条の三"}
