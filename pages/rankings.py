"""Xếp hạng: the units of one level ranked by SIPAS, a pillar, an element or a field, with the
change in rank, intervals, statistical ties and small samples; a click opens the criteria."""

import streamlit as st

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import standings
from sipas.dashboard.captions import source_text, total_n
from sipas.dashboard.scope import level_name
from sipas.method import measures
from sipas.present import charts
from sipas.ui import widgets
from sipas.ui.dashboard import filters, maps, ranges
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import auth

CRITERIA_PAGE = "pages/criteria.py"

auth.require(VIEW)
st.title(t("rankings.heading"))
view = filters.bar()
scope = view.scope
available = measures.measures_by_key(scope.method, view.choices.fields)
with st.columns([2, 3])[0]:
    key = filters.choice(
        t("rankings.measure"), "measure", list(available), lambda k: available[k].label
    )
measure = available[key]
previous_peers, _ = view.previous_units()
ranking = view.memo(
    "rankings.ranking",
    lambda: standings.rank_with_previous(
        view.counts, scope, view.labels, view.targets, measure, view.previous, previous_peers
    ),
    key,
)
shown = view.memo("rankings.shown", lambda: standings.shown_units(ranking), key)
if shown.empty:
    st.info(t("rankings.no_values"))
    st.stop()

n = total_n(ranking)
source = source_text(scope.wave, n)
intervals = widgets.intervals_toggle("rankings_intervals")
chart = view.spec(
    "rankings.chart",
    lambda: charts.ranking_chart(
        ranking,  # every unit of the level (under the parent), the chosen ones highlighted
        title=t("rankings.chart_title", measure=measure.label, wave=scope.wave.code),
        subtitle=[
            t("rankings.chart_subtitle", level=level_name(scope.level)),
            *standings.chart_notes(intervals),
            *charts.highlight_note(ranking),
            source,
        ],
        target=None,
        pick="unit_pick",
        x_title=measure.axis_title,
        words=True,
        intervals=intervals,
    ),
    key,
    intervals,
)
if picked := widgets.chart(chart, key="rankings_chart", pick="unit_pick"):
    filters.drill(CRITERIA_PAGE, focus=picked[s.UNIT])
widgets.notes(view.memo("rankings.ties", lambda: standings.tie_sentences(ranking), key))

widgets.table(
    ranges.ranking_table(view, ranking, measure, intervals),
    csv_name=f"{t('rankings.heading')} {measure.label} {scope.wave.code}",
)
st.caption(escape_markdown(view.comparison_caption))
widgets.source_caption(scope.wave, n)
maps.unit_map(view, shown, measure.label, source, "rankings")
for note in standings.ranking_notes(ranking, scope, view.previous):
    st.caption(escape_markdown(note))
