"""Unit × field grid coloured by each cell's status against its own target."""

from __future__ import annotations

from typing import Any, cast

import altair as alt
import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.field_results import CELL_TEXT, FIELD_LABEL
from sipas.present import charts
from sipas.targets.judging import target_short
from sipas.targets.rules import GTE
from sipas.targets.status import MEETS, TARGET, TARGET_COMPARISON

_CELL = 40
_TEXT_COLOUR = "text_colour"
_FIELD_AXIS = "field_axis"
_COLUMNS = [
    s.UNIT,
    s.FIELD,
    s.LABEL,
    FIELD_LABEL,
    _FIELD_AXIS,
    CELL_TEXT,
    _TEXT_COLOUR,
    *s.TEXT_COLUMNS,
]


_LABELS_12PX: dict[str, Any] = {"labelFontSize": 12, "labelPadding": 18}


def _bottom_aligned(data: pd.DataFrame, label_px: int) -> dict[str, Any]:
    """Vega writes a label's lines downwards from the first: give every field name as many
    lines (blank ones first) and lift the first line so that the last sits above the grid."""
    lines = data[_FIELD_AXIS].str.count(r"\|") + 1
    most = int(lines.max())
    data[_FIELD_AXIS] = [
        "|" * (most - n) + label for n, label in zip(lines, data[_FIELD_AXIS], strict=True)
    ]
    line_height = label_px + 4
    return {
        "labelFontSize": label_px,
        "labelLineHeight": line_height,
        "labelPadding": 10 + (most - 1) * line_height,
    }


def _with_targets(data: pd.DataFrame) -> pd.Series:
    """Each field's axis label with "|≥80%" under it when all its cells share that target."""
    shared: dict[object, str] = {}
    for field, cells in data.groupby(s.FIELD):
        pairs = set(zip(cells[TARGET], cells[TARGET_COMPARISON], strict=True))
        if len(pairs) == 1 and not pd.isna(next(iter(pairs))[0]):
            value, way = next(iter(pairs))
            shared[field] = target_short(float(value), str(way or GTE))
    return pd.Series(
        [
            f"{label}|{shared[field]}" if field in shared else label
            for field, label in zip(data[s.FIELD], data[_FIELD_AXIS], strict=True)
        ],
        index=data.index,
    )


def field_heatmap(
    grid: pd.DataFrame,
    *,
    title: str,
    subtitle: str | list[str],
    pick: str | None = None,
    label_width: int = 18,
    label_px: int | None = None,
    targets_in_header: bool = False,
) -> alt.LayerChart:
    """Rows are units (in the grid's order), columns fields; each cell shows its value and the
    status symbol, coloured by status. `grid` is field_results.field_grid; `pick` names a
    click selection on (UNIT, FIELD) for drilling down; field names are wrapped at about
    `label_width` characters. With `label_px` (large type) every field name ends on the line
    just above the grid, however many lines it takes. With `targets_in_header` a field's name
    is followed by the target its cells were judged against ("≥80%"), when they share one."""
    data = with_display_columns(grid)
    data[_FIELD_AXIS] = data[FIELD_LABEL].map(lambda label: charts.wrap_label(label, label_width))
    if targets_in_header:
        data[_FIELD_AXIS] = _with_targets(data)
    axis_options = _bottom_aligned(data, label_px) if label_px else _LABELS_12PX
    # White on the dark "meets" blue, near-black on the light orange and vermillion.
    data[_TEXT_COLOUR] = ["white" if code == MEETS else "#111827" for code in data[s.TARGET_STATUS]]
    units = list(dict.fromkeys(data[s.LABEL]))
    x = alt.X(
        field=_FIELD_AXIS,
        type=charts.NOMINAL,
        sort=None,  # in the grid's order: the same spec for any selection
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelLimit=150,
            labelExpr=charts.SPLIT_LINES,
            labelBaseline="alphabetic",
            **axis_options,
        ),
    )
    y = alt.Y(
        field=s.LABEL,
        type=charts.NOMINAL,
        sort=None,
        title=None,
        axis=alt.Axis(labelLimit=0),  # a unit name is never cut
    )
    tooltip = [
        alt.Tooltip(field=s.LABEL, type=charts.NOMINAL, title=t("charts.unit")),
        alt.Tooltip(field=FIELD_LABEL, type=charts.NOMINAL, title=t("charts.field")),
        alt.Tooltip(field=s.VALUE_TEXT, type=charts.NOMINAL, title=t("charts.sipas")),
        alt.Tooltip(field=s.INTERVAL_TEXT, type=charts.NOMINAL, title=t("charts.interval")),
        alt.Tooltip(field=s.N_TEXT, type=charts.NOMINAL, title=t("charts.n")),
        alt.Tooltip(field=s.TARGET_TEXT, type=charts.NOMINAL, title=t("charts.target")),
        alt.Tooltip(field=s.STATUS_TEXT, type=charts.NOMINAL, title=t("charts.status")),
    ]
    base = alt.Chart()
    cells = base.mark_rect(stroke="white", strokeWidth=2, cursor="pointer").encode(
        x=x, y=y, color=charts.status_colour(), tooltip=tooltip
    )
    text = base.mark_text(fontSize=13, fontWeight="bold", cursor="pointer").encode(
        x=x,
        y=y,
        text=alt.Text(field=CELL_TEXT, type=charts.NOMINAL),
        color=alt.Color(field=_TEXT_COLOUR, type=charts.NOMINAL, scale=None),
        tooltip=tooltip,
    )
    if pick:
        # On both layers: a click on the value written in a cell selects that cell too.
        selection = alt.selection_point(name=pick, fields=[s.UNIT, s.FIELD], on="click")
        cells, text = cells.add_params(selection), text.add_params(selection)
    height = _CELL * len(units) + 150
    return cast(
        alt.LayerChart,
        charts.finish(
            alt.layer(cells, text, data=charts.slim(data, _COLUMNS)).resolve_scale(
                color="independent"
            ),
            title,
            subtitle,
            height,
        ),
    )
