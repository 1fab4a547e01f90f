"""Threshold gaps in points and in people, worked out by hand."""

from __future__ import annotations

import pytest

from sipas.gaps.thresholds import is_met, people_needed, threshold_gap
from sipas.targets.rules import GT, GTE
from sipas.targets.status import BELOW, MEETS, NEAR


def test_people_needed_at_the_current_n_is_rounded_up() -> None:
    # 78,5% of 212 questionnaires against 85%: (85 − 78,5) × 212 / 100 = 13,78 → 14 people
    assert people_needed(78.5, 212, 85, GTE) == 14
    gap = threshold_gap(78.5, 212, 85, GTE)
    assert gap.gap_pp == pytest.approx(6.5) and gap.people == 14 and not gap.met


def test_for_an_item_the_count_is_exact() -> None:
    # 170 of 200 satisfied (85%): 90% needs 180, so 10 more; "trên 90%" needs 181, so 11
    assert people_needed(100 * 170 / 200, 200, 90, GTE) == 10
    assert people_needed(100 * 170 / 200, 200, 90, GT) == 11
    # 171 of 200 (85,5%): 85% met already
    assert people_needed(100 * 171 / 200, 200, 85, GTE) == 0


def test_exactly_at_an_above_target_still_needs_one_person() -> None:
    gap = threshold_gap(90.0, 200, 90, GT)
    assert (gap.met, gap.gap_pp, gap.people, gap.status) == (False, 0.0, 1, NEAR)
    assert threshold_gap(90.0, 200, 90, GTE).people == 0


def test_float_noise_does_not_add_a_person() -> None:
    # 87,3 of 90 on 1000: (90 − 87,3) × 1000 / 100 = 27 exactly (27,000000000000025 in floats)
    assert people_needed(87.3, 1000, 90, GTE) == 27
    assert people_needed(87.3, 1000, 90, GT) == 28


def test_status_bands_around_the_target() -> None:
    assert threshold_gap(92.0, 500, 90, GTE).status == MEETS
    assert threshold_gap(85.0, 500, 90, GTE).status == NEAR  # 5 points short: still near
    assert threshold_gap(84.99, 500, 90, GTE).status == BELOW
    assert threshold_gap(92.0, 500, 90, GTE).gap_pp == pytest.approx(-2.0)  # the surplus


def test_is_met_compares_published_values() -> None:
    assert is_met(89.996, 90, GTE) and not is_met(89.994, 90, GTE)
    assert not is_met(90.004, 90, GT) and is_met(90.006, 90, GT)


def test_n_must_be_positive() -> None:
    with pytest.raises(ValueError):
        people_needed(80, 0, 90, GTE)
    assert threshold_gap(80, 0, 90, GTE).people == 0
