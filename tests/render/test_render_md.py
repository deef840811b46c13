"""render/markdown.py: the journalist's summary."""

from __future__ import annotations

import re

from ipdiff.render import RENDERERS, render_markdown
from ipdiff.render.markdown import md
from ipdiff.render.textdiff import plain, shorten
from tests.render_fixtures import check_golden, make_diff


def test_render_md_golden() -> None:
    check_golden("report.md", render_markdown(make_diff()))


def test_render_md_registry_and_determinism() -> None:
    assert RENDERERS["md"] is render_markdown
    assert render_markdown(make_diff()) == render_markdown(make_diff())


def test_render_md_news_order() -> None:
    text = render_markdown(make_diff())
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert [h.split("（")[0] for h in headings] == [
        "## 主な変更",
        "## 件数",
        "## 数値",
        "## コミットメントの変化",
        "## テーマ別の変更",
        "## 見出し・出典・図表タイトル・構成の変更",
    ]
    # Weakened commitments lead: they are the bigger story.
    assert text.index("**後退**") < text.index("**強化**")


def test_render_md_title_provenance_and_banners() -> None:
    lines = render_markdown(make_diff()).splitlines()
    assert lines[0] == "# 知的財産推進計画の変更点: 2025 → 2026"
    text = "\n".join(lines)
    # One short Japanese sentence per banner; the metadata note is folded below.
    assert "> **注意:** 旧版（2025）は公開資料から再構成したサンプルであり、公式文書ではありません。" in lines
    assert "> **注意:** 新版（2026）は案（ドラフト）であり、決定された計画ではありません。" in lines
    note = text.index("公開資料の記述から再構成した")
    assert text.rindex("<details>", 0, note) > text.index("> **注意:** 新版")
    # Title, date, publisher and every source URL, as links that a hostile URL cannot break.
    assert "（2025-06-03、サンプル（再構成））" in text
    assert "[https://www.kantei.go.jp/jp/singi/titeki2/](https://www.kantei.go.jp/jp/singi/titeki2/)" in text
    assert "(https://example.invalid/a_%28b%29%20c)" in text


def test_render_md_counts_measures_apart_from_apparatus() -> None:
    text = render_markdown(make_diff())
    # 5 modified groups: 4 measures and the reworded caption.
    assert "| 修正 | 4 | 1 |" in text
    assert "| 移動 | 1 | 0 |" in text
    apparatus = text.split("## 見出し・出典・図表タイトル・構成の変更")[1]
    assert apparatus.lstrip().startswith("<details>")
    assert "経済産業省・文化庁調べ" in apparatus
    assert "経済産業省・文化庁調べ" not in text.split("## 見出し")[0]


def test_render_md_every_changed_measure_in_full_by_theme() -> None:
    diff = make_diff()
    text = render_markdown(diff)
    assert "…」" not in text
    themes = text.split("## テーマ別の変更")[1].split("## 見出し")[0]
    for c in diff.changes:
        if c.type == "unchanged" and not c.moved or any(m.kind == "caption" for m in c.new):
            continue
        for m in c.old + c.new:
            assert md(plain(m.text)) in themes, m.id
    assert "### 3. コンテンツ・クールジャパン \\> (1) 海外展開" in themes
    # Each item links to its row of the HTML 新旧対照表.
    assert "[対照表](2025-2026.html#c-o03-n03)" in themes


def test_render_md_highlights_ranked_and_linked() -> None:
    text = render_markdown(make_diff())
    top = text.split("## 主な変更")[1].split("## 件数")[0]
    items = [line for line in top.splitlines() if line[:1].isdigit()]
    labels = [line.split("**")[1] for line in items]
    assert labels == ["後退", "強化", "新設", "削除"]  # the weakened one also moved: listed once
    assert items[0].startswith("1. **後退**（実施 → 検討（在り方等））")
    assert "（[新旧対照表](2025-2026.html#c-o04-n05)）" in items[0]
    assert "- 新: 「プリンシプル・コードの在り方を検討する。」" in top


def test_render_md_kpi_line() -> None:
    text = render_markdown(make_diff())
    assert "- **海外市場規模**: 5.8兆円 → 6.1兆円（+3,000億円、+5.2%、2023年 → 2024年）" in text
    assert "- **GII順位**: 13位 → 12位（順位改善、2024年 → 2025年）" in text


def test_render_md_escapes_html_and_markdown() -> None:
    text = render_markdown(make_diff())
    # Every < is backslash-escaped, so no viewer can see a tag; only our own folding is HTML.
    assert re.search(r"(?<!\\)<(?!/?(details|summary)>)", text) is None
    assert r"\<script\>" in text
    assert "**実施**" not in text  # emphasis markers of the source are dropped


def test_render_md_shorten() -> None:
    long = "あ" * 100
    assert shorten(long) == "あ" * 79 + "…"
    assert len(shorten(long)) == 80
    assert shorten("**短い**\n文") == "短い 文"
    assert md("a*b_c|d") == r"a\*b\_c\|d"
