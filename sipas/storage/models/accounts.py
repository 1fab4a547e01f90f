"""Models of accounts and logins (migration 0007): users, failed-login counters, revoked cookies.

Times are UTC without a zone, like the audit log; the app shows them in Vietnam time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sipas.storage.models.base import Base


class Account(Base):
    """A person who may log in. The password is kept only as a bcrypt hash.

    `session_version` grows whenever the password or role changes or the account is
    deactivated: a running session that still holds an older number is ended at its next
    rerun. `sessions_valid_after` does the same for "remember me" cookies, which carry only
    their expiry (so their issue time) and cannot be revoked otherwise.
    """

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Demo accounts of the embedded demo; their (published) password is shown on the login
    # page in demo mode until it is changed.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    sessions_valid_after: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginThrottle(Base):
    """Consecutive failed logins per entered username, known or not: unknown names are
    counted and slowed exactly like real ones, so a delay tells nothing about who exists.

    An account is never locked (anyone could lock the administrator out by failing on
    purpose): past the limit its next attempt waits a growing delay, `locked_until` being
    the end of that delay (sipas.accounts.lockout).
    """

    __tablename__ = "login_throttle"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class RevokedToken(Base):
    """A "remember me" cookie given up at logout (SHA-256 of the token), refused until it
    would have expired anyway."""

    __tablename__ = "revoked_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class LoginAddressThrottle(Base):
    """Consecutive failed logins from one client address (migration 0012): past the limit
    its attempts are slowed, past twice the limit it is locked for the lock time."""

    __tablename__ = "login_address_throttle"
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    slowed_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
