"""What a plan family is: the rules that make one kind of document readable.

The segmenter knows generic line syntax (bullets, Markdown headings, tabs); a family
knows a document's fixed headings, captions, zones, tables and table of contents, what
kind of record the bullets under each zone are, which kinds are measures and which are
apparatus, and what the document is called in headers and charts. A family is one
module in this folder holding one `Family`, listed once in `FAMILIES` (`__init__.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ipdiff.families.lines import NEVER, LineRules
from ipdiff.model import APPARATUS_KINDS, MEASURE_KINDS, Block, Kind

__all__ = ["NEVER", "Family", "LineRules"]


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
