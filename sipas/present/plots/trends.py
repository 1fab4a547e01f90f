"""Lines across waves, broken where the method or the unit structure changes."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

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
    "label_place",
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
    data["label_place"] = label_places(data, targets)
    labels = [
        base.mark_text(fontSize=12, **where)
        .encode(x=x, y=y, text=alt.Text(field="value_text", type=charts.NOMINAL), color=colour)
        .transform_filter(f"datum.label_place == '{place}'")
        for place, where in _PLACES.items()
    ]
    # a white outline under the digits: a line passing a value does not run through it
    layers: list[alt.Chart] = [
        intervals,
        lines,
        dots,
        *(h for lab in labels for h in charts.with_halo(lab)),
    ]
    layers += _target_layers(targets, x)
    layers += _break_layers(breaks, x)
    chart = alt.layer(*layers, data=charts.slim(data, _COLUMNS)).resolve_scale(color="shared")
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, 480))


ABOVE, BELOW, RIGHT = "above", "below", "right"
# The plot's height in a 480 px chart (title, subtitle, axis and legend take the rest; a little
# less than drawn, so that an estimate errs towards more room), the axis's padding under the
# lowest mark, a dot's half height, and where the digits of a 12 px label sit written above
# (dy −12) or below (dy 17) a point: their bottom and top, in pixels up from the point.
_PLOT_PX, _PADDING_PX, _DOT_PX = 300.0, 24.0, 4.5
_SPANS = {ABOVE: (6.0, 18.0), BELOW: (-23.0, -11.0), RIGHT: (-6.0, 6.0)}
_PLACES: dict[str, dict[str, Any]] = {
    ABOVE: {"dy": -12},
    BELOW: {"dy": 17},
    RIGHT: {"dx": 9, "align": "left", "baseline": "middle"},
}
# The target's tick at every wave, and its name ("Mục tiêu 90%") written under its line
# (dy 14) where it starts.
_TICK_SPAN, _NAME_SPAN = (-2.5, 2.5), (-21.0, -7.0)

Span = tuple[float, float]


def label_places(points: pd.DataFrame, targets: pd.DataFrame | None = None) -> pd.Series:
    """Where each point's value is written: ABOVE it; else BELOW it; else RIGHT of it, when
    the place before would cover another label, a dot (RIGHT: beside its own dot, so dots do
    not count), or the target's tick or name in the same wave (lines close together); ""
    (not written: the value stays in the tooltip and the table) when none has room. Series
    choose in their order (the whole level first, then the chosen units). Pixels are
    estimated from the chart's height and the axis's range."""
    values = points[s.VALUE].astype(float)
    lowest = float(pd.concat([values, points[s.LOW].astype(float)]).min())
    scale = (_PLOT_PX - _PADDING_PX) / max(100.0 - lowest, 1.0)
    pixels = _PADDING_PX + (values - lowest) * scale
    blocked = _target_spans(targets)
    places: dict[Hashable, str] = {}
    for wave, heights in pixels.dropna().groupby(points[WAVE]):
        dots = {index: (p - _DOT_PX, p + _DOT_PX) for index, p in heights.items()}
        marks: list[Span] = [
            (
                _PADDING_PX + (value - lowest) * scale + bottom,
                _PADDING_PX + (value - lowest) * scale + top,
            )
            for value, (bottom, top) in blocked.get(wave, [])
        ]
        for index, p in heights.items():
            for place, (bottom, top) in _SPANS.items():
                span = (p + bottom, p + top)
                others = marks if place == RIGHT else marks + _without(dots, index)
                if not any(span[0] < high and low < span[1] for low, high in others):
                    places[index] = place
                    marks.append(span)
                    break
    return pd.Series([places.get(i, "") for i in points.index], index=points.index, dtype=object)


def _without(dots: dict[Hashable, Span], index: Hashable) -> list[Span]:
    return [span for key, span in dots.items() if key != index]


def _target_spans(targets: pd.DataFrame | None) -> dict[object, list[tuple[float, Span]]]:
    """Per wave, the target's tick, and its name where the target starts (percent, span)."""
    if targets is None or targets.empty:
        return {}
    starts = targets[TARGET] != targets[TARGET].shift()
    spans: dict[object, list[tuple[float, Span]]] = {}
    for wave, value, first in zip(targets[WAVE], targets[TARGET], starts, strict=True):
        spans[wave] = [(float(value), _TICK_SPAN)] + ([(float(value), _NAME_SPAN)] if first else [])
    return spans


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
