"""Rank targets: place, the N-th place, points to enter or lead, and the probability of being
in the top N, on cases worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sipas.gaps.ranks import rank_draws, rank_position, standard_errors
from sipas.method.stats import Z95, wilson_interval

DISTRICTS = pd.Series(
    {
        "phan-rang": 92.5385,
        "ninh-phuoc": 89.3680,
        "ninh-hai": 88.0526,
        "ninh-son": 87.2216,
        "thuan-nam": 85.5057,
        "thuan-bac": 82.9595,
        "bac-ai": 79.4655,
    }
)


def test_outside_the_top_n_the_points_needed_reach_the_nth_place() -> None:
    position = rank_position(DISTRICTS, "ninh-son", 3)
    assert (position.rank, position.of, position.inside) == (4, 7, False)
    assert position.nth_value == 88.05 and position.nth_units == ("ninh-hai",)
    assert position.points_needed == pytest.approx(88.05 - 87.22)  # 0,83 on published values
    assert position.nth_exact == pytest.approx(88.0526)
    assert position.margin is None


def test_inside_the_top_n_the_margin_is_over_the_first_unit_outside() -> None:
    position = rank_position(DISTRICTS, "ninh-hai", 3)
    assert (position.rank, position.inside, position.points_needed) == (3, True, 0.0)
    assert position.margin == pytest.approx(0.83) and position.first_outside == ("ninh-son",)
    assert position.outside_exact == pytest.approx(87.2216)


def test_a_tie_at_the_nth_place_puts_both_units_inside() -> None:
    values = pd.Series({"a": 90.0, "b": 88.0, "c": 87.0, "d": 87.004, "e": 85.0})
    # c and d are both 87,00 when published: ranks 1, 2, 3, 3, 5
    for unit in ("c", "d"):
        position = rank_position(values, unit, 3)
        assert position.rank == 3 and position.inside
        assert position.margin == pytest.approx(2.0) and position.first_outside == ("e",)
    behind = rank_position(values, "e", 3)
    assert behind.rank == 5 and behind.nth_units == ("c", "d")
    assert behind.points_needed == pytest.approx(2.0)  # to tie at 87,00 is to be inside


def test_with_fewer_units_than_n_everyone_is_inside_and_nobody_is_outside() -> None:
    values = pd.Series({"a": 80.0, "b": 70.0})
    position = rank_position(values, "b", 3)
    assert (position.rank, position.of, position.inside) == (2, 2, True)
    assert position.nth_value is None and position.margin is None
    assert position.points_needed == 0.0


def test_a_unit_without_data_has_no_place_and_is_not_counted() -> None:
    values = pd.Series({"a": 90.0, "b": float("nan"), "c": 80.0})
    assert rank_position(values, "b", 1).rank is None
    assert rank_position(values, "b", 1).of == 2
    assert rank_position(values, "c", 1).rank == 2


def test_two_equal_units_each_lead_half_of_the_time() -> None:
    values = pd.Series({"a": 85.0, "b": 85.0})
    draws = rank_draws(values, pd.Series({"a": 1.6, "b": 1.6}))
    # 10 000 draws: standard error of a share of 0,5 is 0,005
    assert (draws["a"] == 1).mean() == pytest.approx(0.5, abs=0.02)
    assert ((draws["a"] == 1) ^ (draws["b"] == 1)).all()


def test_three_equal_units_are_in_the_top_two_two_thirds_of_the_time() -> None:
    values = pd.Series({"a": 85.0, "b": 85.0, "c": 85.0})
    draws = rank_draws(values, pd.Series(1.0, index=values.index))
    assert (draws <= 2).mean().tolist() == pytest.approx([2 / 3] * 3, abs=0.02)


def test_two_unequal_units_match_the_normal_distribution() -> None:
    # P(A > B) = Φ((85 − 83) / √(1,5² + 1,5²)) = Φ(0,9428) = 0,8271
    values = pd.Series({"a": 85.0, "b": 83.0, "c": None})
    draws = rank_draws(values, pd.Series({"a": 1.5, "b": 1.5, "c": 1.5}))
    expected = 0.5 * (1 + math.erf(2 / math.sqrt(2 * 1.5**2) / math.sqrt(2)))
    assert (draws["a"] == 1).mean() == pytest.approx(expected, abs=0.015)
    assert list(draws.columns) == ["a", "b"]  # no value: not drawn


def test_the_simulation_is_seeded() -> None:
    errors = pd.Series(2.0, index=DISTRICTS.index)
    first = rank_draws(DISTRICTS, errors, draws=500, seed=7)
    assert first.equals(rank_draws(DISTRICTS, errors, draws=500, seed=7))
    assert not first.equals(rank_draws(DISTRICTS, errors, draws=500, seed=8))
    assert sorted(first.iloc[0]) == list(range(1, 8))


def test_standard_errors_come_from_the_wilson_interval() -> None:
    low, high = wilson_interval(0.85, 500)
    error = standard_errors(pd.Series([100 * low]), pd.Series([100 * high]))[0]
    # close to the binomial 100 × √(0,85 × 0,15 / 500) = 1,597 at this n
    assert error == pytest.approx(100 * (high - low) / (2 * Z95))
    assert error == pytest.approx(1.597, abs=0.01)
