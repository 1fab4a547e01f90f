"""The one clock of the app: UTC without a zone, as stored in the database.

Everything time-dependent (lockouts, session revocation, audit entries) asks `now()`, so
that tests can move time forward by replacing this one function.
"""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def now() -> dt.datetime:
    """The current time in UTC, naive (the form every timestamp is stored in)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_vietnam(moment: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as Vietnam local time (UTC+7), naive, for display."""
    return moment.replace(tzinfo=dt.UTC).astimezone(VIETNAM).replace(tzinfo=None)


def from_vietnam(moment: dt.datetime) -> dt.datetime:
    """A naive Vietnam local time (e.g. from a date picker) as naive UTC for queries."""
    return moment.replace(tzinfo=VIETNAM).astimezone(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """The calendar day in Vietnam now (deadlines and dated notes are Vietnam days)."""
    return to_vietnam(now()).date()
