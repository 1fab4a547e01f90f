"""Lịch sử nhập dữ liệu: every import, correcting a wave's type, and rolling an import back."""

import streamlit as st

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.core.permissions import IMPORT, ROLLBACK
from sipas.ingest.display import history_display
from sipas.ingest.rollback import needs_typed_number, rollback, rollback_allowed
from sipas.storage.imports import ImportHistoryError
from sipas.ui import data, widgets
from sipas.ui.imports import wave_types
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

user = auth.require(IMPORT)
st.title(t("import.history_page.heading"))
st.caption(t("import.history_page.intro"))

done = st.session_state.pop("rollback_done", None)
if done:
    st.success(escape_markdown(done))
history = data.import_history()
if history.empty:
    st.info(t("import.history_page.empty"))
    st.stop()
widgets.table(history_display(history), csv_name=t("import.history_page.title"))
wave_types.wave_type_form()

st.subheader(t("import.history_page.rollback_heading"))
if not user.can(ROLLBACK):
    st.info(t("import.history_page.no_permission"))
    st.stop()
active = history[history["status"] == "active"]
if active.empty:
    st.info(t("import.history_page.none_active"))
    st.stop()
labels = {
    int(import_id): f"{import_id} – {wave_code} – {file_name}"
    for import_id, wave_code, file_name in zip(
        active["id"], active["wave"], active["file_name"], strict=True
    )
}
rows = dict(zip(active["id"].astype(int), active["rows_accepted"].astype(int), strict=True))
picked = int(
    st.selectbox(t("import.history_page.pick"), list(labels), format_func=labels.__getitem__)
)
# Keyed by the import: after a rollback the next import in the list starts unconfirmed.
confirm_key, number_key = f"rollback_confirm_{picked}", f"rollback_number_{picked}"
confirmed = st.checkbox(t("import.history_page.confirm"), key=confirm_key)
typed = None
if needs_typed_number(rows[picked]):
    typed = st.text_input(
        md("import.history_page.type_number", id=picked, rows=format_int(rows[picked])),
        key=number_key,
    )
allowed = rollback_allowed(picked, rows[picked], confirmed, typed)
if st.button(t("import.history_page.rollback"), disabled=not allowed, type="primary"):
    try:
        wave = rollback(data.engine(), picked, user.username)
    except ImportHistoryError as error:
        st.error(escape_markdown(str(error)))
    else:
        for key in (confirm_key, number_key):
            st.session_state.pop(key, None)
        st.session_state["rollback_done"] = t("import.history_page.done", id=picked, wave=wave)
        st.rerun()
