"""Lĩnh vực: each field against its own target, for the selection and unit by unit, weakest
unit × field cells first; a click ranks units by that field or opens a unit's criteria."""

import streamlit as st

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import field_results
from sipas.dashboard.captions import source_text, total_n
from sipas.method.measures import SIPAS, field_key
from sipas.present.plots.fields import field_summary_chart, unit_strip_chart
from sipas.tasks.findings import shortfall_drafts
from sipas.ui import widgets
from sipas.ui.dashboard import filters
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import auth
from sipas.ui.tasks import links as tasklinks

RANKINGS_PAGE = "pages/rankings.py"
CRITERIA_PAGE = "pages/criteria.py"

auth.require(VIEW)
st.title(t("fieldview.heading"))
view = filters.bar()
scope = view.scope
summary = view.memo(
    "fields.summary", lambda: field_results.field_summary(view.counts, scope, view.targets)
)
n = total_n(summary)
source = source_text(scope.wave, n)
summary_chart = view.spec(
    "fields.summary_chart",
    lambda: field_summary_chart(
        summary,
        title=t("fieldview.summary_title", wave=scope.wave.code),
        subtitle=[t("fieldview.summary_subtitle"), source],
        pick="field_pick",
    ),
)
if picked := widgets.chart(summary_chart, key="fields_summary", pick="field_pick"):
    filters.drill(RANKINGS_PAGE, measure=field_key(picked[s.FIELD]))
st.caption(escape_markdown(field_results.targets_note(summary)))

grid = view.memo(
    "fields.grid",
    lambda: field_results.field_grid(view.counts, scope, view.labels, view.targets),
)
strip = view.spec(
    "fields.units_chart",
    lambda: unit_strip_chart(
        grid,
        title=t("fieldview.units_title", wave=scope.wave.code),
        subtitle=[t("fieldview.units_subtitle"), source],
        pick="cell_pick",
    ),
)
if picked := widgets.chart(strip, key="fields_units", pick="cell_pick"):
    filters.drill(CRITERIA_PAGE, focus=picked[s.UNIT], fields=(picked[s.FIELD],))

st.subheader(t("fieldview.weakest_heading"))
st.caption(t("fieldview.weakest_caption"))
weakest = view.memo("fields.weakest", lambda: field_results.weakest_cells(grid))
widgets.table(
    view.memo("fields.weakest_table", lambda: field_results.cells_display(weakest)),
    csv_name=f"{t('fieldview.weakest_heading')} {scope.wave.code}",
)
tasklinks.offer(
    view.memo(
        "fields.drafts",
        lambda: shortfall_drafts(
            field_results.shortfalls(weakest), view.counts.method, scope.wave.code, SIPAS
        ),
    ),
    key="fields",
)
widgets.source_caption(scope.wave, n)
