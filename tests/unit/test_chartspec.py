"""The browser's copy of a chart spec: the same for any selection, the selection in its rows."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pandas as pd

from sipas.export import charts as chart_files
from sipas.present import charts
from sipas.present.chartspec import DATASET_PREFIX, SUBTITLE_FIELD, TITLE_FIELD, browser_spec


def ranking(values: list[float], wave: str, n: str, target: float = 90) -> dict[str, Any]:
    frame = pd.DataFrame(
        {
            "unit": ["a", "b", "c"],
            "label": ["Ninh Sơn", "Bác Ái", "Ninh Hải"],
            "value": values,
            "low": [v - 2 for v in values],
            "high": [v + 2 for v in values],
            "n": [100, 200, 300],
            "status": ["meets", "near", "below"],
        }
    )
    chart = charts.ranking_chart(
        frame,
        title=f"Chỉ số SIPAS – đợt {wave}",
        subtitle=["Cấp huyện", f"Đợt {wave} · n = {n} phiếu"],
        target=target,
        pick="unit_pick",
    )
    return charts.to_spec(chart)


def without_rows(spec: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True)


def test_two_selections_give_the_same_spec_and_other_rows() -> None:
    first = browser_spec(ranking([95.1, 88.2, 70.3], "2024", "3.500", target=90))
    second = browser_spec(ranking([91.0, 60.5, 82.4], "2023", "2.100", target=85))
    assert without_rows(first) == without_rows(second)
    assert first["datasets"] != second["datasets"]
    # The whole chart's rows first, then the target line's and its label's own.
    assert list(first["datasets"]) == [f"{DATASET_PREFIX}{i}" for i in range(3)]
    assert first["data"] == {"name": f"{DATASET_PREFIX}0"}
    lines = [row["value"] for row in second["datasets"][f"{DATASET_PREFIX}1"]]
    assert lines == [85]


def test_the_title_and_source_line_travel_in_the_rows() -> None:
    spec = browser_spec(ranking([95.1, 88.2, 70.3], "2024", "3.500"))
    rows = spec["datasets"][f"{DATASET_PREFIX}0"]
    assert {row[TITLE_FIELD] for row in rows} == {"Chỉ số SIPAS – đợt 2024"}
    assert {row[SUBTITLE_FIELD] for row in rows} == {"Cấp huyện\nĐợt 2024 · n = 3.500 phiếu"}
    assert "2024" not in without_rows(spec)
    assert spec["title"]["anchor"] == "start"  # the look stays


def test_the_given_spec_is_left_as_it_was() -> None:
    spec = ranking([95.1, 88.2, 70.3], "2024", "3.500")
    kept = copy.deepcopy(spec)
    browser_spec(spec)
    assert spec == kept


def test_rendered_it_shows_the_same_title_subtitle_and_bars() -> None:
    """Vega reads the title from the rows: drawn offline, the browser's copy shows what the
    spec as built shows."""
    spec = ranking([95.1, 88.2, 70.3], "2024", "3.500")
    built = chart_files.to_svg(spec).decode()
    moved = chart_files.to_svg(browser_spec(spec)).decode()
    for text in ["Chỉ số SIPAS – đợt 2024", "Cấp huyện", "Đợt 2024 · n = 3.500 phiếu", "95,10%"]:
        assert text in built and text in moved
    bars = re.compile(r'aria-roledescription="bar"')
    assert len(bars.findall(moved)) == len(bars.findall(built)) == 3


def test_rows_without_records_stay_in_the_spec() -> None:
    shapes = {"type": "FeatureCollection", "features": []}
    spec = {"data": {"values": shapes}, "mark": "geoshape", "title": "Bản đồ"}
    assert browser_spec(spec) == spec
