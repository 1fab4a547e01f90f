"""How many comments speak about each theme."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from sipas.core.i18n import t
from sipas.dashboard.comments import COUNT, COUNT_TEXT, ELEMENT_LABEL, LABEL, THEME
from sipas.present import charts

BAR_COLOUR = "#0072B2"
_ROOM = "room"


def themes_chart(
    table: pd.DataFrame, *, title: str, subtitle: str | list[str], pick: str | None = None
) -> alt.LayerChart:
    """One bar per theme (most frequent first) with "42 (12%)" at its end; `pick` selects a
    THEME to filter the comments by."""
    y = alt.Y(
        field=LABEL,
        type=charts.NOMINAL,
        sort=None,  # in the table's order: the same spec for every selection
        title=None,
        axis=alt.Axis(labelLimit=300),
    )
    x = alt.X(
        field=COUNT,
        type=charts.QUANTITATIVE,
        title=t("charts.count"),
        axis=alt.Axis(format="d", labelExpr="replace(format(datum.value, ',d'), ',', '.')"),
    )
    tooltip = [
        alt.Tooltip(field=LABEL, type=charts.NOMINAL, title=t("charts.theme")),
        alt.Tooltip(field=COUNT_TEXT, type=charts.NOMINAL, title=t("charts.count")),
        alt.Tooltip(field=ELEMENT_LABEL, type=charts.NOMINAL, title=t("charts.element")),
    ]
    base = alt.Chart()
    bars = base.mark_bar(
        color=BAR_COLOUR, cornerRadiusEnd=3, height={"band": 0.7}, cursor="pointer"
    ).encode(x=x, y=y, tooltip=tooltip)
    if pick:
        bars = bars.add_params(alt.selection_point(name=pick, fields=[THEME], on="click"))
    text = base.mark_text(align="left", dx=6, color=charts.INK, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text(field=COUNT_TEXT, type=charts.NOMINAL)
    )
    # Room for "42 (12%)" right of the longest bar: an unseen mark a quarter further out
    # widens the axis from the rows themselves, with no number written into the spec.
    room = base.mark_point(opacity=0).encode(x=alt.X(field=_ROOM, type=charts.QUANTITATIVE), y=y)
    rows = table.assign(**{_ROOM: table[COUNT].clip(lower=1) * 1.25})
    height = 34 * len(table) + 140
    return cast(
        alt.LayerChart,
        charts.finish(
            alt.layer(
                bars,
                text,
                room,
                data=charts.slim(rows, [THEME, LABEL, ELEMENT_LABEL, COUNT, COUNT_TEXT, _ROOM]),
            ),
            title,
            subtitle,
            height,
        ),
    )
