"""Levers ("đòn bẩy"): which criteria, raised to the province average, close a gap fastest.

A measure (SIPAS, a pillar or an element) is a fixed mean of item indices: items → elements
(mean of the items with answers) → pillars (mean of elements) → SIPAS (weighted pillars). So
raising one item changes the measure by a fixed amount, and raising several adds up; each
lever's gain is computed by recomputing the measure, not by a formula for its weight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.measures import ELEMENT, ITEM, PILLAR, SIPAS, measure_items, measure_kind
from sipas.method.results import Selection, WaveCounts, select, wave_item_indices
from sipas.reference.questionnaires import Method

ITEM_CODE = "item"
ELEMENT_CODE = "element"
TEXT = "text"
VALUE = "value"
REFERENCE = "reference"
GAIN = "gain"
CUMULATIVE = "cumulative"
CLOSES = "closes"
AVERAGE = "average"  # the pooled index of the peers: the province average
BEST = "best"  # the best peer on each criterion
REFERENCES = (AVERAGE, BEST)
LEVER_COLUMNS = [ITEM_CODE, ELEMENT_CODE, TEXT, VALUE, REFERENCE, GAIN, CUMULATIVE, CLOSES]


def measure_from_items(
    items: Mapping[str, float], method: Method, measure: str, weighting: str | None = None
) -> float:
    """The measure (percent) from item indices (percent, NaN or absent: no answers), the same
    way sipas.indices computes it; NaN when nothing is answered."""
    kind = measure_kind(measure, method)
    if kind == ITEM:
        return float(items.get(measure, np.nan))
    elements = {
        element.code: _mean([items.get(item.code, np.nan) for item in element.items])
        for element in method.elements
    }
    if kind == ELEMENT:
        return elements[measure]
    pillars = {
        pillar.code: _mean([elements[element.code] for element in pillar.elements])
        for pillar in method.pillars
    }
    if kind == PILLAR:
        return pillars[measure]
    if kind != SIPAS:
        return float("nan")
    weights = method.pillar_weights(weighting)
    present = {code: value for code, value in pillars.items() if not np.isnan(value)}
    total = sum(weights[code] for code in present)
    if not present or total == 0:
        return float("nan")
    return sum(weights[code] * value for code, value in present.items()) / total


def _mean(values: list[float]) -> float:
    known = [value for value in values if value is not None and not np.isnan(value)]
    return float(np.mean(known)) if known else float("nan")


def levers(
    unit_items: pd.Series,
    reference_items: pd.Series,
    method: Method,
    measure: str,
    *,
    weighting: str | None = None,
    gap: float | None = None,
) -> pd.DataFrame:
    """The criteria of `measure` on which the unit (item → index %) is below the reference
    (item → index %, e.g. the province average), largest gain first: ITEM_CODE, ELEMENT_CODE,
    TEXT, VALUE, REFERENCE, GAIN (points of the measure from raising this item alone),
    CUMULATIVE (from raising it and every lever above it) and CLOSES (the cumulative gain
    reaches `gap`, points; False without a gap)."""
    current = dict(unit_items.dropna().astype(float))
    base = measure_from_items(current, method, measure, weighting)
    candidates = [
        code
        for code in measure_items(measure, method)
        if code in current
        and code in reference_items.index
        and not np.isnan(reference_items[code])
        and reference_items[code] > current[code]
    ]
    gains = {
        code: measure_from_items(
            {**current, code: float(reference_items[code])}, method, measure, weighting
        )
        - base
        for code in candidates
    }
    order = sorted(candidates, key=lambda code: (-gains[code], method.item_codes.index(code)))
    rows = []
    raised = dict(current)
    for code in order:
        raised[code] = float(reference_items[code])
        cumulative = measure_from_items(raised, method, measure, weighting) - base
        element = method.element_of(code)
        text = next(item.text for item in element.items if item.code == code)
        closes = gap is not None and gap > 0 and cumulative >= gap - 1e-9
        rows.append(
            (
                code,
                element.code,
                text,
                current[code],
                float(reference_items[code]),
                gains[code],
                cumulative,
                closes,
            )
        )
    return pd.DataFrame(rows, columns=LEVER_COLUMNS)


def unit_levers(
    counts: WaveCounts,
    unit: str,
    peers: Sequence[str],
    measure: str,
    *,
    field: str | None = None,
    gap: float | None = None,
    reference: str = AVERAGE,
) -> pd.DataFrame:
    """The levers of `unit` in a wave, in one field when given (see levers()). The reference
    of each criterion is the pooled index of `peers` (AVERAGE: the province average of the
    units it is ranked with) or the best peer's index on that criterion (BEST)."""
    fields = (field,) if field else ()
    own = wave_item_indices(select(counts, Selection(units=(unit,), fields=fields)))
    chosen = select(counts, Selection(units=tuple(peers), fields=fields))
    if reference == BEST:
        per_unit = wave_item_indices(chosen, [s.UNIT])
        targets = per_unit.groupby(s.ITEM)[s.INDEX].max()
    else:
        targets = wave_item_indices(chosen).set_index(s.ITEM)[s.INDEX]
    return levers(
        own.set_index(s.ITEM)[s.INDEX],
        targets,
        counts.method,
        measure,
        weighting=counts.wave.weighting,
        gap=gap,
    )
