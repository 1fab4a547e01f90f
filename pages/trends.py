"""Xu hướng: SIPAS or an element across waves for the level and the chosen units, with the
target of each year; waves of another method or unit structure are never joined."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import comparison, national, trends
from sipas.method import measures
from sipas.present.plots.national import national_rank_chart
from sipas.present.plots.trends import trend_chart
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

auth.require(VIEW)
st.title(t("trends.heading"))
view = filters.bar()
scope = view.scope
available = measures.measures_by_key(scope.method, view.choices.fields)
with st.columns([2, 3])[0]:
    key = filters.choice(
        t("trends.measure"), "measure", list(available), lambda k: available[k].label
    )
history = data.all_wave_counts(scope.attribute)
series = trends.series_for(scope, view.labels) + trends.predecessor_series(
    scope, view.units, data.successors(), view.labels
)
points = view.memo(
    "trends.points",
    lambda: trends.trend_points(history, view.units, scope, key, series),
    key,
)
if points.empty:
    st.info(t("trends.no_points"))
    st.stop()

breaks = view.memo("trends.breaks", lambda: trends.with_reform(trends.breaks(points), history), key)
chart = view.spec(
    "trends.chart",
    lambda: trend_chart(
        points,
        trends.target_points(history, scope, view.targets, key),
        breaks,
        waves=trends.wave_codes(history),
        title=t("trends.chart_title", measure=available[key].label),
        subtitle=[t("trends.chart_subtitle"), trends.source_text(points, view.waves)],
        y_title=available[key].axis_title,
    ),
    key,
)
widgets.chart(chart)
if not breaks.empty:
    st.warning(md("trends.breaks_note", breaks="; ".join(trends.break_list(breaks))))

ranks = view.memo(
    "trends.national",
    lambda: national.province_history(
        data.national_results(), view.units, data.successors(), scope.peers, scope.wave.year
    ),
)
if len(ranks):
    widgets.chart(
        view.spec(
            "trends.national_chart",
            lambda: national_rank_chart(
                ranks,
                title=t("national.trend_title"),
                subtitle=national.trend_subtitle(ranks),
                y_title=t("national.trend_axis"),
            ),
        )
    )

st.subheader(t("comparison.trend_heading"))
st.caption(escape_markdown(view.comparison_caption))
since = comparison.trend_changes(points, scope.wave.code, view.compared)
for line in since or [t("comparison.trend_none")]:
    st.markdown(f"- {escape_markdown(line)}")

st.subheader(t("trends.changes_heading"))
st.caption(t("trends.changes_caption"))
widgets.table(
    view.memo("trends.changes", lambda: trends.changes_display(points, view.waves), key),
    csv_name=t("trends.changes_heading"),
)
st.caption(escape_markdown(trends.source_text(points, view.waves)))
