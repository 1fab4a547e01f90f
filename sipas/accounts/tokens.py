"""The "remember me" token: a JWT (HS256) of username, issue time and expiry, signed with a
key derived from the configured cookie key and a per-database generation secret.

The server decides what a token may be: one whose issue time is missing or in the future,
or whose expiry lies further than the configured session length (plus a small allowance for
clocks of several processes), is refused even when its signature is right, so a leaked key
cannot mint a token that lasts for years. Rotating the generation (`python -m sipas auth
rotate-key`) changes the signing key of every process at once: every token ever issued
stops verifying. Streamlit-free.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

import jwt

# Seconds a token's times may differ from this process's clock (several processes, NTP).
ALLOWANCE_SECONDS = 300
ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenClaims:
    """What a valid token says: who, and when it was issued and expires (epoch seconds)."""

    username: str
    issued_at: float
    expires: float


def epoch(moment: dt.datetime) -> float:
    """A naive UTC time as seconds since 1970-01-01 UTC."""
    return calendar.timegm(moment.timetuple()) + moment.microsecond / 1_000_000


def from_epoch(seconds: float) -> dt.datetime:
    """Seconds since 1970 as naive UTC."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)


def signing_key(cookie_key: str, generation: int) -> str:
    """The key tokens are signed with: HMAC-SHA256 of the generation under the configured key
    (hex). A new generation gives a new key without touching the configuration."""
    message = f"sipas-cookie-generation:{generation}".encode()
    return hmac.new(cookie_key.encode(), message, hashlib.sha256).hexdigest()


def issue(username: str, now: dt.datetime, session_days: float, key: str) -> tuple[str, float]:
    """A signed token for `username` issued at `now` (naive UTC); the token and its expiry."""
    issued = epoch(now)
    expires = issued + session_days * 86_400
    content = {"username": username, "iat": issued, "exp_date": expires}
    return jwt.encode(content, key, algorithm=ALGORITHM), expires


def read(token: str, key: str, now: dt.datetime, session_days: float) -> TokenClaims | None:
    """The claims of a token that is signed with `key` and bounded in time; None otherwise.

    Refused: a bad signature; no username; no issue time (tokens of the login library, which
    carry only an expiry); an issue time in the future; an expiry passed, or further from the
    issue time or from now than the session length (plus ALLOWANCE_SECONDS).
    """
    try:
        content: Any = jwt.decode(token, key, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    if not isinstance(content, dict) or not isinstance(content.get("username"), str):
        return None
    issued, expires = _seconds(content.get("iat")), _seconds(content.get("exp_date"))
    if issued is None or expires is None:
        return None
    current, longest = epoch(now), session_days * 86_400 + ALLOWANCE_SECONDS
    if issued > current + ALLOWANCE_SECONDS or expires <= current:
        return None
    if expires - issued > longest or expires - current > longest:
        return None
    return TokenClaims(content["username"], issued, expires)


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
