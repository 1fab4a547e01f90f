"""Chỉ tiêu: the target registry – list, which target applies, add, edit, retire, history."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_TARGETS, VIEW
from sipas.targets.texts import describe, history_display, targets_display
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters
from sipas.ui.safe import md
from sipas.ui.shell import auth
from sipas.ui.targets import check as targetcheck
from sipas.ui.targets import forms as targetforms

user = auth.require(VIEW)
filters.shared_bar()  # the dashboard's filter bar and address, kept across this page
st.title(t("targets.page.heading"))
st.caption(t("targets.page.intro"))
targetforms.show_flash()

records = data.target_records()
names = targetforms.names()
retired = [record for record in records if record.is_retired]
tabs = st.tabs(
    [t(f"targets.page.tab_{key}") for key in ("list", "check", "add", "edit", "history")]
)

with tabs[0]:
    st.caption(md("targets.page.count", active=len(records) - len(retired), retired=len(retired)))
    show_retired = st.toggle(t("targets.page.show_retired"), key="targets_show_retired")
    shown = records if show_retired else [r for r in records if not r.is_retired]
    if shown:
        widgets.table(targets_display(shown, names), csv_name=t("targets.page.heading"))
    else:
        st.info(t("targets.page.no_targets"))

with tabs[1]:
    targetcheck.which_applies()

with tabs[2]:
    if user.can(MANAGE_TARGETS):
        targetforms.add_section()
    else:
        st.info(t("targets.page.read_only"))

with tabs[3]:
    if not user.can(MANAGE_TARGETS):
        st.info(t("targets.page.read_only"))
    elif records:
        by_id = {record.id: record for record in records}
        chosen = st.selectbox(
            t("targets.page.pick_target"),
            sorted(by_id, reverse=True),
            format_func=lambda target_id: describe(by_id[target_id], names),
            key="target_edit_pick",
        )
        record = by_id[chosen]
        if record.is_retired:
            st.subheader(t("targets.page.restore_heading"))
            targetforms.restore_section(record)
        else:
            st.subheader(t("targets.page.edit_heading"))
            targetforms.edit_section(record)
            st.subheader(t("targets.page.retire_heading"))
            targetforms.retire_section(record)

with tabs[4]:
    options = [0, *sorted((record.id for record in records), reverse=True)]
    by_id = {record.id: record for record in records}
    chosen = st.selectbox(
        t("targets.page.pick_target"),
        options,
        format_func=lambda i: describe(by_id[i], names) if i else t("targets.page.all_targets"),
        key="target_history_pick",
    )
    history = data.target_history(chosen or None)
    if history.empty:
        st.info(t("targets.page.no_history"))
    else:
        widgets.table(
            history_display(history, names),
            csv_name=t("targets.page.heading") + " " + t("targets.page.tab_history"),
        )
