"""Lines across waves, broken where the method or the unit structure changes."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard.trends import BREAK_TEXT, CHANGE, METHOD, NOTE, SEGMENT, SERIES, TARGET, WAVE
from sipas.present import charts

# Okabe–Ito without the three status colours first, then the rest: distinguishable for the
# common colour-vision deficiencies; every series also has its own point shape.
SERIES_COLOURS = ["#000000", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#E69F00", "#D55E00"]
_COLUMNS = [
    SERIES,
    SEGMENT,
    WAVE,
    METHOD,
    s.VALUE,
    s.LOW,
    s.HIGH,
    "value_text",
    "n_text",
    "change_text",
]
SERIES_SHAPES = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "wedge"]


def trend_chart(
    points: pd.DataFrame,
    targets: pd.DataFrame,
    breaks: pd.DataFrame,
    *,
    waves: list[str],
    title: str,
    subtitle: str | list[str],
    y_title: str,
) -> alt.LayerChart:
    """One line per series and segment over the waves (in `waves` order), interval bars,
    values written above the points, the target per wave as a red dashed step, and a grey
    dashed rule with its reason where the method or unit structure changes."""
    data = points.copy()
    data["value_text"] = data[s.VALUE].map(lambda v: format_percent(v, 1))
    data["n_text"] = data[s.N].map(format_int)
    data["change_text"] = [
        format_points(c) if not pd.isna(c) else note
        for c, note in zip(data[CHANGE], data[NOTE], strict=True)
    ]
    x = alt.X(
        field=WAVE,
        type=charts.ORDINAL,
        sort=waves,
        title=t("charts.wave"),
        axis=alt.Axis(labelAngle=0),
    )
    y = alt.Y(
        field=s.VALUE,
        type=charts.QUANTITATIVE,
        **charts.data_percent_axis(y_title),
    )
    # Series in the order of the rows (sort=None): the spec stays the same whichever units
    # are chosen, so the browser only swaps the rows.
    colour = alt.Color(
        field=SERIES,
        type=charts.NOMINAL,
        sort=None,
        scale=alt.Scale(range=SERIES_COLOURS),
        legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, labelLimit=320),
    )
    shape = alt.Shape(
        field=SERIES,
        type=charts.NOMINAL,
        sort=None,
        scale=alt.Scale(range=SERIES_SHAPES),
    )
    tooltip = [
        alt.Tooltip(field=SERIES, type=charts.NOMINAL, title=t("charts.series")),
        alt.Tooltip(field=WAVE, type=charts.NOMINAL, title=t("charts.wave")),
        alt.Tooltip(field=METHOD, type=charts.NOMINAL, title=t("trends.col_method")),
        alt.Tooltip(field="value_text", type=charts.NOMINAL, title=t("charts.value")),
        alt.Tooltip(field="n_text", type=charts.NOMINAL, title=t("charts.n")),
        alt.Tooltip(field="change_text", type=charts.NOMINAL, title=t("charts.change")),
    ]
    base = alt.Chart()
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=x,
        y=y,
        color=colour,
        detail=alt.Detail(field=SEGMENT, type=charts.NOMINAL),
        tooltip=tooltip,
    )
    dots = base.mark_point(size=90, filled=True).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip
    )
    intervals = base.mark_rule(strokeWidth=1, opacity=0.6).encode(
        x=x,
        y=alt.Y(field=s.LOW, type=charts.QUANTITATIVE),
        y2=alt.Y2(field=s.HIGH),
        color=colour,
    )
    labels = base.mark_text(dy=-12, fontSize=12).encode(
        x=x, y=y, text=alt.Text(field="value_text", type=charts.NOMINAL), color=colour
    )
    layers: list[alt.Chart] = [intervals, lines, dots, labels]
    layers += _target_layers(targets, x)
    layers += _break_layers(breaks, x)
    chart = alt.layer(*layers, data=charts.slim(data, _COLUMNS)).resolve_scale(color="shared")
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, 480))


def _target_layers(targets: pd.DataFrame, x: alt.X) -> list[alt.Chart]:
    if targets.empty:
        return []
    # Written once where a target starts (90% from 2021, 95% from 2026 …), not at every wave.
    starts = targets[TARGET] != targets[TARGET].shift()
    data = targets.assign(
        label=[t("charts.target_line", value=format_percent(v, 0)) for v in targets[TARGET]],
        start_label=[
            t("charts.target_line", value=format_percent(v, 0)) if first else ""
            for v, first in zip(targets[TARGET], starts, strict=True)
        ],
    )
    base = alt.Chart(charts.slim(data))
    ticks = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=40).encode(
        x=x,
        y=alt.Y(field=TARGET, type=charts.QUANTITATIVE),
        tooltip=[alt.Tooltip(field="label", type=charts.NOMINAL, title=t("charts.target"))],
    )
    line = base.mark_line(color=charts.TARGET_COLOUR, strokeDash=[6, 4], interpolate="step").encode(
        x=x, y=alt.Y(field=TARGET, type=charts.QUANTITATIVE)
    )
    text = base.mark_text(color=charts.TARGET_COLOUR, dy=14, fontWeight="bold", fontSize=11).encode(
        x=x,
        y=alt.Y(field=TARGET, type=charts.QUANTITATIVE),
        text=alt.Text(field="start_label", type=charts.NOMINAL),
    )
    return [line, ticks, text]


def _break_layers(breaks: pd.DataFrame, x: alt.X) -> list[alt.Chart]:
    if breaks.empty:
        return []
    base = alt.Chart(charts.slim(breaks))
    rule = base.mark_rule(color="#6B7280", strokeDash=[3, 3], strokeWidth=2, xOffset=-40).encode(
        x=x,
        tooltip=[alt.Tooltip(field=BREAK_TEXT, type=charts.NOMINAL, title=t("trends.break_title"))],
    )
    text = base.mark_text(
        align="right", baseline="top", dx=-44, dy=4, color="#374151", fontWeight="bold"
    ).encode(x=x, y=alt.YValue(0), text=alt.Text(field=BREAK_TEXT, type=charts.NOMINAL))  # type: ignore[no-untyped-call]
    return [rule, text]
