"""Tiêu chí: one unit's elements and criteria against the average of its level, its five
weakest criteria and the distribution of answers per criterion."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import criteria
from sipas.dashboard.captions import source_text
from sipas.dashboard.scope import level_name
from sipas.present.plots.criteria import distribution_chart, elements_chart, items_chart
from sipas.tasks.findings import comparison_drafts, unit_where
from sipas.ui import widgets
from sipas.ui.dashboard import filters
from sipas.ui.safe import md
from sipas.ui.shell import auth
from sipas.ui.tasks import links as tasklinks

auth.require(VIEW)
st.title(t("criteria.heading"))
view = filters.bar()
scope = view.scope
unit = filters.focus_choice(view, t("criteria.unit"))
name = view.labels.get(unit, unit)
comparison = view.memo(
    "criteria.comparison",
    lambda: criteria.compare_unit(view.counts, scope, unit, view.targets),
    unit,
)
if comparison.empty:
    st.info(md("criteria.unit_no_data", unit=name))
    st.stop()

elements, items = comparison.elements, comparison.items
level = level_name(scope.level, lower=True)
average = t("criteria.average_label", level=level)
source = source_text(scope.wave, comparison.respondents)
widgets.chart(
    view.spec(
        "criteria.elements_chart",
        lambda: elements_chart(
            elements,
            title=t("criteria.elements_title", unit=name, wave=scope.wave.code),
            subtitle=[t("criteria.elements_subtitle", unit=name, level=level), source],
            average_label=average,
        ),
        unit,
    )
)
st.subheader(t("criteria.weakest_heading"))
st.caption(t("criteria.weakest_caption"))
widgets.table(
    view.memo(
        "criteria.weakest", lambda: criteria.weakest_display(criteria.weakest_items(items)), unit
    ),
    csv_name=f"{t('criteria.weakest_heading')} {name} {scope.wave.code}",
)
where = unit_where(view.counts.method, scope, unit, name)
tasklinks.offer(
    view.memo("criteria.drafts", lambda: comparison_drafts(where, items, elements, average), unit),
    key="criteria",
)
widgets.chart(
    view.spec(
        "criteria.items_chart",
        lambda: items_chart(
            items,
            title=t("criteria.items_title", unit=name, wave=scope.wave.code),
            subtitle=[t("criteria.items_subtitle", unit=name, level=level), source],
            average_label=average,
        ),
        unit,
    )
)
widgets.chart(
    view.spec(
        "criteria.distribution_chart",
        lambda: distribution_chart(
            criteria.answer_distribution(items),
            title=t("criteria.distribution_title", unit=name, wave=scope.wave.code),
            subtitle=[t("criteria.distribution_subtitle"), source],
        ),
        unit,
    )
)
