"""The upload page's review steps: column mapping, fields, validation report, preview, commit."""

from __future__ import annotations

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import IMPORT
from sipas.core.textnorm import match_key
from sipas.ingest.columns import Targets
from sipas.ingest.commit import commit_import, duplicate_message
from sipas.ingest.display import fields_display, issues_display, mapping_display, preview_display
from sipas.ingest.errors import IngestError
from sipas.ingest.mapping import KEY, LABEL, LETTER, target_label
from sipas.ingest.pipeline import Prepared
from sipas.ingest.report import annotated_workbook
from sipas.ingest.resolve import FIELD_TEXT
from sipas.reference.fields import field_names
from sipas.storage.engine import transaction
from sipas.storage.profiles import MappingProfile, ProfileError, save_profile
from sipas.ui import data, exports, widgets
from sipas.ui.imports.upload import state
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import access

SHOWN_ISSUES = 2000


def mapping_step(prepared: Prepared) -> bool:
    """The mapping table, a way to correct one column, saving as a profile; returns whether
    staff confirmed the mapping."""
    st.subheader(t("import.page.step_mapping"))
    st.caption(t("import.page.mapping_help"))
    widgets.table(mapping_display(prepared))
    targets = Targets(prepared.request.kind, prepared.method)
    columns = prepared.columns
    with st.form("fix_column"):
        left, right = st.columns(2)
        picked = left.selectbox(
            t("import.page.fix_column"),
            range(len(columns)),
            format_func=lambda i: f"{columns[LETTER].iloc[i]} – {columns[LABEL].iloc[i]}",
        )
        target = right.selectbox(
            t("import.page.fix_target"),
            targets.all,
            format_func=lambda x: target_label(x, targets),
        )
        if st.form_submit_button(t("import.page.apply")):
            state().columns[str(columns[KEY].iloc[picked])] = target
            st.rerun()
    _profile_saver(prepared)
    return st.checkbox(t("import.page.confirm_mapping"), key=f"confirm-{prepared.file_hash}")


def _profile_saver(prepared: Prepared) -> None:
    with st.expander(t("import.page.save_profile")):
        name = st.text_input(t("import.page.profile_name"), key="profile_name")
        if st.button(t("import.page.save_profile"), key="save_profile"):
            profile = MappingProfile(
                name, prepared.request.kind, prepared.mapping.by_key(), dict(state().fields)
            )
            try:
                with transaction(data.engine()) as session:
                    save_profile(session, profile, access.current_user().username)
            except ProfileError as error:
                st.error(escape_markdown(str(error)))
            else:
                st.success(md("import.page.profile_saved", name=name.strip()))


def problem(prepared: Prepared) -> bool:
    """Say what blocks the import (an unmapped required column); True when something does."""
    if prepared.problem:
        st.error(escape_markdown(prepared.problem))
    return bool(prepared.problem)


def fields_step(prepared: Prepared) -> None:
    review = prepared.field_review
    if review.empty:
        return
    st.subheader(t("import.page.step_fields"))
    st.caption(t("import.page.fields_help"))
    widgets.table(fields_display(review))
    names = field_names()
    with st.form("fix_field"):
        left, right = st.columns(2)
        texts = review[FIELD_TEXT].tolist()
        text = left.selectbox(
            t("import.page.fix_field"), texts, format_func=lambda x: x or t("import.summary.blank")
        )
        code = right.selectbox(
            t("import.page.field_code"), list(names), format_func=lambda c: names.get(c, c)
        )
        if st.form_submit_button(t("import.page.apply")) and code is not None:
            state().fields[match_key(text)] = str(code)
            st.rerun()


def validation_step(prepared: Prepared) -> None:
    st.subheader(t("import.page.step_validation"))
    rows, accepted, rejected = st.columns(3)
    rows.metric(t("import.page.metric_rows"), f"{prepared.rows_total:,}".replace(",", "."))
    accepted.metric(
        t("import.page.metric_accepted"), f"{prepared.rows_accepted:,}".replace(",", ".")
    )
    rejected.metric(
        t("import.page.metric_rejected"), f"{prepared.rows_rejected:,}".replace(",", ".")
    )
    if prepared.issues.empty:
        st.success(t("import.page.all_valid"))
        return
    st.caption(t("import.page.issues_help"))
    if len(prepared.issues) > SHOWN_ISSUES:
        st.caption(md("import.page.issues_truncated", shown=SHOWN_ISSUES))
    widgets.table(issues_display(prepared.issues.head(SHOWN_ISSUES)))
    _report_download(prepared)


def _report_download(prepared: Prepared) -> None:
    current = state()
    if current.report is None or current.report[0] != prepared.file_hash + str(
        len(prepared.issues)
    ):
        if not st.button(t("import.page.make_report")):
            return
        workbook = annotated_workbook(prepared.sheet, prepared.header, prepared.issues)
        current.report = (prepared.file_hash + str(len(prepared.issues)), workbook)
    stem = prepared.request.file_name.rsplit(".", 1)[0]
    workbook = current.report[1]
    exports.download(
        t("import.page.download_report"),
        lambda: workbook,
        f"{stem}_danh_dau_loi.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "import_report",
        "import_report",
        extra={"file": prepared.request.file_name, "issues": len(prepared.issues)},
        permission=IMPORT,
    )


def preview_step(prepared: Prepared) -> None:
    if prepared.preview.empty:
        return
    st.subheader(t("import.page.step_preview"))
    if not prepared.change.empty:
        st.caption(t("import.page.preview_own"))
    widgets.table(preview_display(prepared))


def commit_step(prepared: Prepared, confirmed: bool) -> None:
    st.subheader(t("import.page.step_commit"))
    if prepared.duplicate is not None:
        st.error(escape_markdown(duplicate_message(prepared.duplicate)))
        return
    valid_only = False
    if prepared.rows_rejected:
        valid_only = st.checkbox(
            md(
                "import.page.valid_only",
                accepted=prepared.rows_accepted,
                rejected=prepared.rows_rejected,
            )
        )
        if not valid_only:
            st.warning(t("import.page.must_choose"))
    if not confirmed:
        st.info(t("import.page.must_confirm"))
    ready = confirmed and (valid_only or not prepared.rows_rejected) and prepared.rows_accepted > 0
    if st.button(t("import.page.commit"), type="primary", disabled=not ready):
        try:
            with st.spinner(t("import.page.committing")):
                result = commit_import(
                    data.engine(), prepared, access.current_user().username, valid_only
                )
        except IngestError as error:
            st.error(escape_markdown(str(error)))
            return
        state().prepared = None
        st.success(
            md(
                "import.page.done",
                id=result.import_id,
                wave=result.wave_code,
                rows=result.rows_accepted,
            )
        )
        st.page_link("pages/overview.py", label=t("import.page.open_overview"), icon="📊")
