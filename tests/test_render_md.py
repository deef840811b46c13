"""render/markdown.py: the journalist's summary."""

from __future__ import annotations

import re

from ipdiff.render import RENDERERS, render_markdown
from ipdiff.render.markdown import md
from ipdiff.render.textdiff import shorten
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
        "## 件数",
        "## 数値",
        "## コミットメントの変化",
        "## 新設された施策",
        "## 削除された施策",
        "## その他の変更",
    ]
    # Weakened commitments lead: they are the bigger story.
    assert text.index("**後退**") < text.index("**強化**")


def test_render_md_title_and_notes() -> None:
    lines = render_markdown(make_diff()).splitlines()
    assert lines[0] == "# 知的財産推進計画の変更点: 2025 → 2026"
    text = "\n".join(lines)
    assert "この版は公開資料から再構成したサンプルであり、公式文書ではありません" in text
    assert "案（ドラフト）" in text


def test_render_md_kpi_line() -> None:
    text = render_markdown(make_diff())
    assert "- **海外市場規模**: 5.8兆円 → 6.1兆円（+3,000億円、+5.2%、2023年 → 2024年）" in text
    assert "- **GII順位**: 13位 → 12位（順位改善、2024年 → 2025年）" in text


def test_render_md_escapes_html_and_markdown() -> None:
    text = render_markdown(make_diff())
    # Every < is backslash-escaped, so no viewer can see a tag.
    assert re.search(r"(?<!\\)<", text) is None
    assert r"\<script\>" in text
    assert "**実施**" not in text  # emphasis markers of the source are dropped


def test_render_md_shorten() -> None:
    long = "あ" * 100
    assert shorten(long) == "あ" * 79 + "…"
    assert len(shorten(long)) == 80
    assert shorten("**短い**\n文") == "短い 文"
    assert md("a*b_c|d") == r"a\*b\_c\|d"
