"""Đơn vị: the units of each level with codes, validity and successors; loading a province,
adding, renaming and retiring departments and agencies."""

import streamlit as st

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_UNITS
from sipas.dashboard.units import successor_lines, units_display
from sipas.ui import data, widgets
from sipas.ui.shell import auth
from sipas.ui.units import forms

auth.require(MANAGE_UNITS)
st.title(t("units.page.heading"))
st.caption(t("units.page.intro"))
forms.show_flash()

units = data.unit_list()
levels = [level for level in s.UNIT_LEVELS if (units["level"] == level).any()]
query = st.text_input(t("units.page.search"), key="units_search")
tabs = st.tabs(
    [t(f"levels.{level}") for level in levels]
    + [t("units.page.tab_change"), t("units.page.tab_load")]
)

for tab, level in zip(tabs, levels, strict=False):
    with tab:
        shown = units_display(units, level, query)
        total = int((units["level"] == level).sum())
        st.caption(t("units.page.count", shown=len(shown), total=total))  # inert: numbers
        if len(shown):
            widgets.table(shown, csv_name=t("units.page.heading") + " " + t(f"levels.{level}"))
            for line in successor_lines(units, level, query):
                widgets.plain_text(line)
        else:
            st.info(t("units.page.none"))

with tabs[-2]:
    forms.add_section(units)
    forms.rename_section(units)
    forms.retire_section(units)

with tabs[-1]:
    forms.load_section()
