"""The forms of the "Đơn vị" page: load a province, add, rename and retire a department or
agency; each change one audited transaction, the page reloaded with a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.reference.admin_map import REFORM_DAY, provinces
from sipas.reference.units import UnitListError, UnitRecord
from sipas.setup.provinces import load_province
from sipas.storage import units as stored
from sipas.ui import data
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access

FLASH = "units_flash"
EDITABLE = (s.DEPARTMENT, s.AGENCY)


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(escape_markdown(message))


def _apply(action: str, code: str, work: Callable[[Any], None], done: str) -> None:
    user = access.current_user()
    change = auditlog.Change(user.username, action, code, {"via": "web"})
    try:
        auditlog.audited(data.engine(), change, work, (UnitListError,))
    except UnitListError as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state[FLASH] = done
    st.rerun()


def load_section() -> None:
    """Choose one of the 34 provinces and load its units."""
    st.caption(t("units.page.load_intro"))
    names = {province.official_code: province.full_name for province in provinces()}
    chosen = st.selectbox(
        t("units.page.province"), list(names), format_func=names.__getitem__, key="units_province"
    )
    if st.button(t("units.page.load"), key="units_load", type="primary"):
        user = access.current_user()
        try:
            province, report = load_province(data.engine(), str(chosen), user.username)
        except UnitListError as error:
            st.error(escape_markdown(str(error)))
            return
        st.session_state[FLASH] = t(
            "units.done.loaded",
            province=province.full_name,
            added=report.added,
            updated=report.updated,
            successors=report.successors,
        )
        st.rerun()


def _parents(units: pd.DataFrame) -> dict[str, str]:
    provinces_now = units[(units["level"] == s.PROVINCE) & units["valid_to"].isna()]
    return dict(zip(provinces_now["code"], provinces_now["full_name"], strict=True))


def add_section(units: pd.DataFrame) -> None:
    st.subheader(t("units.page.add_heading"))
    parents = _parents(units)
    with st.form("units_add", clear_on_submit=False):
        code = st.text_input(t("units.page.code"), key="units_add_code")
        name = st.text_input(t("units.page.name"), key="units_add_name")
        full_name = st.text_input(t("units.page.full_name"), key="units_add_full_name")
        level = st.selectbox(
            t("units.page.level"), EDITABLE, format_func=lambda c: t(f"levels.{c}")
        )
        unit_type = st.text_input(t("units.page.unit_type"), key="units_add_type")
        parent = st.selectbox(
            t("units.page.parent"),
            ["", *parents],
            format_func=lambda c: parents.get(c, t("units.page.no_parent")),
        )
        start = st.date_input(t("units.page.valid_from"), REFORM_DAY, format="DD/MM/YYYY")
        end = st.date_input(t("units.page.valid_to"), None, format="DD/MM/YYYY")
        submitted = st.form_submit_button(t("units.page.add"))
    if submitted:
        record = UnitRecord(
            code=code.strip(),
            name=name.strip(),
            full_name=(full_name or name).strip(),
            level=level,
            unit_type=unit_type.strip(),
            parent_code=parent or None,
            valid_from=start,
            valid_to=end,
        )
        if not record.code or not record.name:
            st.error(t("units.errors.no_name"))
            return
        who = access.current_user().username
        _apply(
            stored.ADD,
            record.code,
            lambda session: stored.add_unit(session, who, record),
            t("units.done.added", code=record.code),
        )


def _pick(units: pd.DataFrame, key: str) -> str | None:
    editable = units[units["level"].isin(EDITABLE)]
    labels = dict(zip(editable["code"], editable["full_name"], strict=True))
    if not labels:
        return None
    chosen = st.selectbox(
        t("units.page.pick"), list(labels), format_func=lambda c: f"{labels[c]} ({c})", key=key
    )
    return str(chosen) if chosen else None


def rename_section(units: pd.DataFrame) -> None:
    st.subheader(t("units.page.rename_heading"))
    code = _pick(units, "units_rename_pick")
    if code is None:
        return
    name = st.text_input(t("units.page.new_name"), key="units_rename_name")
    full_name = st.text_input(t("units.page.new_full_name"), key="units_rename_full")
    if st.button(t("units.page.rename"), key="units_rename"):
        who = access.current_user().username
        _apply(
            stored.RENAME,
            code,
            lambda session: stored.rename_unit(session, who, code, name, full_name or None),
            t("units.done.renamed", code=code),
        )


def retire_section(units: pd.DataFrame) -> None:
    st.subheader(t("units.page.retire_heading"))
    code = _pick(units, "units_retire_pick")
    if code is None:
        return
    day = st.date_input(
        t("units.page.last_day"), dt.date.today(), format="DD/MM/YYYY", key="units_retire_day"
    )
    st.caption(t("units.page.retire_hint"))
    if st.button(t("units.page.retire"), key="units_retire"):
        who = access.current_user().username
        _apply(
            stored.RETIRE,
            code,
            lambda session: stored.retire_unit(session, who, code, day),
            t("units.done.retired", code=code),
        )
