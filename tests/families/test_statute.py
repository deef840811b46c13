"""The statute family's segmentation: pure, no model."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdiff.families import detect_family, family_named
from ipdiff.families.statute import (
    STATUTE,
    detect,
    division_number,
    is_article,
    segment_statute,
    split_label,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "statute"


def _text(case: str, side: str) -> str:
    return (FIXTURES / case / f"{side}.md").read_text(encoding="utf-8")


def test_a_statute_is_detected_from_its_article_headings_and_a_plan_is_not(text_2026: str) -> None:
    assert detect_family(_text("patent-penalties", "old")) is STATUTE
    assert detect_family(text_2026).name == "ip_plan"
    assert not detect("## 第一章　総則\n\n第三条の規定は…\n")  # no article heading, no statute
    assert family_named("statute") is STATUTE


def test_the_caption_belongs_to_the_article_that_follows_it() -> None:
    blocks = segment_statute(_text("copyright-private-use", "new"))
    captions = {b.text: b.section for b in blocks if b.kind == "caption"}
    assert captions["（付随対象著作物の利用）"] == ("第三十条の二",)
    assert captions["（図書館等における複製等）"] == ("第三十一条",)
    # The last provision of 第三十条 stays in it: the caption below it is not its own.
    before = [b for b in blocks if b.kind != "caption" and b.line < 13]
    assert before[-1].section == ("第三十条",)


def test_provisions_carry_their_numbers_apart_from_their_words() -> None:
    blocks = segment_statute(_text("copyright-private-use", "old"))
    first, *rest = [b for b in blocks if b.section == ("第三十条",) and b.kind in ("text", "item")]
    assert (first.label, first.kind) == ("", "text") and first.text.startswith("著作権の目的")
    assert [(b.label, b.kind) for b in rest] == [("一", "item"), ("二", "item"), ("三", "item"), ("２", "text")]
    assert rest[-1].text.startswith("私的使用を目的として")
    heading = next(b for b in blocks if b.kind == "heading")
    assert (heading.text, heading.label, heading.section) == ("第三十条", "第三十条", ())


@pytest.mark.parametrize(
    ("line", "label", "text", "kind"),
    [
        ("２ 前項の規定は、適用しない。", "２", "前項の規定は、適用しない。", "text"),
        ("十八 商品等が当然に備える特徴", "十八", "商品等が当然に備える特徴", "item"),
        ("イ 当該発明の実施", "イ", "当該発明の実施", "item"),
        ("（１） 録音録画有償著作物等", "（１）", "録音録画有償著作物等", "item"),
        ("前条の規定による…", "", "前条の規定による…", "text"),
        ("一部の規定を除く。", "", "一部の規定を除く。", "text"),  # 一部 is a word, not item 一
    ],
)
def test_labels_of_paragraphs_items_and_sub_items(line: str, label: str, text: str, kind: str) -> None:
    assert split_label(line) == (label, text, kind)


def test_glued_division_titles_are_split_from_what_follows_them() -> None:
    text = (
        "## 第二章　著作者の権利\n\n### 第三節　権利の内容\n\n第一款　総則*（著作者の権利）*\n\n#### 第十七条\n\n"
        "著作者は、次条第一項に規定する権利を享有する。\n\n第四款　映画の著作物の著作権の帰属#### 第二十九条\n\n"
        "映画の著作物の著作権は、映画製作者に帰属する。\n"
    )
    blocks = segment_statute(text)
    shown = [(b.kind, b.text, b.section[-1] if b.section else "", b.line) for b in blocks]
    assert ("heading", "第一款　総則", "第三節　権利の内容", 5) in shown
    assert ("caption", "（著作者の権利）", "第十七条", 5) in shown
    assert ("heading", "第四款　映画の著作物の著作権の帰属", "第三節　権利の内容", 11) in shown
    assert ("heading", "第二十九条", "第四款　映画の著作物の著作権の帰属", 11) in shown
    last = blocks[-1]
    assert last.section == ("第二章　著作者の権利", "第三節　権利の内容", "第四款　映画の著作物の著作権の帰属", "第二十九条")


def test_supplementary_provisions_and_tables() -> None:
    text = (
        "## 第四章　特許料\n\n#### 第百七条\n\n次の表に掲げる金額を納付しなければならない。\n\n"
        "| 各年の区分 | 金額 |\n| --- | --- |\n| 第一年から第三年まで | 毎年四千三百円 |\n\n"
        "## 附　則　（平成二六年五月一四日法律第三六号）　抄\n\n#### 第一条\n\nこの法律は、公布の日から施行する。\n"
    )
    blocks = segment_statute(text)
    header, row = (b for b in blocks if b.kind.startswith("table"))
    assert (header.kind, header.line, header.end_line) == ("table_header", 7, 8)
    assert (row.kind, row.text, row.section) == ("table_row", "第一年から第三年まで | 毎年四千三百円", ("第四章　特許料", "第百七条"))
    assert blocks[-1].section == ("附　則　（平成二六年五月一四日法律第三六号）　抄", "第一条")


def test_division_numbers_and_articles() -> None:
    assert division_number("第五章　削除") == "第五章"
    assert division_number("第六章の二　ジュネーブ改正協定に基づく特例") == "第六章の二"
    assert division_number("知財戦略の今後の方向性") is None
    assert is_article(("第二章", "第百十二条の二")) and not is_article(("第二章",))
