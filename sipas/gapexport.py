"""The gap table for machines: the CSV of `python -m sipas gaps`, names beside codes."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from sipas import gapreport as g
from sipas.fields import field_names
from sipas.measure_values import MEASURE

CSV_COLUMNS = [
    "wave",
    "unit",
    "field",
    g.UNIT_CODE,
    g.FIELD_CODE,
    g.LEVEL,
    MEASURE,
    g.VALUE,
    g.N,
    g.TARGET,
    g.COMPARISON,
    g.GAP_PP,
    g.GAP_PEOPLE,
    g.STATUS,
    g.RANK,
    g.OF,
    g.RANK_TARGET,
    g.RANK_KIND,
    g.PREVIOUS_RANK,
    g.NTH_VALUE,
    g.POINTS_TO_RANK,
    g.MARGIN,
    g.P_RANK,
    g.TARGET_SOURCE,
    g.RANK_SOURCE,
]


def gap_csv_frame(
    table: pd.DataFrame, wave_code: str, unit_names: Mapping[str, str]
) -> pd.DataFrame:
    """The gap table with the CSV columns: wave, unit and field names, then codes and numbers
    (percent 0–100, percentage points, P_RANK as a share 0–1)."""
    fields = field_names()
    frame = table.copy()
    frame["wave"] = wave_code
    frame["unit"] = frame[g.UNIT_CODE].map(lambda code: unit_names.get(code, code))
    frame["field"] = frame[g.FIELD_CODE].map(lambda code: fields.get(code, code) if code else "")
    frame[g.FIELD_CODE] = frame[g.FIELD_CODE].fillna("")
    return frame[CSV_COLUMNS]
