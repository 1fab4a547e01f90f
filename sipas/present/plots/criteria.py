"""A unit's elements and criteria against the average of its peers, and the diverging bar of
answers per criterion."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard.criteria import ANSWER, ANSWER_LABEL, AVERAGE, DIFF, END, SHARE_TEXT, START
from sipas.dashboard.display import with_display_columns
from sipas.present import charts

# ColorBrewer BrBG (5 classes): diverging and safe for the common colour-vision deficiencies;
# the centre is a neutral grey, so "bình thường" reads as neither side.
ANSWER_COLOURS = ["#A6611A", "#DFC27D", "#D1D5DB", "#80CDC1", "#018571"]
AVERAGE_TEXT = "average_text"
DIFF_TEXT = "diff_text"
_LABEL_AT = "label_at"
_LABEL_LIMIT = 420
_COLUMNS = [
    s.LABEL,
    s.VALUE,
    AVERAGE,
    "target",
    AVERAGE_TEXT,
    DIFF_TEXT,
    *s.TEXT_COLUMNS,
]
_DISTRIBUTION = [s.LABEL, ANSWER, ANSWER_LABEL, START, END, SHARE_TEXT, "share_label"]


def _with_average_text(frame: pd.DataFrame) -> pd.DataFrame:
    shown = with_display_columns(frame)
    shown[AVERAGE_TEXT] = shown[AVERAGE].map(format_percent)
    shown[DIFF_TEXT] = shown[DIFF].map(format_points)
    return shown


def elements_chart(
    elements: pd.DataFrame, *, title: str, subtitle: str | list[str], average_label: str
) -> alt.LayerChart:
    """Bars for the unit's elements (colour by status against the target), a black diamond
    at the peers' average, the value written after the bar and the diamond."""
    data = _with_average_text(elements)
    y = alt.Y(
        field=s.LABEL,
        type=charts.NOMINAL,
        sort=None,  # in the frame's order: the same spec for every selection
        title=None,
        axis=alt.Axis(labelLimit=340),
    )
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    tooltip = [
        alt.Tooltip(field=s.LABEL, type=charts.NOMINAL, title=t("charts.element")),
        alt.Tooltip(field=s.VALUE_TEXT, type=charts.NOMINAL, title=t("charts.value")),
        alt.Tooltip(field=s.INTERVAL_TEXT, type=charts.NOMINAL, title=t("charts.interval")),
        alt.Tooltip(field=AVERAGE_TEXT, type=charts.NOMINAL, title=average_label),
        alt.Tooltip(field=DIFF_TEXT, type=charts.NOMINAL, title=t("charts.change")),
        alt.Tooltip(field=s.N_TEXT, type=charts.NOMINAL, title=t("charts.n")),
        alt.Tooltip(field=s.TARGET_TEXT, type=charts.NOMINAL, title=t("charts.target")),
        alt.Tooltip(field=s.STATUS_TEXT, type=charts.NOMINAL, title=t("charts.status")),
    ]
    base = alt.Chart()
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.6}).encode(
        x=alt.X(
            field=s.VALUE,
            type=charts.QUANTITATIVE,
            **charts.percent_axis(t("charts.sipas_axis")),
        ),
        y=y,
        color=charts.status_colour(),
        tooltip=tooltip,
    )
    average = base.mark_point(shape="diamond", size=160, filled=True, color="#111827").encode(
        x=alt.X(field=AVERAGE, type=charts.QUANTITATIVE, scale=x_scale), y=y, tooltip=tooltip
    )
    # The value is written past the bar or the diamond, whichever ends further right: an
    # average a few points above the value would otherwise sit on its text. The bar already
    # describes the value to screen readers; the text would repeat it with a helper column.
    values = (
        base.mark_text(align="left", dx=12, fontWeight="bold", color=charts.INK, aria=False)
        .encode(
            x=alt.X(field=_LABEL_AT, type=charts.QUANTITATIVE, scale=x_scale),
            y=y,
            text=alt.Text(field=s.VALUE_TEXT, type=charts.NOMINAL),
        )
        .transform_calculate(**{_LABEL_AT: f"max(datum.{s.VALUE}, datum.{AVERAGE})"})
    )
    layers: list[alt.Chart] = [bars]
    targets = data["target"].dropna().unique()
    if len(targets) == 1:  # under the diamonds and values, which it may cross
        layers += charts.target_rule(float(targets[0]))
    layers += [average, *charts.with_halo(values)]
    height = 44 * len(data) + 170
    return cast(
        alt.LayerChart,
        charts.finish(
            alt.layer(*layers, data=charts.slim(data, _COLUMNS)), title, subtitle, height
        ),
    )


def items_chart(
    items: pd.DataFrame, *, title: str, subtitle: str | list[str], average_label: str
) -> alt.LayerChart:
    """A dumbbell per criterion: the unit (circle, blue when above the average, vermillion
    triangle when below) and the average (black diamond), joined by a line."""
    data = _with_average_text(items.assign(**{s.TARGET_STATUS: None}))
    data["side"] = [
        t("criteria.above") if diff >= 0 else t("criteria.below") for diff in data[DIFF].fillna(0)
    ]
    y = alt.Y(
        field=s.LABEL,
        type=charts.NOMINAL,
        sort=None,  # in the frame's order: the same spec for every selection
        title=None,
        axis=alt.Axis(labelLimit=_LABEL_LIMIT),
    )
    x = alt.X(
        field=s.VALUE,
        type=charts.QUANTITATIVE,
        **charts.data_percent_axis(t("charts.sipas_axis")),
    )
    tooltip = [
        alt.Tooltip(field=s.LABEL, type=charts.NOMINAL, title=t("charts.criterion")),
        alt.Tooltip(field=s.VALUE_TEXT, type=charts.NOMINAL, title=t("charts.value")),
        alt.Tooltip(field=AVERAGE_TEXT, type=charts.NOMINAL, title=average_label),
        alt.Tooltip(field=DIFF_TEXT, type=charts.NOMINAL, title=t("charts.change")),
        alt.Tooltip(field=s.N_TEXT, type=charts.NOMINAL, title=t("charts.n")),
    ]
    sides = [t("criteria.above"), t("criteria.below")]
    base = alt.Chart()
    link = base.mark_rule(color="#9CA3AF", strokeWidth=2).encode(x=x, x2=alt.X2(field=AVERAGE), y=y)
    average = base.mark_point(shape="diamond", size=90, filled=True, color="#111827").encode(
        x=alt.X(field=AVERAGE, type=charts.QUANTITATIVE), y=y, tooltip=tooltip
    )
    unit = base.mark_point(size=110, filled=True).encode(
        x=x,
        y=y,
        color=alt.Color(
            field="side",
            type=charts.NOMINAL,
            scale=alt.Scale(domain=sides, range=["#0072B2", "#D55E00"]),
            legend=charts.status_legend(None),
        ),
        shape=alt.Shape(
            field="side",
            type=charts.NOMINAL,
            scale=alt.Scale(domain=sides, range=["circle", "triangle-down"]),
            legend=charts.status_legend(None),
        ),
        tooltip=tooltip,
    )
    height = 26 * len(data) + 170
    chart = alt.layer(link, average, unit, data=charts.slim(data, [*_COLUMNS, "side"]))
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))


def distribution_chart(
    distribution: pd.DataFrame, *, title: str, subtitle: str | list[str]
) -> alt.LayerChart:
    """Diverging stacked bars: answers 1–2 left of zero, 3 centred, 4–5 right; the axis shows
    shares without sign."""
    data = distribution.copy()
    data["share_label"] = data["share"].map(format_percent)
    order = list(dict.fromkeys(data[s.LABEL]))
    labels = [t(f"criteria.answer_{answer}") for answer in range(1, 6)]
    y = alt.Y(
        field=s.LABEL,
        type=charts.NOMINAL,
        sort=None,
        title=None,
        axis=alt.Axis(labelLimit=_LABEL_LIMIT),
    )
    x = alt.X(
        field=START,
        type=charts.QUANTITATIVE,
        title=t("charts.share"),
        axis=alt.Axis(labelExpr="replace(format(abs(datum.value), ',.0f'), '.', ',') + '%'"),
    )
    tooltip = [
        alt.Tooltip(field=s.LABEL, type=charts.NOMINAL, title=t("charts.criterion")),
        alt.Tooltip(field=ANSWER_LABEL, type=charts.NOMINAL, title=t("charts.answer")),
        alt.Tooltip(field="share_label", type=charts.NOMINAL, title=t("charts.share")),
    ]
    base = alt.Chart()
    segments = base.mark_bar(height={"band": 0.75}).encode(
        x=x,
        x2=alt.X2(field=END),
        y=y,
        color=alt.Color(
            field=ANSWER_LABEL,
            type=charts.NOMINAL,
            scale=alt.Scale(domain=labels, range=ANSWER_COLOURS),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, columns=3),
            sort=labels,
        ),
        order=alt.Order(field=ANSWER, type=charts.QUANTITATIVE),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11, color="#111827").encode(
        x=alt.X(field="mid", type=charts.QUANTITATIVE),
        y=y,
        text=alt.Text(field=SHARE_TEXT, type=charts.NOMINAL),
    )
    centre = (
        alt.Chart(alt.Data(values=[{"zero": 0}]))  # type: ignore[no-untyped-call]
        .mark_rule(color="#111827")
        .encode(x=alt.X(field="zero", type=charts.QUANTITATIVE))
    )
    height = 26 * len(order) + 170
    middle = text.transform_calculate(mid=f"(datum.{START} + datum.{END}) / 2")
    chart = alt.layer(segments, middle, centre, data=charts.slim(data, _DISTRIBUTION))
    return cast(alt.LayerChart, charts.finish(chart, title, subtitle, height))
