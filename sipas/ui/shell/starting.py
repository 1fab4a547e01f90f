""" "Đang khởi động…" while a fresh server loads the app (the first run imports every module,
6–7 s): shown before those imports, cleared when the frame is drawn. Light on purpose: it
imports only Streamlit and the text catalogue."""

from __future__ import annotations

import sys

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sipas.core.i18n import t

_FRAME = "sipas.ui.shell.frame"
_NOTE = "_sipas_starting_note"


def show() -> None:
    """The starting message, only while the app's modules are not loaded yet (the first run
    of the process): later runs draw nothing here."""
    if _FRAME not in sys.modules:
        note = st.empty()
        note.info(t("app.starting"))
        st.session_state[_NOTE] = note


def done() -> None:
    """Clear the starting message (the frame is about to be drawn)."""
    note = st.session_state.pop(_NOTE, None)
    if isinstance(note, DeltaGenerator):
        note.empty()
