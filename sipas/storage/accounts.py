"""Accounts, failed-login counters and revoked cookies in the database (repository functions).

The rules (password policy, lockout, who may change what) live in sipas.accounts and
sipas.login; this module only reads and writes rows.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sipas.storage.models.accounts import (
    Account,
    LoginAddressThrottle,
    LoginThrottle,
    RevokedToken,
)
from sipas.storage.models.reference import Unit
from sipas.storage.models.system import AppState
from sipas.storage.textorder import by_code_point

ACCOUNT_COLUMNS = [
    "username",
    "display_name",
    "role",
    "unit_code",
    "unit_name",
    "is_active",
    "is_demo",
    "created_at",
    "created_by",
    "changed_at",
    "changed_by",
    "last_login_at",
    "locked_until",
]


def find_account(session: Session, username: str) -> Account | None:
    """The account with this (normalised) username, or None."""
    return session.scalar(select(Account).where(Account.username == username))


def count_accounts(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Account)) or 0)


def active_admins(session: Session, admin_role: str) -> list[str]:
    """Usernames of the active accounts with the administrator role."""
    query = select(Account.username).where(Account.role == admin_role, Account.is_active)
    return list(session.scalars(query))


def active_accounts(session: Session) -> list[Account]:
    """Every account that may log in, by username."""
    username = by_code_point(session, Account.username)
    return list(session.scalars(select(Account).where(Account.is_active).order_by(username)))


def demo_accounts(session: Session) -> list[Account]:
    """Active demo accounts whose published password was not changed, by username."""
    query = select(Account).where(Account.is_active, Account.is_demo).order_by(Account.id)
    return list(session.scalars(query))


def accounts_frame(session: Session) -> pd.DataFrame:
    """Every account with its unit's name and current lock (UTC times), by username."""
    query = (
        select(
            Account.username,
            Account.display_name,
            Account.role,
            Account.unit_code,
            Unit.name,
            Account.is_active,
            Account.is_demo,
            Account.created_at,
            Account.created_by,
            Account.changed_at,
            Account.changed_by,
            Account.last_login_at,
            LoginThrottle.locked_until,
        )
        .outerjoin(Unit, Unit.code == Account.unit_code)
        .outerjoin(LoginThrottle, LoginThrottle.username == Account.username)
        .order_by(by_code_point(session, Account.username))
    )
    return pd.DataFrame(session.execute(query).all(), columns=ACCOUNT_COLUMNS)


def unit_exists(session: Session, code: str) -> bool:
    return session.scalar(select(Unit.id).where(Unit.code == code)) is not None


def throttle_for(session: Session, key: str) -> LoginThrottle:
    """The failed-login counter of an entered username (a new, unsaved one if none yet).

    Locks the row on PostgreSQL, so two simultaneous failures are both counted.
    """
    row = session.scalar(
        select(LoginThrottle).where(LoginThrottle.username == key).with_for_update()
    )
    if row is None:
        row = LoginThrottle(username=key, failures=0)
        session.add(row)
    return row


def address_throttle_for(session: Session, address: str) -> LoginAddressThrottle:
    """The failed-login counter of a client address (a new, unsaved one if none yet); locked
    on PostgreSQL like `throttle_for`."""
    query = select(LoginAddressThrottle).where(LoginAddressThrottle.address == address)
    row = session.scalar(query.with_for_update())
    if row is None:
        row = LoginAddressThrottle(address=address, failures=0)
        session.add(row)
    return row


def clear_address_throttle(session: Session, address: str) -> bool:
    """Forget the failures, delay and lock of a client address; True when there were any."""
    query = delete(LoginAddressThrottle).where(LoginAddressThrottle.address == address)
    return bool(getattr(session.execute(query), "rowcount", 0))


ADDRESS_COLUMNS = ["address", "failures", "last_failure_at", "slowed_until", "locked_until"]


def address_throttles_frame(session: Session, now: dt.datetime) -> pd.DataFrame:
    """Client addresses slowed or locked at `now` (UTC), by address."""
    row = LoginAddressThrottle
    query = (
        select(row.address, row.failures, row.last_failure_at, row.slowed_until, row.locked_until)
        .where((row.locked_until > now) | (row.slowed_until > now))
        .order_by(row.address)
    )
    return pd.DataFrame(session.execute(query).all(), columns=ADDRESS_COLUMNS)


def clear_throttle(session: Session, key: str) -> bool:
    """Forget the failures and any lock of `key`; True when there was something to clear."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.username == key))
    return bool(getattr(result, "rowcount", 0))


def revoke_token(
    session: Session, token_hash: str, username: str, expires_at: dt.datetime, now: dt.datetime
) -> None:
    """Refuse this cookie from now on; forgets cookies that have expired anyway (UTC times)."""
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < now))
    if session.get(RevokedToken, token_hash) is None:
        session.add(RevokedToken(token_hash=token_hash, username=username, expires_at=expires_at))
    session.flush()


def is_token_revoked(session: Session, token_hash: str) -> bool:
    return session.get(RevokedToken, token_hash) is not None


COOKIE_GENERATION = "cookie_key_generation"


def cookie_generation(session: Session) -> int:
    """The secret generation the cookie signing key is derived from (0 until first rotated)."""
    value = session.scalar(select(AppState.value).where(AppState.key == COOKIE_GENERATION))
    return int(value or 0)


def rotate_cookie_generation(session: Session) -> int:
    """Replace the generation by a new random one (62 bits) and end every account's sessions
    (their session versions move on); returns how many accounts were touched."""
    row = session.get(AppState, COOKIE_GENERATION, with_for_update=True)
    if row is None:
        session.add(AppState(key=COOKIE_GENERATION, value=secrets.randbits(62)))
    else:
        row.value = secrets.randbits(62)
    result = session.execute(update(Account).values(session_version=Account.session_version + 1))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)
