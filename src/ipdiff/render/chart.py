"""The summary bar chart of the HTML report: integer geometry, same numbers on every machine."""

from __future__ import annotations

from collections.abc import Sequence

from ipdiff.render.views import Chart, ChartBar, TypeCount

# Chart geometry, in SVG user units.
_CHART_WIDTH = 480
_BAR_X = 96
_BAR_MAX = 320
_BAR_HEIGHT = 18
_BAR_GAP = 8


def chart(counts: Sequence[TypeCount]) -> Chart:
    top = max((c.count for c in counts), default=0) or 1
    bars = []
    for i, c in enumerate(counts):
        y = _BAR_GAP + i * (_BAR_HEIGHT + _BAR_GAP)
        # Integer widths: same numbers on every machine, and a visible stub for 1 of 1000.
        width = 0 if c.count == 0 else max(2, round(c.count * _BAR_MAX / top))
        bars.append(
            ChartBar(
                type=c.type,
                label=c.label,
                count=c.count,
                y=y,
                text_y=y + _BAR_HEIGHT - 4,
                width=width,
                count_x=_BAR_X + width + 6,
            )
        )
    height = _BAR_GAP + len(bars) * (_BAR_HEIGHT + _BAR_GAP)
    return Chart(_CHART_WIDTH, height, _BAR_X, _BAR_HEIGHT, tuple(bars))
