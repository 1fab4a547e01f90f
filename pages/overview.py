"""Tổng quan: where the selection stands – cards, the unit ranking against targets and the
unit × field grid; a click on a unit or a cell opens its criteria."""

import streamlit as st

from sipas.core import schema as s
from sipas.core.formatting import format_percent
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import field_results, national, overview, standings
from sipas.dashboard.captions import source_text
from sipas.dashboard.scope import level_name
from sipas.method.measures import SIPAS_INDEX
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.present import charts
from sipas.present.plots.heatmap import field_heatmap
from sipas.reference.national import national_figure
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters, maps, reports
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

CRITERIA_PAGE = "pages/criteria.py"

auth.require(VIEW)
st.title(t("overview.heading"))
view = filters.bar()
scope = view.scope
previous_peers, previous_units = view.previous_units()
ranking = view.memo(
    "overview.ranking",
    lambda: standings.rank_with_previous(
        view.counts, scope, view.labels, view.targets, SIPAS_INDEX, view.previous, previous_peers
    ),
)
cards = view.memo(
    "overview.cards",
    lambda: overview.overview_cards(
        view.counts, scope, ranking, view.units, view.targets, view.previous, previous_units
    ),
)
widgets.cards(
    view.memo(
        "overview.card_texts",
        lambda: overview.card_texts(
            cards, scope, standings.rank_change_of(ranking, scope.single_unit)
        ),
    )
)
st.caption(escape_markdown(overview.target_note(cards)))
st.caption(escape_markdown(view.comparison_caption))
national_lines = view.memo(
    "overview.national",
    lambda: national.overview_lines(
        data.national_results(),
        view.units,
        data.successors(),
        scope.peers,
        scope.wave.year,
        data.rank_targets(),
    ),
)
if national_lines:
    widgets.standing_box(national_lines)
elif figure := national_figure(scope.wave.year):
    st.caption(md("units.national.caption", year=figure.year, value=format_percent(figure.sipas)))

source = source_text(scope.wave, cards.n)
shown = view.memo("overview.shown", lambda: standings.shown_units(ranking))
intervals = widgets.intervals_toggle("overview_intervals")
ranking_chart = view.spec(
    "overview.ranking_chart",
    lambda: charts.ranking_chart(
        ranking,  # every unit of the level, the chosen ones highlighted
        title=t("overview.chart_title", wave=scope.wave.code),
        subtitle=[
            t("overview.chart_subtitle", level=level_name(scope.level)),
            *standings.chart_notes(intervals),
            *charts.highlight_note(ranking),
            source,
        ],
        target=None,
        pick="unit_pick",
        words=True,
        intervals=intervals,
    ),
    intervals,
)
if picked := widgets.chart(ranking_chart, key="overview_ranking", pick="unit_pick"):
    filters.drill(CRITERIA_PAGE, focus=picked[s.UNIT])
widgets.notes(view.memo("overview.ties", lambda: standings.tie_sentences(ranking)))

heatmap = view.spec(
    "overview.heatmap",
    lambda: field_heatmap(
        field_results.field_grid(
            view.counts, scope, view.labels, view.targets, standings.unit_codes(shown)
        ),
        title=t("overview.heatmap_title", wave=scope.wave.code),
        subtitle=[
            t("overview.heatmap_subtitle", limit=SMALL_SAMPLE_N),
            t("statuswords.grid_targets_note"),
            source,
        ],
        pick="cell_pick",
        targets_in_header=True,
    ),
)
if picked := widgets.chart(heatmap, key="overview_heatmap", pick="cell_pick"):
    filters.drill(CRITERIA_PAGE, focus=picked[s.UNIT], fields=(picked[s.FIELD],))
maps.unit_map(view, shown, SIPAS_INDEX.label, source, "overview")  # where the weak units are

st.caption(t("overview.details_hint"))
reports.download_area(view)
