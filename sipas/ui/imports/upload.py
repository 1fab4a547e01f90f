"""The upload page's steps: options, upload, reading, and the prepared import kept per session.

Preparing a 100.000-row file takes seconds, so the result is kept in the session and only
redone when the file, an option or a correction changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sipas.core import schema as s
from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import load_limits
from sipas.ingest.national import ensure_provinces
from sipas.ingest.pipeline import DEFAULT_METHOD, ImportRequest, Prepared, prepare
from sipas.reference.questionnaires import MethodError, load_methods
from sipas.storage.engine import transaction
from sipas.storage.imports import ADD, REPLACE
from sipas.storage.profiles import list_profiles
from sipas.storage.waves import WaveError
from sipas.ui import data
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import access

STATE = "import_state"


@dataclass
class ImportState:
    """What staff chose for the current file; reset when another file is uploaded."""

    file_id: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    version: int = 0
    prepared: tuple[Any, Prepared] | None = None
    report: tuple[str, bytes] | None = None


def state() -> ImportState:
    if STATE not in st.session_state:
        st.session_state[STATE] = ImportState()
    current: ImportState = st.session_state[STATE]
    return current


@dataclass(frozen=True)
class Options:
    kind: str
    wave_code: str
    method_code: str
    mode: str
    year: int | None
    national: bool = False  # Bộ Nội vụ's table of the provinces (sipas.ingest.national)


def options() -> Options:
    """Kind of data, wave (existing or new, with its method), and add or replace."""
    kinds = (s.RESPONDENT_KIND, s.AGGREGATE_KIND)
    kind = st.radio(
        t("import.page.kind"), kinds, format_func=lambda k: t(f"import.kinds.{k}"), horizontal=True
    )
    national = kind == s.AGGREGATE_KIND and st.checkbox(
        t("national.page.checkbox"), help=t("national.page.checkbox_help")
    )
    listed = data.national_waves() if national else data.waves()
    waves = [w for w in reversed(listed) if w.kind == kind]
    new = t("import.page.new_wave")
    choice = st.selectbox(t("import.page.wave"), [*(w.code for w in waves), new])
    method, year = DEFAULT_METHOD, None
    if choice == new:
        left, right = st.columns(2)
        choice = left.text_input(t("import.page.new_wave_code")).strip()
        methods = load_methods()
        codes = list(methods)
        method = right.selectbox(
            t("import.page.new_wave_method"),
            codes,
            index=codes.index(DEFAULT_METHOD) if DEFAULT_METHOD in codes else 0,
            format_func=lambda c: methods[c].name,
        )
    mode = st.radio(
        t("import.page.mode"),
        (ADD, REPLACE),
        format_func=lambda m: t(f"import.page.mode_{m}"),
        horizontal=True,
    )
    return Options(kind, choice, method, mode, year, national)


def profile_picker(kind: str) -> None:
    """Apply a saved mapping profile to the current corrections."""
    with transaction(data.engine()) as session:
        profiles = list_profiles(session, kind)
    if not profiles:
        return
    names = [t("import.page.no_profile"), *(p.name for p in profiles)]
    picked = st.selectbox(t("import.page.profile"), names, key="import_profile")
    current = state()
    chosen = next((p for p in profiles if p.name == picked), None)
    if chosen and (current.columns, current.fields) != (chosen.columns, chosen.fields):
        current.columns, current.fields = dict(chosen.columns), dict(chosen.fields)


def upload() -> Any:
    limits = load_limits()
    help_text = t(
        "import.page.file_help",
        mb=f"{limits.max_megabytes:g}".replace(".", ","),
        rows=format_int(limits.max_rows),
    )
    uploaded = st.file_uploader(
        t("import.page.file"), type=["xlsx", "xls", "ods", "csv"], help=escape_markdown(help_text)
    )
    if uploaded is None:
        st.info(t("import.page.waiting"))
        return None
    current = state()
    if current.file_id != uploaded.file_id:
        st.session_state[STATE] = ImportState(
            file_id=uploaded.file_id, columns=current.columns, fields=current.fields
        )
    return uploaded


def prepared_import(uploaded: Any, chosen: Options) -> Prepared | None:
    """The prepared import for the uploaded file and the current choices; a Vietnamese
    message instead when the file cannot be imported at all."""
    if not chosen.wave_code:
        return None
    current = state()
    content = uploaded.getvalue()
    request = ImportRequest(
        content=content,
        file_name=uploaded.name,
        wave_code=chosen.wave_code,
        kind=chosen.kind,
        method_code=chosen.method_code,
        year=chosen.year,
        sheet=current.sheet,
        header_row=current.header_row,
        columns=dict(current.columns),
        fields=dict(current.fields),
        mode=chosen.mode,
        survey_type=s.NATIONAL if chosen.national else s.OFFICIAL,
    )
    key = (
        hashlib.sha256(content).hexdigest(),
        chosen,
        current.sheet,
        current.header_row,
        tuple(sorted(current.columns.items())),
        tuple(sorted(current.fields.items())),
        data.current_version(),
    )
    if current.prepared and current.prepared[0] == key:
        return current.prepared[1]
    if chosen.national:  # the provinces the table names (reference data, idempotent)
        ensure_provinces(data.engine(), access.current_user().username)
    try:
        with st.spinner(t("import.page.reading")), transaction(data.engine()) as session:
            result = prepare(session, request)
    except (IngestError, WaveError, MethodError) as error:
        st.error(escape_markdown(str(error)))
        row = st.number_input(t("import.page.header_row"), min_value=0, value=0, step=1)
        if row and int(row) != current.header_row:  # staff say where the header is
            current.header_row = int(row)
            st.rerun()
        return None
    current.prepared = (key, result)
    return result


def reading_options(prepared: Prepared) -> None:
    """What was read, and where: sheet and header row can be changed."""
    sheet = prepared.sheet
    skipped = ""
    if prepared.blank_rows:
        skipped += t("import.page.skipped_blank", count=format_int(prepared.blank_rows))
    if prepared.totals_rows:
        skipped += t("import.page.skipped_totals", count=format_int(prepared.totals_rows))
    st.success(
        md(
            "import.page.read_info",
            sheet=sheet.name or "CSV",
            row=prepared.header.excel_row,
            rows=format_int(prepared.rows_total),
            skipped=skipped,
        )
    )
    for note in prepared.notes:
        st.info(escape_markdown(note))
    current = state()
    left, right = st.columns(2)
    if len(sheet.sheet_names) > 1:
        picked = left.selectbox(
            t("import.page.sheet"), sheet.sheet_names, index=sheet.sheet_names.index(sheet.name)
        )
        if picked != sheet.name:
            current.sheet, current.header_row = picked, None
            st.rerun()
    row = right.number_input(
        t("import.page.header_row"), min_value=1, value=prepared.header.excel_row, step=1
    )
    if int(row) != prepared.header.excel_row:
        current.header_row = int(row)
        st.rerun()
