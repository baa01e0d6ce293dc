"""Charts drawn on the server: the geometry of a horizontal bar chart, for the partial
`core/charts/bar_chart.html`, which draws it as SVG (no JavaScript) with a title and a
description for screen readers, each bar's label and value printed beside it (readable
without colour and on paper), a one-sentence summary and the same figures as a table.

    chart = bar_chart(
        chart_id="session-2-useful",
        title="The session was useful",
        summary="Of 12 who answered, 9 agreed or strongly agreed; the median was Agree.",
        labels=["Disagree", "Agree"],
        values=[3, 9],
    )
    {% include "core/charts/bar_chart.html" with chart=chart %}
"""

from collections.abc import Sequence
from dataclasses import dataclass

# The drawing's own units (the SVG scales to the width it is given, keeping its shape).
WIDTH = 400
ROW = 46  # a label line and a bar under it
BAR = 22
LABEL_GAP = 16  # from a row's top to its label's baseline
VALUE_ROOM = 70  # to the right of the longest bar, for its value
MAX_LABEL = 48  # characters; the table beside the chart has the full label


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    value: float
    value_text: str
    # Geometry, in the drawing's units.
    y: float
    label_y: float
    width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    summary: str
    bars: list[Bar]
    label_heading: str
    value_heading: str
    width: int
    height: int

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.chart_id}-desc"

    @property
    def caption_id(self) -> str:
        return f"{self.chart_id}-caption"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    labels: Sequence[str],
    values: Sequence[float],
    value_texts: Sequence[str] | None = None,
    maximum: float | None = None,
    label_heading: str = "Answer",
    value_heading: str = "Number",
) -> BarChart:
    """A horizontal bar per label, as long as its value over `maximum` (the largest value
    when not given: a percentage chart passes 100). `value_texts` print instead of the
    values (for example "9 (75%)")."""
    if len(labels) != len(values):
        raise ValueError("A bar chart needs one value per label.")
    texts = list(value_texts) if value_texts is not None else [_plain(v) for v in values]
    top = maximum if maximum is not None else max(values, default=0)
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        row_top = index * ROW
        length = room * value / top if top > 0 else 0
        # A zero still shows as a hairline so that its row does not look forgotten.
        length = max(length, 1.5)
        bar_y = row_top + LABEL_GAP + 6
        bars.append(
            Bar(
                label=label,
                short_label=label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…",
                value=value,
                value_text=text,
                y=bar_y,
                label_y=row_top + LABEL_GAP,
                width=round(length, 1),
                value_x=round(length + 6, 1),
                value_y=bar_y + BAR - 6,
            )
        )
    return BarChart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        bars=bars,
        label_heading=label_heading,
        value_heading=value_heading,
        width=WIDTH,
        height=max(len(bars), 1) * ROW + 4,
    )


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
