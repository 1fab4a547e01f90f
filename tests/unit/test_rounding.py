"""One rounding rule wherever a number is shown or compared: halves away from zero, as published
tables and Excel round (60,625 → 60,63), not Python's half-to-even (60,62)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.core.formatting import format_percent, format_points, round_half, round_half_array
from sipas.gaps.ranks import rank_position
from sipas.gaps.thresholds import is_met, threshold_gap
from sipas.method.indices import compute_indices
from sipas.method.ranking import competition_rank
from sipas.reference.questionnaires import get_method
from sipas.targets.rules import GTE, ThresholdTarget


def test_exact_halves_go_away_from_zero() -> None:
    assert round(60.625, 2) == 60.62  # what Python does, and what the product must not do
    assert round_half(60.625) == 60.63
    assert round_half(-60.625) == -60.63
    assert round_half(0.125, 2) == 0.13
    assert round_half(87.25, 1) == 87.3
    assert round_half(1.005) == 1.01  # 1.005 is 1.00499999999999989… as a float


def test_float_noise_below_a_half_does_not_round_up_by_accident() -> None:
    assert round_half(60.6249) == 60.62
    assert round_half(60.62) == 60.62
    assert math.isnan(round_half(math.nan))


def test_a_series_is_rounded_the_same_way_and_keeps_missing_values() -> None:
    rounded = round_half_array(pd.Series([60.625, None, -2.675, -0.001], index=list("abcd")))
    assert rounded["a"] == 60.63 and rounded["c"] == -2.68
    assert math.isnan(rounded["b"])
    assert str(rounded["d"]) == "0.0"  # no "−0,00"


def test_an_index_of_97_satisfied_of_160_is_shown_as_60_63() -> None:
    # 97 answers 4 and 63 answers 1 on every item of QĐ 2640: every item is 97/160 = 60,625%,
    # which floats compute as 60,62499999999999.
    method = get_method("qd2640")
    counts = pd.DataFrame(
        [("u", item, 63, 0, 0, 97, 0) for item in method.item_codes],
        columns=[s.UNIT, s.ITEM, *s.COUNT_COLUMNS],
    )
    value = float(compute_indices(counts, method, by=[s.UNIT])[s.SIPAS].iloc[0])
    assert value == pytest.approx(60.625)
    assert format_percent(value) == "60,63%"
    assert format_points(-value) == "−60,63 điểm %"


def test_a_half_meets_the_target_it_rounds_to() -> None:
    assert is_met(60.625, 60.63, GTE)
    assert not is_met(60.6249, 60.63, GTE)
    assert ThresholdTarget(60.63, "KH", 2024, 2024).meets(60.625)
    assert threshold_gap(97 / 160 * 100, 160, 60.63, GTE).met


def test_ranks_tie_values_that_round_to_the_same_two_decimals() -> None:
    values = pd.Series({"a": 60.625, "b": 60.63, "c": 60.62})
    ranks = competition_rank(values)
    assert list(ranks) == [1, 1, 3]


def test_points_to_the_nth_place_are_rounded_half_up() -> None:
    # Third place 80,625 → 80,63; the unit at 78,50 needs 2,13 points (half-to-even gave 2,12).
    values = pd.Series({"a": 90.0, "b": 85.0, "c": 80.625, "d": 78.5})
    position = rank_position(values, "d", 3)
    assert position.nth_value == 80.63
    assert position.points_needed == 2.13
