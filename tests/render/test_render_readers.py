"""The readers' report: the pasteable summary, one view per pair, caps said aloud, a page in
the readers' words."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ipdiff.model import Diff, Edition, EditionMeta
from ipdiff.render import FORMATS, pair_report, render_html, render_json, render_markdown
from ipdiff.render.build import diff_view, report_context
from ipdiff.render.highlights import TIER_LIMITS
from ipdiff.render.summary import largest_moves, render_summary, summary_sentences
from ipdiff.render.views import DiffView
from tests.helpers import record
from tests.render_fixtures import make_diff


def _counts(view: DiffView) -> dict[str, int]:
    return {c.type: c.count for c in view.measure_counts}


def test_summary_counts_names_and_caveat() -> None:
    view = diff_view(make_diff())
    text = render_summary(make_diff())
    counts = _counts(view)
    assert text.endswith("。\n") and "\n" not in text[:-1]
    assert f"新設{counts['added']}件" in text and f"削除{counts['removed']}件" in text
    assert f"修正{counts['modified']}件" in text
    # The weakened and strengthened commitments, named by theme and predicate.
    assert "後退したのは1件" in text and "強化されたのは1件" in text
    assert "（実施 → 検討（在り方等））" in text and "（検討（在り方等） → 実施）" in text
    # The largest figure move, with its delta and percent change.
    assert "海外市場規模が5.8兆円から6.1兆円に（+3,000億円、+5.2%）" in text
    # Sample and draft said in one clause.
    caveat = summary_sentences(view)[-1]
    assert caveat.startswith("なお、") and caveat.count("。") == 1
    assert "サンプル" in caveat and "案（ドラフト）" in caveat
    assert render_summary(make_diff()) == text  # deterministic


def test_summary_does_not_headline_an_uncertain_strength_change() -> None:
    view = diff_view(make_diff())
    unsure = dataclasses.replace(view, weakened=tuple(dataclasses.replace(r, uncertain=True) for r in view.weakened))
    text = "".join(summary_sentences(unsure))
    assert "後退したのは" not in text and "強化されたのは1件" in text
    assert "要確認の変化が1件" in text


def test_summary_without_changes_or_caveat() -> None:
    diff = Diff(Edition("a", "0" * 64, ()), Edition("b", "1" * 64, ()), ())
    text = render_summary(diff)
    assert text.startswith("新版「b」を旧版「a」と比べると、施策は新設0件、削除0件、修正0件")
    assert "なお" not in text and "後退" not in text


def test_summary_opens_html_and_markdown_above_highlights() -> None:
    diff = make_diff()
    lead = "".join(summary_sentences(diff_view(diff)))
    html = render_html(diff)
    assert html.index('id="lead"') < html.index('id="highlights"')
    assert all(s in html for s in summary_sentences(diff_view(diff)))
    md = render_markdown(diff)
    first = md.split("\n\n")[1]
    assert first.replace("\\", "") == lead
    assert md.index(first) < md.index("## 主な変更")
    # Sources sit under the editions' details, folded; no bullet holds them.
    assert "<summary>旧版（2025）の詳細・出典</summary>" in md
    assert not re.search(r"^- .*出典URL", md, re.M)


def test_largest_moves_skip_targets_ranks_and_unnamed() -> None:
    rows = diff_view(make_diff()).kpi_rows
    moves = largest_moves(rows)
    assert [r.metric_name for r in moves] == ["海外市場規模"]


def test_report_builds_one_view_per_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    real = DiffView.__init__

    def counting(self: DiffView, *args: object, **kwargs: object) -> None:
        made.append(self)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DiffView, "__init__", counting)
    files = pair_report(make_diff()).files
    assert sorted(files) == ["2025-2026-changes.csv", "2025-2026-kpis.csv", "2025-2026.html",
                             "2025-2026.json", "2025-2026.md"]
    assert len(made) == 1
    # JSON is the machines' view: it builds none and never ranks 「主な変更」.
    made.clear()
    import ipdiff.render.highlights as highlights

    monkeypatch.setattr(highlights, "ranked", lambda *a, **k: pytest.fail("JSON ranked 主な変更"))
    render_json(make_diff())
    assert made == []


def test_one_registry_of_formats() -> None:
    from ipdiff.cli import diff, timeline
    from ipdiff.render import TIMELINE_FORMATS

    choices = {p.name: p.type.choices for p in diff.params if p.name == "fmt"}  # type: ignore[attr-defined]
    assert tuple(choices["fmt"]) == tuple(FORMATS) == ("html", "json", "md", "csv", "kpis-csv", "summary")
    tl = {p.name: p.type.choices for p in timeline.params if p.name == "fmt"}  # type: ignore[attr-defined]
    assert tuple(tl["fmt"]) == tuple(TIMELINE_FORMATS)
    for fmt in FORMATS.values():
        text = fmt.render(make_diff(), None)
        assert text == fmt.render(make_diff(), diff_view(make_diff()))


def _many_new_points(n: int) -> Diff:
    from ipdiff.compare.classify import summarize
    from ipdiff.model import Change

    topics = ["半導体", "量子技術", "宇宙開発", "農産品の品種", "海賊版サイト", "大学発スタートアップ",
              "標準化人材", "営業秘密", "地域ブランド", "アニメ制作", "医療データ", "気候変動対策", "防災技術",
              "国際共同研究", "中小企業の海外出願"]
    news = [record(i, f"{topics[i]}について{'あいうえおかきくけこ'[i % 10]}期の新制度を創設する。", kind="point")
            for i in range(n)]
    changes = tuple(Change("added", (), (m,), None) for m in news)
    return Diff(Edition("a", "0" * 64, ()), Edition("b", "1" * 64, tuple(news)), changes, summarize(changes))


def test_capped_tiers_say_how_many_more_and_link_the_full_list() -> None:
    n = TIER_LIMITS[4] + 8
    diff = _many_new_points(n)
    view = diff_view(diff)
    assert len(view.highlights) == TIER_LIMITS[4]
    from ipdiff.render.highlights import policy_groups

    policies = len(policy_groups(view.changes, "new"))
    assert policies > TIER_LIMITS[4] + 3
    (cap,) = view.highlight_caps
    more = policies - TIER_LIMITS[4]
    assert (cap.label, cap.shown, cap.more) == ("新設", TIER_LIMITS[4], more)
    html = render_html(diff)
    assert f"ほか {more} 件" in html and 'href="#types=added"' in html
    md = render_markdown(diff)
    assert f"ほか {more} 件" in md and "(a-b.html#types=added)" in md


def test_uncapped_lists_say_nothing() -> None:
    assert diff_view(_many_new_points(2)).highlight_caps == ()
    assert "ほか" not in render_html(_many_new_points(2))


def test_reader_page_words() -> None:
    diff = make_diff()
    html = render_html(diff)
    # Similarity is a tooltip, never text on the page.
    visible = re.sub(r'title="[^"]*"', "", html)
    assert "類似度" not in visible and 'title="類似度 0.9123"' in html
    # The first group is named after the title block, not 「（見出しなし）」.
    untitled = dataclasses.replace(
        diff,
        new=dataclasses.replace(diff.new, records=(record(0, "計画2026（案）", section=(), kind="title"),)),
    )
    assert report_context(untitled).view.changes  # sanity
    from ipdiff.render.build import title_block_label

    assert title_block_label(untitled) == "計画2026（案）"
    assert title_block_label(Diff(Edition("a", "0" * 64, ()), Edition("b", "1" * 64, ()), ())) == "表題・冒頭"


def test_japanese_note_replaces_the_english_one_on_readers_pages() -> None:
    diff = make_diff()
    meta = dataclasses.replace(diff.old.meta, note="NOT the official text.", note_ja="公式テキストではない。")
    assert isinstance(meta, EditionMeta)
    diff = dataclasses.replace(diff, old=dataclasses.replace(diff.old, meta=meta))
    for text in (render_html(diff), render_markdown(diff)):
        assert "公式テキストではない。" in text and "NOT the official text." not in text
    assert '"note": "NOT the official text."' in render_json(diff)  # the JSON keeps it as written
