"""Where a page's ranking axis starts: near the values when they all lie high."""

from __future__ import annotations

import pandas as pd

from sipas.core.schema import LOW, VALUE

# A page's ranking whose values all lie high (84–92%) starts its axis near them, so that
# the differences show; the start is a multiple of 10 at least 5 points below the lowest
# value, interval end or target, and the axis stays from 0 when that would be below 50%.
AXIS_MARGIN, AXIS_STEP, AXIS_LOWEST_START = 5, 10, 50


def axis_start(data: pd.DataFrame, target: float | None, intervals: bool) -> int:
    """Where the value axis of a page's ranking chart starts (0 or a multiple of 10)."""
    values = list(data[VALUE].dropna().astype(float))
    if intervals and LOW in data:
        values += list(data[LOW].dropna().astype(float))
    if "target" in data:
        values += list(data["target"].dropna().astype(float))
    if target is not None:
        values.append(float(target))
    if not values:
        return 0
    start = int((min(values) - AXIS_MARGIN) // AXIS_STEP * AXIS_STEP)
    return start if start >= AXIS_LOWEST_START else 0


def axis_ticks(start: int) -> list[int]:
    """Ticks from `start` to 100: every 5 points on a short axis, else every 10."""
    return list(range(start, 101, 5 if 100 - start <= 40 else 10))
