"""The audit page's filter bar, reading and downloads (administrators)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.core import clock
from sipas.core.formatting import format_datetime
from sipas.core.i18n import t
from sipas.core.permissions import EXPORT, READ_AUDIT
from sipas.storage.audit_query import AuditFilter, audit_actors, audit_events
from sipas.storage.engine import transaction
from sipas.ui import data, exports
from sipas.ui.shell import access

OUTCOMES = ("ok", "failed", "denied")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filter_bar() -> AuditFilter:
    """Period (Vietnam calendar days, last 30 by default), people, actions and outcomes."""
    today = clock.to_vietnam(clock.now()).date()
    with transaction(data.engine()) as session:
        actors = audit_actors(session)
    period_col, actor_col, action_col, outcome_col = st.columns([3, 2, 3, 2])
    period = period_col.date_input(
        t("audit.period"), value=(today - dt.timedelta(days=30), today), format="DD/MM/YYYY"
    )
    chosen_actors = actor_col.multiselect(
        t("audit.actors"), actors, placeholder=t("audit.all"), select_all=False
    )
    chosen_actions = action_col.multiselect(
        t("audit.actions_label"),
        auditlog.known_actions(),
        format_func=auditlog.action_label,
        placeholder=t("audit.all"),
        select_all=False,
    )
    chosen_outcomes = outcome_col.multiselect(
        t("audit.outcomes_label"),
        OUTCOMES,
        format_func=auditlog.outcome_label,
        placeholder=t("audit.all"),
        select_all=False,
    )
    start, end = _period(period)
    since, until = auditlog.period_filter(start, end)
    return AuditFilter(
        since=since,
        until=until,
        actors=tuple(chosen_actors),
        actions=tuple(chosen_actions),
        outcomes=tuple(chosen_outcomes),
    )


def _period(value: object) -> tuple[dt.date | None, dt.date | None]:
    """The date input gives one date while the user is still picking the second."""
    if isinstance(value, tuple | list):
        start = value[0] if len(value) > 0 else None
        end = value[1] if len(value) > 1 else start
        return start, end
    return (value, value) if isinstance(value, dt.date) else (None, None)


def events(chosen: AuditFilter) -> tuple[pd.DataFrame, int]:
    """The matching entries (display frame, newest first) and how many match in all."""
    with transaction(data.engine()) as session:
        raw, total = audit_events(session, chosen)
    return auditlog.display_frame(raw), total


def downloads(shown: pd.DataFrame) -> None:
    """Excel and CSV of the entries shown, made on the click; each download is itself
    recorded (and re-checked: sipas.ui.exports)."""
    if not access.permitted(EXPORT) or shown.empty:
        return
    user = access.current_user()
    now = clock.to_vietnam(clock.now())
    title = t("audit.export_title", at=format_datetime(now), actor=user.username)
    stem = f"{t('audit.file_stem')}-{now:%Y%m%d-%H%M}"
    left, right, _ = st.columns([1, 1, 3])
    extra = {"what": "audit_log", "rows": len(shown)}
    with left:
        exports.download(
            t("audit.download_xlsx"),
            lambda: auditlog.export_xlsx(shown, title),
            f"{stem}.xlsx",
            XLSX,
            "audit_xlsx",
            "audit_xlsx",
            extra=extra,
            permission=READ_AUDIT,
        )
    with right:
        exports.download(
            t("audit.download_csv"),
            lambda: auditlog.export_csv(shown),
            f"{stem}.csv",
            exports.CSV,
            "audit_csv",
            "audit_csv",
            extra=extra,
            permission=READ_AUDIT,
        )
