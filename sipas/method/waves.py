"""A survey wave as the method sees it: its code, questionnaire, kind, period and weighting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sipas.core.schema import OFFICIAL


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
    survey_type: str = OFFICIAL

    @property
    def reference_date(self) -> dt.date:
        """The day whose administrative map the wave uses: its last survey day, else 31/12."""
        return self.period_end or dt.date(self.year, 12, 31)


def comparison_wave(
    waves: Sequence[WaveInfo],
    wave: WaveInfo | str,
    covers: Callable[[WaveInfo], bool] | None = None,
) -> WaveInfo | None:
    """The wave a "change since" or "gain K places" compares `wave` with: the latest earlier
    official wave (`waves` oldest first, as list_waves gives them) that `covers` accepts (the
    caller's check that it has the same level's units). A follow-up, pilot or partial wave is
    never the baseline; a change of method is allowed (see `method_changed`). None when there
    is no such wave."""
    code = wave if isinstance(wave, str) else wave.code
    codes = [w.code for w in waves]
    position = codes.index(code) if code in codes else 0
    for earlier in reversed(waves[:position]):
        if earlier.survey_type == OFFICIAL and (covers is None or covers(earlier)):
            return earlier
    return None


def method_changed(wave: WaveInfo, compared: WaveInfo | None) -> bool:
    """Whether the compared wave used another questionnaire (the comparison is marked)."""
    return compared is not None and compared.method_code != wave.method_code
