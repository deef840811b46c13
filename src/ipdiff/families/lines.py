"""One source line and the segmenter's state → what the line is: a pure classifier.

Generic line syntax lives here (bullets, Markdown headings, numbered lines, tabs); what
is particular to one plan family comes from its `LineRules`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ipdiff.families.base import LineRules

# `\s+` then `\S`: the two never compete for a character, so a line of 3,000 spaces is
# matched in one pass (the lazy `(.+?)\s*#*\s*$` this replaces was cubic in them).
MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
BULLET = re.compile(r"^(\s*)(?:[-•*]\s+|[・●○■]\s*)(.+)$")
NUMBERED = re.compile(r"^\s*(\d{1,2})[.．]\s*(\S.*)$")
_CIRCLED = re.compile(r"^\s*[①-⑳]")
_NOTE = re.compile(r"^\s*[（(]?※")
_PAREN_ONLY = re.compile(r"^\s*[（(][^()（）]{1,30}[)）]\s*$")

LineClass = Literal[
    "blank",
    "table",  # a tab-separated row
    "md_heading",  # `## …`
    "bullet",  # `- …`, ` - …` (a ◆ key point too)
    "item",  # `① …`
    "caption",  # a source caption (the family's)
    "note",  # `※ …`
    "toc_entry",  # a numbered line inside the table of contents
    "part_heading",  # a numbered line elsewhere: `1. 知的財産の「創造」`
    "top_heading",  # one of the family's fixed part titles
    "zone",  # 現状と課題 / 今後の予定 inside a theme slide
    "toc_annex",  # a 「（別紙）」 line inside the table of contents
    "cover",  # a paragraph past the table of contents: the cover page, extracted last
    "paren_heading",  # a figure's own heading, e.g. (具体的な取組内容)
    "paragraph",
]


@dataclass(frozen=True, slots=True)
class State:
    """Where the walk is in the document: all the segmenter remembers between lines."""

    slide: int = 0  # theme slides seen so far
    in_slide: bool = False
    in_toc: bool = False
    seen_heading: bool = False
    after_point: bool = False  # the last bullet-like block was a ◆ key point
    last_top_bullet: int | None = None  # index of the last top-level bullet's block
    expect_chart_title: bool = False  # a caption's chart title may follow after a blank line
    heading_level: int = 1  # level of the last explicit heading (`#`s, a part title)
    slide_title: str | None = None  # a `##` title read just before a ◆ run, for its slide


def md_heading(raw: str) -> tuple[int, str] | None:
    """`## Title ##` → (2, "Title"): the level and the title without closing hashes."""
    m = MD_HEADING.match(raw)
    if m is None:
        return None
    title = m.group(2).rstrip()
    return len(m.group(1)), title.rstrip("#").rstrip() or title


def norm(text: str) -> str:
    """NFKC with `**` and surrounding space removed: for recognising, never for output."""
    return unicodedata.normalize("NFKC", text).replace("**", "").strip()


def classify(raw: str, state: State, rules: LineRules) -> LineClass:
    """What the line at the start of a unit is; the order of the tests is the precedence."""
    if not raw.strip():
        return "blank"
    if "\t" in raw and not BULLET.match(raw):
        return "table"
    if MD_HEADING.match(raw):
        return "md_heading"
    if BULLET.match(raw):
        return "bullet"
    if _CIRCLED.match(raw):
        return "item"
    if rules.caption.match(raw):
        return "caption"
    if _NOTE.match(raw):
        return "note"
    if NUMBERED.match(raw):
        return "toc_entry" if state.in_toc else "part_heading"
    if rules.is_top_heading(raw):
        return "top_heading"
    if rules.zone_of(raw) and state.in_slide:
        return "zone"
    if state.in_toc:
        return "toc_annex" if rules.is_toc_annex(raw) else "cover"
    if _PAREN_ONLY.match(raw) and state.seen_heading:
        return "paren_heading"
    return "paragraph"


def ends_unit(raw: str, rules: LineRules, *, notes_end: bool = True) -> bool:
    """Whether this line starts something new instead of continuing the unit above.

    A ※ note ends a bullet or paragraph, but not a chart title: the lines under a
    caption run to the next blank line (`notes_end=False`).
    """
    return bool(
        not raw.strip()
        or BULLET.match(raw)
        or _CIRCLED.match(raw)
        or rules.caption.match(raw)
        or (notes_end and _NOTE.match(raw))
        or MD_HEADING.match(raw)
        or "\t" in raw
        or rules.zone_of(raw)
        or rules.is_top_heading(raw)
    )
