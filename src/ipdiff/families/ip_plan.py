"""What one family of plans looks like once its PDF is extracted: the document-specific rules.

The segmenter knows generic line syntax (bullets, Markdown headings, tabs); a `Profile`
knows a plan family's fixed headings, captions, tables and table of contents. Every rule
of `IP_PLAN` comes from a quirk of the 知的財産推進計画 overview drafts, as the 2026 draft
extracts (the seed text shipped as editions/2026.txt); a profile for another plan family
would sit beside it.

The KPI units a table header names (`（単位：兆円）`, `（%）`) are read by `kpi.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipdiff.families.lines import BULLET, NUMBERED, norm

STATUS = "現状と課題"
PLAN = "今後の予定（方向性）"


@dataclass(frozen=True, slots=True)
class Profile:
    """The rules that recognise one plan family's apparatus."""

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


IP_PLAN = Profile(
    # The overview's fixed part titles: 基本的な認識 and 知財戦略の今後の方向性 open the
    # first pages, 「…のポイント」 the key-point page, 「…の構成」 the contents list.
    top_headings=(
        re.compile(r"^基本的な認識$"),
        re.compile(r"^知財戦略の今後の方向性$"),
        re.compile(r"のポイント$"),
        re.compile(r"の構成$"),
    ),
    toc_heading=re.compile(r"の構成$"),
    # 「（別紙）…」 lines sit inside the 2026 構成 list between the parts.
    toc_annex=re.compile(r"^[（(]別紙[)）]"),
    # Each theme slide has 現状と課題 and 今後の予定（方向性）; the 2026 draft spells the
    # second both 「今後の予定 (方向性)」 and 「今後の予定（方向性）」 (NFKC makes them one).
    zones=(
        (re.compile(re.escape(STATUS)), STATUS),
        (re.compile(r"今後の予定\(方向性\)"), PLAN),
    ),
    # `(出典)`, `（出典）` and a bare `出典)` all occur in the 2026 draft.
    # One `\s*` before an optional bracket, not two in a row: linear in leading spaces.
    caption=re.compile(r"^\s*(?:[（(]\s*)?出典\s*[)）]"),
    # 「(出典)…を基に」 goes on to name who made the chart (2026, line 98).
    caption_goes_on="を基に",
    # Each theme slide opens with its `- ◆` key points.
    point=re.compile(r"^◆\s*"),
    fallback_part="テーマ",
    fallback_theme="テーマ",
)
