"""A survey wave as the method sees it: its code, questionnaire, kind, period and weighting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class WaveInfo:
    id: int
    code: str
    name: str
    year: int
    method_code: str
    kind: str
    period_start: dt.date | None
    period_end: dt.date | None
    item_codes: tuple[str, ...]
    weighting: str | None
    is_demo: bool

    @property
    def reference_date(self) -> dt.date:
        """The day whose administrative map the wave uses: its last survey day, else 31/12."""
        return self.period_end or dt.date(self.year, 12, 31)
