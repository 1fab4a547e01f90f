"""Lines across waves, broken where the method or the unit structure changes."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas import charts
from sipas.formatting import format_int, format_percent, format_points
from sipas.i18n import t
from sipas.trends import BREAK_TEXT, CHANGE, METHOD, NOTE, SEGMENT, SERIES, TARGET, WAVE

# Okabe–Ito without the three status colours first, then the rest: distinguishable for the
# common colour-vision deficiencies; every series also has its own point shape.
SERIES_COLOURS = ["#000000", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#E69F00", "#D55E00"]
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
    data["value_text"] = data[charts.VALUE].map(lambda v: format_percent(v, 1))
    data["n_text"] = data[charts.N].map(format_int)
    data["change_text"] = [
        format_points(c) if not pd.isna(c) else note
        for c, note in zip(data[CHANGE], data[NOTE], strict=True)
    ]
    series = list(dict.fromkeys(data[SERIES]))
    low = float(min(data[charts.LOW].min(), targets[TARGET].min() if len(targets) else 100))
    x = alt.X(f"{WAVE}:O", sort=waves, title=t("charts.wave"), axis=alt.Axis(labelAngle=0))
    y = alt.Y(
        f"{charts.VALUE}:Q",
        **charts.percent_axis(y_title, (max(0.0, low - 3), 100)),
    )
    colour = alt.Color(
        f"{SERIES}:N",
        sort=series,
        scale=alt.Scale(domain=series, range=SERIES_COLOURS[: len(series)]),
        legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, labelLimit=320),
    )
    shape = alt.Shape(
        f"{SERIES}:N", sort=series, scale=alt.Scale(domain=series, range=SERIES_SHAPES)
    )
    tooltip = [
        alt.Tooltip(f"{SERIES}:N", title=t("charts.series")),
        alt.Tooltip(f"{WAVE}:N", title=t("charts.wave")),
        alt.Tooltip(f"{METHOD}:N", title=t("trends.col_method")),
        alt.Tooltip("value_text:N", title=t("charts.value")),
        alt.Tooltip("n_text:N", title=t("charts.n")),
        alt.Tooltip("change_text:N", title=t("charts.change")),
    ]
    base = alt.Chart(data)
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=x, y=y, color=colour, detail=f"{SEGMENT}:N", tooltip=tooltip
    )
    dots = base.mark_point(size=90, filled=True).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip
    )
    intervals = base.mark_rule(strokeWidth=1, opacity=0.6).encode(
        x=x, y=f"{charts.LOW}:Q", y2=f"{charts.HIGH}:Q", color=colour
    )
    labels = base.mark_text(dy=-12, fontSize=12).encode(x=x, y=y, text="value_text:N", color=colour)
    layers: list[alt.Chart] = [intervals, lines, dots, labels]
    layers += _target_layers(targets, x)
    layers += _break_layers(breaks, x)
    chart = alt.layer(*layers).resolve_scale(color="shared")
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, 480))


def _target_layers(targets: pd.DataFrame, x: alt.X) -> list[alt.Chart]:
    if targets.empty:
        return []
    data = targets.assign(
        label=[t("charts.target_line", value=format_percent(v, 0)) for v in targets[TARGET]]
    )
    base = alt.Chart(data)
    ticks = base.mark_tick(color=charts.TARGET_COLOUR, thickness=3, size=40).encode(
        x=x, y=f"{TARGET}:Q", tooltip=[alt.Tooltip("label:N", title=t("charts.target"))]
    )
    line = base.mark_line(color=charts.TARGET_COLOUR, strokeDash=[6, 4], interpolate="step").encode(
        x=x, y=f"{TARGET}:Q"
    )
    text = base.mark_text(color=charts.TARGET_COLOUR, dy=14, fontWeight="bold", fontSize=11).encode(
        x=x, y=f"{TARGET}:Q", text="label:N"
    )
    return [line, ticks, text]


def _break_layers(breaks: pd.DataFrame, x: alt.X) -> list[alt.Chart]:
    if breaks.empty:
        return []
    base = alt.Chart(breaks)
    rule = base.mark_rule(color="#6B7280", strokeDash=[3, 3], strokeWidth=2, xOffset=-40).encode(
        x=x, tooltip=[alt.Tooltip(f"{BREAK_TEXT}:N", title=t("trends.break_title"))]
    )
    text = base.mark_text(
        align="right", baseline="top", dx=-44, dy=4, color="#374151", fontWeight="bold"
    ).encode(x=x, y=alt.value(0), text=f"{BREAK_TEXT}:N")
    return [rule, text]
