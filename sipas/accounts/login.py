"""Logging in, hardened beyond the login library: failed attempts slow and lock per client
address and only slow per account (sipas.accounts.lockout), the same cost for unknown and
known usernames, and sessions and "remember me" cookies that end when their account changes
or their owner logs out.

Streamlit-free; the clock is `sipas.clock.now` so that tests can move time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sipas.accounts import audit as a
from sipas.accounts import lockout
from sipas.accounts.passwords import check_password
from sipas.accounts.registry import AccountInfo, info, normalise_username
from sipas.accounts.settings import AuthSettings
from sipas.accounts.tokens import TokenClaims, from_epoch
from sipas.core import clock
from sipas.storage import accounts as store
from sipas.storage.audit import DENIED, FAILED, OK, record_event
from sipas.storage.models.accounts import Account

SUCCESS = "ok"
REFUSED = "refused"  # unknown username or wrong password: one answer for both
LOCKED = "locked"  # the client address is locked
SLOWED = "slowed"  # the address or the username must wait a few seconds
INACTIVE = "inactive"


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to; `account` only on success, `locked_until` (UTC): when
    a lock or delay ends."""

    outcome: str
    account: AccountInfo | None = None
    locked_until: dt.datetime | None = None


def attempt_login(
    session: Session,
    username: str,
    password: str,
    settings: AuthSettings,
    address: str = lockout.LOCAL,
) -> LoginResult:
    """Check a username and password typed into the login form from client `address`, and
    record the attempt.

    Whatever the username, the attempt does the same work (one bcrypt check, the counter
    rows), so its duration does not tell whether the account exists; unknown usernames are
    counted and slowed like real ones for the same reason. An attempt while the address is
    locked, or the address or the username is slowed, is refused unchecked
    (sipas.accounts.lockout). Commit the session even when the login fails: the counters and
    audit entries must stay.
    """
    now = clock.now()
    key = normalise_username(username)[:64]
    if not key:
        check_password(password, None)
        return LoginResult(REFUSED)
    row = store.find_account(session, key)
    refusal = lockout.check(session, key, address, settings, now)
    matched = check_password(password, row.password_hash if row is not None else None)
    if refusal is not None:
        return _refused(refusal)
    if row is None or not matched:
        reason = "unknown_user" if row is None else "wrong_password"
        record_event(session, key, a.LOGIN, key, FAILED, {"reason": reason, "address": address})
        started = lockout.count_failure(session, key, address, settings, now)
        return _refused(started) if started is not None else LoginResult(REFUSED)
    lockout.succeeded(session, key, address)
    if not row.is_active:
        record_event(session, key, a.LOGIN, key, DENIED, {"reason": INACTIVE})
        return LoginResult(INACTIVE)
    row.last_login_at = now
    record_event(session, key, a.LOGIN, key, OK, {"address": address})
    return LoginResult(SUCCESS, account=info(row))


def _refused(refusal: lockout.Refusal) -> LoginResult:
    outcome = LOCKED if refusal.reason == lockout.LOCKED else SLOWED
    return LoginResult(outcome, locked_until=refusal.until)


def library_credentials(session: Session) -> dict[str, Any]:
    """The credentials streamlit-authenticator expects, built from the active accounts (only
    hashes; the library never sees or stores a password, and never writes a file)."""
    return {
        "usernames": {
            row.username: {
                "name": row.display_name,
                "password": row.password_hash,
                "roles": [row.role],
            }
            for row in store.active_accounts(session)
        }
    }


def token_id(username: str, expires: float) -> str:
    """Identifies a "remember me" cookie by what it signs (its username and expiry)."""
    return hashlib.sha256(f"{username}\n{expires!r}".encode()).hexdigest()


def _valid(row: Account | None) -> bool:
    return row is not None and row.is_active


def resume_from_cookie(session: Session, claims: TokenClaims) -> AccountInfo | None:
    """The account a valid cookie stands for, or None when the account is gone or inactive,
    the cookie was given up at logout, or it was issued before the account's sessions ended
    (password or role change). Records the resumed login."""
    now = clock.now()
    row = store.find_account(session, normalise_username(claims.username))
    token = token_id(claims.username, claims.expires)
    if row is None or not _valid(row) or store.is_token_revoked(session, token):
        return None
    issued = from_epoch(claims.issued_at)
    if row.sessions_valid_after is not None and issued <= row.sessions_valid_after:
        return None
    row.last_login_at = now
    record_event(session, row.username, a.LOGIN_COOKIE, row.username, OK, None)
    return info(row)


def current_account(
    session: Session, username: str, version: int, token: str | None
) -> AccountInfo | None:
    """The account of a running session, re-read on every run; None when the session must
    end: account deactivated or gone, password or role changed (session version moved on),
    or its cookie given up at a logout in another tab."""
    row = store.find_account(session, username)
    if row is None or not _valid(row) or row.session_version != version:
        return None
    if token is not None and store.is_token_revoked(session, token):
        return None
    return info(row)


def log_out(
    session: Session, username: str, token: str | None, expires: float | None, reason: str = ""
) -> None:
    """Record the logout and give up its cookie, so that a copy of it no longer works."""
    now = clock.now()
    if token is not None and expires is not None:
        expiry = dt.datetime.fromtimestamp(expires, dt.UTC).replace(tzinfo=None)
        store.revoke_token(session, token, username, expiry, now)
    action = a.SESSION_ENDED if reason else a.LOGOUT
    record_event(session, username, action, username, OK, {"reason": reason} if reason else None)


def rotate_key(session: Session, actor: str) -> int:
    """Give the cookie signing key a new generation: every cookie ever issued stops
    verifying, and every open session ends at its next click (session versions move on).
    Audited; returns how many accounts had their sessions ended."""
    ended = store.rotate_cookie_generation(session)
    record_event(session, actor, a.KEY_ROTATED, "cookie_key", OK, {"accounts": ended})
    return ended
