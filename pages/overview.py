"""Tổng quan: the latest wave's units ranked by SIPAS against the target."""

import streamlit as st

from sipas import charts, overview, targets
from sipas.formatting import format_percent
from sipas.i18n import t
from sipas.permissions import VIEW
from sipas.ui import auth, data, widgets

auth.require(VIEW)
st.title(t("overview.heading"))
wave = widgets.wave_picker()
if wave is None:
    st.stop()
widgets.demo_label(wave)

counts = data.wave_counts(wave.code)
units = data.units()
levels = overview.levels_in(counts, units)
if not levels:
    st.info(t("overview.no_data"))
    st.stop()
level = widgets.level_picker(levels)

target = targets.applicable_threshold(data.threshold_targets(), year=wave.year, level=level)
target_value = target.value if target else None
ranking = overview.unit_ranking(counts, units, level, target_value)
if ranking.empty:
    st.info(t("overview.no_data"))
    st.stop()

chart = charts.ranking_chart(
    ranking,
    title=t("overview.chart_title", wave=wave.code),
    subtitle=t("overview.chart_subtitle", level=t(f"levels.{level}")),
    target=target_value,
)
widgets.chart(chart)
widgets.source_caption(wave, int(ranking[charts.N].sum()))
if target:
    st.caption(
        t("overview.target_note", value=format_percent(target.value, 0), source=target.source)
    )
else:
    st.caption(t("overview.no_target"))
widgets.table(overview.ranking_display(ranking))
