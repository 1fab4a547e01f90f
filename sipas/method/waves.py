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
    chosen: str = "",
) -> WaveInfo | None:
    """The wave a "change since" or "gain K places" compares `wave` with: the latest earlier
    official wave (`waves` oldest first, as list_waves gives them) that `covers` accepts (the
    caller's check that it has the same level's units). A follow-up, pilot or partial wave is
    never the baseline by accident; a change of method is allowed (see `method_changed`).

    `chosen` is the code of a wave staff picked for the view: taken when it is among the
    earlier waves (whatever its type: the caller marks one that is not official, see
    `is_baseline`) and `covers` accepts it; an unknown or later code falls back to the
    automatic choice. None when there is no such wave."""
    earlier = comparison_choices(waves, wave)
    picked = [w for w in earlier if w.code == chosen and (covers is None or covers(w))]
    if picked:
        return picked[0]
    for candidate in earlier:
        if is_baseline(candidate) and (covers is None or covers(candidate)):
            return candidate
    return None


def comparison_choices(waves: Sequence[WaveInfo], wave: WaveInfo | str) -> list[WaveInfo]:
    """The waves before `wave` (`waves` oldest first), newest first: what a view may be
    compared with."""
    code = wave if isinstance(wave, str) else wave.code
    codes = [w.code for w in waves]
    position = codes.index(code) if code in codes else 0
    return list(reversed(waves[:position]))


def is_baseline(wave: WaveInfo) -> bool:
    """Whether `wave` may be a baseline of its own accord: an official wave (a follow-up,
    pilot or partial wave compared with is marked as such)."""
    return wave.survey_type == OFFICIAL


def method_changed(wave: WaveInfo, compared: WaveInfo | None) -> bool:
    """Whether the compared wave used another questionnaire (the comparison is marked)."""
    return compared is not None and compared.method_code != wave.method_code
