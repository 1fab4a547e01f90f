"""Accounts as administrators read them: a Vietnamese table and the choices of the forms."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sipas.core import clock
from sipas.core.formatting import format_datetime
from sipas.core.i18n import t
from sipas.core.permissions import ROLES


def _moment(value: object) -> dt.datetime | None:
    """A stored UTC time from a frame cell (Timestamp, datetime, NaT or None) in Vietnam time."""
    if not isinstance(value, dt.datetime) or pd.isna(value):
        return None
    moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    return clock.to_vietnam(moment)


def _status(active: bool, locked_until: object, now: dt.datetime) -> str:
    """Active, inactive, or slowed until a time (Vietnam time) while the delay lasts."""
    if not active:
        return t("accounts.status_inactive")
    if isinstance(locked_until, dt.datetime) and not pd.isna(locked_until) and locked_until > now:
        return t("security.lockout.status_slowed", until=format_datetime(_moment(locked_until)))
    return t("accounts.status_active")


def accounts_display(frame: pd.DataFrame, now: dt.datetime) -> pd.DataFrame:
    """The accounts of `sipas.storage.accounts.accounts_frame` with Vietnamese headers and
    labels, times in Vietnam time; `now` (UTC) decides which locks still hold."""
    changed = [
        t("accounts.changed_by", at=format_datetime(_moment(at)), actor=actor)
        for at, actor in zip(frame["changed_at"], frame["changed_by"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("accounts.column_username"): frame["username"],
            t("accounts.column_name"): frame["display_name"],
            t("accounts.column_role"): frame["role"].map(role_label),
            t("accounts.column_unit"): frame["unit_name"].fillna(""),
            t("accounts.column_status"): [
                _status(bool(active), locked, now)
                for active, locked in zip(frame["is_active"], frame["locked_until"], strict=True)
            ],
            t("accounts.column_last_login"): [
                format_datetime(_moment(at)) for at in frame["last_login_at"]
            ],
            t("accounts.column_changed"): changed,
        }
    )


def identity_lines(
    username: str, display_name: str, role: str, unit_name: str | None
) -> list[tuple[str, str]]:
    """What the own-account page says about the user: (label, value) in display order."""
    return [
        (t("account.username"), username),
        (t("account.name"), display_name),
        (t("account.role"), role_label(role)),
        (t("account.unit"), unit_name or t("account.no_unit")),
    ]


def role_label(role: str) -> str:
    return t(f"accounts.roles.{role}") if role in ROLES else role


def unit_choices(units: pd.DataFrame) -> dict[str, str]:
    """Unit code → "Name (level)" for the unit picker, in list order, current units first."""
    current = units[units["valid_to"].isna()]
    former = units[units["valid_to"].notna()]
    ordered = pd.concat([current, former])
    return {
        code: t("accounts.unit_option", name=name, level=t(f"levels.{level}"))
        for code, name, level in zip(
            ordered["code"], ordered["full_name"], ordered["level"], strict=True
        )
    }
