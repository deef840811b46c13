"""A plain Markdown document: `#` headings, bullets, numbered items, tables; no plan apparatus.

No zones, captions, key points, fixed part titles or table of contents: every bullet is a
statement, and a heading is a heading because it is written as one.
"""

from __future__ import annotations

from types import MappingProxyType

from ipdiff.families.base import NEVER, Family, LineRules
from ipdiff.families.lines import MD_HEADING

LINES = LineRules(
    top_headings=(),
    toc_heading=NEVER,
    toc_annex=NEVER,
    zones=(),
    caption=NEVER,
    caption_goes_on="\x00",  # no caption, so nothing goes on
    point=NEVER,
    fallback_part="",
    fallback_theme="",
)


def detect(text: str) -> float:
    """0.5 when the text has a Markdown heading: below any plan family that recognises its
    own apparatus, above a text with no structure at all."""
    return 0.5 if any(MD_HEADING.match(raw) for raw in text.split("\n")) else 0.0


MARKDOWN = Family(
    name="markdown",
    version="1",
    document_name="文書",
    lines=LINES,
    detect=detect,
    kind_groups=MappingProxyType(
        {
            "statement": "measure",
            "item": "measure",
            "sub_bullet": "measure",
            "note": "measure",
            "caption": "caption",
            "chart_title": "caption",
            "heading": "heading",
            "text": "heading",
        }
    ),
)
