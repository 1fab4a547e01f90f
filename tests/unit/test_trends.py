"""Trends across waves: lines are broken, never joined, where the method or the unit
structure changes, and changes are only computed within a segment."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sipas.core import schema as s
from sipas.dashboard import trends
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.targets.seeds import default_thresholds
from tests.support.builders import uniform_counts, units, wave

UNITS = units(
    [
        ("d1", s.DISTRICT, "p"),
        ("d2", s.DISTRICT, "p"),
        ("c1", s.COMMUNE, "p"),
        ("c2", s.COMMUNE, "p"),
    ]
)
HISTORY = [
    uniform_counts(
        wave("2022", wave_id=1), {("d1", "tu_phap"): (80, 100), ("d2", "tu_phap"): (60, 100)}
    ),
    uniform_counts(
        wave("2023", wave_id=2), {("d1", "tu_phap"): (85, 100), ("d2", "tu_phap"): (65, 100)}
    ),
    uniform_counts(
        wave("2024", "qd1001", wave_id=3),
        {("d1", "tu_phap"): (90, 100), ("d2", "tu_phap"): (70, 100)},
    ),
    uniform_counts(
        wave("2025", "qd1001", wave_id=4),
        {("c1", "tu_phap"): (95, 100), ("c2", "tu_phap"): (75, 100)},
    ),
]


def points_for(state: FilterState, measure: str = "sipas"):
    scope = resolve(state, HISTORY[2].wave, HISTORY[2], UNITS).scope
    assert scope is not None
    series = trends.series_for(scope, {"d1": "Một"})
    return scope, trends.trend_points(HISTORY, UNITS, scope, measure, series)


def test_segments_break_at_method_and_structure_changes() -> None:
    _, points = points_for(FilterState(units=("d1",)))
    every = points[points[trends.SERIES_KEY] == trends.ALL_SERIES].set_index(trends.WAVE)
    # pooled over everything surveyed: 70, 75 | 80 (QĐ 1001) | 85 (communes)
    assert every[s.VALUE].tolist() == pytest.approx([70, 75, 80, 85])
    assert every[trends.CHANGE].tolist()[1] == pytest.approx(5.0)
    assert every[trends.SEGMENT].nunique() == 3
    assert every.loc["2024", trends.NOTE] == "không so sánh (khác phương pháp)"
    assert every.loc["2025", trends.NOTE] == "không so sánh (cơ cấu đơn vị thay đổi)"
    unit = points[points[trends.SERIES_KEY] == "unit:d1"].set_index(trends.WAVE)
    assert unit[s.VALUE].tolist() == pytest.approx([80, 85, 90])
    assert unit[trends.SERIES].iloc[0] == "Một"
    # the district level only repeats "everything surveyed" (2022–2024): not drawn twice
    assert trends.LEVEL_SERIES not in set(points[trends.SERIES_KEY])


def test_breaks_name_their_reason() -> None:
    _, points = points_for(FilterState())
    found = trends.breaks(points)
    assert found[trends.WAVE].tolist() == ["2024", "2025"]
    assert found[trends.BREAK_TEXT].tolist() == [
        "Đổi phương pháp: QĐ 2640 → QĐ 1001",
        "Cơ cấu đơn vị thay đổi",
    ]


def test_level_series_kept_when_it_differs_from_everything() -> None:
    mixed = uniform_counts(
        wave("2025", "qd1001", wave_id=4),
        {("c1", "tu_phap"): (95, 100), ("d1", "tu_phap"): (55, 100)},
    )
    history = [*HISTORY[:3], mixed]
    scope = resolve(FilterState(level=s.COMMUNE), mixed.wave, mixed, UNITS).scope
    assert scope is not None
    points = trends.trend_points(history, UNITS, scope, "sipas", trends.series_for(scope, {}))
    level = points[points[trends.SERIES_KEY] == trends.LEVEL_SERIES]
    assert level[trends.WAVE].tolist() == ["2025"]
    assert level[s.VALUE].tolist() == pytest.approx([95.0])
    assert level[trends.SERIES].iloc[0] == "Bình quân chung cấp xã"


def test_targets_per_year_and_changes_as_text() -> None:
    scope, points = points_for(FilterState(units=("d1",)))
    targets = trends.target_points(HISTORY, scope, default_thresholds(), "sipas")
    assert targets[trends.TARGET].tolist() == [90.0, 90.0, 90.0, 90.0]
    table = trends.changes_display(points)
    unit_rows = table[table["Chuỗi số liệu"] == "Một"]
    assert unit_rows["Thay đổi so với đợt trước"].tolist() == [
        "đợt đầu tiên của chuỗi",
        "+5,00 điểm %",
        "không so sánh (khác phương pháp)",
    ]


def test_a_wave_that_is_no_baseline_is_named_with_its_type_in_the_changes() -> None:
    _, points = points_for(FilterState(units=("d1",)))
    pilot = replace(HISTORY[1].wave, survey_type="pilot")
    table = trends.changes_display(points, [HISTORY[0].wave, pilot])
    waves = table[table["Chuỗi số liệu"] == "Một"]["Đợt"].tolist()
    assert waves[:2] == [HISTORY[0].wave.code, f"{pilot.code} (thí điểm)"]
    assert (
        trends.changes_display(points)["Đợt"].tolist()
        == points.sort_values([trends.SERIES_KEY, trends.WAVE_ORDER])[trends.WAVE].tolist()
    )
