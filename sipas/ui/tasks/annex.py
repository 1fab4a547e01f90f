"""The annex tab of the tasks page: download the task list as a directive's annex, and (staff)
create tasks in bulk from an annex file – checked first, imported all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from sipas.core import clock
from sipas.core.formatting import format_date, format_file_date
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.storage.engine import transaction
from sipas.storage.tasks import TaskRecord
from sipas.tasks.annex import AnnexRow, annex_xlsx, import_annex, read_annex, resolver_for
from sipas.tasks.workflow import TaskError, ordered, status_label
from sipas.ui import data, exports, widgets
from sipas.ui.safe import escape_markdown, md
from sipas.ui.tasks import forms as taskforms

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_section(records: Sequence[TaskRecord], names: Mapping[str, str]) -> None:
    today = clock.today()
    chosen = ordered(records, today)
    exports.download(
        t("tasks.annex.download"),
        lambda: annex_xlsx(chosen, names, today),
        t("tasks.annex.file_name", day=format_file_date(today)),
        XLSX,
        "tasks_annex",
        key="tasks_annex_download",
        extra={"tasks": len(chosen)},
    )


def upload_section(user: User, names: Mapping[str, str]) -> None:
    st.subheader(t("tasks.annex.upload_heading"))
    st.caption(t("tasks.annex.upload_help"))
    upload = st.file_uploader(
        t("tasks.annex.upload"), type=["xlsx", "xls", "ods", "csv"], key="tasks_annex_file"
    )
    if upload is None:
        return
    content = upload.getvalue()
    with transaction(data.engine()) as session:
        reading = read_annex(content, upload.name, resolver_for(session), data.task_records())
    if reading.problems:
        st.error(md("tasks.annex.problems", count=len(reading.problems)))
        widgets.plain_text("\n".join(f"• {line}" for line in reading.problems))
        return
    st.caption(md("tasks.annex.preview", count=len(reading.rows)))
    st.dataframe(_preview(reading.rows, names), hide_index=True, width="stretch")
    if st.button(
        md("tasks.annex.confirm", count=len(reading.rows)), type="primary", key="tasks_annex_go"
    ):
        try:
            with transaction(data.engine()) as session:
                created = import_annex(session, content, upload.name, user)
        except TaskError as error:
            for line in error.messages:
                st.error(escape_markdown(line))
            return
        st.session_state[taskforms.FLASH] = t("tasks.annex.imported", count=len(created))
        st.rerun()


def _preview(rows: Sequence[AnnexRow], names: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("tasks.annex.col_stt"): row.row,
                t("tasks.annex.col_finding"): row.spec.finding,
                t("tasks.annex.col_lead"): names.get(row.spec.lead_unit_code, ""),
                t("tasks.annex.col_deadline"): format_date(row.spec.deadline),
                t("tasks.annex.col_result"): status_label(row.status),
            }
            for row in rows
        ]
    )
