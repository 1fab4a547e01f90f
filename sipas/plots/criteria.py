"""A unit's elements and criteria against the average of its peers, and the diverging bar of
answers per criterion."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas import charts
from sipas.criteria import ANSWER, ANSWER_LABEL, AVERAGE, DIFF, END, SHARE_TEXT, START
from sipas.formatting import format_percent, format_points
from sipas.i18n import t

# ColorBrewer BrBG (5 classes): diverging and safe for the common colour-vision deficiencies;
# the centre is a neutral grey, so "bình thường" reads as neither side.
ANSWER_COLOURS = ["#A6611A", "#DFC27D", "#D1D5DB", "#80CDC1", "#018571"]
AVERAGE_TEXT = "average_text"
DIFF_TEXT = "diff_text"
_LABEL_LIMIT = 420


def _with_average_text(frame: pd.DataFrame) -> pd.DataFrame:
    shown = charts.with_display_columns(frame)
    shown[AVERAGE_TEXT] = shown[AVERAGE].map(format_percent)
    shown[DIFF_TEXT] = shown[DIFF].map(format_points)
    return shown


def elements_chart(
    elements: pd.DataFrame, *, title: str, subtitle: str | list[str], average_label: str
) -> alt.LayerChart:
    """Bars for the unit's elements (colour by status against the target), a black diamond
    at the peers' average, the value written at the bar's end."""
    data = _with_average_text(elements)
    y = alt.Y(
        f"{charts.LABEL}:N",
        sort=data[charts.LABEL].tolist(),
        title=None,
        axis=alt.Axis(labelLimit=340),
    )
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    tooltip = [
        alt.Tooltip(f"{charts.LABEL}:N", title=t("charts.element")),
        alt.Tooltip(f"{charts.VALUE_TEXT}:N", title=t("charts.value")),
        alt.Tooltip(f"{charts.INTERVAL_TEXT}:N", title=t("charts.interval")),
        alt.Tooltip(f"{AVERAGE_TEXT}:N", title=average_label),
        alt.Tooltip(f"{DIFF_TEXT}:N", title=t("charts.change")),
        alt.Tooltip(f"{charts.N_TEXT}:N", title=t("charts.n")),
        alt.Tooltip(f"{charts.TARGET_TEXT}:N", title=t("charts.target")),
        alt.Tooltip(f"{charts.STATUS_TEXT}:N", title=t("charts.status")),
    ]
    base = alt.Chart(data)
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.6}).encode(
        x=alt.X(f"{charts.VALUE}:Q", **charts.percent_axis(t("charts.sipas_axis"))),
        y=y,
        color=charts.status_colour(),
        tooltip=tooltip,
    )
    average = base.mark_point(shape="diamond", size=160, filled=True, color="#111827").encode(
        x=alt.X(f"{AVERAGE}:Q", scale=x_scale), y=y, tooltip=tooltip
    )
    values = base.mark_text(align="left", dx=8, fontWeight="bold", color=charts.INK).encode(
        x=alt.X(f"{charts.VALUE}:Q", scale=x_scale), y=y, text=f"{charts.VALUE_TEXT}:N"
    )
    layers: list[alt.Chart] = [bars, average, values]
    targets = data["target"].dropna().unique()
    if len(targets) == 1:
        layers += charts.target_rule(float(targets[0]))
    height = 44 * len(data) + 170
    return cast(alt.LayerChart, charts.finish(alt.layer(*layers), title, subtitle, height))


def items_chart(
    items: pd.DataFrame, *, title: str, subtitle: str | list[str], average_label: str
) -> alt.LayerChart:
    """A dumbbell per criterion: the unit (circle, blue when above the average, vermillion
    triangle when below) and the average (black diamond), joined by a line."""
    data = _with_average_text(items.assign(**{charts.STATUS: None}))
    data["side"] = [
        t("criteria.above") if diff >= 0 else t("criteria.below") for diff in data[DIFF].fillna(0)
    ]
    y = alt.Y(
        f"{charts.LABEL}:N",
        sort=data[charts.LABEL].tolist(),
        title=None,
        axis=alt.Axis(labelLimit=_LABEL_LIMIT),
    )
    low = max(0.0, float(min(data[charts.VALUE].min(), data[AVERAGE].min())) - 3)
    x = alt.X(f"{charts.VALUE}:Q", **charts.percent_axis(t("charts.sipas_axis"), (low, 100)))
    tooltip = [
        alt.Tooltip(f"{charts.LABEL}:N", title=t("charts.criterion")),
        alt.Tooltip(f"{charts.VALUE_TEXT}:N", title=t("charts.value")),
        alt.Tooltip(f"{AVERAGE_TEXT}:N", title=average_label),
        alt.Tooltip(f"{DIFF_TEXT}:N", title=t("charts.change")),
        alt.Tooltip(f"{charts.N_TEXT}:N", title=t("charts.n")),
    ]
    sides = [t("criteria.above"), t("criteria.below")]
    base = alt.Chart(data)
    link = base.mark_rule(color="#9CA3AF", strokeWidth=2).encode(x=x, x2=f"{AVERAGE}:Q", y=y)
    average = base.mark_point(shape="diamond", size=90, filled=True, color="#111827").encode(
        x=alt.X(f"{AVERAGE}:Q"), y=y, tooltip=tooltip
    )
    unit = base.mark_point(size=110, filled=True).encode(
        x=x,
        y=y,
        color=alt.Color(
            "side:N",
            scale=alt.Scale(domain=sides, range=["#0072B2", "#D55E00"]),
            legend=charts.status_legend(None),
        ),
        shape=alt.Shape(
            "side:N",
            scale=alt.Scale(domain=sides, range=["circle", "triangle-down"]),
            legend=charts.status_legend(None),
        ),
        tooltip=tooltip,
    )
    height = 26 * len(data) + 170
    chart = alt.layer(link, average, unit)
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))


def distribution_chart(
    distribution: pd.DataFrame, *, title: str, subtitle: str | list[str]
) -> alt.LayerChart:
    """Diverging stacked bars: answers 1–2 left of zero, 3 centred, 4–5 right; the axis shows
    shares without sign."""
    data = distribution.copy()
    data["share_label"] = data["share"].map(format_percent)
    order = list(dict.fromkeys(data[charts.LABEL]))
    labels = [t(f"criteria.answer_{answer}") for answer in range(1, 6)]
    y = alt.Y(f"{charts.LABEL}:N", sort=order, title=None, axis=alt.Axis(labelLimit=_LABEL_LIMIT))
    x = alt.X(
        f"{START}:Q",
        title=t("charts.share"),
        axis=alt.Axis(labelExpr="replace(format(abs(datum.value), ',.0f'), '.', ',') + '%'"),
    )
    tooltip = [
        alt.Tooltip(f"{charts.LABEL}:N", title=t("charts.criterion")),
        alt.Tooltip(f"{ANSWER_LABEL}:N", title=t("charts.answer")),
        alt.Tooltip("share_label:N", title=t("charts.share")),
    ]
    base = alt.Chart(data)
    segments = base.mark_bar(height={"band": 0.75}).encode(
        x=x,
        x2=f"{END}:Q",
        y=y,
        color=alt.Color(
            f"{ANSWER_LABEL}:N",
            scale=alt.Scale(domain=labels, range=ANSWER_COLOURS),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=13),
            sort=labels,
        ),
        order=alt.Order(f"{ANSWER}:Q"),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11, color="#111827").encode(
        x=alt.X("mid:Q"), y=y, text=f"{SHARE_TEXT}:N"
    )
    centre = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#111827").encode(x="zero:Q")
    height = 26 * len(order) + 170
    chart = alt.layer(segments, text.transform_calculate(mid=f"(datum.{START} + datum.{END}) / 2"))
    return cast(alt.LayerChart, charts.finish(alt.layer(chart, centre), title, subtitle, height))
