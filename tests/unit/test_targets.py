"""Which target applies: the most specific wins, retired targets keep old waves, wave ranges,
"trên" against "từ … trở lên", rank targets' scope."""

from __future__ import annotations

import datetime as dt

from sipas.targets.rules import (
    GT,
    GTE,
    RANK_TOP,
    RankTarget,
    ThresholdTarget,
    applicable_rank,
    applicable_threshold,
    threshold_symbol,
    threshold_text,
)

NQ76 = "Nghị quyết 76/NQ-CP"
KH95 = "Kế hoạch 95/KH-UBND Ninh Sơn"
REGISTRY = [
    ThresholdTarget(90, NQ76, 2021, 2025, id=1),
    ThresholdTarget(85, NQ76, 2021, 2025, field="dat_dai", id=2),
    ThresholdTarget(90, KH95, 2024, 2024, unit="ninh-son", comparison=GT, id=3),
    ThresholdTarget(85, KH95, 2024, 2024, unit="ninh-son", field="dat_dai", id=4),
]


def test_the_unit_and_field_target_beats_every_broader_one() -> None:
    applied = applicable_threshold(REGISTRY, year=2024, unit="ninh-son", field="dat_dai")
    assert applied is not None
    assert (applied.target.id, applied.value, applied.source) == (4, 85, KH95)
    assert {t.id for t in applied.overridden} == {1, 2, 3}
    assert "đơn vị này, lĩnh vực này" in applied.reason
    assert "Có 4 mục tiêu cùng áp dụng" in applied.reason


def test_a_unit_target_beats_a_field_target_and_other_units_keep_the_national_ones() -> None:
    own = applicable_threshold(REGISTRY, year=2024, unit="ninh-son", field="tu_phap")
    assert own is not None and own.target.id == 3 and own.comparison == GT
    other = applicable_threshold(REGISTRY, year=2024, unit="bac-ai", field="dat_dai")
    assert other is not None and other.target.id == 2
    overall = applicable_threshold(REGISTRY, year=2024, unit="bac-ai")
    assert overall is not None and overall.target.id == 1
    assert overall.reason == "Mục tiêu chung cho mọi đơn vị, lĩnh vực."
    # the plan is for 2024 only: in 2023 Ninh Sơn is judged against NQ 76
    earlier = applicable_threshold(REGISTRY, year=2023, unit="ninh-son")
    assert earlier is not None and earlier.target.id == 1
    assert applicable_threshold(REGISTRY, year=2026, unit="ninh-son") is None


def test_with_the_same_scope_the_narrower_period_then_the_newer_target_wins() -> None:
    targets = [
        ThresholdTarget(90, NQ76, 2021, 2025, id=1),
        ThresholdTarget(92, "KH tỉnh 2024", 2024, 2024, id=2),
        ThresholdTarget(93, "KH tỉnh 2024 (bổ sung)", 2024, 2024, id=3),
    ]
    applied = applicable_threshold(targets, year=2024)
    assert applied is not None and applied.value == 93
    assert applicable_threshold(targets, year=2023).value == 90  # type: ignore[union-attr]


def test_a_retired_target_still_applies_to_waves_surveyed_before_it_was_retired() -> None:
    retired = ThresholdTarget(
        88, "KH cũ", 2023, 2025, unit="ninh-son", retired_from=dt.date(2025, 3, 15), id=7
    )
    targets = [*REGISTRY, retired]
    old = applicable_threshold(targets, year=2024, unit="bac-ai", on=dt.date(2024, 10, 31))
    assert old is not None and old.target.id == 1  # another unit: untouched
    old_wave = applicable_threshold(targets, year=2023, unit="ninh-son", on=dt.date(2023, 10, 31))
    assert old_wave is not None and old_wave.target.id == 7 and old_wave.value == 88
    early_2025 = applicable_threshold(targets, year=2025, unit="ninh-son", on=dt.date(2025, 2, 28))
    assert early_2025 is not None and early_2025.target.id == 7
    late_2025 = applicable_threshold(targets, year=2025, unit="ninh-son", on=dt.date(2025, 10, 31))
    assert late_2025 is not None and late_2025.target.id == 1
    # without a survey date, a year counts up to 31/12
    assert applicable_threshold(targets, year=2025, unit="ninh-son").target.id == 1  # type: ignore[union-attr]


def test_a_wave_range_covers_only_its_waves() -> None:
    quarterly = ThresholdTarget(
        91, "KH quý", 2024, 2024, waves=frozenset({"2024-Q1", "2024-Q2"}), id=9
    )
    targets = [ThresholdTarget(90, NQ76, 2021, 2025, id=1), quarterly]
    assert applicable_threshold(targets, year=2024, wave="2024-Q2").value == 91  # type: ignore[union-attr]
    assert applicable_threshold(targets, year=2024, wave="2024-Q3").value == 90  # type: ignore[union-attr]
    # a caller that only knows the year falls back to the years the range spans
    assert applicable_threshold(targets, year=2024).value == 91  # type: ignore[union-attr]


def test_above_and_at_least_are_compared_at_two_decimals() -> None:
    above = ThresholdTarget(90, KH95, 2024, 2024, comparison=GT)
    at_least = ThresholdTarget(90, NQ76, 2024, 2024, comparison=GTE)
    assert not above.meets(90.0)
    assert not above.meets(90.004)  # published as 90,00%: not above 90%
    assert above.meets(90.01)
    assert at_least.meets(90.0) and at_least.meets(89.996)  # 89,996 is published as 90,00%
    assert not at_least.meets(89.99)
    assert threshold_text(90, GT) == "trên 90%" and threshold_text(92.5, GTE) == "92,5%"
    assert threshold_symbol(90, GT) == "> 90%" and threshold_symbol(85, GTE) == "≥ 85%"


def test_rank_targets_cover_the_overall_ranking_of_their_level_and_parent() -> None:
    top3 = RankTarget(
        RANK_TOP, 3, KH95, 2024, 2024, unit="ninh-son", level="district", parent="ninh-thuan", id=20
    )
    every = RankTarget(RANK_TOP, 5, "KH tỉnh", 2024, 2024, level="district", id=21)
    ranks = [top3, every]
    own = applicable_rank(ranks, year=2024, unit="ninh-son", level="district", parent="ninh-thuan")
    assert own is not None and own.target.n == 3 and len(own.overridden) == 1
    other = applicable_rank(ranks, year=2024, unit="bac-ai", level="district", parent="ninh-thuan")
    assert other is not None and other.target.n == 5
    # a rank target without a field is about the overall ranking, not each field's
    assert (
        applicable_rank(ranks, year=2024, unit="bac-ai", level="district", field="dat_dai") is None
    )
    assert applicable_rank(ranks, year=2024, unit="x-a", level="commune") is None
