"""The map of the level's units under a ranking (overview and rankings): one circle per unit
at its coordinates, coloured by status against its target; drawn offline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sipas.core.i18n import t
from sipas.dashboard.scope import level_name
from sipas.present.plots import unitmap
from sipas.ui import widgets
from sipas.ui.dashboard.filters import View


def unit_map(view: View, shown: pd.DataFrame, measure_label: str, source: str, key: str) -> None:
    """The map of the ranked units that have coordinates (nothing for fewer than two)."""
    placed = view.memo(f"{key}.placed", lambda: unitmap.located(shown, view.units), measure_label)
    if len(placed) < 2:
        return
    level = level_name(view.scope.level).lower()
    st.subheader(t("units.map.heading", level=level))  # inert: a level name
    st.caption(t("units.map.caption", shown=len(placed), total=len(shown)))  # inert: numbers
    title = t("units.map.title", measure=measure_label, wave=view.scope.wave.code)
    widgets.chart(
        view.spec(
            f"{key}.map",
            lambda: unitmap.unit_map(placed, title=title, subtitle=source),
            measure_label,
        ),
        key=f"{key}_map",
    )
