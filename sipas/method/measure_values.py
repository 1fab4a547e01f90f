"""The one measure engine: values of any measure (SIPAS, pillar, element, item) of a wave, per
unit, per unit and field, or pooled over a selection, with their interval and n. The gap
table takes the long table of several measures; rankings, cards and trends take one
measure's values (unit_values, pooled_value)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.indices import missing_pillar
from sipas.method.measures import ELEMENT, FIELD, ITEM, PILLAR, SIPAS, Measure, measure_kind
from sipas.method.results import (
    Selection,
    WaveCounts,
    pillar_intervals,
    select,
    wave_element_indices,
    wave_indices,
    wave_item_indices,
)

MEASURE = "measure"
VALUE_COLUMNS = [s.UNIT, s.FIELD, MEASURE, s.INDEX, s.LOW, s.HIGH, s.N, s.PILLAR_MISSING]


def measure_values(
    counts: WaveCounts,
    measures: Sequence[str],
    by_field: bool = False,
    weighting: str | None = None,
) -> pd.DataFrame:
    """One row per unit (× field when `by_field`) × measure with a value: UNIT, FIELD (code;
    None without fields), MEASURE, INDEX (percent), LOW, HIGH (95% interval), N (questionnaires
    for SIPAS and pillars, answers for elements and items). Measures the wave's method lacks
    are left out."""
    result = values_of(counts, measures, [s.UNIT, s.FIELD] if by_field else [s.UNIT], weighting)
    if not by_field:
        result[s.FIELD] = None
    return result[VALUE_COLUMNS]


def unit_values(counts: WaveCounts, selection: Selection, measure: Measure) -> pd.DataFrame:
    """UNIT, VALUE, LOW, HIGH, N, PILLAR_MISSING for every unit of `selection` with a value of
    `measure` (percent)."""
    return _one_measure(counts, selection, measure, [s.UNIT])


def pooled_value(
    counts: WaveCounts, selection: Selection, measure: Measure
) -> tuple[float, float, float, int] | None:
    """(value, low, high, n) of `measure` pooled over the whole selection; None without
    answers. Pooling sums the answers of all units, as a province's published figure does.
    A published value without n (a table that gives none) has n 0."""
    values = _one_measure(counts, selection, measure, [])
    if values.empty or pd.isna(values[s.VALUE].iloc[0]):
        return None
    row = values.iloc[0]
    return (
        float(row[s.VALUE]),
        float(row[s.LOW]),
        float(row[s.HIGH]),
        0 if pd.isna(row[s.N]) else int(row[s.N]),
    )


def _one_measure(
    counts: WaveCounts, selection: Selection, measure: Measure, by: list[str]
) -> pd.DataFrame:
    """`by` columns plus VALUE, LOW, HIGH, N, PILLAR_MISSING of one measure of the selection
    (a field's measure is SIPAS on that field)."""
    code = measure.code
    if measure.kind == FIELD:
        selection, code = replace(selection, fields=(measure.code,)), SIPAS
    values = values_of(select(counts, selection), [code], by)
    renamed = values.rename(columns={s.INDEX: s.VALUE})
    return renamed[[*by, s.VALUE, s.LOW, s.HIGH, s.N, s.PILLAR_MISSING]]


def values_of(
    counts: WaveCounts, measures: Sequence[str], by: list[str], weighting: str | None = None
) -> pd.DataFrame:
    """`by` columns (any of UNIT, FIELD; none: pooled), MEASURE, INDEX, LOW, HIGH, N and
    PILLAR_MISSING for each group × measure with a value, measures in the order given."""
    columns = [*by, MEASURE, s.INDEX, s.LOW, s.HIGH, s.N, s.PILLAR_MISSING]
    if counts.is_empty:
        return pd.DataFrame(columns=columns)
    kinds = {code: measure_kind(code, counts.method) for code in measures}
    parts = []
    if any(kind in (SIPAS, PILLAR) for kind in kinds.values()):
        parts += _overall(
            counts, by, [c for c, k in kinds.items() if k in (SIPAS, PILLAR)], weighting
        )
    if any(kind == ELEMENT for kind in kinds.values()):
        elements = wave_element_indices(counts, by)
        parts.append(_long(elements, s.ELEMENT, [c for c, k in kinds.items() if k == ELEMENT]))
    if any(kind == ITEM for kind in kinds.values()):
        items = wave_item_indices(counts, by)
        parts.append(_long(items, s.ITEM, [c for c, k in kinds.items() if k == ITEM]))
    if not parts:
        return pd.DataFrame(columns=columns)
    result = pd.concat(parts, ignore_index=True)
    result[s.PILLAR_MISSING] = result.get(s.PILLAR_MISSING, False)
    result[s.PILLAR_MISSING] = result[s.PILLAR_MISSING].fillna(False).astype(bool)
    order = {code: position for position, code in enumerate(measures)}
    result = result.assign(_order=result[MEASURE].map(order))
    result = result.sort_values(["_order", *by], kind="stable").drop(columns="_order")
    return result[columns].reset_index(drop=True)


def _overall(
    counts: WaveCounts, by: list[str], codes: list[str], weighting: str | None
) -> list[pd.DataFrame]:
    indices = wave_indices(counts, by, weighting)
    parts = []
    for code in codes:
        if code == SIPAS:
            value = indices[s.SIPAS]
            low, high = indices[s.SIPAS_LOW].to_numpy(), indices[s.SIPAS_HIGH].to_numpy()
        else:
            value = indices[code]
            low, high = pillar_intervals(counts, indices, by, code)
        part = indices[by].copy()
        part[MEASURE] = code
        part[s.INDEX], part[s.LOW], part[s.HIGH] = value, np.asarray(low), np.asarray(high)
        part[s.N] = indices[s.N]
        missing = missing_pillar(indices, counts.method) if code == SIPAS else False
        part[s.PILLAR_MISSING] = missing
        parts.append(part[part[s.INDEX].notna()])
    return parts


def _long(frame: pd.DataFrame, code_column: str, codes: list[str]) -> pd.DataFrame:
    chosen = frame[frame[code_column].isin(codes)].rename(columns={code_column: MEASURE})
    return chosen.drop(columns=[c for c in chosen.columns if c not in [*VALUE_COLUMNS]])
