"""The 知的財産推進計画 overview, as its PDF extracts: the first plan family.

Every rule here comes from a quirk of the overview drafts, as the 2026 draft extracts
(the seed text shipped as editions/2026.txt).

The KPI units a table header names (`（単位：兆円）`, `（%）`) are read by `parse/kpi.py`.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ipdiff.families.base import Family, LineRules
from ipdiff.families.lines import BULLET

STATUS = "現状と課題"
PLAN = "今後の予定（方向性）"


LINES = LineRules(
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


def detect(text: str) -> float:
    """1 when any line is the plan's apparatus (a zone, a caption, a ◆ point, a part title
    or the 構成 list), else 0: without them the plan's rules read a text as plain ones do."""
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        bullet = BULLET.match(raw)
        if (
            (bullet and LINES.is_point(bullet.group(2)))
            or LINES.caption.match(raw)
            or LINES.zone_of(raw)
            or LINES.is_top_heading(raw)
        ):
            return 1.0
    return 0.0


IP_PLAN = Family(
    name="ip_plan",
    version="1",
    document_name="知的財産推進計画",
    lines=LINES,
    detect=detect,
    zone_kinds=MappingProxyType({STATUS: "status", PLAN: "plan"}),
    kind_groups=MappingProxyType(
        {
            "point": "measure",
            "plan": "measure",
            "status": "measure",
            "statement": "measure",
            "item": "measure",
            "sub_bullet": "measure",
            "note": "measure",
            "caption": "caption",
            "chart_title": "caption",
            # A one-line paragraph is a heading only while bullets follow it.
            "heading": "heading",
            "text": "heading",
        }
    ),
    # ◆ key points, 現状と課題, 今後の予定: there, the same kind in the counterpart section
    # is evidence. A generic bullet or paragraph is left to the text alone.
    reworded_kinds=frozenset({"point", "status", "plan"}),
    lead_kinds=frozenset({"point"}),
    toc_names_headings=True,
)
