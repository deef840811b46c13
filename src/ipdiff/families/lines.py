"""One source line and the segmenter's state → what the line is: a pure classifier.

Generic line syntax lives here (bullets, Markdown headings, numbered lines, tabs); what
is particular to one plan family comes from its `LineRules`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ipdiff.model import unmarked

# `\s+` then `\S`: the two never compete for a character, so a line of 3,000 spaces is
# matched in one pass (the lazy `(.+?)\s*#*\s*$` this replaces was cubic in them).
MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
BULLET = re.compile(r"^(\s*)(?:[-•*]\s+|[・●○■]\s*)(.+)$")
NUMBERED = re.compile(r"^\s*(\d{1,2})[.．]\s*(\S.*)$")
_CIRCLED = re.compile(r"^\s*[①-⑳]")
_NOTE = re.compile(r"^\s*[（(]?※")
_PAREN_ONLY = re.compile(r"^\s*[（(][^()（）]{1,30}[)）]\s*$")

# A pattern that matches nothing: a rule the family does not have.
NEVER = re.compile(r"(?!)")

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
    return unmarked(unicodedata.normalize("NFKC", text)).strip()


@dataclass(frozen=True, slots=True)
class LineRules:
    """The rules that recognise one family's apparatus line by line (the segmenter's part)."""

    # Headings that open a top-level part wherever they appear (matched on `norm`ed text).
    top_headings: tuple[re.Pattern[str], ...]
    # The heading of the list that names the theme slides.
    toc_heading: re.Pattern[str]
    # Lines of that list that are neither parts nor themes, and do not end it.
    toc_annex: re.Pattern[str]
    # The zone headings of a theme slide, by their `norm`ed text without spaces.
    zones: tuple[tuple[re.Pattern[str], str], ...]
    # A source caption opens a chart: its title follows.
    caption: re.Pattern[str]
    # A caption ending so goes on to its next line (who made the chart).
    caption_goes_on: str
    # A bullet that opens a run of key points, which opens a theme slide.
    point: re.Pattern[str]
    # What an unnamed theme slide is called when the list names fewer slides than there are.
    fallback_part: str
    fallback_theme: str

    def is_top_heading(self, line: str) -> bool:
        n = norm(line)
        return any(p.search(n) for p in self.top_headings)

    def is_toc_heading(self, line: str) -> bool:
        return bool(self.toc_heading.search(norm(line)))

    def is_toc_annex(self, line: str) -> bool:
        return bool(self.toc_annex.match(norm(line)))

    def zone_of(self, line: str) -> str | None:
        n = norm(line).replace(" ", "")
        return next((zone for pattern, zone in self.zones if pattern.fullmatch(n)), None)

    def caption_continues(self, line: str) -> bool:
        return norm(line).endswith(self.caption_goes_on)

    def is_point(self, bullet_body: str) -> bool:
        return bool(self.point.match(bullet_body.strip()))

    def without_point(self, bullet_body: str) -> str:
        return self.point.sub("", bullet_body.strip())

    @staticmethod
    def is_table_header(cells: list[str]) -> bool:
        """A guess: a header row leaves the row-label cell empty and holds no number.

        The Cool Japan table's header rows (`\\t円ベース（単位：兆円）\\t…`) start with a tab;
        its body rows start with their group (`食`) or a number in the second cell.
        """
        return not cells[0].strip() and not any(re.match(r"^-?[0-9０-９]", c.strip()) for c in cells[1:])

    def themes(self, lines: list[str]) -> list[tuple[str, str]]:
        """(part, theme) pairs from the table-of-contents list, in order.

        The 2026 draft lost its 13 theme slides' titles in extraction; its
        「知的財産推進計画2026の構成」 list near the end gives numbered parts
        (`1. 知的財産の「創造」`) with the themes as bullets under them, in slide order.
        """
        themes: list[tuple[str, str]] = []
        start = next((i for i, raw in enumerate(lines) if self.is_toc_heading(raw)), None)
        if start is None:
            return themes
        part = ""
        for raw in lines[start + 1 :]:
            if not raw.strip():
                continue
            numbered = NUMBERED.match(raw)
            bullet = BULLET.match(raw)
            if numbered:
                part = raw.strip()
            elif bullet and part:
                themes.append((part, bullet.group(2).strip()))
            elif self.is_toc_annex(raw):
                continue
            else:
                break
        return themes

    def theme_of_slide(self, themes: list[tuple[str, str]], slide: int) -> tuple[str, str]:
        """The (part, theme) of the 1-based `slide`th theme slide."""
        if slide <= len(themes):
            return themes[slide - 1]
        return self.fallback_part, f"{self.fallback_theme}{slide}"



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


class SectionStack:
    """A stack of (level, title) headings; the section path is its titles."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def push(self, level: int, title: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title))

    def reset(self, *entries: tuple[int, str]) -> None:
        self.stack = list(entries)

    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.stack)

    def above(self, level: int) -> tuple[str, ...]:
        return tuple(t for lv, t in self.stack if lv < level)

    def title_at(self, level: int) -> str | None:
        return next((t for lv, t in self.stack if lv == level), None)
