"""render/build.py: a Diff → the one view model; report file names."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ipdiff.compare.classify import summarize
from ipdiff.model import Change, Diff, Edition, Record
from ipdiff.render import RENDERERS
from ipdiff.render.build import (
    diff_summary,
    diff_view,
    index_entry,
    report_context,
    report_files,
    report_stem,
    section_blocks,
    unique_anchors,
)
from ipdiff.render.labels import DRAFT_NOTICE, SAMPLE_NOTICE
from tests.render_fixtures import CHANGES, NEW, OLD, make_diff


def _record(id: str) -> Record:
    return Record(id=id, section=("x",), kind="bullet", text=id, line=1, end_line=1)


def test_render_build_unique_anchors_suffixes_collisions() -> None:
    # change.anchor is built from record ids only: groups of the same ids share it.
    changes = [Change(type="added", old=(), new=(_record("dup"),)) for _ in range(3)]
    assert {c.anchor for c in changes} == {"c-dup"}, "fixture must collide"
    assert unique_anchors(changes) == ["c-dup", "c-dup-2", "c-dup-3"]


def test_render_build_unique_anchors_keeps_distinct_ones() -> None:
    anchors = unique_anchors(CHANGES)
    assert anchors == [c.anchor for c in CHANGES]


def test_render_build_summary_computed_once_for_every_renderer() -> None:
    diff = make_diff()
    assert diff.summary == {}, "the fixture leaves the summary to the renderers"
    assert diff_summary(diff) == summarize(diff.changes)
    assert diff_view(diff).summary == summarize(diff.changes)
    given = summarize(diff.changes) | {"modified": 99}
    assert diff_view(dataclasses.replace(diff, summary=given)).summary["modified"] == 99


def test_render_build_summary_of_empty_diff_has_every_key() -> None:
    empty = Diff(old=OLD, new=NEW, changes=())
    assert diff_summary(empty) == dict.fromkeys(
        ("added", "removed", "modified", "unchanged", "split", "merged", "moved",
         "kpi_changes", "strength_changes"),
        0,
    )


def test_render_build_change_views_share_anchor_section_and_kpis() -> None:
    view = diff_view(make_diff())
    assert [cv.anchor for cv in view.changes] == unique_anchors(CHANGES)
    assert sorted(view.kpi_rows, key=id) == sorted((r for cv in view.changes for r in cv.kpis), key=id)
    for cv in view.changes:
        assert all(r.anchor == cv.anchor and r.heading_path == cv.heading_path for r in cv.kpis)
        assert len(cv.section_key) <= 2 and cv.heading_path.startswith(cv.section.split(" > ")[0])


def test_render_build_report_files_one_naming_rule() -> None:
    assert report_stem("2025", "2026") == "2025-2026"
    names = report_files(report_stem("2025", "2026"))
    assert names == {
        "html": "2025-2026.html",
        "md": "2025-2026.md",
        "json": "2025-2026.json",
        "csv": "2025-2026-changes.csv",
        "kpis-csv": "2025-2026-kpis.csv",
    }
    entry = index_entry(make_diff())
    assert entry.stem == report_stem(OLD.label, NEW.label)
    # The index counts what the report's headline counts: measures, apart from apparatus.
    assert entry.counts == diff_view(make_diff()).measure_counts
    assert {c.type: c.count for c in entry.counts}["modified"] == 4


def test_render_build_sections_group_two_levels() -> None:
    blocks = section_blocks(diff_view(make_diff()).changes)
    invest = blocks[1]
    assert invest.label == "1. 知財・無形資産への投資促進 > (1) 企業経営"
    assert [r.anchor for r in invest.rows] == ["c-o03-n03"]
    assert [r.anchor for r in invest.unchanged_rows] == ["c-o05-n04"]
    counts = {c.type: c.count for c in invest.counts}
    assert counts == {
        "added": 0,
        "removed": 0,
        "modified": 1,
        "unchanged": 1,
        "split": 0,
        "merged": 0,
    }
    assert len({b.id for b in blocks}) == len(blocks)


def test_render_build_kpi_rows() -> None:
    rows = {r.metric: r for r in diff_view(make_diff()).kpi_rows}
    share = rows["利用率"]
    # 4割 → 6割以上: a point value against a floor is not comparable; both wordings are shown.
    assert (share.delta, share.delta_text, share.pct_text) == (None, "比較不可", None)
    assert (share.old_shown, share.new_shown, share.comparable) == ("4割", "6割以上", False)
    # A rate moves in points and has no percent change; a rank is better or worse.
    from ipdiff.model import KpiChange, KpiValue
    from ipdiff.render.kpi_rows import kpi_row

    points = KpiChange("利用率", KpiValue("4割", 40.0, "%", kind="rate"), KpiValue("6割", 60.0, "%", kind="rate"))
    row = kpi_row(CHANGES[0], points, "c-x")
    assert (row.delta, row.delta_text, row.pct_text) == (Decimal("20.0"), "+20ポイント", None)
    rank = rows["GII順位"]
    assert (rank.delta_text, rank.pct_text) == ("順位改善", None)
    sites = rows["拠点数"]
    assert sites.delta is None and sites.pct_text is None and sites.trend == "new"
    assert sites.year == "2030年目標"
    assert "10拠点" in sites.sentence
    assert rows["アクセス数"].trend == "gone"
    assert rows["GII順位"].trend == "down"


def test_render_build_report() -> None:
    ctx = report_context(make_diff())
    view = ctx.view
    assert view.old.is_sample and view.old.banner and view.new.is_draft
    assert [r.anchor for r in view.strengthened] == ["c-o03-n03"]
    assert [r.anchor for r in view.weakened] == ["c-o04-n05"]
    assert ctx.total == 12
    assert view.generator == (("ipdiff", "0.1.0"), ("model", "ja_ginza 5.3.0"), ("spacy", "3.8.7"))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_render_all_formats_empty_diff_without_meta(fmt: str) -> None:
    # No changes, no metadata, no generator: every renderer still gives a stable text.
    diff = Diff(
        old=Edition(label="a", sha256="0" * 64, records=()),
        new=Edition(label="b", sha256="1" * 64, records=()),
        changes=(),
    )
    text = RENDERERS[fmt](diff)
    assert text == RENDERERS[fmt](diff) and text.endswith("\n")
    assert SAMPLE_NOTICE not in text and DRAFT_NOTICE not in text


def test_render_build_kpi_rows_moved_figures_first_then_dropped_then_new() -> None:
    rows = diff_view(make_diff()).kpi_rows
    tiers = [0 if r.old_text and r.new_text else 1 if r.new_text is None else 2 for r in rows]
    assert tiers == sorted(tiers) and len(set(tiers)) > 1, tiers


def test_render_build_table_cells_are_shown_with_their_unit() -> None:
    from ipdiff.model import KpiChange, KpiValue
    from ipdiff.render.kpi_rows import kpi_row

    cell = KpiValue("5.8（2023年）", 5.8e12, "円", year=2023, metric="海外市場規模｜円ベース｜計画2025", kind="amount")
    prose = KpiValue("17", 17.0, "重要領域", metric="重要領域の数", kind="count")
    row = kpi_row(CHANGES[0], KpiChange("海外市場規模｜円ベース", cell, prose), "c-x")
    assert row.old_shown == "5.8兆円（2023年）" and row.old_text == "5.8（2023年）"
    assert row.new_shown == "17"  # prose keeps its own words
