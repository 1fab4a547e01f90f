"""The comparison wave in words: the filter bar's choices and the caption of every change."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from sipas.core import schema as s
from sipas.dashboard import trends
from sipas.dashboard.comparison import (
    AUTOMATIC,
    comparison_caption,
    comparison_options,
    method_change_text,
    trend_changes,
)
from tests.support.builders import wave

OLD = wave("2022", "qd2640", wave_id=1)
PILOT = replace(wave("2023", "qd2640", wave_id=2), survey_type="pilot")
NEW = wave("2024", "qd1001", wave_id=3)
WAVES = [OLD, PILOT, NEW]


def test_the_choices_name_the_automatic_wave_and_every_earlier_wave_with_its_type() -> None:
    assert comparison_options(WAVES, NEW) == {
        AUTOMATIC: "Tự động: đợt 2022 (chính thức)",
        "2023": "đợt 2023 (thí điểm)",
        "2022": "đợt 2022 (chính thức)",
    }
    assert comparison_options(WAVES, OLD) == {AUTOMATIC: "Tự động: không có đợt chính thức trước"}


def test_the_caption_marks_a_pilot_wave_and_a_change_of_method() -> None:
    assert comparison_caption(NEW, PILOT, "2023") == (
        "So sánh với đợt 2023 (thí điểm), theo lựa chọn trên thanh bộ lọc"
        " · đợt thí điểm — không dùng làm mốc chính thức"
        " · đổi phương pháp: QĐ 2640 → QĐ 1001"
    )
    assert comparison_caption(PILOT, OLD, "") == (
        "So sánh với đợt 2022 (chính thức), đợt chính thức gần nhất trước đợt này"
    )
    assert comparison_caption(OLD, None, "") == "Không có đợt nào trước đợt 2022 để so sánh."
    assert method_change_text(PILOT, OLD) == "" and method_change_text(NEW, None) == ""


def test_trend_changes_since_the_compared_wave_on_the_same_unit_structure() -> None:
    points = pd.DataFrame(
        {
            trends.SERIES_KEY: ["all", "all", "all", "unit:a", "unit:a"],
            trends.SERIES: ["Cả tỉnh"] * 3 + ["A"] * 2,
            trends.WAVE: ["2022", "2023", "2024", "2022", "2024"],
            trends.STRUCTURE: ["district", "district", "commune", "a", "a"],
            s.VALUE: [80.0, 81.5, 90.0, 70.25, 72.0],
        }
    )
    # "Cả tỉnh" changed its units between 2022 and 2024: not compared
    assert trend_changes(points, "2024", OLD) == ["A: +1,75 điểm % so với đợt 2022"]
    assert trend_changes(points, "2023", OLD) == ["Cả tỉnh: +1,50 điểm % so với đợt 2022"]
    assert trend_changes(points, "2024", None) == []
