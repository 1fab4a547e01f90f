"""Altair charts: DataFrame in, alt.Chart out (never rendered here).

Labels, tooltips and axis ticks are Vietnamese with decimal commas. Text shown on marks
comes from preformatted string columns, so every renderer (browser, vl-convert) writes the
numbers the same way. This module holds the shared vocabulary (column names, status colours,
the look) and the unit ranking; the other dashboard charts live in sipas.plots.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final, cast

import altair as alt
import pandas as pd

from sipas.core.formatting import format_percent
from sipas.core.i18n import t
from sipas.core.schema import (
    HIGH,
    INTERVAL_TEXT,
    LABEL,
    LABEL_X,
    LOW,
    MARK_TEXT,
    N_TEXT,
    STATUS_TEXT,
    TARGET_TEXT,
    TEXT_COLUMNS,
    UNIT,
    VALUE,
    VALUE_TEXT,
)
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.standings import CHOSEN, JUDGED_TEXT
from sipas.present.altair_compat import altair_dict, skip_schema_checks
from sipas.present.axes import axis_start, axis_ticks
from sipas.targets import status

# Altair checks every schema object against the Vega-Lite schema as it is created ("debug
# mode"), which is most of the cost of building a chart on each page run. The unit tests
# validate every chart's full spec instead (to_dict(validate=True)).
skip_schema_checks()

# Encoding types, written out: Altair's "field:Q" shorthand is parsed on every use and makes
# building a layered chart several times slower.
QUANTITATIVE: Final = "quantitative"
NOMINAL: Final = "nominal"
ORDINAL: Final = "ordinal"

FONT = "'Source Sans', 'Source Sans Pro', 'Noto Sans', 'DejaVu Sans', sans-serif"
INK = "#1F2937"
MUTED = "#4B5563"
TARGET_COLOUR = "#B91C1C"
NO_STATUS_COLOUR = "#9CA3AF"
# A tick label with a decimal comma, from a number formatted by d3.
PERCENT_TICKS = "replace(format(datum.value, ',.0f'), '.', ',') + '%'"


# Vega draws an axis label given as a list on several lines; wrap_label marks the breaks.
SPLIT_LINES = "split(datum.label, '|')"


def wrap_label(text: str, width: int = 18) -> str:
    """Long labels ("Lao động, người có công và xã hội") cut into lines of about `width`
    characters between words, joined by "|" for SPLIT_LINES."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "|".join(lines)


def slim(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> alt.Data:
    """The chart data: only the columns a chart uses, as plain JSON values (missing → null).

    Handing Altair finished records skips its per-chart DataFrame sanitising, which costs
    more than the chart itself for the small frames the dashboard draws."""
    if columns is not None:
        frame = frame[[c for c in dict.fromkeys(columns) if c in frame.columns]]
    return alt.Data(values=json.loads(frame.to_json(orient="records", force_ascii=False)))  # type: ignore[no-untyped-call]


def status_colour(
    legend: bool = True, field: str = STATUS_TEXT, symbol: str | None = "square"
) -> alt.Color:
    """Colour by status label ("✔ Đạt mục tiêu" …): the same three colours everywhere, with a
    legend whose labels carry the symbols, so colour is never the only cue."""
    labels = [status.status_label(code) for code in status.STATUSES] + [status.status_label(None)]
    colours = [status.COLOURS[code] for code in status.STATUSES] + [NO_STATUS_COLOUR]
    return alt.Color(
        field=field,
        type=NOMINAL,
        scale=alt.Scale(domain=labels, range=colours),
        legend=status_legend(symbol) if legend else None,
    )


def status_legend(symbol: str | None = "square") -> alt.Legend:
    """The status legend under a chart; without `symbol` it shows the marks' own shapes."""
    options: dict[str, Any] = {"title": None, "orient": "bottom", "labelFontSize": 13}
    if symbol:
        options["symbolType"] = symbol
    return alt.Legend(**options)


def percent_axis(title: str, domain: Sequence[float] = (0, 100)) -> dict[str, Any]:
    """Encoding options for a percentage axis with Vietnamese ticks."""
    return {
        "scale": alt.Scale(domain=list(domain), nice=False, zero=False),
        "title": title,
        "axis": alt.Axis(labelExpr=PERCENT_TICKS, tickCount=10),
    }


def data_percent_axis(title: str, margin_px: int = 24) -> dict[str, Any]:
    """Encoding options for a percentage axis from just below the lowest value drawn to
    100%. The lower end is found by Vega from the chart's rows, `margin_px` pixels below the
    lowest mark, so the spec stays the same for every selection (see sipas.chartspec)."""
    return {
        "scale": alt.Scale(domainMax=100, zero=False, nice=False, padding=margin_px),
        "title": title,
        "axis": alt.Axis(labelExpr=PERCENT_TICKS, tickCount=10),
    }


def finish(chart: Any, title: str, subtitle: str | Sequence[str], height: int | None = None) -> Any:
    """Title, subtitle (the source line), fonts and sizes shared by every chart.

    Set on the chart object itself: Altair's .properties() and .configure_*() each return a
    deep copy of the whole chart, which made building a chart several times slower."""
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    chart.title = alt.TitleParams(title, subtitle=lines, anchor="start")
    if height is not None:
        chart.height = height
    chart.config = alt.Config(
        font=FONT,
        axis=alt.AxisConfig(labelFontSize=13, titleFontSize=13, labelColor=INK, titleColor=INK),
        title=alt.TitleConfig(fontSize=17, subtitleFontSize=13, subtitleColor=MUTED, color=INK),
        legend=alt.LegendConfig(labelColor=INK),
        view=alt.ViewConfig(stroke=None),
    )
    return chart


def to_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite spec of an Altair chart, with its data inlined as named datasets.

    Altair's own check of the spec against the Vega-Lite schema costs more than building the
    chart; it runs in the unit tests for every chart instead of on every page run. The
    default theme's 300 px view size is dropped: the page decides the width."""
    spec = altair_dict(chart)
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    return spec


def ranking_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str | Sequence[str],
    target: float | None,
    pick: str | None = None,
    x_title: str | None = None,
    order_written: bool = False,
    words: bool = False,
    intervals: bool = True,
) -> alt.LayerChart:
    """Horizontal bars in the given order (best first), with the 95% interval, the value
    written at the bar's end, colour (and symbol in the legend) by status, and the target:
    one vertical line when all units share it, a tick on each bar when targets differ.

    `frame` has UNIT, LABEL, VALUE, LOW, HIGH, N, STATUS (percent 0–100), optional "target"
    and MARK_TEXT (e.g. "≈", "*" remarks): the reports' label is the value and those marks.
    With `words` (the pages) the label is JUDGED_TEXT instead ("87,04% / ≥80%": the value and
    the target it was judged against; ties are said in sentences under the chart), and the
    intervals and n are drawn only with `intervals`. `pick` names a click selection on UNIT.
    `order_written` writes the row order into the spec, for a chart that gets another layer on
    the same axis (the deck's top-N band); without it the order is the rows' own, so that
    another wave or measure sends the same spec with other rows (the browser redraws in place).
    """
    data = with_display_columns(frame)
    data[MARK_TEXT] = _label_text(data, words, intervals)
    data[HIGHLIGHT] = _highlight(data)
    chosen = data.loc[data[HIGHLIGHT] == 1.0, LABEL].tolist()
    y = alt.Y(
        field=LABEL,
        type=NOMINAL,
        # the rows come best first; written out when a layer is added on the same axis (a
        # shared scale whose layers sort differently drops the sort)
        sort=data[LABEL].tolist() if order_written else None,
        title=None,
        axis=alt.Axis(labelLimit=0, labelFontWeight=_bold_labels(chosen, len(data))),
    )
    start = axis_start(data, target, intervals) if words else 0
    x_scale = alt.Scale(domain=[start, 100], nice=False, zero=False)
    base = alt.Chart()
    bars = base.mark_bar(cornerRadiusEnd=3, height={"band": 0.7}, cursor="pointer").encode(
        x=alt.X(
            field=VALUE,
            type=QUANTITATIVE,
            scale=x_scale,
            title=x_title or t("charts.sipas_axis"),
            axis=alt.Axis(labelExpr=PERCENT_TICKS, values=axis_ticks(start)),
        ),
        x2=alt.X2(datum=start),  # from the axis's start: a bar never runs off the chart
        y=y,
        color=status_colour(),
        opacity=alt.Opacity(field=HIGHLIGHT, type=QUANTITATIVE, scale=None, legend=None),
        tooltip=_tooltip(data),
    )
    if pick:
        bars = bars.add_params(alt.selection_point(name=pick, fields=[UNIT], on="click"))
    whiskers = base.mark_rule(color=INK, strokeWidth=1.5).encode(
        x=alt.X(field=LOW, type=QUANTITATIVE), x2=alt.X2(field=HIGH), y=y, tooltip=_tooltip(data)
    )
    # Marks sit right of the interval, or of the bar when there is none (published values
    # without n) or it is not drawn.
    data[LABEL_X] = data[VALUE].astype(float)
    if intervals:
        data[LABEL_X] = data[HIGH].astype(float).fillna(data[LABEL_X])
    labels = base.mark_text(align="left", dx=6, fontWeight="bold", color=INK).encode(
        x=alt.X(field=LABEL_X, type=QUANTITATIVE, scale=x_scale),
        y=y,
        text=alt.Text(field=MARK_TEXT, type=NOMINAL),
        tooltip=_tooltip(data),
    )
    # the target line under the written values, which it may cross
    drawn = [bars, whiskers] if intervals else [bars]
    layers: list[Any] = [*drawn, *_targets(data, y, target), *with_halo(labels)]
    # Streamlit fits the whole chart (title, axes and legend included) into `height`.
    height = 36 * len(data) + 170
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    if start:  # said where it is seen: the bars' lengths are not proportional to the values
        lines.insert(1, t("charts.axis_from", start=format_percent(start, 0)))
    return cast(
        alt.LayerChart,
        finish(alt.layer(*layers, data=slim(data, _RANKING_COLUMNS)), title, lines, height),
    )


def _label_text(data: pd.DataFrame, words: bool, intervals: bool) -> pd.Series:
    """The text at each bar: the value and the reports' marks, or (`words`) the judged text,
    with n after it when the intervals are drawn."""
    if not words:
        return data[VALUE_TEXT] + (" " + data[MARK_TEXT] if MARK_TEXT in data else "")
    text = data[JUDGED_TEXT] if JUDGED_TEXT in data else data[VALUE_TEXT]
    if not intervals:
        return text
    return pd.Series(
        [t("statuswords.bar_n", text=v, n=n) for v, n in zip(text, data[N_TEXT], strict=True)],
        index=data.index,
    )


# Units not chosen stay in a ranking (highlight, don't filter), drawn paler.
HIGHLIGHT = "highlight"
PALE = 0.3
_RANKING_COLUMNS = [
    UNIT,
    LABEL,
    VALUE,
    LOW,
    HIGH,
    LABEL_X,
    "target",
    MARK_TEXT,
    HIGHLIGHT,
    *TEXT_COLUMNS,
]


def _highlight(data: pd.DataFrame) -> list[float]:
    """Opacity per bar: 1 for the chosen units, PALE for the others; all 1 when the frame
    says nothing of choice (no CHOSEN column) or every unit is chosen."""
    if CHOSEN not in data or bool(data[CHOSEN].all()):
        return [1.0] * len(data)
    return [1.0 if chosen else PALE for chosen in data[CHOSEN]]


def highlight_note(frame: pd.DataFrame) -> list[str]:
    """The subtitle line that says which bars are the chosen units ([] when all are)."""
    if CHOSEN not in frame or bool(frame[CHOSEN].all()):
        return []
    return [t("unitpage.highlight_note", count=int(frame[CHOSEN].sum()), total=len(frame))]


def _bold_labels(chosen: list[str], total: int) -> Any:
    """The chosen units' names in bold on the axis (none when all are chosen)."""
    if len(chosen) == total:
        return "normal"
    return alt.ExprRef(expr=f"indexof({json.dumps(chosen)}, datum.value) >= 0 ? 'bold' : 'normal'")


def _tooltip(data: pd.DataFrame) -> list[alt.Tooltip]:
    tips = [
        alt.Tooltip(field=LABEL, type=NOMINAL, title=t("charts.unit")),
        alt.Tooltip(field=VALUE_TEXT, type=NOMINAL, title=t("charts.value")),
        alt.Tooltip(field=INTERVAL_TEXT, type=NOMINAL, title=t("charts.interval")),
        alt.Tooltip(field=N_TEXT, type=NOMINAL, title=t("charts.n")),
    ]
    if TARGET_TEXT in data:
        tips.append(alt.Tooltip(field=TARGET_TEXT, type=NOMINAL, title=t("charts.target")))
    tips.append(alt.Tooltip(field=STATUS_TEXT, type=NOMINAL, title=t("charts.status")))
    return tips


def _targets(data: pd.DataFrame, y: alt.Y, target: float | None) -> list[alt.Chart]:
    """One line for a shared target, else a tick per bar at that unit's own target."""
    own: list[float] = list(data["target"].dropna().unique()) if "target" in data else []
    if len(own) > 1:
        ticks = (
            alt.Chart()
            .mark_tick(color=TARGET_COLOUR, thickness=3, size=26)
            .encode(x=alt.X(field="target", type=QUANTITATIVE), y=y, tooltip=_tooltip(data))
        )
        return [ticks]
    value = float(own[0]) if len(own) == 1 else target
    return [] if value is None else target_rule(value)


HALO = {"color": "white", "stroke": "white", "strokeWidth": 4, "strokeJoin": "round"}


def with_halo(text: alt.Chart) -> list[alt.Chart]:
    """A text layer with a white outline of its glyphs under it: a dashed target line or an
    interval that crosses a written value does not run through the digits."""
    halo = text.copy(deep=True)
    mark = halo.mark.to_dict() if hasattr(halo.mark, "to_dict") else {"type": str(halo.mark)}
    halo.mark = alt.MarkDef(**{**mark, **HALO, "aria": False})
    halo.encoding.tooltip = alt.Undefined
    return [halo, text]


def target_rule(target: float, axis: str = "x") -> list[alt.Chart]:
    """A dashed red line at the target with "Mục tiêu 90%" written beside it."""
    line = pd.DataFrame(
        {VALUE: [target], LABEL: [t("charts.target_line", value=format_percent(target, 0))]}
    )
    rule = (
        alt.Chart(slim(line))
        .mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2)
        .encode(
            **{
                axis: alt.X(field=VALUE, type=QUANTITATIVE)
                if axis == "x"
                else alt.Y(field=VALUE, type=QUANTITATIVE)
            }
        )
    )
    if axis == "x":
        text = alt.Chart(slim(line)).mark_text(
            align="right", baseline="bottom", dx=-4, dy=-4, color=TARGET_COLOUR, fontWeight="bold"
        )
        return [
            rule,
            text.encode(
                x=alt.X(field=VALUE, type=QUANTITATIVE),
                y=alt.YValue(0),  # type: ignore[no-untyped-call]
                text=alt.Text(field=LABEL, type=NOMINAL),
            ),
        ]
    text = alt.Chart(slim(line)).mark_text(
        align="left", baseline="bottom", dx=4, dy=-4, color=TARGET_COLOUR, fontWeight="bold"
    )
    return [
        rule,
        text.encode(
            y=alt.Y(field=VALUE, type=QUANTITATIVE),
            x=alt.XValue(0),  # type: ignore[no-untyped-call]
            text=alt.Text(field=LABEL, type=NOMINAL),
        ),
    ]
