"""Threshold gaps: how far a value is from its target, in percentage points and in people.

People: each respondent who turns from not satisfied to satisfied raises an index measured on
n questionnaires by 100/n points, so the number needed is the gap × n / 100, rounded up (for a
target "trên X%" one more when that lands exactly on X). For an index of several items this
counts people satisfied on every item: a fair, simple reading of "what it takes".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sipas.targets import judging
from sipas.targets.rules import GT

# Float noise allowance when a count lands exactly on a whole number.
_EPSILON = 1e-9


@dataclass(frozen=True)
class ThresholdGap:
    """`gap_pp`: target − value in percentage points (≤ 0 once met: the surplus);
    `people`: satisfied respondents still needed at the current n (0 once met)."""

    met: bool
    gap_pp: float
    people: int
    status: str | None


def is_met(value: float, target: float, comparison: str) -> bool:
    """Whether `value` (percent) reaches `target` (percent), compared at 2 decimals as
    published: "trên 90%" needs more than 90,00; "90%" needs 90,00 or more."""
    return judging.meets(value, target, comparison)


def people_needed(value: float, n: int, target: float, comparison: str) -> int:
    """How many more satisfied respondents among the current `n` reach the target
    (0 when it is met). Raises ValueError when n is not positive."""
    if n <= 0:
        raise ValueError("n must be positive")
    if is_met(value, target, comparison):
        return 0
    exact = (target - value) * n / 100
    if comparison == GT:
        return max(1, math.floor(exact + _EPSILON) + 1)
    return max(1, math.ceil(exact - _EPSILON))


def threshold_gap(value: float, n: int, target: float, comparison: str) -> ThresholdGap:
    """The gap of `value` (percent, measured on `n` questionnaires or answers) to `target`."""
    met = is_met(value, target, comparison)
    gap = target - value
    people = people_needed(value, n, target, comparison) if n > 0 else 0
    return ThresholdGap(met, gap, people, judging.status_against(value, target, comparison))
