"""Lịch sử nhập dữ liệu: every import, and rolling one back."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import IMPORT, ROLLBACK
from sipas.ingest.display import history_display
from sipas.ingest.rollback import rollback
from sipas.storage.imports import ImportHistoryError
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown
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
picked = st.selectbox(t("import.history_page.pick"), list(labels), format_func=labels.__getitem__)
confirmed = st.checkbox(t("import.history_page.confirm"))
if st.button(t("import.history_page.rollback"), disabled=not confirmed, type="primary"):
    try:
        wave = rollback(data.engine(), int(picked), user.username)
    except ImportHistoryError as error:
        st.error(escape_markdown(str(error)))
    else:
        st.session_state["rollback_done"] = t("import.history_page.done", id=picked, wave=wave)
        st.rerun()
