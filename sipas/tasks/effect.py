"""Did a remediation task work? Its measure for its unit before (the wave of the finding) and
after (a later wave), the change in percentage points with a 95% interval, and a verdict that
respects sampling error: a change whose interval contains 0 is "no clear change".

The interval of the change is the normal approximation for a difference of two independent
samples: each wave's standard error is read off its own 95% interval (half its width / 1,96),
and the two add in quadrature.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from sipas.core.i18n import t
from sipas.method.results import WaveCounts
from sipas.method.stats import Z95
from sipas.method.waves import WaveInfo
from sipas.storage.tasks import TaskRecord
from sipas.tasks.findings import Snapshot, pick, wave_values
from sipas.tasks.workflow import CANCELLED

IMPROVED: Final = "improved"  # cải thiện rõ
NO_CLEAR_CHANGE: Final = "no_clear_change"  # chưa thay đổi rõ
WORSE: Final = "worse"  # giảm rõ
NOT_MEASURED: Final = "not_measured"  # the task names no measure
NOT_YET: Final = "not_yet"  # no wave after the finding yet
NO_DATA: Final = "no_data"  # a wave is there, but not the measure for this unit
NO_INTERVAL: Final = "no_interval"  # published values without n: no verdict possible
VERDICTS: Final = (IMPROVED, NO_CLEAR_CHANGE, WORSE)


@dataclass(frozen=True)
class Change:
    """After minus before in percentage points, with its 95% interval."""

    points: float
    low: float
    high: float


def standard_error(value: Snapshot) -> float | None:
    if value.low is None or value.high is None:
        return None
    return (value.high - value.low) / (2 * Z95)


def change(before: Snapshot, after: Snapshot) -> Change | None:
    """The change and its interval; None when either value has no interval (no n)."""
    errors = standard_error(before), standard_error(after)
    if errors[0] is None or errors[1] is None:
        return None
    difference = after.value - before.value
    half = Z95 * math.hypot(errors[0], errors[1])
    return Change(difference, difference - half, difference + half)


def verdict(moved: Change) -> str:
    """Improved or worse only when the whole interval lies on one side of 0."""
    if moved.low > 0:
        return IMPROVED
    if moved.high < 0:
        return WORSE
    return NO_CLEAR_CHANGE


@dataclass(frozen=True)
class Effect:
    """A task's measure before and after, the change and the verdict (or why there is none)."""

    verdict: str
    before: Snapshot | None = None
    after: Snapshot | None = None
    after_wave: str | None = None
    change: Change | None = None

    @property
    def judged(self) -> bool:
        return self.verdict in VERDICTS


CountsOf = Callable[[str], WaveCounts]


class WaveValues:
    """Measures of waves, each computed once for every unit (tasks share waves and
    measures, so judging a whole list costs a few wave computations, not one per task)."""

    def __init__(self, counts_of: CountsOf) -> None:
        self._counts_of = counts_of
        self._values: dict[tuple[str, str, bool], pd.DataFrame | None] = {}

    def snapshot(self, wave: str, measure: str, unit: str, field: str | None) -> Snapshot | None:
        key = (wave, measure, field is not None)
        if key not in self._values:
            self._values[key] = wave_values(self._counts_of(wave), measure, field is not None)
        return pick(self._values[key], measure, unit, field)


def task_effect(
    record: TaskRecord,
    waves: Sequence[WaveInfo],
    after_wave: str,
    values: WaveValues | CountsOf,
) -> Effect:
    """The task's measure at its finding's wave against `after_wave` (which must come later
    in `waves`, oldest first). `values` reads waves' measures (or is `counts_of(code)`)."""
    spec = record.spec
    if not (spec.measure and spec.unit_code and spec.wave_code):
        return Effect(NOT_MEASURED)
    source = values if isinstance(values, WaveValues) else WaveValues(values)
    order = {wave.code: position for position, wave in enumerate(waves)}
    if spec.wave_code not in order or after_wave not in order:
        return Effect(NO_DATA)
    if order[after_wave] <= order[spec.wave_code]:
        return Effect(NOT_YET)
    before = source.snapshot(spec.wave_code, spec.measure, spec.unit_code, spec.field_code)
    after = source.snapshot(after_wave, spec.measure, spec.unit_code, spec.field_code)
    if before is None or after is None:
        return Effect(NO_DATA, before, after, after_wave)
    moved = change(before, after)
    if moved is None:
        return Effect(NO_INTERVAL, before, after, after_wave)
    return Effect(verdict(moved), before, after, after_wave, moved)


def latest_effect(record: TaskRecord, waves: Sequence[WaveInfo], values: WaveValues) -> Effect:
    """The effect at the newest later wave that measured the task's unit (a unit the 2025
    reform abolished is judged on the last wave it was surveyed in)."""
    later = [wave.code for wave in waves]
    found = Effect(NOT_YET)
    for code in reversed(later):
        effect = task_effect(record, waves, code, values)
        if effect.verdict == NOT_YET:
            break
        if effect.verdict != NO_DATA:
            return effect
        found = effect
    return found


def due_by(record: TaskRecord, wave: WaveInfo) -> bool:
    """Whether the task's deadline falls on or before the wave's last survey day (its result
    should show in that wave)."""
    return record.spec.deadline <= wave.reference_date


@dataclass(frozen=True)
class EffectSummary:
    """Of `due` tasks due by a wave: how many improved, did not clearly change, got worse,
    and how many could not be judged (no measure, no data, no interval)."""

    wave: str
    due: int
    improved: int
    no_clear_change: int
    worse: int
    not_judged: int


def summarise(wave: WaveInfo, pairs: Sequence[tuple[TaskRecord, Effect]]) -> EffectSummary:
    """Counts over the tasks due by `wave` whose finding came from an earlier wave (cancelled
    tasks left out: nothing was done)."""
    due = [
        effect
        for record, effect in pairs
        if due_by(record, wave) and record.status != CANCELLED and effect.verdict != NOT_YET
    ]
    count = {name: sum(effect.verdict == name for effect in due) for name in VERDICTS}
    return EffectSummary(
        wave=wave.code,
        due=len(due),
        improved=count[IMPROVED],
        no_clear_change=count[NO_CLEAR_CHANGE],
        worse=count[WORSE],
        not_judged=len(due) - sum(count.values()),
    )


def summary_sentence(summary: EffectSummary) -> str:
    if not summary.due:
        return t("tasks.effect.summary_none", wave=summary.wave)
    return t(
        "tasks.effect.summary",
        due=summary.due,
        wave=summary.wave,
        improved=summary.improved,
        same=summary.no_clear_change,
        worse=summary.worse,
        not_judged=summary.not_judged,
    )


def verdict_label(name: str) -> str:
    return t(f"tasks.effect.verdict.{name}")
