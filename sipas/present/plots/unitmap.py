"""Where the units are: one mark per unit at its coordinates, coloured by status against its
target, drawn with Vega's own projection (no tile server: the app runs offline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import altair as alt
import pandas as pd

from sipas.core.i18n import t
from sipas.core.schema import (
    LABEL,
    N_TEXT,
    STATUS_TEXT,
    TARGET_STATUS,
    UNIT,
    VALUE,
    VALUE_TEXT,
)
from sipas.dashboard.display import with_display_columns
from sipas.present.charts import INK, NOMINAL, QUANTITATIVE, finish, slim, status_colour
from sipas.targets.status import BELOW

LATITUDE = "latitude"
LONGITUDE = "longitude"
NAMED = "named"  # the units whose name is written beside their circle
_COLUMNS = [UNIT, LABEL, VALUE, LATITUDE, LONGITUDE, VALUE_TEXT, N_TEXT, STATUS_TEXT, NAMED]
ALL_NAMED_UP_TO = 12  # a map of this many units names them all


def located(ranked: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The ranked units (UNIT, LABEL, VALUE, N, TARGET_STATUS …) that have coordinates, with
    them."""
    where = units.set_index("code")[[LATITUDE, LONGITUDE]]
    joined = ranked.join(where, on=UNIT)
    return joined.dropna(subset=[LATITUDE, LONGITUDE]).reset_index(drop=True)


def unit_map(
    frame: pd.DataFrame, title: str, subtitle: str | Sequence[str], height: int = 520
) -> alt.LayerChart:
    """Circles at LATITUDE/LONGITUDE (degrees), colour by status, the unit, value, n and
    status on hover; `frame` as `located` gives it (percent 0–100)."""
    data = with_display_columns(frame)
    data[NAMED] = _named(data)
    place = {
        "longitude": alt.Longitude(field=LONGITUDE, type=QUANTITATIVE),
        "latitude": alt.Latitude(field=LATITUDE, type=QUANTITATIVE),
    }
    base = alt.Chart(slim(data, _COLUMNS))
    circles = base.mark_circle(size=170, opacity=0.9, stroke="white", strokeWidth=1).encode(
        **place, color=status_colour(), tooltip=_tooltip()
    )
    # the weak units named on the map itself: a leader finds them without hovering
    names = (
        base.mark_text(align="left", dx=9, fontSize=11, color=INK)
        .encode(**place, text=alt.Text(field=LABEL, type=NOMINAL))
        .transform_filter(f"datum.{NAMED}")
    )
    chart = alt.layer(circles, names).project(type="mercator")
    return cast(alt.LayerChart, finish(chart, title, subtitle, height))


def _named(data: pd.DataFrame) -> pd.Series:
    """Every unit on a small map; else those furthest below their target (✖)."""
    if len(data) <= ALL_NAMED_UP_TO or TARGET_STATUS not in data:
        return pd.Series(len(data) <= ALL_NAMED_UP_TO, index=data.index)
    return (data[TARGET_STATUS] == BELOW).astype(bool)


def _tooltip() -> list[Any]:
    return [
        alt.Tooltip(field=LABEL, type=NOMINAL, title=t("charts.unit")),
        alt.Tooltip(field=VALUE_TEXT, type=NOMINAL, title=t("charts.value")),
        alt.Tooltip(field=N_TEXT, type=NOMINAL, title=t("charts.n")),
        alt.Tooltip(field=STATUS_TEXT, type=NOMINAL, title=t("charts.status")),
    ]
