"""Targets and which one applies: thresholds (share of satisfied citizens, percent 0–100) and
rank targets (top N at a level, or gain K places over the previous wave).

`applicable_threshold` and `applicable_rank` answer the question every page asks: which target
applies to this number, and why. When several cover it, the most specific wins: a target for
the unit beats one for the field, then one within a parent unit, then one for a level, then the
narrower period, then the newer target. The registry (sipas.target_registry) stores targets in
the database; data/targets.yaml holds the defaults it is seeded with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Protocol

from sipas.core import schema as s
from sipas.core.formatting import format_number, round_half
from sipas.core.i18n import t

GTE = "gte"  # "≥ 90%", "đạt 90% trở lên"
GT = "gt"  # "> 90%", "trên 90%"
COMPARISONS = (GTE, GT)
THRESHOLD = "threshold"
RANK_TOP = "rank_top"  # within the top N of the units at a level
RANK_GAIN = "rank_gain"  # K places better than in the previous wave
KINDS = (THRESHOLD, RANK_TOP, RANK_GAIN)
# Values are compared as published: rounded to 2 decimals (the same rule as rankings).
DECIMALS = 2


@dataclass(frozen=True)
class ThresholdTarget:
    """At least `value` % (or more than, with comparison GT) for `measure` (SIPAS, a pillar,
    element or item code) in the years `first_year`–`last_year`; None in unit, field, level
    or parent means "all"."""

    value: float
    source: str
    first_year: int
    last_year: int
    measure: str = s.SIPAS
    unit: str | None = None
    field: str | None = None
    level: str | None = None
    _: KW_ONLY
    comparison: str = GTE
    parent: str | None = None
    # A wave range, resolved to the codes of the waves it spans; None: the years decide.
    waves: frozenset[str] | None = None
    retired_from: dt.date | None = None
    id: int | None = None
    note: str = ""

    def covers(
        self,
        year: int,
        measure: str,
        unit: str | None,
        field: str | None,
        level: str | None,
        parent: str | None = None,
        wave: str | None = None,
        on: dt.date | None = None,
    ) -> bool:
        """Whether this target applies to a number of `year` (wave `wave`, surveyed up to `on`)
        for this measure and scope. A field of None covers every field."""
        return (
            _in_period(self, year, wave, on)
            and self.measure == measure
            and self.field in (None, field)
            and _in_scope(self, unit, level, parent)
        )

    def meets(self, value: float) -> bool:
        """Whether `value` (percent) reaches the target, compared at 2 decimals."""
        rounded = round_half(float(value), DECIMALS)
        return rounded > self.value if self.comparison == GT else rounded >= self.value


@dataclass(frozen=True)
class RankTarget:
    """A place in the ranking of the units at `level` (optionally within `parent`):
    within the top `n` (RANK_TOP), or `n` places better than in the previous wave (RANK_GAIN).
    None in unit means every unit of the level. A field of None means the overall ranking
    (not each field's), unlike thresholds."""

    kind: str
    n: int
    source: str
    first_year: int
    last_year: int
    measure: str = s.SIPAS
    unit: str | None = None
    field: str | None = None
    level: str | None = None
    _: KW_ONLY
    parent: str | None = None
    waves: frozenset[str] | None = None
    retired_from: dt.date | None = None
    id: int | None = None
    note: str = ""

    def covers(
        self,
        year: int,
        measure: str,
        unit: str | None,
        field: str | None,
        level: str | None,
        parent: str | None = None,
        wave: str | None = None,
        on: dt.date | None = None,
    ) -> bool:
        return (
            _in_period(self, year, wave, on)
            and self.measure == measure
            and self.field == field
            and _in_scope(self, unit, level, parent)
        )


class _Scoped(Protocol):
    @property
    def first_year(self) -> int: ...
    @property
    def last_year(self) -> int: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def field(self) -> str | None: ...
    @property
    def level(self) -> str | None: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def waves(self) -> frozenset[str] | None: ...
    @property
    def retired_from(self) -> dt.date | None: ...
    @property
    def id(self) -> int | None: ...


def _in_period(target: _Scoped, year: int, wave: str | None, on: dt.date | None) -> bool:
    """In the years (or the wave range) and not retired before the wave's survey ended."""
    if target.waves is not None and wave is not None:
        in_period = wave in target.waves
    else:
        in_period = target.first_year <= year <= target.last_year
    reference = on or dt.date(year, 12, 31)
    return in_period and (target.retired_from is None or reference < target.retired_from)


def _in_scope(target: _Scoped, unit: str | None, level: str | None, parent: str | None) -> bool:
    return (
        target.unit in (None, unit)
        and target.level in (None, level)
        and target.parent in (None, parent)
    )


def _specificity(target: _Scoped) -> tuple[int, ...]:
    """Unit, then field, then parent, then level, then a narrower period, a wave range over
    years, and the newer target: the largest tuple wins."""
    return (
        target.unit is not None,
        target.field is not None,
        target.parent is not None,
        target.level is not None,
        -(target.last_year - target.first_year),
        target.waves is not None,
        target.id or 0,
    )


@dataclass(frozen=True)
class AppliedTarget:
    """The threshold that applies to a number, and a Vietnamese sentence saying why;
    `overridden` lists the other targets that also covered it."""

    value: float
    source: str
    reason: str
    target: ThresholdTarget
    overridden: tuple[ThresholdTarget, ...] = ()

    @property
    def comparison(self) -> str:
        return self.target.comparison


@dataclass(frozen=True)
class AppliedRankTarget:
    """The rank target that applies to a unit's place, with the reason and the ones it beat."""

    target: RankTarget
    reason: str
    overridden: tuple[RankTarget, ...] = ()


def applicable_threshold(
    targets: Sequence[ThresholdTarget],
    *,
    year: int,
    measure: str = s.SIPAS,
    unit: str | None = None,
    field: str | None = None,
    level: str | None = None,
    parent: str | None = None,
    wave: str | None = None,
    on: dt.date | None = None,
) -> AppliedTarget | None:
    """The most specific threshold covering this number; None when none covers it.

    `on` is the last survey day of the wave (default 31/12 of `year`): a target retired
    after that day still applies, so past reports keep the target of their time."""
    covering = [
        target
        for target in targets
        if target.covers(year, measure, unit, field, level, parent, wave, on)
    ]
    if not covering:
        return None
    best = max(covering, key=_specificity)
    others = tuple(target for target in covering if target is not best)
    return AppliedTarget(best.value, best.source, _reason(best, others), best, others)


def applicable_rank(
    targets: Sequence[RankTarget],
    *,
    year: int,
    unit: str,
    level: str | None,
    measure: str = s.SIPAS,
    field: str | None = None,
    parent: str | None = None,
    wave: str | None = None,
    on: dt.date | None = None,
) -> AppliedRankTarget | None:
    """The most specific rank target for this unit's place; None when none covers it."""
    covering = [
        target
        for target in targets
        if target.covers(year, measure, unit, field, level, parent, wave, on)
    ]
    if not covering:
        return None
    best = max(covering, key=_specificity)
    others = tuple(target for target in covering if target is not best)
    return AppliedRankTarget(best, _reason(best, others), others)


def _reason(target: _Scoped, others: Sequence[ThresholdTarget | RankTarget]) -> str:
    parts = [
        t(f"targets.scope_{name}")
        for name, value in (
            ("unit", target.unit),
            ("field", target.field),
            ("parent", target.parent),
            ("level", target.level),
        )
        if value is not None
    ]
    reason = (
        t("targets.reason_scoped", parts=", ".join(parts)) if parts else t("targets.reason_all")
    )
    if others:
        reason += " " + t("targets.reason_most_specific", count=len(others) + 1)
    return reason


def threshold_text(value: float, comparison: str, digits: int = 0) -> str:
    """The threshold the way plans write it: "trên 90%" (GT) or "90%" (GTE)."""
    number = f"{format_number(value, _digits(value, digits))}%"
    return t("targets.above", value=number) if comparison == GT else number


def threshold_symbol(value: float, comparison: str) -> str:
    """The threshold as a short symbol: "> 90%", "≥ 85%"."""
    number = f"{format_number(value, _digits(value, 0))}%"
    return f"{'>' if comparison == GT else '≥'} {number}"


def _digits(value: float, digits: int) -> int:
    """Enough decimals to write a target exactly: 90 → "90", 92.5 → "92,5"."""
    for candidate in range(digits, 3):
        if abs(round(value, candidate) - value) < 1e-9:
            return candidate
    return 2
