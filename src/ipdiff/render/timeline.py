"""A `Timeline` → `ipdiff.timeline/v1` JSON, and the view model of the timeline page.

Pure, like every renderer: the same timeline gives the same bytes. Beyond the contract's
fields the JSON carries each edition's metadata, an entry's `ids` (every part of a split)
and `kind`, a lineage's `merged_into`, a point's `unit`, `qualifier` and `target`, and the
`generator` that made it (so `ipdiff check` can tell a version change from a stale file).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ipdiff.families import DEFAULT, document_name
from ipdiff.lineage.timeline import KpiSeries, Lineage, Timeline
from ipdiff.model import KpiValue
from ipdiff.render.edition import kpi_dict
from ipdiff.render.json import edition_dict
from ipdiff.render.labels import (
    SECTION_DEPTH,
    TYPE_LABELS,
    section_id,
    section_path,
)
from ipdiff.render.textdiff import shorten
from ipdiff.render.views import EditionView, TypeCount

SCHEMA = "ipdiff.timeline/v1"


def point_dict(label: str, value: KpiValue) -> dict[str, Any]:
    return {"label": label, **kpi_dict(value)}


def lineage_dict(lineage: Lineage) -> dict[str, Any]:
    return {
        "lineage": lineage.id,
        "first": lineage.first,
        "last": lineage.last,
        "gaps": list(lineage.gaps),
        "merged_into": lineage.merged_into,
        "entries": [
            {
                "label": e.label,
                "id": e.records[0].id,
                "ids": [m.id for m in e.records],
                "kind": e.records[0].kind,
                "text": e.text,
                "section": list(e.records[0].section),
                "change": e.change,
            }
            for e in lineage.entries
        ],
    }


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "editions": [edition_dict(e) for e in timeline.editions],
        "lineages": [lineage_dict(lin) for lin in timeline.lineages],
        "kpis": [
            {
                "metric": s.metric,
                "lineage": s.lineage,
                "unit": s.unit,
                "points": [point_dict(p.label, p.value) for p in s.points],
            }
            for s in timeline.series
        ],
        "generator": dict(timeline.generator),
    }


def render_timeline_json(timeline: Timeline) -> str:
    text = json.dumps(timeline_dict(timeline), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return text + "\n"


# --------------------------------------------------------------------------- the page

# What a lineage did over the whole timeline, for the filter (most telling first).
STORY_LABELS: dict[str, str] = {
    "returned": "復活あり",
    "removed": "削除",
    "added": "途中で新設",
    "modified": "修正・移動あり",
    "unchanged": "変更なし",
}
# One mark per cell: a character (it prints, and reads without colour) and its label.
MARKS: dict[str, tuple[str, str]] = {
    "present": ("●", "掲載"),
    "added": ("新", TYPE_LABELS["added"]),
    "unchanged": ("＝", TYPE_LABELS["unchanged"]),
    "modified": ("修", TYPE_LABELS["modified"]),
    "moved": ("移", "移動"),
    "split": ("分", TYPE_LABELS["split"]),
    "merged": ("合", TYPE_LABELS["merged"]),
    "returned": ("復", "復活"),
    "removed": ("×", TYPE_LABELS["removed"]),
    "absent": ("－", "不掲載"),
    "none": ("", ""),
}


@dataclass(frozen=True, slots=True)
class Cell:
    mark: str  # a key of MARKS
    symbol: str
    title: str  # label and edition, for the tooltip and screen readers


@dataclass(frozen=True, slots=True)
class LineageRow:
    anchor: str
    story: str  # a key of STORY_LABELS
    section_id: str
    section: str
    text: str
    first: str
    last: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class SectionRows:
    """A chapter of the timeline (by each measure's latest place), as the filters list it."""

    id: str
    label: str
    rows: tuple[LineageRow, ...]
    old_label: str | None = None  # the pair report's filter shows a renamed chapter's old name


@dataclass(frozen=True, slots=True)
class TimelineView:
    editions: tuple[EditionView, ...]
    counts: tuple[TypeCount, ...]  # per story, for the filter boxes
    sections: tuple[SectionRows, ...]
    charts: tuple[Any, ...]  # render.series_chart.ChartView: series whose figure moved
    steady: tuple[Any, ...]  # series whose figure stayed the same in every edition
    marks: tuple[tuple[str, str, str], ...]  # legend: (mark, symbol, label)
    generator: tuple[tuple[str, str], ...]
    any_sample: bool
    document_name: str  # the newest edition's family's name, for the title and charts


def story(lineage: Lineage, n_editions: int) -> str:
    if lineage.gaps or any(e.change == "returned" for e in lineage.entries):
        return "returned"
    if lineage.entries[-1].index < n_editions - 1:
        return "removed"
    if lineage.entries[0].index > 0:
        return "added"
    if any(e.change != "unchanged" for e in lineage.entries[1:]):
        return "modified"
    return "unchanged"


def moves(series: KpiSeries) -> bool:
    """Whether the figure, its year or its target changed along the series."""
    return len({(p.value.value, p.value.high, p.value.year, p.value.target_year) for p in series.points}) > 1


def cells(lineage: Lineage, labels: Sequence[str]) -> tuple[Cell, ...]:
    at = {e.index: e for e in lineage.entries}
    first, last = lineage.entries[0].index, lineage.entries[-1].index
    out = []
    for k, label in enumerate(labels):
        mark: str
        if k in at:
            mark = "present" if k == 0 else at[k].change
        elif first < k < last:
            mark = "absent"
        elif k == last + 1:
            mark = "removed"
        else:
            mark = "none"
        symbol, text = MARKS[mark]
        out.append(Cell(mark, symbol, f"{label}: {text}" if text else label))
    return tuple(out)


def _edition_view(edition: Any) -> EditionView:
    from ipdiff.render.build import edition_view

    return edition_view(edition, edition.label)


def timeline_view(timeline: Timeline) -> TimelineView:
    from ipdiff.render.series_chart import chart_view

    labels = timeline.labels
    name = document_name(timeline.editions[-1]) if timeline.editions else DEFAULT.document_name
    grouped: dict[tuple[str, ...], list[LineageRow]] = {}
    for lin in timeline.lineages:
        latest = lin.latest.records[0]
        key = tuple(latest.section[:SECTION_DEPTH])
        grouped.setdefault(key, []).append(
            LineageRow(
                anchor=f"l-{lin.id}",
                story=story(lin, len(labels)),
                section_id=section_id(key),
                section=section_path(key),
                text=shorten(lin.latest.text, 160),
                first=lin.first,
                last=lin.last,
                cells=cells(lin, labels),
            )
        )
    sections = tuple(SectionRows(section_id(k), section_path(k), tuple(rows)) for k, rows in grouped.items())
    stories = [r.story for s in sections for r in s.rows]
    texts = {lin.id: lin.latest.text for lin in timeline.lineages}
    editions = tuple(_edition_view(e) for e in timeline.editions)
    # One chart per measure and metric: its reported values and its target together.
    groups: dict[tuple[str, str, str], list[KpiSeries]] = {}
    for s in timeline.series:
        groups.setdefault((s.lineage, s.metric, s.unit), []).append(s)
    charts = [
        (g, chart_view(g, labels, texts[g[0].lineage], n, name)) for n, g in enumerate(groups.values(), start=1)
    ]
    return TimelineView(
        editions=editions,
        counts=tuple(TypeCount(k, v, stories.count(k)) for k, v in STORY_LABELS.items()),
        sections=sections,
        charts=tuple(c for g, c in charts if any(map(moves, g))),
        steady=tuple(c for g, c in charts if not any(map(moves, g))),
        marks=tuple((k, *MARKS[k]) for k in MARKS if k != "none"),
        generator=tuple(sorted(timeline.generator.items())),
        any_sample=any(e.is_sample for e in editions),
        document_name=name,
    )


__all__ = [
    "SCHEMA",
    "render_timeline_json",
    "timeline_dict",
    "timeline_view",
]
