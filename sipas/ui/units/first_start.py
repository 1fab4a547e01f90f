"""The first start of a province's database: before any unit is loaded, the administrator
chooses the province (the same load as the Đơn vị page's); other users are told to wait."""

from __future__ import annotations

import streamlit as st

from sipas.core.config import demo_mode
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_UNITS
from sipas.dashboard.units import province_missing
from sipas.ui import data
from sipas.ui.shell import access
from sipas.ui.units import forms

LATER = "sipas_province_later"
ASKED = "sipas_province_asked"


def ask_for_province() -> None:
    """Stop the page with the province chooser while a non-demo database has no communes
    (unless the administrator put it off for this session)."""
    if demo_mode() or st.session_state.get(LATER):
        return
    if not province_missing(data.units()):
        if st.session_state.pop(ASKED, False):
            forms.show_flash()  # what the load did, above the first page after it
        return
    st.session_state[ASKED] = True
    st.title(t("units.first.heading"))
    if not access.permitted(MANAGE_UNITS):
        st.info(t("units.first.wait"))
        st.stop()
    st.write(t("units.first.intro"))
    forms.show_flash()
    forms.load_section()
    st.button(t("units.first.later"), help=t("units.first.later_help"), on_click=_later)
    st.stop()


def _later() -> None:
    st.session_state[LATER] = True
