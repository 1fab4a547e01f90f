"""Reading the audit log: action names, filters, the Vietnamese table and its export.

Entries are written with sipas.storage.audit.record_event by whatever changes data; the
database refuses to change or delete them (migration 0007).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from sqlalchemy import Engine

from sipas.core import clock
from sipas.core.cells import csv_bytes, text_cell
from sipas.core.formatting import format_datetime
from sipas.core.i18n import catalogue, current_language, t
from sipas.storage.audit import FAILED, record_event
from sipas.storage.engine import transaction

# Actions recorded by accounts and logins (this module's owners); other features add theirs
# (import, rollback, target changes, exports) and get a label when audit.actions has one.
LOGIN = "login"
LOGIN_COOKIE = "login_cookie"
LOCKOUT = "lockout"
LOGOUT = "logout"
SESSION_ENDED = "session_ended"
PAGE_DENIED = "page_denied"
ACTION_DENIED = "action_denied"
ACCOUNT_ADD = "account_add"
ACCOUNT_PASSWORD = "account_password"
ACCOUNT_ROLE = "account_role"
ACCOUNT_UNIT = "account_unit"
ACCOUNT_NAME = "account_name"
ACCOUNT_DEACTIVATE = "account_deactivate"
ACCOUNT_ACTIVATE = "account_activate"
ACCOUNT_UNLOCK = "account_unlock"
OWN_PASSWORD = "own_password"
EXPORT = "export"
KEY_ROTATED = "key_rotated"
ADDRESS_UNLOCK = "address_unlock"

COLUMNS = ("at", "actor", "action", "object", "outcome", "details")
T = TypeVar("T")


def action_label(action: str) -> str:
    """The Vietnamese name of an action; the code itself for actions without one."""
    return _label("audit.actions", action)


def outcome_label(outcome: str) -> str:
    return _label("audit.outcomes", outcome)


def _label(prefix: str, code: str) -> str:
    key = f"{prefix}.{code}"
    texts = catalogue(current_language())
    return texts.get(key) or catalogue("vi").get(key) or code


def known_actions() -> list[str]:
    """Every action with a Vietnamese name, in catalogue order."""
    prefix = "audit.actions."
    return [key[len(prefix) :] for key in catalogue("vi") if key.startswith(prefix)]


def _details_text(raw: str) -> str:
    """The details JSON as "vai trò: Quản trị; đơn vị: –" in Vietnamese (text, so that
    nothing in it is ever rendered); keys without a Vietnamese name are kept as stored."""
    try:
        details = json.loads(raw) if raw else {}
    except ValueError:
        return raw
    if not isinstance(details, dict):
        return str(details)
    names = catalogue("vi")
    return "; ".join(
        f"{names.get(f'unitpage.audit_keys.{key}', key)}: {_detail_value(key, value)}"
        for key, value in details.items()
    )


def _detail_value(key: str, value: object) -> str:
    """A detail's value as read: roles by their Vietnamese name, yes/no, "–" for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return t("unitpage.audit_values.yes" if value else "unitpage.audit_values.no")
    if key in ("role", "to", "from") and isinstance(value, str):
        return catalogue("vi").get(f"accounts.roles.{value}", value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def display_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The entries with Vietnamese headers, Vietnam time (dd/mm/yyyy hh:mm:ss) and labels."""
    moments = [clock.to_vietnam(at.to_pydatetime()) for at in pd.to_datetime(events["at"])]
    return pd.DataFrame(
        {
            t("audit.column_at"): [format_datetime(m, seconds=True) for m in moments],
            t("audit.column_actor"): events["actor"],
            t("audit.column_action"): events["action"].map(action_label),
            t("audit.column_object"): events["object"],
            t("audit.column_outcome"): events["outcome"].map(outcome_label),
            t("audit.column_details"): events["details"].map(_details_text),
        }
    )


def export_xlsx(shown: pd.DataFrame, title: str) -> bytes:
    """The displayed entries as an Excel workbook (one sheet, a title row, bold headers).

    Every cell is written as text: an entry may hold anything a person typed (a username
    starting with "="), which must never become a formula.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("audit.sheet_name"))
    for column, width in zip("ABCDEF", (20, 18, 30, 30, 14, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append([_text_cell(sheet, title, bold=True)])
    sheet.append([])
    sheet.append([_text_cell(sheet, name, bold=True) for name in shown.columns])
    for row in shown.itertuples(index=False):
        sheet.append([_text_cell(sheet, str(value)) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, text: str, bold: bool = False) -> Cell:
    cell = text_cell(sheet, text)
    if bold:
        cell.font = Font(bold=True)
    return cell


def export_csv(shown: pd.DataFrame) -> bytes:
    """The displayed entries as CSV (UTF-8 with BOM, which Excel needs for diacritics).

    Values that a spreadsheet would run as a formula get a leading apostrophe (OWASP).
    """
    return csv_bytes(shown.astype(str))


@dataclass(frozen=True)
class Change:
    """What an audited change is about: who, which action, on what."""

    actor: str
    action: str
    object_: str = ""
    details: dict[str, Any] | None = None


def audited(
    engine: Engine, change: Change, work: Callable[[Any], T], errors: tuple[type[Exception], ...]
) -> T:
    """Run `work(session)` in a transaction; when it raises one of `errors` (a refusal with a
    Vietnamese message), record the failed attempt in a transaction of its own and re-raise.

    `work` records its own success entry, in its transaction, so the entry commits with it.
    """
    try:
        with transaction(engine) as session:
            return work(session)
    except errors as error:
        with transaction(engine) as session:
            details = {**(change.details or {}), "error": str(error)}
            record_event(session, change.actor, change.action, change.object_, FAILED, details)
        raise


def period_filter(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, ...]:
    """Vietnam calendar days [start, end] as a UTC interval [from, to)."""
    since = clock.from_vietnam(dt.datetime.combine(start, dt.time())) if start else None
    until = (
        clock.from_vietnam(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
        if end
        else None
    )
    return since, until
