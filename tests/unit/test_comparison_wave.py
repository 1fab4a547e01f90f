"""Which wave a view compares with: the latest earlier official wave, never a follow-up, pilot
or partial one; a change of method is allowed and said."""

from __future__ import annotations

from dataclasses import replace

from sipas.method.waves import comparison_choices, comparison_wave, method_changed
from tests.support.builders import wave


def test_the_latest_earlier_official_wave_is_the_baseline() -> None:
    waves = [
        wave("2022", wave_id=1),
        wave("2023", wave_id=2),
        replace(wave("2023-bo-sung", year=2023, wave_id=3), survey_type="supplementary"),
        replace(wave("2024-thi-diem", year=2024, wave_id=4), survey_type="pilot"),
        wave("2024", wave_id=5),
    ]
    assert comparison_wave(waves, "2024").code == "2023"  # type: ignore[union-attr]
    assert comparison_wave(waves, waves[2]).code == "2023"  # type: ignore[union-attr]
    assert comparison_wave(waves, "2022") is None
    # the caller's coverage check: an earlier official wave without the level is skipped
    assert comparison_wave(waves, "2024", lambda w: w.code != "2023").code == "2022"  # type: ignore[union-attr]


def test_a_change_of_method_is_allowed_and_marked() -> None:
    old, new = wave("2022", "qd2640", wave_id=1), wave("2023", "qd1001", wave_id=2)
    assert comparison_wave([old, new], new) == old
    assert method_changed(new, old) and not method_changed(new, None)


def test_a_chosen_earlier_wave_is_taken_whatever_its_type_a_later_one_is_not() -> None:
    waves = [
        wave("2022", wave_id=1),
        replace(wave("2023-thi-diem", year=2023, wave_id=2), survey_type="pilot"),
        wave("2024", wave_id=3),
    ]
    assert comparison_wave(waves, "2024", chosen="2023-thi-diem") == waves[1]
    assert comparison_wave(waves, "2024", chosen="2022") == waves[0]
    # not earlier, or unknown: the automatic previous official wave
    assert comparison_wave(waves, "2023-thi-diem", chosen="2024") == waves[0]
    assert comparison_wave(waves, "2024", chosen="2019") == waves[0]
    # the caller's coverage check applies to a chosen wave too
    assert comparison_wave(waves, "2024", lambda w: w.code != "2022", chosen="2022") is None
    assert [w.code for w in comparison_choices(waves, "2024")] == ["2023-thi-diem", "2022"]
    assert comparison_choices(waves, "2022") == []
