"""Index results as labelled tables: unit and field names next to their codes.

The CLI prints these as CSV; pages show them. Numbers stay numbers (percent 0–100) here;
formatting for display happens at the edge (sipas.formatting).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sipas.core import schema as s
from sipas.method.results import WaveCounts, wave_element_indices, wave_indices
from sipas.reference.fields import field_names
from sipas.reference.questionnaires import Method

UNIT_CODE = "unit_code"
FIELD_CODE = "field_code"
ELEMENT_NAME = "element_name"


def indices_table(
    counts: WaveCounts,
    unit_names: dict[str, str],
    by: Sequence[str] = (),
    weighting: str | None = None,
) -> pd.DataFrame:
    """One row per group: wave, unit, field (names; empty when not grouped), their codes, any
    attribute, SIPAS with interval, n, mean score, pillars and elements (percent 0–100)."""
    by = list(by)
    if s.ELEMENT in by:
        return _element_table(counts, unit_names, [b for b in by if b != s.ELEMENT])
    result = wave_indices(counts, by, weighting)
    return _labelled(result, counts, unit_names, by)


def _element_table(counts: WaveCounts, unit_names: dict[str, str], by: list[str]) -> pd.DataFrame:
    result = wave_element_indices(counts, by)
    names = {e.code: e.name for e in counts.method.elements}
    result[ELEMENT_NAME] = result[s.ELEMENT].map(names)
    result[s.SIPAS] = pd.NA
    labelled = _labelled(result, counts, unit_names, by)
    value_columns = [s.ELEMENT, ELEMENT_NAME, s.PILLAR, s.INDEX, s.LOW, s.HIGH, s.N, s.MEAN_SCORE]
    return labelled[[*_label_columns(labelled), s.SIPAS, *value_columns]]


def _labelled(
    result: pd.DataFrame, counts: WaveCounts, unit_names: dict[str, str], by: list[str]
) -> pd.DataFrame:
    table = result.copy()
    table.insert(0, s.WAVE, counts.wave.code)
    unit_codes = table[s.UNIT] if s.UNIT in by else pd.Series("", index=table.index)
    field_codes = table[s.FIELD] if s.FIELD in by else pd.Series("", index=table.index)
    names = field_names()
    table[s.UNIT] = unit_codes.map(lambda code: unit_names.get(code, code) if code else "")
    table[s.FIELD] = field_codes.map(lambda code: names.get(code, code) if code else "")
    table.insert(1, s.UNIT, table.pop(s.UNIT))
    table.insert(2, s.FIELD, table.pop(s.FIELD))
    table.insert(3, UNIT_CODE, unit_codes)
    table.insert(4, FIELD_CODE, field_codes)
    return table


def _label_columns(table: pd.DataFrame) -> list[str]:
    fixed = [s.WAVE, s.UNIT, s.FIELD, UNIT_CODE, FIELD_CODE]
    return fixed + [a for a in s.ATTRIBUTES if a in table.columns]


def element_names(method: Method) -> dict[str, str]:
    return {e.code: e.short_name for e in method.elements}
