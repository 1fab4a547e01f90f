"""A clock that tests move by hand: replaces sipas.clock.now, the one clock of the app."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    """Naive UTC time that only moves when told to."""

    def __init__(self, start: dt.datetime = dt.datetime(2025, 3, 10, 1, 30)) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> dt.datetime:
        self.moment += dt.timedelta(**delta)
        return self.moment
