"""Raw text → blocks: structure of the real 2026 text, and plain editions."""

from __future__ import annotations

from collections import Counter

import pytest

from ipdiff.segment import PLAN, STATUS, find_themes, segment

THEMES_2026 = [
    ("1. 知的財産の「創造」", "知財・無形資産への投資による価値創造"),
    ("1. 知的財産の「創造」", "AIと知的財産権"),
    ("1. 知的財産の「創造」", "創造人材の強化・ダイバーシティの実現"),
    ("2. 知的財産の「保護」", "技術流出の防止"),
    ("2. 知的財産の「保護」", "海賊版・模倣品対策の強化"),
    ("2. 知的財産の「保護」", "産業財産権制度・運用の強化"),
    ("2. 知的財産の「保護」", "地域における知財保護"),
    ("3. 知的財産の「活用」", "産学連携による社会実装の推進"),
    ("3. 知的財産の「活用」", "スタートアップ支援"),
    ("3. 知的財産の「活用」", "新たな国際標準戦略の推進"),
    ("3. 知的財産の「活用」", "データ流通・利活用環境の整備"),
    ("4. 新たなクールジャパン戦略のフォローアップ", "クールジャパン戦略の推進"),
    ("4. 新たなクールジャパン戦略のフォローアップ", "コンテンツ戦略の推進"),
]


@pytest.fixture(scope="module")
def blocks(text_2026):
    return segment(text_2026)


def test_segment_themes_from_the_toc(text_2026):
    assert find_themes(text_2026.split("\n")) == THEMES_2026


def test_segment_slides_follow_the_toc_order(blocks):
    slides = []
    for b in blocks:
        if b.kind == "point" and b.section[:2] not in slides:
            slides.append(b.section[:2])
    assert slides == [tuple(t) for t in THEMES_2026]


def test_segment_counts_by_kind(blocks):
    assert Counter(b.kind for b in blocks) == {
        "plan": 51, "heading": 39, "status": 37, "statement": 32, "point": 24, "toc": 19,
        "caption": 13, "chart_title": 11, "figure": 9, "table_row": 9, "title": 5, "item": 3,
        "table_header": 2, "note": 1,
    }


def test_segment_every_line_belongs_to_exactly_one_block(text_2026, blocks):
    owner: dict[int, int] = {}
    for i, b in enumerate(blocks):
        for no in range(b.line, b.end_line + 1):
            assert no not in owner, f"line {no} in two blocks"
            owner[no] = i
    nonblank = {i + 1 for i, line in enumerate(text_2026.split("\n")) if line.strip()}
    assert set(owner) == nonblank


def test_segment_zones_and_both_spellings_of_the_plan_heading(blocks):
    # Line 104 spells it 「今後の予定 (方向性)」, line 176 「今後の予定（方向性）」.
    by_line = {b.line: b for b in blocks}
    assert by_line[106].section[-1] == PLAN and by_line[106].kind == "plan"
    assert by_line[178].section[-1] == PLAN
    assert by_line[167].section[-1] == STATUS and by_line[167].kind == "status"


def test_segment_bullet_keeps_its_continuation_line(blocks):
    (b,) = [b for b in blocks if b.line == 359]
    assert (b.end_line, b.kind) == (360, "status")
    assert "ドルベース" in b.text


def test_segment_captions_and_chart_titles(blocks):
    by_line = {b.line: b for b in blocks}
    assert by_line[20].kind == "caption" and by_line[22].kind == "chart_title"
    assert (by_line[98].kind, by_line[98].end_line) == ("caption", 99)  # 「…を基に」 goes on
    assert by_line[101].kind == "chart_title"
    assert by_line[250].kind == "caption"  # a bare 「出典)」
    assert by_line[210].kind == "chart_title" and by_line[210].end_line == 211


def test_segment_table_rows_carry_their_group(blocks):
    rows = [b for b in blocks if b.kind == "table_row"]
    assert rows[3].text.startswith("食\t食品製造業の現地法人の売上高")
    assert all(len(r.kpis) == 6 for r in rows)


def test_segment_emphasis_and_sub_bullets(blocks):
    by_line = {b.line: b for b in blocks}
    assert by_line[15].emphasis == ("コンテンツ産業", "我が国の基幹産業")
    assert by_line[258].parent == blocks.index(by_line[257])


def test_segment_cover_and_title_are_titles(blocks):
    titles = [b for b in blocks if b.kind == "title"]
    assert titles[0].text.startswith("「知的財産推進計画2026」")
    assert titles[-1].text == "2026年6月12日\n知的財産戦略本部"


def test_segment_plain_markdown_edition():
    text = "# 計画\n\n## 施策A\n\n- 一つ目を推進する。\n  続きの行。\n- 二つ目。\n\n### 細目\n\n段落のテキスト。\n"
    blocks = segment(text)
    assert [(b.kind, b.section) for b in blocks] == [
        ("heading", ()),
        ("heading", ("計画",)),
        ("statement", ("計画", "施策A")),
        ("statement", ("計画", "施策A")),
        ("heading", ("計画", "施策A")),
        ("text", ("計画", "施策A", "細目")),
    ]
    assert blocks[2].text == "一つ目を推進する。\n続きの行。"


def test_segment_unstructured_text_is_plain_statements():
    blocks = segment("ただの文章です。\n\n二つ目の段落。")
    assert [b.kind for b in blocks] == ["text", "text"]
