"""Fields against their own targets: the selection per field, and every unit in every field."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas import charts, status
from sipas import schema as s
from sipas.field_results import FIELD_LABEL
from sipas.i18n import t

# Shapes that match the status symbols (✔ ▲ ✖), so a point's status is readable without colour.
SHAPES = {status.MEETS: "circle", status.NEAR: "triangle-up", status.BELOW: "cross"}


def _tooltip(with_unit: bool) -> list[alt.Tooltip]:
    tips = [alt.Tooltip(f"{charts.LABEL}:N", title=t("charts.unit"))] if with_unit else []
    return [
        *tips,
        alt.Tooltip(f"{FIELD_LABEL}:N", title=t("charts.field")),
        alt.Tooltip(f"{charts.VALUE_TEXT}:N", title=t("charts.sipas")),
        alt.Tooltip(f"{charts.INTERVAL_TEXT}:N", title=t("charts.interval")),
        alt.Tooltip(f"{charts.N_TEXT}:N", title=t("charts.n")),
        alt.Tooltip(f"{charts.TARGET_TEXT}:N", title=t("charts.target")),
        alt.Tooltip(f"{charts.STATUS_TEXT}:N", title=t("charts.status")),
    ]


def field_summary_chart(
    summary: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """One bar per field (in the frame's order) with its interval, value and its own target
    as a red tick. `summary` is field_results.field_summary; `pick` selects a FIELD."""
    data = charts.with_display_columns(summary)
    y = alt.Y(f"{FIELD_LABEL}:N", sort=data[FIELD_LABEL].tolist(), title=None)
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    base = alt.Chart(data)
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.65}, cursor="pointer").encode(
        x=alt.X(f"{charts.VALUE}:Q", **charts.percent_axis(t("charts.sipas_axis"))),
        y=y,
        color=charts.status_colour(),
        tooltip=_tooltip(False),
    )
    if pick:
        bars = bars.add_params(alt.selection_point(name=pick, fields=[s.FIELD], on="click"))
    whiskers = base.mark_rule(color=charts.INK, strokeWidth=1.5).encode(
        x=f"{charts.LOW}:Q", x2=f"{charts.HIGH}:Q", y=y
    )
    targets = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=30).encode(
        x=alt.X("target:Q", scale=x_scale), y=y, tooltip=_tooltip(False)
    )
    values = base.mark_text(align="left", dx=6, fontWeight="bold", color=charts.INK).encode(
        x=alt.X(f"{charts.HIGH}:Q", scale=x_scale), y=y, text=f"{charts.VALUE_TEXT}:N"
    )
    height = 42 * len(data) + 160
    chart = alt.layer(bars, whiskers, targets, values)
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))


def unit_strip_chart(
    grid: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """For every field a row of points, one per unit, shaped and coloured by status against
    the field's target (red tick). `grid` is field_results.field_grid; `pick` selects a cell."""
    data = charts.with_display_columns(grid)
    order = list(dict.fromkeys(data[FIELD_LABEL]))
    y = alt.Y(f"{FIELD_LABEL}:N", sort=order, title=None)
    low = max(0.0, float(min(data[charts.VALUE].min(), data["target"].min())) - 5)
    x = alt.X(f"{charts.VALUE}:Q", **charts.percent_axis(t("charts.sipas_axis"), (low, 100)))
    labels = [status.status_label(code) for code in status.STATUSES]
    shape = alt.Shape(
        f"{charts.STATUS_TEXT}:N",
        scale=alt.Scale(domain=labels, range=[SHAPES[code] for code in status.STATUSES]),
        legend=charts.status_legend(None),
    )
    base = alt.Chart(data)
    points = base.mark_point(size=110, filled=True, opacity=0.85, cursor="pointer").encode(
        x=x, y=y, color=charts.status_colour(symbol=None), shape=shape, tooltip=_tooltip(True)
    )
    if pick:
        points = points.add_params(
            alt.selection_point(name=pick, fields=[s.UNIT, s.FIELD], on="click")
        )
    targets = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=34).encode(
        x="target:Q", y=y
    )
    height = 46 * len(order) + 160
    chart = alt.layer(targets, points)
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))
