"""Fields against their own targets: the selection per field, and every unit in every field."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.field_results import FIELD_LABEL
from sipas.present import charts
from sipas.targets import status

# Shapes that match the status symbols (✔ ▲ ✖), so a point's status is readable without colour.
_COLUMNS = [
    s.UNIT,
    s.FIELD,
    s.LABEL,
    FIELD_LABEL,
    s.VALUE,
    s.LOW,
    s.HIGH,
    "target",
    *s.TEXT_COLUMNS,
]
SHAPES = {status.MEETS: "circle", status.NEAR: "triangle-up", status.BELOW: "cross"}


def _tooltip(with_unit: bool) -> list[alt.Tooltip]:
    tips = (
        [alt.Tooltip(field=s.LABEL, type=charts.NOMINAL, title=t("charts.unit"))]
        if with_unit
        else []
    )
    return [
        *tips,
        alt.Tooltip(field=FIELD_LABEL, type=charts.NOMINAL, title=t("charts.field")),
        alt.Tooltip(field=s.VALUE_TEXT, type=charts.NOMINAL, title=t("charts.sipas")),
        alt.Tooltip(field=s.INTERVAL_TEXT, type=charts.NOMINAL, title=t("charts.interval")),
        alt.Tooltip(field=s.N_TEXT, type=charts.NOMINAL, title=t("charts.n")),
        alt.Tooltip(field=s.TARGET_TEXT, type=charts.NOMINAL, title=t("charts.target")),
        alt.Tooltip(field=s.STATUS_TEXT, type=charts.NOMINAL, title=t("charts.status")),
    ]


def field_summary_chart(
    summary: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """One bar per field (in the frame's order) with its interval, value and its own target
    as a red tick. `summary` is field_results.field_summary; `pick` selects a FIELD."""
    data = with_display_columns(summary)
    # sort=None: in the frame's order, which keeps the spec the same for every selection
    y = alt.Y(
        field=FIELD_LABEL,
        type=charts.NOMINAL,
        sort=None,
        title=None,
        axis=alt.Axis(labelLimit=0),  # a field name is never cut
    )
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    base = alt.Chart()
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.65}, cursor="pointer").encode(
        x=alt.X(
            field=s.VALUE,
            type=charts.QUANTITATIVE,
            **charts.percent_axis(t("charts.sipas_axis")),
        ),
        y=y,
        color=charts.status_colour(),
        tooltip=_tooltip(False),
    )
    if pick:
        bars = bars.add_params(alt.selection_point(name=pick, fields=[s.FIELD], on="click"))
    whiskers = base.mark_rule(color=charts.INK, strokeWidth=1.5).encode(
        x=alt.X(field=s.LOW, type=charts.QUANTITATIVE), x2=alt.X2(field=s.HIGH), y=y
    )
    targets = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=30).encode(
        x=alt.X(field="target", type=charts.QUANTITATIVE, scale=x_scale),
        y=y,
        tooltip=_tooltip(False),
    )
    values = base.mark_text(align="left", dx=6, fontWeight="bold", color=charts.INK).encode(
        x=alt.X(field=s.HIGH, type=charts.QUANTITATIVE, scale=x_scale),
        y=y,
        text=alt.Text(field=s.VALUE_TEXT, type=charts.NOMINAL),
    )
    height = 42 * len(data) + 160
    chart = alt.layer(bars, whiskers, targets, values, data=charts.slim(data, _COLUMNS))
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))


def unit_strip_chart(
    grid: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """For every field a row of points, one per unit, shaped and coloured by status against
    the field's target (red tick). `grid` is field_results.field_grid; `pick` selects a cell."""
    data = with_display_columns(grid)
    order = list(dict.fromkeys(data[FIELD_LABEL]))
    y = alt.Y(field=FIELD_LABEL, type=charts.NOMINAL, sort=None, title=None)  # grid's order
    x = alt.X(
        field=s.VALUE,
        type=charts.QUANTITATIVE,
        **charts.data_percent_axis(t("charts.sipas_axis")),
    )
    labels = [status.status_label(code) for code in status.STATUSES]
    shape = alt.Shape(
        field=s.STATUS_TEXT,
        type=charts.NOMINAL,
        scale=alt.Scale(domain=labels, range=[SHAPES[code] for code in status.STATUSES]),
        legend=charts.status_legend(None),
    )
    base = alt.Chart()
    points = base.mark_point(size=110, filled=True, opacity=0.85, cursor="pointer").encode(
        x=x, y=y, color=charts.status_colour(symbol=None), shape=shape, tooltip=_tooltip(True)
    )
    if pick:
        points = points.add_params(
            alt.selection_point(name=pick, fields=[s.UNIT, s.FIELD], on="click")
        )
    targets = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=34).encode(
        x=alt.X(field="target", type=charts.QUANTITATIVE), y=y
    )
    height = 46 * len(order) + 160
    chart = alt.layer(targets, points, data=charts.slim(data, _COLUMNS))
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))
