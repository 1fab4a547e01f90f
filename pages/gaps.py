"""Khoảng cách đến mục tiêu: each unit's gap to its threshold and rank targets, what it takes."""

import streamlit as st

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard.captions import total_n
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.gaps.ranks import DRAWS
from sipas.method.measures import measure_labels
from sipas.present.plots import gaps as gapcharts
from sipas.ui import widgets
from sipas.ui.dashboard import filters
from sipas.ui.dashboard import gap_data as gapdata
from sipas.ui.dashboard import gap_views as gapviews
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

auth.require(VIEW)
st.title(t("gaps.page.heading"))
view = filters.bar()  # the same filter bar and address as every dashboard page
scope = view.scope
wave, level = scope.wave, scope.level
with st.columns([2, 3])[0]:
    measure = gapviews.measure_picker(view.counts.method)

# every unit of the level under the chosen parent (highlight, don't filter)
full = gapdata.gaps(wave.code, measure, level, compare=view.state.compare)
table = full[full[g.UNIT_CODE].isin(scope.peers)]
valued = table[table[g.VALUE].notna()]
if valued.empty:
    st.info(t("gaps.page.no_data"))
    st.stop()
labels = view.labels
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
st.caption(escape_markdown(view.comparison_caption))
st.caption(md("gaps.page.probability_how", draws=format_int(DRAWS), n="N"))

st.divider()
chosen = filters.focus_choice(view, t("gaps.page.pick_unit")) if scope.units else None
gapviews.unit_detail(wave, table, measure, labels, chosen)
