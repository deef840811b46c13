"""Raw text → blocks: structure of the real 2026 text, and plain editions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from ipdiff.families.ip_plan import IP_PLAN
from ipdiff.families.lines import State, classify
from ipdiff.parse.segment import PLAN, STATUS, segment

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
    assert IP_PLAN.lines.themes(text_2026.split("\n")) == THEMES_2026


def test_segment_slides_follow_the_toc_order(blocks):
    slides = []
    for b in blocks:
        if b.kind == "point" and b.section[:2] not in slides:
            slides.append(b.section[:2])
    assert slides == [tuple(t) for t in THEMES_2026]


THEME_NAMES = [theme for _, theme in THEMES_2026]
PARTS_2026 = list(dict.fromkeys(part for part, _ in THEMES_2026))


def test_segment_every_theme_slide_has_its_points_and_both_zones(blocks):
    for slide in THEMES_2026:
        kinds = {b.kind for b in blocks if b.section[:2] == slide}
        missing = {"point", "status", "plan"} - kinds
        assert not missing, f"slide {slide[1]} has no {sorted(missing)}"


def test_segment_the_toc_names_the_parts_and_13_themes_in_order(blocks):
    toc = [b.text for b in blocks if b.kind == "toc"]
    assert [t for t in toc if t in THEME_NAMES] == THEME_NAMES
    assert [t for t in toc if t in PARTS_2026] == PARTS_2026
    # Nothing of the list is lost: parts, themes, the 0. overview entry and the (別紙) annex.
    assert len(toc) == len(THEME_NAMES) + len(PARTS_2026) + 2


def test_segment_zone_records_sit_in_their_slide_and_zone(blocks):
    for b in blocks:
        if b.kind in ("point", "status", "plan", "sub_bullet"):
            assert b.section[:2] in THEMES_2026, (b.line, b.section)
        if b.kind in ("status", "plan"):
            assert b.section[2] == (STATUS if b.kind == "status" else PLAN), (b.line, b.section)


def test_segment_counts_by_kind_regression_guard(blocks):
    # Counted by hand in the 2026 draft. A changed count means the segmenter now reads
    # the draft differently: find the lines that moved before updating a number.
    counts = Counter(b.kind for b in blocks)
    assert counts["point"] == 24, "◆ key points: a slide lost or gained its opening points"
    assert counts["status"] == 37, "現状と課題 bullets: a zone heading or continuation rule changed"
    assert counts["plan"] == 51, "今後の予定 bullets: a zone heading or continuation rule changed"
    assert counts["table_row"] == 9, "Cool Japan table rows: the header guess took a row or lost one"
    assert counts["caption"] == 13 and counts["chart_title"] == 11, "captions: a chart lost its title"


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


def test_segment_table_rows_carry_their_group_and_header(blocks):
    headers = [b for b in blocks if b.kind == "table_header"]
    rows = [b for b in blocks if b.kind == "table_row"]
    assert rows[3].text.startswith("食\t食品製造業の現地法人の売上高")
    assert rows[3].table_cells[0] == "食"  # the group, filled in from the row above
    # Every row keeps both header rows, as cells: the units (単位：兆円) and the column labels.
    for r in rows:
        assert ["\t".join(c.strip() for c in h).strip("\t") for h in r.table_header] == [h.text for h in headers]


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


@pytest.mark.parametrize(
    ("line", "state", "expected"),
    [
        ("", State(), "blank"),
        ("食\t1.2\t3", State(), "table"),
        ("- 食\t1.2", State(), "bullet"),  # a bullet with a tab stays a bullet
        ("1. 知的財産の「創造」", State(), "part_heading"),
        ("1. 知的財産の「創造」", State(in_toc=True), "toc_entry"),
        ("今後の予定 (方向性)", State(in_slide=True), "zone"),
        ("今後の予定 (方向性)", State(), "paragraph"),  # a zone only inside a theme slide
        ("(別紙)「新たな国際標準戦略」", State(in_toc=True), "toc_annex"),
        ("2026年6月12日", State(in_toc=True), "cover"),
        ("(具体的な取組内容)", State(seen_heading=True), "paren_heading"),
        ("(具体的な取組内容)", State(), "paragraph"),
        ("出典)特許庁", State(), "caption"),
        ("（※）留意点", State(), "note"),
        ("知財戦略の今後の方向性", State(), "top_heading"),
    ],
)
def test_classify_a_line_in_its_state(line, state, expected):
    assert classify(line, state, IP_PLAN.lines) == expected


def test_segment_with_another_family():
    # Another plan family names its zones and captions differently; the walk is the same.
    rules = replace(
        IP_PLAN.lines,
        zones=((re.compile("課題"), STATUS), (re.compile("対応"), PLAN)),
        caption=re.compile(r"^資料[：:]"),
    )
    family = replace(IP_PLAN, lines=rules)
    text = "- ◆要点\n\n課題\n\n- 課題の文。\n\n対応\n\n- 対応の文。\n資料：白書\n図の題\n"
    kinds = [(b.kind, b.text) for b in segment(text, family)]
    assert kinds == [
        ("point", "要点"),
        ("heading", "課題"),
        ("status", "課題の文。"),
        ("heading", "対応"),
        ("plan", "対応の文。"),
        ("caption", "資料：白書"),
        ("chart_title", "図の題"),
    ]
    # The default family knows neither zone nor caption: no status, plan or chart here.
    assert not {"status", "plan", "caption", "chart_title"} & {b.kind for b in segment(text)}


def test_segment_a_paragraph_heading_sits_below_the_last_markdown_heading():
    text = "# 計画\n\n## 概要\n\n### 人物紹介\n\n最新情報は下記より。\n\n- 公式サイト\n\n### マニフェスト\n\n- 政策一覧\n"
    heads = {b.text: b.section for b in segment(text) if b.kind == "heading"}
    assert heads["最新情報は下記より。"] == ("計画", "概要", "人物紹介")
    # The next `###` is a sibling of 人物紹介 again, still under 概要.
    assert heads["マニフェスト"] == ("計画", "概要")


def test_segment_a_bullet_below_a_zone_heading_is_a_sub_bullet(text_2026):
    blocks = segment(text_2026)
    subs = [b for b in blocks if b.kind == "sub_bullet"]
    assert subs and all(len(b.section) > 3 and b.section[2] in (STATUS, PLAN) for b in subs)
    assert {b.section[3] for b in subs} >= {"(具体的な取組内容)"}
    assert not any(b.kind == "figure" for b in blocks)  # a figure is a quantity, not a kind
