"""Horizontal bar charts as geometry for an inline SVG (templates/includes/bar_chart.svg):
drawn on the server, so the page needs no script and the content security policy stays strict.

Each row is a label above its bar, with the value written after the bar. Bar lengths are
proportional to the values, against the largest value or a fixed scale (100 for per cent).
Coordinates are strings with a decimal point, so that the template's number localisation never
turns 12.5 into «12,5» inside an SVG attribute.
"""

from collections.abc import Iterable
from dataclasses import dataclass

WIDTH = 480
# Room right of the longest bar for its value («12 500 000 kr»).
VALUE_SPACE = 120
BAR_SPACE = WIDTH - VALUE_SPACE
PADDING = 4
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
ROW_GAP = 14
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
VALUE_GAP = 6
# Longer labels are shortened in the drawing; the bar's tooltip and the table keep them whole.
MAX_LABEL_LENGTH = 58


def coordinate(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def shorten(label: str) -> str:
    if len(label) <= MAX_LABEL_LENGTH:
        return label
    return label[: MAX_LABEL_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str
    short_label: str
    label_y: str
    bar_y: str
    bar_width: str
    bar_height: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    bars: list[Bar]
    width: int
    height: int

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: Iterable[tuple[str, float | None, str]],
    scale_max: float | None = None,
) -> BarChart:
    """A chart of (label, value, value_label) rows. A value of None draws no bar (a share of
    nothing decided) and still shows its label and value_label. The scale is scale_max, or the
    largest value; where every value is 0 there are no bars, and no division by zero."""
    items = list(items)
    largest = scale_max
    if largest is None:
        largest = max((value for _, value, _ in items if value is not None), default=0)
    bars = []
    for index, (label, value, value_label) in enumerate(items):
        top = PADDING + index * ROW_HEIGHT
        bar_y = top + LABEL_HEIGHT
        length = BAR_SPACE * (value or 0) / largest if largest else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                value_label=value_label,
                short_label=shorten(label),
                label_y=coordinate(top + LABEL_HEIGHT - 6),
                bar_y=coordinate(bar_y),
                bar_width=coordinate(length),
                bar_height=coordinate(BAR_HEIGHT),
                value_x=coordinate(length + VALUE_GAP),
                value_y=coordinate(bar_y + BAR_HEIGHT - 5),
            )
        )
    height = 2 * PADDING + len(items) * ROW_HEIGHT - ROW_GAP if items else 2 * PADDING
    return BarChart(chart_id=chart_id, title=title, bars=bars, width=WIDTH, height=height)
