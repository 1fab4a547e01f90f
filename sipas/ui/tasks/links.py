"""The "Giao nhiệm vụ khắc phục" offer under a weak cell: staff pick one of the findings the
page shows and open the task form pre-filled with its numbers."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_TASKS
from sipas.tasks.findings import Draft
from sipas.ui.shell import access
from sipas.ui.tasks import forms as taskforms


def offer(drafts: Sequence[Draft], key: str) -> None:
    """Nothing for those who may not give tasks, or when there is no finding."""
    if not drafts or not access.permitted(MANAGE_TASKS):
        return
    with st.expander(f"➕ {t('tasks.offer.heading')}"):
        chosen = st.selectbox(
            t("tasks.offer.pick"),
            range(len(drafts)),
            format_func=lambda index: drafts[index].finding,
            key=f"{key}_task_pick",
        )
        if st.button(
            t("tasks.offer.button"), type="primary", help=t("tasks.offer.help"), key=f"{key}_task"
        ):
            taskforms.offer(drafts[chosen])
