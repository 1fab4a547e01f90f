"""Values of any measure (SIPAS, pillar, element, item) per unit (and field) of a wave, in one
long table: the input of gap computations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.indices import missing_pillar
from sipas.method.measures import ELEMENT, ITEM, PILLAR, SIPAS, measure_kind
from sipas.method.results import WaveCounts, wave_element_indices, wave_indices, wave_item_indices
from sipas.method.stats import wilson_interval

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
    by = [s.UNIT, s.FIELD] if by_field else [s.UNIT]
    if counts.is_empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
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
        return pd.DataFrame(columns=VALUE_COLUMNS)
    result = pd.concat(parts, ignore_index=True)
    result[s.PILLAR_MISSING] = result.get(s.PILLAR_MISSING, False)
    result[s.PILLAR_MISSING] = result[s.PILLAR_MISSING].fillna(False).astype(bool)
    if not by_field:
        result[s.FIELD] = None
    order = {code: position for position, code in enumerate(measures)}
    result = result.assign(_order=result[MEASURE].map(order))
    result = result.sort_values(["_order", *by], kind="stable").drop(columns="_order")
    return result[VALUE_COLUMNS].reset_index(drop=True)


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
            wilson = wilson_interval(value / 100, indices[s.N])
            low, high = 100 * wilson[0], 100 * wilson[1]
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
    return chosen.drop(columns=[c for c in chosen.columns if c not in VALUE_COLUMNS])
