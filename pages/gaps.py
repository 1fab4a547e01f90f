"""Khoảng cách đến mục tiêu: each unit's gap to its threshold and rank targets, what it takes."""

import streamlit as st

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import scope
from sipas.dashboard.captions import total_n
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.gaps.ranks import DRAWS
from sipas.method.measures import measure_labels
from sipas.present.plots import gaps as gapcharts
from sipas.ui import data, widgets
from sipas.ui.dashboard import gap_data as gapdata
from sipas.ui.dashboard import gap_views as gapviews
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

auth.require(VIEW)
st.title(t("gaps.page.heading"))
wave = widgets.wave_picker(key="gaps_wave")
if wave is None:
    st.stop()
widgets.demo_label(wave)

counts = data.wave_counts(wave.code)
units = data.units()
levels = scope.levels_in(counts, units)
if not levels:
    st.info(t("gaps.page.no_data"))
    st.stop()
left, right = st.columns([3, 2])
with left:
    level = widgets.level_picker(levels, key="gaps_level")
with right:
    measure = gapviews.measure_picker(counts.method)

table = gapdata.gaps(wave.code, measure, level)
valued = table[table[g.VALUE].notna()]
if valued.empty:
    st.info(t("gaps.page.no_data"))
    st.stop()
labels = scope.unit_labels(units)
measure_name = measure_labels()[measure]

widgets.chart(
    gapcharts.bullet_chart(
        gapcharts.bullet_frame(table, labels),
        title=t("gaps.page.bullet_title", measure=measure_name, wave=wave.code),
        subtitle=t("gaps.page.bullet_subtitle"),
    )
)
widgets.source_caption(wave, total_n(valued))

st.subheader(t("gaps.page.captions"))
for row in gaptext.sort_by_gap(table).to_dict("records"):
    st.markdown(f"- {escape_markdown(gaptext.unit_caption(row, labels))}")

st.subheader(t("gaps.page.table"))
widgets.table(gaptext.gap_display(table, labels), csv_name=f"{t('gaps.page.table')} {wave.code}")
st.caption(t("gaps.page.people_rule"))
st.caption(md("gaps.page.probability_how", draws=format_int(DRAWS), n="N"))

st.divider()
gapviews.unit_detail(wave, table, measure, labels)
