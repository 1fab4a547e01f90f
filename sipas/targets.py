"""Threshold targets (share of satisfied citizens, percent 0–100) and which one applies.

The defaults come from data/targets.yaml with their sources. `applicable_threshold` is the one
question every page asks: which target applies to this number, and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.config import DATA_DIR
from sipas.i18n import t

TARGETS_FILE = DATA_DIR / "targets.yaml"
SIPAS_MEASURE = "sipas"


@dataclass(frozen=True)
class ThresholdTarget:
    """At least `value` % for `measure` (SIPAS, an element or an item code) in the years
    `first_year`–`last_year`; None in unit, field or level means "all"."""

    value: float
    source: str
    first_year: int
    last_year: int
    measure: str = SIPAS_MEASURE
    unit: str | None = None
    field: str | None = None
    level: str | None = None

    def covers(
        self, year: int, measure: str, unit: str | None, field: str | None, level: str | None
    ) -> bool:
        return (
            self.first_year <= year <= self.last_year
            and self.measure == measure
            and self.unit in (None, unit)
            and self.field in (None, field)
            and self.level in (None, level)
        )

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Unit beats field beats level: the most specific target wins."""
        return (self.unit is not None, self.field is not None, self.level is not None)


@dataclass(frozen=True)
class AppliedTarget:
    """The target that applies to a number, and a Vietnamese sentence saying why."""

    value: float
    source: str
    reason: str
    target: ThresholdTarget


@cache
def default_targets(path: Path = TARGETS_FILE) -> tuple[ThresholdTarget, ...]:
    """The default thresholds of data/targets.yaml, one per field exception plus the overall."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    targets: list[ThresholdTarget] = []
    for entry in raw["thresholds"]:
        years = int(entry["years"][0]), int(entry["years"][1])
        targets.append(ThresholdTarget(float(entry["overall"]), entry["source"], *years))
        targets += [
            ThresholdTarget(float(value), entry["source"], *years, field=field)
            for field, value in (entry.get("fields") or {}).items()
        ]
    return tuple(targets)


def applicable_threshold(
    targets: Sequence[ThresholdTarget],
    *,
    year: int,
    measure: str = SIPAS_MEASURE,
    unit: str | None = None,
    field: str | None = None,
    level: str | None = None,
) -> AppliedTarget | None:
    """The most specific target covering this number; None when no target covers it."""
    covering = [t for t in targets if t.covers(year, measure, unit, field, level)]
    if not covering:
        return None
    best = max(covering, key=lambda target: target.specificity)
    return AppliedTarget(best.value, best.source, _reason(best, len(covering)), best)


def _reason(target: ThresholdTarget, candidates: int) -> str:
    scope = (
        "unit" if target.unit else "field" if target.field else "level" if target.level else "all"
    )
    reason = t(f"targets.reason_{scope}")
    if candidates > 1:
        reason += " " + t("targets.reason_most_specific", count=candidates)
    return reason


def threshold_value(year: int, field: str | None = None) -> float | None:
    """The default SIPAS target (%) for `year`, for one field when given; None when none."""
    applied = applicable_threshold(default_targets(), year=year, field=field)
    return applied.value if applied else None
