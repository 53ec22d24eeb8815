"""
The two charts of the coverage page, as geometry for inline SVG: a bar per
child unit's % trained, and a line of completions per week or month. The
template draws them (so every label is escaped by it) and gives each a table
for screen readers. No JavaScript.
"""

import dataclasses

WIDTH = 640
LABEL_WIDTH = 210
BAR_HEIGHT = 22
BAR_GAP = 8
LINE_HEIGHT = 180
MARGIN = 32
LABEL_CHARACTERS = 30
AXIS_LABELS = 6


@dataclasses.dataclass
class Bar:
    label: str
    short_label: str
    percent: float | None
    y: int
    width: float


def bar_chart(rows):
    """A bar per row that has a unit, its width the unit's % trained of the chart's bar area."""
    area = WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, row in enumerate(row for row in rows if row.unit is not None):
        percent = row.totals.percent_trained
        label = row.unit.name
        short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
        bars.append(Bar(label, short, percent, index * (BAR_HEIGHT + BAR_GAP), area * min(percent or 0, 100) / 100))
    return {
        "bars": bars, "width": WIDTH, "label_width": LABEL_WIDTH, "bar_height": BAR_HEIGHT,
        "height": max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP), "text_offset": round(BAR_HEIGHT * 0.7),
    }


@dataclasses.dataclass
class Point:
    day: object
    count: int
    x: float
    y: float
    labelled: bool


def line_chart(periods):
    """The completions per period as points of a polyline, a few of them labelled on the axis."""
    top = max((count for _day, count in periods), default=0) or 1
    step = (WIDTH - 2 * MARGIN) / max(1, len(periods) - 1)
    every = max(1, -(-len(periods) // AXIS_LABELS))
    points = [
        Point(day, count, MARGIN + index * step, MARGIN + (LINE_HEIGHT - 2 * MARGIN) * (1 - count / top),
              index % every == 0 or index == len(periods) - 1)
        for index, (day, count) in enumerate(periods)
    ]
    return {
        "points": points, "polyline": " ".join(f"{point.x:.1f},{point.y:.1f}" for point in points),
        "width": WIDTH, "height": LINE_HEIGHT, "top": top, "baseline": LINE_HEIGHT - MARGIN, "margin": MARGIN,
        "top_y": MARGIN, "label_y": LINE_HEIGHT - MARGIN + 18, "right": WIDTH - MARGIN,
    }
