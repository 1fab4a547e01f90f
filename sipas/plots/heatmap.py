"""Unit × field grid coloured by each cell's status against its own target."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas import charts
from sipas import schema as s
from sipas.field_results import CELL_TEXT, FIELD_LABEL
from sipas.i18n import t
from sipas.status import MEETS, status_label

_CELL = 40


def field_heatmap(
    grid: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """Rows are units (in the grid's order), columns fields; each cell shows its value and the
    status symbol, coloured by status. `grid` is field_results.field_grid; `pick` names a
    click selection on (UNIT, FIELD) for drilling down."""
    data = charts.with_display_columns(grid)
    units = list(dict.fromkeys(data[charts.LABEL]))
    fields = list(dict.fromkeys(data[FIELD_LABEL]))
    x = alt.X(
        f"{FIELD_LABEL}:N",
        sort=fields,
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, labelLimit=130, labelFontSize=12),
    )
    y = alt.Y(f"{charts.LABEL}:N", sort=units, title=None, axis=alt.Axis(labelLimit=240))
    tooltip = [
        alt.Tooltip(f"{charts.LABEL}:N", title=t("charts.unit")),
        alt.Tooltip(f"{FIELD_LABEL}:N", title=t("charts.field")),
        alt.Tooltip(f"{charts.VALUE_TEXT}:N", title=t("charts.sipas")),
        alt.Tooltip(f"{charts.INTERVAL_TEXT}:N", title=t("charts.interval")),
        alt.Tooltip(f"{charts.N_TEXT}:N", title=t("charts.n")),
        alt.Tooltip(f"{charts.TARGET_TEXT}:N", title=t("charts.target")),
        alt.Tooltip(f"{charts.STATUS_TEXT}:N", title=t("charts.status")),
    ]
    base = alt.Chart(data)
    cells = base.mark_rect(stroke="white", strokeWidth=2, cursor="pointer").encode(
        x=x, y=y, color=charts.status_colour(), tooltip=tooltip
    )
    if pick:
        cells = cells.add_params(
            alt.selection_point(name=pick, fields=[s.UNIT, s.FIELD], on="click")
        )
    meets = status_label(MEETS)
    text = base.mark_text(fontSize=13, fontWeight="bold").encode(
        x=x,
        y=y,
        text=f"{CELL_TEXT}:N",
        color=alt.condition(
            alt.datum[charts.STATUS_TEXT] == meets, alt.value("white"), alt.value("#111827")
        ),
        tooltip=tooltip,
    )
    height = _CELL * len(units) + 150
    return cast(alt.LayerChart, charts.finish(alt.layer(cells, text), title, subtitle, height))
