"""Failed logins counted per username and per client address, so that an attacker cannot
turn the lockout against the people it protects.

- A client address that keeps failing is slowed (past `max_failures`: every attempt waits a
  growing delay) and then locked (past twice that: `lock_minutes`), whatever usernames it
  tries.
- An account is only ever slowed: past `max_failures` its next attempt waits 2, 4, 8 …
  seconds, never more than MAX_ACCOUNT_DELAY_SECONDS, so its owner can still log in from
  another address while someone elsewhere fails its password on purpose.
- Failures older than the lock time are forgotten; every delay, lock and refusal is audited.

Wrong current passwords typed to change one's own password count the same way. The clock is
`sipas.core.clock.now`. Streamlit-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sipas.accounts import audit as a
from sipas.accounts.settings import AuthSettings
from sipas.storage import accounts as store
from sipas.storage.audit import DENIED, record_event
from sipas.storage.models.accounts import LoginAddressThrottle, LoginThrottle

MAX_ACCOUNT_DELAY_SECONDS = 30
MAX_ADDRESS_DELAY_SECONDS = 60
LOCAL = "local"  # Streamlit gives no address for a browser on the same machine

LOCKED = "locked"
SLOWED = "slowed"


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is not even checked, and until when (naive UTC)."""

    reason: str  # LOCKED (the address) or SLOWED (the address or the account)
    until: dt.datetime


def delay(failures: int, limit: int, cap: int) -> dt.timedelta:
    """The wait after `failures` consecutive failures: none below `limit`, then 2, 4, 8 …
    seconds, at most `cap`."""
    if failures < limit:
        return dt.timedelta(0)
    return dt.timedelta(seconds=min(cap, 2 ** (failures - limit + 1)))


def _forget_old(
    row: LoginThrottle | LoginAddressThrottle, settings: AuthSettings, now: dt.datetime
) -> None:
    window = dt.timedelta(minutes=settings.lock_minutes)
    if row.last_failure_at is not None and now - row.last_failure_at > window:
        row.failures = 0
    if isinstance(row, LoginAddressThrottle) and row.locked_until and row.locked_until <= now:
        row.failures, row.locked_until = 0, None


def check(
    session: Session, key: str, address: str, settings: AuthSettings, now: dt.datetime
) -> Refusal | None:
    """Whether an attempt for username `key` from `address` may be checked now; records a
    refusal in the audit log."""
    user, place = store.throttle_for(session, key), store.address_throttle_for(session, address)
    _forget_old(user, settings, now)
    _forget_old(place, settings, now)
    refusal = _refusal(user, place, now)
    if refusal is not None:
        details = {"reason": refusal.reason, "address": address, "until": refusal.until}
        record_event(session, key, a.LOGIN, key, DENIED, details)
    return refusal


def _refusal(user: LoginThrottle, place: LoginAddressThrottle, now: dt.datetime) -> Refusal | None:
    if place.locked_until is not None and place.locked_until > now:
        return Refusal(LOCKED, place.locked_until)
    waits = [t for t in (place.slowed_until, user.locked_until) if t is not None and t > now]
    return Refusal(SLOWED, max(waits)) if waits else None


def count_failure(
    session: Session, key: str, address: str, settings: AuthSettings, now: dt.datetime
) -> Refusal | None:
    """Count a failed attempt for `key` from `address`; the delay or lock it starts, if any
    (each audited: action `lockout` with the address or the username as its object)."""
    user, place = store.throttle_for(session, key), store.address_throttle_for(session, address)
    limit = settings.max_failures
    user.failures, user.last_failure_at = (user.failures or 0) + 1, now
    place.failures, place.last_failure_at = (place.failures or 0) + 1, now
    account_wait = delay(user.failures, limit, MAX_ACCOUNT_DELAY_SECONDS)
    if account_wait:
        user.locked_until = now + account_wait
        _record(session, key, key, SLOWED, user.failures, now, account_wait.total_seconds())
    if place.failures >= 2 * limit:
        place.locked_until = now + dt.timedelta(minutes=settings.lock_minutes)
        _record(session, key, address, LOCKED, place.failures, now, settings.lock_minutes * 60)
    elif place.failures >= limit:
        wait = delay(place.failures, limit, MAX_ADDRESS_DELAY_SECONDS)
        place.slowed_until = now + wait
        _record(session, key, address, SLOWED, place.failures, now, wait.total_seconds())
    session.flush()
    return _refusal(user, place, now)


def _record(
    session: Session,
    key: str,
    object_: str,
    kind: str,
    failures: int,
    now: dt.datetime,
    seconds: float,
) -> None:
    details = {"kind": kind, "failures": failures, "seconds": seconds, "username": key}
    record_event(session, key, a.LOCKOUT, object_, DENIED, details)


def succeeded(session: Session, key: str, address: str) -> None:
    """A right password: forget the failures of this username and of this address (an
    attacker's address elsewhere stays slowed or locked)."""
    store.clear_throttle(session, key)
    store.clear_address_throttle(session, address)
