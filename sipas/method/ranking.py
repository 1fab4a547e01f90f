"""Ranking units the way reports do: "xếp thứ 4/7", ties share a place (1, 2, 2, 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.core.formatting import round_half_array
from sipas.core.schema import OF, PREVIOUS_RANK, RANK, RANK_CHANGE, SMALL_SAMPLE, TIED
from sipas.method.stats import Z95


def competition_rank(values: pd.Series) -> pd.Series:
    """Rank 1 for the highest value; equal values share the better rank, the next rank skips
    (1, 2, 2, 4). Values are compared after rounding to 2 decimals, as published. Missing
    values get no rank."""
    rounded = round_half_array(values.astype(float))
    return rounded.rank(method="min", ascending=False).astype("Int64")


def rank_table(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """`frame` sorted best first with RANK (competition rank of `value`) and OF (units ranked)."""
    ranked = frame.assign(**{RANK: competition_rank(frame[value])})
    ranked[OF] = int(ranked[RANK].notna().sum())
    return ranked.sort_values([RANK, value], ascending=[True, False], na_position="last")


def rank_units(
    values: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    value: str = "value",
    unit: str = "unit",
    low: str = "low",
    high: str = "high",
    n: str = "n",
    small_n: int = 30,
) -> pd.DataFrame:
    """Units best first with RANK, OF, PREVIOUS_RANK and RANK_CHANGE (places gained, positive
    is better; missing for units not ranked before), TIED ("chưa phân biệt được": the test of
    its difference with the unit ranked just above, with both standard errors, cannot tell
    them apart at 95%, or they share a place) and
    SMALL_SAMPLE (fewer than `small_n` valid answers).

    `previous` has the unit and value columns of the previous wave's peers.
    """
    ranked = rank_table(values, value).reset_index(drop=True)
    ranked[PREVIOUS_RANK] = _previous_ranks(ranked[unit], previous, unit, value)
    ranked[RANK_CHANGE] = (ranked[PREVIOUS_RANK] - ranked[RANK]).astype("Int64")
    ranked[TIED] = _not_distinguished(ranked, value, low, high)
    ranked[SMALL_SAMPLE] = ranked[n].fillna(0).astype(float) < small_n
    return ranked


def _previous_ranks(
    units: pd.Series, previous: pd.DataFrame | None, unit: str, value: str
) -> pd.Series:
    if previous is None or previous.empty:
        return pd.Series(pd.NA, index=units.index, dtype="Int64")
    before = previous.assign(_rank=competition_rank(previous[value]))
    return units.map(dict(zip(before[unit], before["_rank"], strict=True))).astype("Int64")


def _not_distinguished(ranked: pd.DataFrame, value: str, low: str, high: str) -> pd.Series:
    """Each unit against the one ranked just above: |difference| < 1,96 × √(se₁² + se₂²),
    each se read off its own 95% interval (half-width / 1,96); a shared place is a tie too.
    Two intervals that merely overlap can still differ significantly."""
    values = ranked[value].astype(float)
    errors = (ranked[high].astype(float) - ranked[low].astype(float)) / (2 * Z95)
    difference = (values.shift(1) - values).abs()
    combined = np.sqrt(errors.shift(1) ** 2 + errors**2)
    tied = (difference < Z95 * combined).fillna(False)
    shared = ranked[RANK].eq(ranked[RANK].shift(1)).fillna(False)
    result: pd.Series = (tied | shared).astype(bool)
    return result
