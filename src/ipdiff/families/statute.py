"""The statute family: an e-Gov law in its Markdown form, as blocks with labels.

The layout (what the e-Gov page becomes once converted):
- `## 第…章`, `### 第…節`; 編, 款 and 目 titles glued to the next line
  (`第一款　総則*（著作者の権利）*`, `第四款　映画の著作物の著作権の帰属#### 第二十九条`);
- `#### 第…条` article headings, each with the caption `*（…）*` on its own line ABOVE it;
- the first paragraph as a plain line, then `２ …` paragraphs, `一 …` items, `イ …` and
  `（１） …` sub-items; `削除` where a provision was deleted;
- `## 附　則　（…）` for supplementary provisions; fee tables as Markdown tables.

An article is a section under its 章/節/款; the caption belongs to the article that follows
it (else an inserted article shifts every later caption into its neighbour's section). A
paragraph's or item's number is its `label`, kept apart from its text: a provision that keeps
its words under a new number is renumbered, not rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType

from ipdiff.families.base import Family
from ipdiff.families.lines import NEVER, LineRules, SectionStack
from ipdiff.model import Block, Kind

NAME = "statute"

_KANJI = "〇一二三四五六七八九十百千"
# An article number: 第三十条, 第百十二条の二, 第四十一条の二の二.
ARTICLE_NUMBER = rf"第[{_KANJI}]+条(?:の[{_KANJI}]+)*"
_ARTICLE = re.compile(rf"^#+\s*({ARTICLE_NUMBER})(.*)$")
# A heading of a division: 編, 章, 節, 款, 目 (第六章の二 too), or the 附則.
_DIVISION = re.compile(rf"^(第[{_KANJI}]+(編|章|節|款|目)(?:の[{_KANJI}]+)*)([\s　].*)?$")
_SUPPLEMENT = re.compile(r"^附[\s　]*則")
_LEVEL = {"編": 1, "章": 2, "節": 3, "款": 4, "目": 5}
_ARTICLE_LEVEL = 6
_CAPTION = re.compile(r"^\*?（[^）]*(?:）[^）*]*)*）\*?$")
# A division title glued to what follows it: a caption or an article heading.
_GLUED = re.compile(r"^(?P<title>[^*#]+?)(?P<rest>\*（.*|#+\s*第.*)$")
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_LABELS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"^([０-９]+)[ 　](.+)$"), "text"),  # a paragraph (項)
    (re.compile(rf"^([{_KANJI}]+)[ 　](.+)$"), "item"),  # an item (号)
    (re.compile(rf"^([{_IROHA}])[ 　](.+)$"), "item"),  # a sub-item
    (re.compile(r"^(（[０-９0-9]+）)[ 　]?(.+)$"), "item"),  # a sub-sub-item
)
DELETED = "削除"
# How many article headings make a text a statute (a plan never numbers its parts so).
_DETECT_MIN = 2


def detect(text: str) -> bool:
    """Whether the text reads as a statute: `#### 第…条` article headings."""
    found = 0
    for raw in text.split("\n"):
        if raw.startswith("#") and _ARTICLE.match(raw.strip()):
            found += 1
            if found >= _DETECT_MIN:
                return True
    return False


def is_article(section: tuple[str, ...]) -> bool:
    """Whether a section path ends in an article (第三十条)."""
    return bool(section) and re.fullmatch(ARTICLE_NUMBER, section[-1]) is not None


def division_number(title: str) -> str | None:
    """The number of a statute's 編/章/節/款/目 title (第五章　削除 → 第五章), else None."""
    m = _DIVISION.match(title.strip())
    return m.group(1) if m else None


def is_deleted(text: str) -> bool:
    """A `削除` placeholder: the provision that stood here was removed."""
    return text.strip() == DELETED


@dataclass(frozen=True, slots=True)
class _Piece:
    """One logical line: a physical line, or a part of a glued one."""

    no: int
    text: str


def _pieces(text: str) -> Iterator[_Piece]:
    for no, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        glued = _GLUED.match(line)
        if glued and _DIVISION.match(glued.group("title").strip().lstrip("#").strip()):
            yield _Piece(no, glued.group("title").strip())
            yield _Piece(no, glued.group("rest").strip())
        else:
            yield _Piece(no, line)


def split_label(line: str) -> tuple[str, str, Kind]:
    """(label, text, kind) of a provision line; the first paragraph has no label."""
    for pattern, kind in _LABELS:
        m = pattern.match(line)
        if m:
            return m.group(1), m.group(2).strip(), kind
    return "", line, "text"


def _caption_text(line: str) -> str | None:
    if _CAPTION.match(line) and line.startswith(("*（", "（")):
        return line.strip("*")
    return None


def _division(line: str) -> tuple[int, str] | None:
    """(level, title) of a 編/章/節/款/目 or 附則 heading, with or without `#` marks."""
    body = line.lstrip("#").strip()
    if _SUPPLEMENT.match(body):
        return 2, body
    m = _DIVISION.match(body)
    if m and not _ARTICLE.match("#" + body):
        return _LEVEL[m.group(2)], body
    return None


def segment_statute(text: str) -> list[Block]:
    """Blocks of a statute in document order, each provision with its label."""
    pieces = list(_pieces(text))
    path = SectionStack()
    blocks: list[Block] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        caption = _caption_text(p.text)
        if caption is not None:
            # The caption belongs to the article that follows it, if one does.
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            article = _ARTICLE.match(nxt.text) if nxt else None
            section = (*path.above(_ARTICLE_LEVEL), article.group(1)) if article else path.path()
            blocks.append(Block("caption", caption, section, p.no, p.no))
            i += 1
            continue
        article = _ARTICLE.match(p.text)
        if article:
            number, rest = article.group(1), article.group(2).strip()
            path.push(_ARTICLE_LEVEL, number)
            blocks.append(Block("heading", number + rest, path.above(_ARTICLE_LEVEL), p.no, p.no, label=number))
            i += 1
            continue
        division = _division(p.text) if (p.text.startswith("#") or _DIVISION.match(p.text)) else None
        if division is not None:
            level, title = division
            path.push(level, title)
            blocks.append(Block("heading", title, path.above(level), p.no, p.no))
            i += 1
            continue
        if p.text.startswith("|"):
            i = _table(pieces, i, path.path(), blocks)
            continue
        label, body, kind = split_label(p.text.lstrip("#").strip())
        blocks.append(Block(kind, body, path.path(), p.no, p.no, label=label))
        i += 1
    return blocks


def _cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.strip().strip("|").split("|"))


def _table(pieces: list[_Piece], i: int, section: tuple[str, ...], blocks: list[Block]) -> int:
    """A Markdown table: its header row (with the `---` rule under it), then a record per row.

    A row is read as prose: a fee table's cells are sentences (毎年二千三百円に…を加えた額).
    """
    j = i
    while j < len(pieces) and pieces[j].text.startswith("|"):
        j += 1
    rows = pieces[i:j]
    rule = next((k for k, r in enumerate(rows) if re.fullmatch(r"[|\s:\-]+", r.text)), None)
    start = 0
    if rule == 1:
        blocks.append(Block("table_header", " | ".join(_cells(rows[0].text)), section, rows[0].no, rows[1].no))
        start = 2
    for r in rows[start:]:
        if re.fullmatch(r"[|\s:\-]+", r.text):
            continue
        blocks.append(Block("table_row", r.text.strip("|").strip(), section, r.no, r.no))
    return j


def _detect_score(text: str) -> float:
    # Above every plan family: article headings are the surest sign a text has.
    return 2.0 if detect(text) else 0.0


STATUTE = Family(
    name=NAME,
    version="1",
    document_name="法律",
    lines=LineRules(
        top_headings=(),
        toc_heading=NEVER,
        toc_annex=NEVER,
        zones=(),
        caption=NEVER,
        caption_goes_on="\x00",
        point=NEVER,
        fallback_part="",
        fallback_theme="",
    ),
    detect=_detect_score,
    # A paragraph may become an item and back (a lead and its items); a caption pairs
    # with captions, a heading with headings.
    kind_groups=MappingProxyType(
        {"text": "provision", "item": "provision", "table_row": "provision", "caption": "caption", "heading": "heading"}
    ),
    measure_kinds=frozenset({"text", "item", "table_row"}),
    apparatus_kinds=frozenset({"heading", "caption", "table_header"}),
    # Leftovers of one article rewritten: the article is the evidence.
    reworded_kinds=frozenset({"text", "item"}),
    segment=segment_statute,
    taisho_template="_taisho_statute.html",
)
