"""Nhiệm vụ khắc phục: tasks from survey findings – the list (own unit and overdue first), one
task with its effect, notes and history, giving a task, the effects at a wave, the annex."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import EXPORT, MANAGE_TASKS, VIEW
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters
from sipas.ui.shell import auth
from sipas.ui.tasks import annex as taskannex
from sipas.ui.tasks import forms as taskforms
from sipas.ui.tasks import views as taskviews

user = auth.require(VIEW)
state = filters.shared_bar()  # the dashboard's filter bar and address
st.title(t("tasks.page.heading"))
st.caption(t("tasks.page.intro"))
if waves := data.waves():
    widgets.demo_label(waves[-1])  # the effects below are computed from the survey data
taskforms.show_flash()

records = data.task_records()
names = taskforms.unit_names()
draft = taskforms.pending_draft() if user.can(MANAGE_TASKS) else None
labels = [t(f"tasks.page.tab_{key}") for key in ("list", "detail", "create", "effect", "annex")]
# inert: the label is a catalogue text
tabs = st.tabs(labels, default=labels[2] if draft else None)

with tabs[0]:
    # one chosen unit: its tasks first shown (the unit in focus of every page)
    taskviews.task_list(records, names, user, state.units[0] if len(state.units) == 1 else None)

with tabs[1]:
    taskviews.task_detail(records, names, user)

with tabs[2]:
    if user.can(MANAGE_TASKS):
        taskforms.create_section(user, draft, names)
    else:
        st.info(t("tasks.page.read_only"))

with tabs[3]:
    taskviews.effect_section(records, names)

with tabs[4]:
    if user.can(EXPORT) and records:
        taskannex.download_section(records, names)
    if user.can(MANAGE_TASKS):
        taskannex.upload_section(user, names)
