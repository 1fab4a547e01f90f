"""The trends chart writes each value where it covers no other: lines close together at one
wave get their values above and below, and a value with no room is left to the tooltip."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.dashboard.trends import TARGET, WAVE
from sipas.present.plots.trends import ABOVE, BELOW, RIGHT, label_places


def points(values: dict[str, list[float]]) -> pd.DataFrame:
    """One row per wave and value, the interval ±1 point."""
    rows = [
        {WAVE: wave, s.VALUE: v, s.LOW: v - 1, s.HIGH: v + 1}
        for wave, found in values.items()
        for v in found
    ]
    return pd.DataFrame(rows)


def test_close_values_are_written_above_and_below_or_left_out() -> None:
    # 2022: four lines within 0,5 points; 2023: far apart
    frame = points({"2022": [85.3, 85.1, 84.9, 84.8], "2023": [90.0, 85.0, 80.0]})
    places = label_places(frame).tolist()
    # the fourth has no room left: its value stays in the tooltip and the table
    assert places[:4] == [ABOVE, BELOW, RIGHT, ""]
    assert places[4:] == [ABOVE, ABOVE, ABOVE]


def test_the_target_name_is_kept_clear() -> None:
    # a value just under the 90% line where "Mục tiêu 90%" is written goes below its point
    frame = points({"2021": [88.0, 75.0]})
    targets = pd.DataFrame({WAVE: ["2021"], TARGET: [90.0]})
    assert label_places(frame).tolist() == [ABOVE, ABOVE]
    assert label_places(frame, targets).tolist() == [BELOW, ABOVE]
