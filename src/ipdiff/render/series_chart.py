"""The geometry of one KPI series chart of the timeline page, for inline SVG: pure numbers, no drawing library.

Every edition of the timeline has its column on the x axis (a measure absent from some
editions shows the gap); the y axis has round ticks in the series' unit, read as people
write it (3,000億円). A reported value is a filled dot on a solid line; a target is a
hollow diamond on a dashed line, labelled 目標; each point carries its figure, its
edition and its year, so the chart reads without colour and on paper.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ipdiff.lineage.timeline import KpiSeries, SeriesPoint
from ipdiff.render.numbers import format_quantity
from ipdiff.render.textdiff import shorten

WIDTH = 640
HEIGHT = 300
# Room per edition: beyond this many, the chart grows wider (and scrolls) rather than
# crowding its labels.
COLUMN = 64
LEFT, RIGHT, TOP, BOTTOM = 92, 28, 52, 58


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class XLabel:
    x: float
    label: str
    has_point: bool


@dataclass(frozen=True, slots=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    style: str  # value / target / gap


@dataclass(frozen=True, slots=True)
class PointMark:
    x: float
    y: float
    value: str  # the figure as the text gives it (13.3兆円)
    when: str  # 2023年 / 目標 2033年 / ""
    target: bool
    title: str  # edition, figure and year, for the tooltip
    below: bool  # labels under the point (a target sits just above it)


@dataclass(frozen=True, slots=True)
class ChartView:
    id: str
    metric: str
    unit: str
    measure: str  # the measure's latest text, shortened
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    ticks: tuple[Tick, ...]
    xlabels: tuple[XLabel, ...]
    segments: tuple[Segment, ...]
    points: tuple[PointMark, ...]
    has_target: bool
    summary: str  # the series in words, for screen readers
    source: str  # the credit line drawn inside the chart, so it travels with a copy
    wide: bool  # too many editions for a grid cell: the chart takes a whole row


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 × 10^n."""
    if hi <= lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks: list[float] = []
    t = start
    while t < hi + step * 0.5 and len(ticks) < 12:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(t, 10))
    return ticks


def _when(point: SeriesPoint) -> str:
    if point.value.target_year is not None:
        return f"目標 {point.value.target_year}年"
    if point.value.target:
        return "目標"
    return f"（{point.value.year}年）" if point.value.year is not None else ""


def _is_target(point: SeriesPoint) -> bool:
    return point.value.target or point.value.target_year is not None


def chart_view(
    group: Sequence[KpiSeries], labels: Sequence[str], measure: str, number: int, document_name: str
) -> ChartView:
    """One chart for the series of one measure's metric (its values, and its target when the
    text states one), the `number`-th of the timeline (its anchor: k<number>-<lineage>)."""
    first = group[0]
    values = [p.value.value for s in group for p in s.points]
    lo, hi = min(values), max(values)
    # A zero baseline unless the values sit far from it (then the changes would vanish).
    if lo >= 0 and lo <= hi * 0.6:
        lo = 0.0
    ticks = nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    plot_bottom, plot_top = HEIGHT - BOTTOM, TOP
    n = len(labels)
    width = max(WIDTH, LEFT + RIGHT + COLUMN * n)
    span = width - LEFT - RIGHT
    step = span / n

    def x_of(index: int) -> float:
        return round(LEFT + step * (index + 0.5), 1)

    def y_of(v: float) -> float:
        return round(plot_bottom - (v - y0) / (y1 - y0) * (plot_bottom - plot_top), 1)

    target_ys = {(p.index, y_of(p.value.value)) for s in group for p in s.points if _is_target(p)}
    points: list[PointMark] = []
    segments: list[Segment] = []
    for series in group:
        marks = []
        for p in series.points:
            y = y_of(p.value.value)
            when = _when(p)
            target = _is_target(p)
            # A value just below a target in the same edition keeps its labels underneath.
            below = not target and any(i == p.index and 0 <= y - ty < 36 for i, ty in target_ys)
            marks.append(
                PointMark(
                    x=x_of(p.index),
                    y=y,
                    value=p.value.text,
                    when=when,
                    target=target,
                    title=f"{p.label}: {p.value.text}" + (f"（{when}）" if when else ""),
                    below=below,
                )
            )
        for a, b, pa, pb in zip(series.points, series.points[1:], marks, marks[1:], strict=False):
            style = "gap" if b.index - a.index > 1 else ("target" if pa.target or pb.target else "value")
            segments.append(Segment(pa.x, pa.y, pb.x, pb.y, style))
        points.extend(marks)
    at = {p.index for s in group for p in s.points}
    summary = "、".join(m.title for m in points)
    return ChartView(
        id=f"k{number}-{first.lineage}",
        metric=first.metric or "（指標名なし）",
        unit=format_quantity(1, first.unit).removeprefix("1") or first.unit,
        measure=shorten(measure, 120),
        width=width,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=width - RIGHT,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        ticks=tuple(Tick(y_of(t), format_quantity(t, first.unit)) for t in ticks),
        xlabels=tuple(XLabel(x_of(k), label, k in at) for k, label in enumerate(labels)),
        segments=tuple(segments),
        points=tuple(points),
        has_target=any(m.target for m in points),
        summary=f"{first.metric}: {summary}",
        source=f"出典: {document_name}（{labels[0]}〜{labels[-1]}の各版）の記述から ipdiff で作成",
        wide=width > WIDTH,
    )

