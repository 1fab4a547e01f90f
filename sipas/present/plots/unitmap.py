"""Where the units are: one mark per unit at its coordinates, coloured by status against its
target, drawn with Vega's own projection (no tile server: the app runs offline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import altair as alt
import pandas as pd

from sipas.core.i18n import t
from sipas.core.schema import LABEL, N_TEXT, STATUS_TEXT, UNIT, VALUE, VALUE_TEXT
from sipas.dashboard.display import with_display_columns
from sipas.present.charts import NOMINAL, QUANTITATIVE, finish, slim, status_colour

LATITUDE = "latitude"
LONGITUDE = "longitude"
_COLUMNS = [UNIT, LABEL, VALUE, LATITUDE, LONGITUDE, VALUE_TEXT, N_TEXT, STATUS_TEXT]


def located(ranked: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The ranked units (UNIT, LABEL, VALUE, N, TARGET_STATUS …) that have coordinates, with
    them."""
    where = units.set_index("code")[[LATITUDE, LONGITUDE]]
    joined = ranked.join(where, on=UNIT)
    return joined.dropna(subset=[LATITUDE, LONGITUDE]).reset_index(drop=True)


def unit_map(
    frame: pd.DataFrame, title: str, subtitle: str | Sequence[str], height: int = 520
) -> alt.Chart:
    """Circles at LATITUDE/LONGITUDE (degrees), colour by status, the unit, value, n and
    status on hover; `frame` as `located` gives it (percent 0–100)."""
    data = with_display_columns(frame)
    chart = (
        alt.Chart(slim(data, _COLUMNS))
        .mark_circle(size=170, opacity=0.9, stroke="white", strokeWidth=1)
        .encode(
            longitude=alt.Longitude(field=LONGITUDE, type=QUANTITATIVE),
            latitude=alt.Latitude(field=LATITUDE, type=QUANTITATIVE),
            color=status_colour(),
            tooltip=_tooltip(),
        )
        .project(type="mercator")
    )
    return cast(alt.Chart, finish(chart, title, subtitle, height))


def _tooltip() -> list[Any]:
    return [
        alt.Tooltip(field=LABEL, type=NOMINAL, title=t("charts.unit")),
        alt.Tooltip(field=VALUE_TEXT, type=NOMINAL, title=t("charts.value")),
        alt.Tooltip(field=N_TEXT, type=NOMINAL, title=t("charts.n")),
        alt.Tooltip(field=STATUS_TEXT, type=NOMINAL, title=t("charts.status")),
    ]
