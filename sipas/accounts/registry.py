"""Accounts: who may log in, with which role and bound unit; every change audited.

Each function works inside the caller's transaction and records its audit entry there, so
the entry commits with the change. Changing a password or a role, and deactivating, end the
account's existing sessions (and cookies) at their next rerun.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sipas.accounts import audit as a
from sipas.accounts.passwords import (
    DEFAULT_MIN_LENGTH,
    check_password,
    hash_password,
    password_problems,
)
from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import ADMIN, ROLES, User
from sipas.storage import accounts as store
from sipas.storage.audit import OK, record_event
from sipas.storage.models.accounts import Account

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MAX_DISPLAY_NAME = 200


class AccountError(ValueError):
    """A refused account change; the message is Vietnamese and says what to do."""


class WrongCurrentPassword(AccountError):
    """The current password typed to change one's own was wrong (counts as a failed login)."""


@dataclass(frozen=True)
class AccountInfo:
    """An account as the rest of the app sees it (never the password hash)."""

    username: str
    display_name: str
    role: str
    unit_code: str | None
    is_active: bool
    session_version: int
    sessions_valid_after: dt.datetime | None

    def user(self) -> User:
        return User(self.username, self.display_name, self.role, self.unit_code)


def info(row: Account) -> AccountInfo:
    return AccountInfo(
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        unit_code=row.unit_code,
        is_active=row.is_active,
        session_version=row.session_version,
        sessions_valid_after=row.sessions_valid_after,
    )


def normalise_username(raw: str) -> str:
    """How usernames are compared and stored: NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", raw).strip().lower()


def _checked_username(raw: str) -> str:
    username = normalise_username(raw)
    if not USERNAME.match(username):
        raise AccountError(t("accounts.errors.bad_username", value=raw))
    return username


def _checked_display_name(raw: str, username: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", raw or username).split())
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise AccountError(t("accounts.errors.bad_display_name", n=MAX_DISPLAY_NAME))
    return name


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(t("accounts.errors.bad_role", value=role, allowed=", ".join(ROLES)))
    return role


def _checked_unit(session: Session, unit_code: str | None) -> str | None:
    code = (unit_code or "").strip() or None
    if code is not None and not store.unit_exists(session, code):
        raise AccountError(t("accounts.errors.unknown_unit", value=code))
    return code


def _checked_password(password: str, username: str, min_length: int) -> str:
    problems = password_problems(password, username, min_length)
    if problems:
        raise AccountError(t("accounts.password.rejected", problems=" ".join(problems)))
    return hash_password(password)


def _existing(session: Session, username: str) -> Account:
    row = store.find_account(session, normalise_username(username))
    if row is None:
        raise AccountError(t("accounts.errors.unknown", value=username))
    return row


def _record(session: Session, actor: str, action: str, row: Account, **details: Any) -> None:
    record_event(session, actor, action, row.username, details=details or None)


def _touch(row: Account, actor: str, now: dt.datetime) -> None:
    row.changed_at, row.changed_by = now, actor


def _end_sessions(row: Account, now: dt.datetime) -> None:
    """Every session and cookie of this account issued until now ends at its next rerun."""
    row.session_version += 1
    row.sessions_valid_after = now


def add_account(
    session: Session,
    actor: str,
    username: str,
    role: str,
    password: str,
    *,
    display_name: str = "",
    unit_code: str | None = None,
    min_length: int = DEFAULT_MIN_LENGTH,
    is_demo: bool = False,
) -> AccountInfo:
    """Create an account; raises AccountError (Vietnamese) for a taken or malformed username,
    an unknown role or unit, or a password that fails the policy."""
    name = _checked_username(username)
    if store.find_account(session, name) is not None:
        raise AccountError(t("accounts.errors.exists", value=name))
    now = clock.now()
    row = Account(
        username=name,
        display_name=_checked_display_name(display_name, name),
        password_hash=_checked_password(password, name, min_length),
        role=_checked_role(role),
        unit_code=_checked_unit(session, unit_code),
        is_active=True,
        is_demo=is_demo,
        session_version=1,
        created_at=now,
        created_by=actor,
        changed_at=now,
        changed_by=actor,
        password_changed_at=now,
    )
    session.add(row)
    session.flush()
    _record(session, actor, a.ACCOUNT_ADD, row, role=row.role, unit=row.unit_code or "")
    return info(row)


def set_password(
    session: Session, actor: str, username: str, password: str, min_length: int = DEFAULT_MIN_LENGTH
) -> AccountInfo:
    """Give the account a new password (an administrator's reset); ends its sessions."""
    row = _existing(session, username)
    row.password_hash = _checked_password(password, row.username, min_length)
    now = clock.now()
    row.password_changed_at, row.is_demo = now, False
    _end_sessions(row, now)
    _touch(row, actor, now)
    _record(session, actor, a.ACCOUNT_PASSWORD, row)
    return info(row)


def change_own_password(
    session: Session, username: str, current: str, new: str, min_length: int = DEFAULT_MIN_LENGTH
) -> AccountInfo:
    """A user's own change, which needs the current password. Ends every other session; the
    caller keeps its own by adopting the returned session version."""
    row = _existing(session, username)
    if not check_password(current, row.password_hash):
        raise WrongCurrentPassword(t("accounts.errors.wrong_current_password"))
    if current == new:
        raise AccountError(t("accounts.errors.same_password"))
    row.password_hash = _checked_password(new, row.username, min_length)
    now = clock.now()
    row.password_changed_at, row.is_demo = now, False
    _end_sessions(row, now)
    _touch(row, row.username, now)
    _record(session, row.username, a.OWN_PASSWORD, row)
    return info(row)


def _guard_last_admin(session: Session, row: Account) -> None:
    if (
        row.role == ADMIN
        and row.is_active
        and store.active_admins(session, ADMIN) == [row.username]
    ):
        raise AccountError(t("accounts.errors.last_admin"))


def set_role(session: Session, actor: str, username: str, role: str) -> AccountInfo:
    """Change the role; ends the account's sessions. The last active administrator keeps it."""
    row = _existing(session, username)
    new = _checked_role(role)
    if new == row.role:
        return info(row)
    if new != ADMIN:
        _guard_last_admin(session, row)
    old, row.role = row.role, new
    now = clock.now()
    _end_sessions(row, now)
    _touch(row, actor, now)
    _record(session, actor, a.ACCOUNT_ROLE, row, old=old, new=new)
    return info(row)


def set_unit(session: Session, actor: str, username: str, unit_code: str | None) -> AccountInfo:
    """Bind the account to a unit (whose view opens first), or unbind it with None."""
    row = _existing(session, username)
    code = _checked_unit(session, unit_code)
    if code == row.unit_code:
        return info(row)
    old, row.unit_code = row.unit_code, code
    _touch(row, actor, clock.now())
    _record(session, actor, a.ACCOUNT_UNIT, row, old=old or "", new=code or "")
    return info(row)


def set_display_name(session: Session, actor: str, username: str, name: str) -> AccountInfo:
    row = _existing(session, username)
    new = _checked_display_name(name, row.username)
    if new == row.display_name:
        return info(row)
    old, row.display_name = row.display_name, new
    _touch(row, actor, clock.now())
    _record(session, actor, a.ACCOUNT_NAME, row, old=old, new=new)
    return info(row)


def deactivate(session: Session, actor: str, username: str) -> AccountInfo:
    """Stop the account from logging in and end its sessions; the history stays."""
    row = _existing(session, username)
    if not row.is_active:
        return info(row)
    _guard_last_admin(session, row)
    row.is_active = False
    now = clock.now()
    _end_sessions(row, now)
    _touch(row, actor, now)
    _record(session, actor, a.ACCOUNT_DEACTIVATE, row)
    return info(row)


def activate(session: Session, actor: str, username: str) -> AccountInfo:
    row = _existing(session, username)
    if row.is_active:
        return info(row)
    row.is_active = True
    _touch(row, actor, clock.now())
    _record(session, actor, a.ACCOUNT_ACTIVATE, row)
    return info(row)


def unlock(session: Session, actor: str, username: str) -> bool:
    """Lift a lockout after failed logins before it expires; True when there was one."""
    row = _existing(session, username)
    cleared = store.clear_throttle(session, row.username)
    if cleared:
        _record(session, actor, a.ACCOUNT_UNLOCK, row)
    return cleared


def unlock_address(session: Session, actor: str, address: str) -> bool:
    """Lift the delay or lock of a client address after failed logins; True when there was
    one (recorded in the audit log)."""
    cleared = store.clear_address_throttle(session, address)
    if cleared:
        record_event(session, actor, a.ADDRESS_UNLOCK, address, OK, None)
    return cleared


def find(session: Session, username: str) -> AccountInfo | None:
    row = store.find_account(session, normalise_username(username))
    return info(row) if row is not None else None
