"""What a plan family is: the rules that make one kind of document readable.

The segmenter knows generic line syntax (bullets, Markdown headings, tabs); a family
knows a document's fixed headings, captions, zones, tables and table of contents, what
kind of record the bullets under each zone are, which kinds are measures and which are
apparatus, and what the document is called in headers and charts. A family is one
module in this folder holding one `Family`, listed once in `FAMILIES` (`__init__.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ipdiff.families.lines import BULLET, NUMBERED, norm
from ipdiff.model import APPARATUS_KINDS, MEASURE_KINDS, Block, Kind

# A pattern that matches nothing: a rule the family does not have.
NEVER = re.compile(r"(?!)")


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


@dataclass(frozen=True, slots=True)
class Family:
    """One plan family: its line rules and what its records mean to the later stages.

    `version` goes into the parse cache key: bump it whenever a change of the family's
    rules can change what an edition parses to.
    """

    name: str
    version: str
    # What the document is called in report headers, titles and chart sources.
    document_name: str
    lines: LineRules
    # How much a text looks like this family (0: not at all); the highest score wins.
    detect: Callable[[str], float]
    # A zone heading's title → the kind of the bullets under it (現状と課題 → status).
    zone_kinds: Mapping[str, Kind] = field(default_factory=lambda: MappingProxyType({}))
    # Kinds that may be paired with one another share a group; any other kind pairs
    # only with its own kind.
    kind_groups: Mapping[Kind, str] = field(default_factory=lambda: MappingProxyType({}))
    # Records a reader counts as content, and the document's apparatus.
    measure_kinds: frozenset[Kind] = MEASURE_KINDS
    apparatus_kinds: frozenset[Kind] = APPARATUS_KINDS
    # Kinds the document's own structure tells apart: the same kind in the counterpart
    # section is evidence of a rewording.
    reworded_kinds: frozenset[Kind] = frozenset()
    # The kind whose wording a highlight quotes first (the plan's ◆ key point).
    lead_kinds: frozenset[Kind] = frozenset()
    # Whether an entry of the table of contents stands for the heading it names (the
    # plan's theme slides lost their titles in extraction).
    toc_names_headings: bool = False
    # A document with a layout of its own segments itself (a statute's articles, captions
    # and numbered provisions); None: the generic segmenter with these line rules.
    segment: Callable[[str], list[Block]] | None = None
    # The template of its 新旧対照表 (a statute prints 改正後 on the left).
    taisho_template: str = "_taisho.html"

    def kind_group(self, kind: Kind) -> str:
        return self.kind_groups.get(kind, kind)

    def zone_kind(self, zone: str | None) -> Kind | None:
        return self.zone_kinds.get(zone) if zone is not None else None
