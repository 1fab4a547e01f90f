"""Rank targets: where a unit stands, what it takes to enter the top N, how safe a place is.

Ranks are competition ranks on values rounded to 2 decimals (1, 2, 2, 4), as published; a
unit is within the top N when its rank is N or better, so a tie at the N-th place is inside.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core.formatting import round_half, round_half_array
from sipas.method.ranking import competition_rank
from sipas.method.stats import Z95
from sipas.targets.rules import DECIMALS

DRAWS = 10_000
SEED = 20240227


@dataclass(frozen=True)
class RankPosition:
    """A unit's place against a required rank (N of "top N").

    rank/of: competition rank among the units with a value (rank None without a value);
    nth_value: the value at the N-th place (None when fewer than N units are ranked);
    nth_units: the units holding the N-th place; points_needed: percentage points to reach
    the N-th place when outside (0 inside); margin: lead over the best unit outside when
    inside (None when nobody is outside); first_outside: the units holding that place."""

    unit: str
    rank: int | None
    of: int
    required: int
    inside: bool | None
    nth_value: float | None
    nth_units: tuple[str, ...]
    points_needed: float | None
    margin: float | None
    first_outside: tuple[str, ...]
    nth_exact: float | None = None
    outside_exact: float | None = None


def rank_position(values: pd.Series, unit: str, required: int) -> RankPosition:
    """The place of `unit` among `values` (percent, indexed by unit; NaN: not ranked)
    against the top `required`."""
    exact = values.dropna().astype(float)
    ranked = round_half_array(exact, DECIMALS)
    ranks = competition_rank(ranked)
    of = len(ranked)
    if unit not in ranked.index:
        return RankPosition(unit, None, of, required, None, None, (), None, None, ())
    ordered = ranked.sort_values(ascending=False, kind="stable")
    nth_value = float(ordered.iloc[required - 1]) if of >= required else None
    nth_units = tuple(ordered.index[ordered == nth_value]) if nth_value is not None else ()
    nth_exact = float(exact[list(nth_units)].max()) if nth_units else None
    rank = int(ranks[unit])
    inside = rank <= required
    own = float(ranked[unit])
    if not inside:
        assert nth_value is not None  # a unit outside the top N implies N units ahead
        points = round_half(nth_value - own, DECIMALS)
        return RankPosition(
            unit, rank, of, required, False, nth_value, nth_units, points, None, (), nth_exact
        )
    outside = ranked[ranks > required]
    if outside.empty:
        return RankPosition(
            unit, rank, of, required, True, nth_value, nth_units, 0.0, None, (), nth_exact
        )
    best_outside = float(outside.max())
    first_outside = tuple(outside.index[outside == best_outside])
    margin = round_half(own - best_outside, DECIMALS)
    outside_exact = float(exact[list(first_outside)].max())
    return RankPosition(
        unit,
        rank,
        of,
        required,
        True,
        nth_value,
        nth_units,
        0.0,
        margin,
        first_outside,
        nth_exact,
        outside_exact,
    )


def standard_errors(low: pd.Series, high: pd.Series) -> pd.Series:
    """Sampling standard errors (points) from 95% Wilson intervals: width / (2 × 1,96)."""
    return (high.astype(float) - low.astype(float)) / (2 * Z95)


def rank_draws(
    values: pd.Series, errors: pd.Series, draws: int = DRAWS, seed: int = SEED
) -> pd.DataFrame:
    """Simulated ranks: `draws` rows, one column per unit. Each draw takes every unit's value
    from a normal distribution around its measured value (percent) with its standard error
    (points) and ranks the units again. Units without a value or error are left out."""
    known = values.notna() & errors.notna()
    centres = values[known].astype(float).to_numpy()
    spreads = errors[known].astype(float).to_numpy()
    generator = np.random.default_rng(seed)
    simulated = generator.normal(centres, spreads, size=(draws, len(centres)))
    # Rank 1 for the largest value of each draw (continuous draws: ties have no weight).
    order = np.argsort(-simulated, axis=1, kind="stable")
    ranks = np.empty_like(order)
    rows = np.arange(draws)[:, None]
    ranks[rows, order] = np.arange(1, len(centres) + 1)
    return pd.DataFrame(ranks, columns=values.index[known])
