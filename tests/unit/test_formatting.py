"""Vietnamese number and date formats."""

from __future__ import annotations

import datetime as dt
import math

from sipas.core.formatting import (
    format_date,
    format_int,
    format_interval,
    format_millions,
    format_number,
    format_percent,
    format_points,
    format_rank,
)


def test_percent_uses_a_decimal_comma() -> None:
    assert format_percent(85.478) == "85,48%"
    assert format_percent(90, 0) == "90%"
    assert format_percent(None) == "–"
    assert format_percent(math.nan) == "–"


def test_thousands_are_separated_by_dots() -> None:
    assert format_int(36525) == "36.525"
    assert format_number(1234567.891, 1) == "1.234.567,9"


def test_millions_keep_three_significant_digits() -> None:
    assert format_millions(1_750_000) == "1,75"
    assert format_millions(12_345_678) == "12,3"
    assert format_millions(123_456_789) == "123"
    assert format_millions(None) == "–"


def test_points_are_signed() -> None:
    assert format_points(3.4712) == "+3,47 điểm %"
    assert format_points(-1.2) == "−1,20 điểm %"
    assert format_points(0) == "±0,00 điểm %"


def test_interval_rank_and_date() -> None:
    assert format_interval(83.12, 87.44) == "83,1–87,4%"
    assert format_rank(4, 7) == "4/7"
    assert format_date(dt.date(2024, 2, 27)) == "27/02/2024"
