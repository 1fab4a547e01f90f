"""The "remember me" token is bounded by the server: a right signature is not enough."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest

from sipas.accounts import tokens

KEY = tokens.signing_key("k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0", 0)
NOW = dt.datetime(2025, 3, 10, 1, 30)
DAY = 86_400


def signed(content: dict[str, object], key: str = KEY) -> str:
    return jwt.encode(content, key, algorithm="HS256")


def test_a_token_issued_now_is_read_back_until_it_expires() -> None:
    token, expires = tokens.issue("tran.binh", NOW, 1.0, KEY)
    claims = tokens.read(token, KEY, NOW + dt.timedelta(hours=23), 1.0)
    assert claims == tokens.TokenClaims("tran.binh", tokens.epoch(NOW), expires)
    assert expires - tokens.epoch(NOW) == DAY
    assert tokens.read(token, KEY, NOW + dt.timedelta(days=1, seconds=1), 1.0) is None


@pytest.mark.parametrize(
    ("iat", "exp"),
    [
        (0, 100 * 365 * DAY),  # the 100-year token of the attack, issued "in 1970"
        ("now", "now+100y"),  # signed today, valid for a century
        (None, "now+1h"),  # the login library's own token: no issue time
        ("now+1h", "now+2h"),  # issued in the future
        ("now", "now+1d+10m"),  # longer than a session, beyond the allowance
        (True, "now+1h"),  # not a number
    ],
)
def test_tokens_beyond_the_session_length_or_without_issue_time_are_refused(
    iat: object, exp: object
) -> None:
    now = tokens.epoch(NOW)
    moments: dict[object, float] = {
        "now": now,
        "now+1h": now + 3600,
        "now+2h": now + 7200,
        "now+100y": now + 100 * 365 * DAY,
        "now+1d+10m": now + DAY + 600,
    }
    content: dict[str, object] = {"username": "quan.tri", "exp_date": moments.get(exp, exp)}
    if iat is not None:
        content["iat"] = moments.get(iat, iat)
    assert tokens.read(signed(content), KEY, NOW, 1.0) is None


def test_a_few_minutes_of_clock_difference_are_allowed() -> None:
    now = tokens.epoch(NOW)
    content = {"username": "quan.tri", "iat": now + 120, "exp_date": now + 120 + DAY}
    assert tokens.read(signed(content), KEY, NOW, 1.0) is not None


def test_a_new_generation_or_another_key_refuses_old_tokens() -> None:
    token, _ = tokens.issue("quan.tri", NOW, 1.0, KEY)
    rotated = tokens.signing_key("k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0", 1)
    assert rotated != KEY
    assert tokens.read(token, rotated, NOW, 1.0) is None
    assert tokens.read(token + "x", KEY, NOW, 1.0) is None
