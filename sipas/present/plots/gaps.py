"""Charts of gaps (DataFrame in, alt.Chart out): bullet charts (value, target, bands), the
rank-target band on a ranking, levers, and a trend with its target line.

Every chart writes its numbers on the marks, the Vietnamese way, so colour is never the only
cue; the same specs render in the browser and through vl-convert for exports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, cast

import altair as alt
import pandas as pd

from sipas.core.formatting import format_number, format_percent, round_half, round_half_array
from sipas.core.i18n import t
from sipas.gaps import table as g
from sipas.gaps.levers import CUMULATIVE, GAIN, ITEM_CODE, TEXT
from sipas.method.ranking import competition_rank
from sipas.present.axes import axis_start, axis_ticks
from sipas.present.charts import FONT, PERCENT_TICKS
from sipas.targets import status
from sipas.targets.rules import GTE, threshold_symbol, threshold_text

LABEL, VALUE, TARGET, TARGET_STATUS = "label", "value", "target", "status"
VALUE_TEXT, NOTE = "value_text", "note"
# The bands plans use: < 80%, 80 – < 90%, ≥ 90% (PAR INDEX press: "nhóm B: 80% đến dưới 90%").
BANDS = (80.0, 90.0)
BAND_COLOURS = ("#F1F3F6", "#E2E6EC", "#CDD3DC")
TARGET_COLOUR = "#B91C1C"
INSIDE_COLOUR, OUTSIDE_COLOUR, FOCUS_COLOUR = "#0072B2", "#9CA3AF", "#E69F00"
# The bullet chart's x axis runs to 100%; the room up to NOTES_END holds the written notes.
NOTES_END = 150.0


def _finish(
    chart: alt.LayerChart | alt.FacetChart, title: str, subtitle: str | list[str], height: int
) -> alt.LayerChart:
    finished = (
        chart.properties(
            title=alt.TitleParams(title, subtitle=subtitle, anchor="start"), height=height
        )
        .configure(font=FONT)
        .configure_axis(labelFontSize=13, titleFontSize=13)
        .configure_title(fontSize=17, subtitleFontSize=13, subtitleColor="#4B5563")
        .configure_view(stroke=None)
    )
    return cast(alt.LayerChart, finished)


def _x_percent(title: str, field: str = VALUE, domain_max: float = 100, start: int = 0) -> alt.X:
    return alt.X(
        f"{field}:Q",
        scale=alt.Scale(domain=[start, domain_max], nice=False, zero=False),
        title=title,
        axis=alt.Axis(labelExpr=PERCENT_TICKS, values=axis_ticks(start)),
    )


def _bands(bands: Sequence[float], domain_max: float = 100) -> alt.Chart:
    edges = [0.0, *bands, 100.0]
    labels = [t("gaps.chart.band_below", value=format_number(bands[0], 0))]
    labels += [
        t("gaps.chart.band_between", low=format_number(lo, 0), high=format_number(hi, 0))
        for lo, hi in pairwise(bands)
    ]
    labels.append(t("gaps.chart.band_above", value=format_number(bands[-1], 0)))
    frame = pd.DataFrame({"start": edges[:-1], "end": edges[1:], "band": labels})
    colours = alt.Scale(domain=labels, range=list(BAND_COLOURS[: len(labels)]))
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("start:Q", scale=alt.Scale(domain=[0, domain_max], nice=False)),
            x2="end:Q",
            color=alt.Color("band:N", scale=colours, legend=None),
            tooltip=[alt.Tooltip("band:N", title=t("gaps.chart.band"))],
        )
    )
    return cast(alt.Chart, chart)


def bullet_frame(
    table: pd.DataFrame, labels: Mapping[str, str], label_column: str = g.UNIT_CODE
) -> pd.DataFrame:
    """Rows of a gap table (with a value), largest gap first, as the bullet chart's data;
    each row is named by `labels` of its `label_column` (unit code, or field code)."""
    shown = table[table[g.VALUE].notna()].sort_values(
        [g.GAP_PP, g.VALUE], ascending=[False, True], na_position="last", kind="stable"
    )
    notes = [_bullet_note(row) for row in shown.to_dict("records")]
    return pd.DataFrame(
        {
            LABEL: [labels.get(code, code) for code in shown[label_column]],
            VALUE: shown[g.VALUE].to_numpy(),
            TARGET: shown[g.TARGET].to_numpy(),
            TARGET_STATUS: shown[g.TARGET_STATUS].to_numpy(),
            VALUE_TEXT: shown[g.VALUE].map(format_percent).to_numpy(),
            NOTE: notes,
        }
    )


def _bullet_note(row: Mapping[Any, Any]) -> str:
    value = format_percent(float(row[g.VALUE]))
    if pd.isna(row[g.TARGET]):
        return value
    gap = round_half(float(row[g.TARGET]) - round_half(float(row[g.VALUE])))
    target = threshold_symbol(float(row[g.TARGET]), str(row[g.COMPARISON]))
    if row[g.TARGET_STATUS] == status.MEETS:
        return t("gaps.chart.note_meets", value=value, target=target)
    return t("gaps.chart.note_short", value=value, points=format_number(max(gap, 0)), target=target)


def bullet_chart(
    frame: pd.DataFrame, *, title: str, subtitle: str, bands: Sequence[float] = BANDS
) -> alt.LayerChart:
    """One row per unit (or field) in the frame's order: grey bands (< 80%, 80–90%, ≥ 90%),
    a bar for the value coloured by status, a red tick for its own target, and the value with
    its gap written beside it. `frame` comes from bullet_frame (percent 0–100)."""
    order = frame[LABEL].tolist()
    y = alt.Y(f"{LABEL}:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    tooltip = [
        alt.Tooltip(f"{LABEL}:N", title=t("gaps.chart.unit")),
        alt.Tooltip(f"{NOTE}:N", title=t("gaps.chart.note")),
    ]
    base = alt.Chart(frame)
    bars = base.mark_bar(height={"band": 0.45}).encode(
        x=_x_percent(t("gaps.chart.axis"), domain_max=NOTES_END),
        y=y,
        color=alt.Color(
            f"{TARGET_STATUS}:N",
            scale=alt.Scale(
                domain=list(status.STATUSES), range=[status.COLOURS[c] for c in status.STATUSES]
            ),
            legend=None,
        ),
        tooltip=tooltip,
    )
    ticks = base.mark_tick(color=TARGET_COLOUR, thickness=3, size=26).encode(
        x=f"{TARGET}:Q", y=y, tooltip=tooltip
    )
    # The notes form a column right of the 100% edge, so they never cover a bar or a tick.
    notes = base.mark_text(align="left", dx=8, color="#1F2937").encode(
        x=alt.datum(100), y=y, text=f"{NOTE}:N"
    )
    # The bands and the bars colour by different things: keep their colour scales apart.
    layered = alt.layer(_bands(bands, NOTES_END), bars, ticks, notes).resolve_scale(
        color="independent"
    )
    return _finish(layered, title, subtitle, 40 * len(frame) + 120)


@dataclass(frozen=True)
class RankBand:
    """The band of a rank target on a ranking: the value of the N-th place (percent, rounded
    to 2 decimals as ranked; None with fewer than N units) and the units inside the top N."""

    top_n: int
    nth_value: float | None
    inside: tuple[str, ...]


def rank_band(values: pd.Series, top_n: int) -> RankBand:
    """The top-N band of a ranking (`values`: percent by unit label or code)."""
    ranks = competition_rank(values.dropna())
    ordered = round_half_array(values.dropna().astype(float)).sort_values(ascending=False)
    nth = float(ordered.iloc[top_n - 1]) if len(ordered) >= top_n else None
    return RankBand(top_n, nth, tuple(ranks.index[ranks <= top_n]))


def rank_band_chart(
    frame: pd.DataFrame,
    band: RankBand,
    *,
    focus: str | None,
    target: float | None,
    comparison: str = GTE,
    title: str,
    subtitle: str,
    row_height: int = 34,
) -> alt.LayerChart:
    """A ranking (`frame`: LABEL, VALUE, best first) with the top-N band shaded from the N-th
    place's value up, units inside in blue, the focus unit in orange, and the threshold line;
    `row_height` pixels per unit."""
    data = frame.copy()
    data[VALUE_TEXT] = frame[VALUE].map(format_percent)
    data["group"] = [
        "focus" if label == focus else "inside" if label in band.inside else "outside"
        for label in frame[LABEL]
    ]
    y = alt.Y(f"{LABEL}:N", sort=data[LABEL].tolist(), title=None, axis=alt.Axis(labelLimit=0))
    layers: list[alt.Chart] = []
    if band.nth_value is not None:
        layers += _band_layers(band)
    colours = alt.Scale(
        domain=["inside", "outside", "focus"], range=[INSIDE_COLOUR, OUTSIDE_COLOUR, FOCUS_COLOUR]
    )
    start = axis_start(frame, target, intervals=False)  # high values: the axis starts near
    base = alt.Chart(data)
    layers.append(
        base.mark_bar(height={"band": 0.6}, cornerRadiusEnd=3).encode(
            x=_x_percent(t("gaps.chart.axis"), start=start),
            x2=alt.X2(datum=start),
            y=y,
            color=alt.Color("group:N", scale=colours, legend=None),
            tooltip=[
                alt.Tooltip(f"{LABEL}:N", title=t("gaps.chart.unit")),
                alt.Tooltip(f"{VALUE_TEXT}:N", title=t("gaps.chart.value")),
            ],
        )
    )
    layers.append(
        base.mark_text(align="left", dx=6, fontWeight="bold", color="#1F2937").encode(
            x=f"{VALUE}:Q", y=y, text=f"{VALUE_TEXT}:N"
        )
    )
    if target is not None:
        layers += target_rule(target, comparison)
    lines = [subtitle]
    if start:  # its own line: the unit page's narrow chart cuts a long subtitle
        lines.append(t("charts.axis_from_short", start=format_percent(start, 0)))
    return _finish(alt.layer(*layers), title, lines, row_height * len(data) + 130)


def _band_layers(band: RankBand) -> list[alt.Chart]:
    """The band from the N-th place's value to 100%, edged by a line (its value goes in the
    chart's subtitle, see band_text, so that no label collides with the target's)."""
    frame = pd.DataFrame({"start": [band.nth_value], "end": [100.0]})
    area = alt.Chart(frame).mark_rect(color=INSIDE_COLOUR, opacity=0.12)
    edge = alt.Chart(frame).mark_rule(color=INSIDE_COLOUR, strokeWidth=2)
    return [area.encode(x="start:Q", x2="end:Q"), edge.encode(x="start:Q")]


def band_text(band: RankBand) -> str:
    """ "vùng tô: từ 88,05% (mức của vị trí thứ 3) trở lên"; "" with fewer than N units."""
    if band.nth_value is None:
        return ""
    return t("gaps.chart.band_text", value=format_percent(band.nth_value), n=band.top_n)


def target_rule(target: float, comparison: str = GTE) -> list[alt.Chart]:
    """A dashed red vertical line at the threshold, labelled "Mục tiêu 90%" (or "Mục tiêu
    trên 90%" for a strict target)."""
    label = t("charts.target_line", value=threshold_text(target, comparison))
    line = pd.DataFrame({VALUE: [target], LABEL: [label]})
    rule = alt.Chart(line).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2)
    text = alt.Chart(line).mark_text(
        align="right", baseline="bottom", dx=-4, dy=-4, color=TARGET_COLOUR, fontWeight="bold"
    )
    return [
        rule.encode(x=f"{VALUE}:Q"),
        text.encode(x=f"{VALUE}:Q", y=alt.value(0), text=f"{LABEL}:N"),
    ]


def lever_chart(levers: pd.DataFrame, *, title: str, subtitle: str) -> alt.LayerChart:
    """Criteria raised to the reference, largest gain first: a bar for the gain of each (points
    of the measure) and the running total written beside it."""
    data = levers.assign(
        **{
            LABEL: levers[ITEM_CODE] + " – " + levers[TEXT].str.slice(0, 60),
            "gain_text": levers[GAIN].map(lambda v: f"+{format_number(v)}"),
            "total_text": levers[CUMULATIVE].map(
                lambda v: t("gaps.chart.cumulative", points=format_number(v))
            ),
        }
    )
    y = alt.Y(f"{LABEL}:N", sort=data[LABEL].tolist(), title=None, axis=alt.Axis(labelLimit=420))
    base = alt.Chart(data)
    bars = base.mark_bar(color=INSIDE_COLOUR, height={"band": 0.6}).encode(
        x=alt.X(f"{GAIN}:Q", title=t("gaps.chart.lever_axis")),
        y=y,
        tooltip=[
            alt.Tooltip(f"{LABEL}:N", title=t("gaps.chart.criterion")),
            alt.Tooltip("gain_text:N", title=t("gaps.chart.gain")),
            alt.Tooltip("total_text:N", title=t("gaps.chart.total")),
        ],
    )
    text = base.mark_text(align="left", dx=6, color="#1F2937", fontWeight="bold").encode(
        x=f"{GAIN}:Q", y=y, text="gain_text:N"
    )
    return _finish(alt.layer(bars, text), title, subtitle, 30 * len(data) + 110)


def trend_chart(
    values: pd.DataFrame, targets: pd.DataFrame, *, title: str, subtitle: str
) -> alt.LayerChart:
    """A unit's value per wave (`values`: wave, value) with the threshold of each wave as a red
    step line (`targets`: wave, target). Percent 0–100."""
    waves = values["wave"].tolist()
    x = alt.X("wave:O", sort=waves, title=None, axis=alt.Axis(labelAngle=0))
    low = min([*values["value"].dropna(), *targets["target"].dropna(), 100.0])
    y_scale = alt.Scale(domain=[max(0.0, (low // 5) * 5 - 5), 100], nice=False)
    shown = values.assign(**{VALUE_TEXT: values["value"].map(format_percent)})
    base = alt.Chart(shown)
    line = base.mark_line(point=True, color=INSIDE_COLOUR, strokeWidth=3).encode(
        x=x,
        y=alt.Y(
            "value:Q",
            scale=y_scale,
            title=t("gaps.chart.axis"),
            axis=alt.Axis(labelExpr=PERCENT_TICKS),
        ),
        tooltip=[
            alt.Tooltip("wave:O", title=t("gaps.chart.wave")),
            alt.Tooltip(f"{VALUE_TEXT}:N", title=t("gaps.chart.value")),
        ],
    )
    labels = base.mark_text(dy=-12, fontWeight="bold", color="#1F2937").encode(
        x=x, y=alt.Y("value:Q", scale=y_scale), text=f"{VALUE_TEXT}:N"
    )
    target_line = (
        alt.Chart(targets)
        .mark_line(interpolate="step", color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("target:Q", scale=y_scale),
            tooltip=[alt.Tooltip("target_text:N", title=t("gaps.chart.target"))],
        )
    )
    return _finish(alt.layer(target_line, line, labels), title, subtitle, 320)
