"""Altair charts: DataFrame in, alt.Chart out (never rendered here).

Labels, tooltips and axis ticks are Vietnamese with decimal commas. Text shown on marks
comes from preformatted string columns, so every renderer (browser, vl-convert) writes the
numbers the same way.
"""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas import status
from sipas.formatting import format_int, format_interval, format_percent
from sipas.i18n import t

LABEL = "label"
VALUE = "value"
LOW = "low"
HIGH = "high"
N = "n"
STATUS = "status"
VALUE_TEXT = "value_text"
INTERVAL_TEXT = "interval_text"
N_TEXT = "n_text"
STATUS_TEXT = "status_text"
LABEL_X = "label_x"

FONT = "'Source Sans', 'Source Sans Pro', 'Noto Sans', 'DejaVu Sans', sans-serif"
# A tick label with a decimal comma, from a number formatted by d3.
PERCENT_TICKS = "replace(format(datum.value, ',.0f'), '.', ',') + '%'"


def with_display_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the formatted text columns the charts show (value, interval, n, status)."""
    shown = frame.copy()
    shown[VALUE_TEXT] = shown[VALUE].map(format_percent)
    shown[INTERVAL_TEXT] = [
        format_interval(lo, hi) for lo, hi in zip(shown[LOW], shown[HIGH], strict=True)
    ]
    shown[N_TEXT] = shown[N].map(format_int)
    shown[STATUS_TEXT] = shown[STATUS].map(status.status_label) if STATUS in shown else ""
    return shown


def _status_colour() -> alt.Color:
    return alt.Color(
        f"{STATUS}:N",
        scale=alt.Scale(
            domain=list(status.STATUSES), range=[status.COLOURS[s] for s in status.STATUSES]
        ),
        legend=None,
    )


def ranking_chart(
    frame: pd.DataFrame, *, title: str, subtitle: str, target: float | None
) -> alt.LayerChart:
    """Horizontal bars, best first, with the 95% interval, the value written at the bar's end,
    colour (and symbol in the tooltip) by status, and a vertical target line.

    `frame` has LABEL, VALUE, LOW, HIGH, N, STATUS (percent 0–100), in the order to show.
    """
    data = with_display_columns(frame)
    order = data[LABEL].tolist()
    y = alt.Y(f"{LABEL}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    tooltip = [
        alt.Tooltip(f"{LABEL}:N", title=t("charts.unit")),
        alt.Tooltip(f"{VALUE_TEXT}:N", title=t("charts.sipas")),
        alt.Tooltip(f"{INTERVAL_TEXT}:N", title=t("charts.interval")),
        alt.Tooltip(f"{N_TEXT}:N", title=t("charts.n")),
        alt.Tooltip(f"{STATUS_TEXT}:N", title=t("charts.status")),
    ]
    base = alt.Chart(data)
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}).encode(
        x=alt.X(
            f"{VALUE}:Q",
            scale=x_scale,
            title=t("charts.sipas_axis"),
            axis=alt.Axis(labelExpr=PERCENT_TICKS, values=list(range(0, 101, 10))),
        ),
        y=y,
        color=_status_colour(),
        tooltip=tooltip,
    )
    whiskers = base.mark_rule(color="#1F2937", strokeWidth=1.5).encode(
        x=f"{LOW}:Q", x2=f"{HIGH}:Q", y=y, tooltip=tooltip
    )
    # Labels sit right of the interval, or of the bar when there is none (published values
    # without n).
    data[LABEL_X] = data[HIGH].astype(float).fillna(data[VALUE].astype(float))
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, fontWeight="bold", color="#1F2937")
        .encode(
            x=alt.X(f"{LABEL_X}:Q", scale=x_scale), y=y, text=f"{VALUE_TEXT}:N", tooltip=tooltip
        )
    )
    layers: list[alt.Chart] = [bars, whiskers, labels]
    if target is not None:
        layers += _target_rule(target)
    # Streamlit fits the whole chart (title and axes included) into `height`.
    height = 36 * len(data) + 130
    chart = (
        alt.layer(*layers)
        .properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start"), height=height)
        .configure(font=FONT)
        .configure_axis(labelFontSize=13, titleFontSize=13)
        .configure_title(fontSize=17, subtitleFontSize=13, subtitleColor="#4B5563")
    )
    return cast(alt.LayerChart, chart)


def _target_rule(target: float) -> list[alt.Chart]:
    line = pd.DataFrame(
        {VALUE: [target], LABEL: [t("charts.target_line", value=format_percent(target, 0))]}
    )
    rule = (
        alt.Chart(line)
        .mark_rule(color="#B91C1C", strokeDash=[6, 4], strokeWidth=2)
        .encode(x=f"{VALUE}:Q")
    )
    text = (
        alt.Chart(line)
        .mark_text(
            align="right", baseline="bottom", dx=-4, dy=-4, color="#B91C1C", fontWeight="bold"
        )
        .encode(x=f"{VALUE}:Q", y=alt.value(0), text=f"{LABEL}:N")
    )
    return [rule, text]
