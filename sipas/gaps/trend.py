"""A unit's value over the waves with the threshold that applied in each: the data of a trend
chart with its target line."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.measure_values import MEASURE, measure_values
from sipas.method.results import Selection, WaveCounts, select
from sipas.targets.rules import (
    ThresholdTarget,
    applicable_threshold,
    threshold_symbol,
)

WAVE, VALUE, TARGET, TARGET_TEXT = "wave", "value", "target", "target_text"


def unit_trend(
    waves: Sequence[WaveCounts],
    unit: str,
    measure: str,
    thresholds: Sequence[ThresholdTarget],
    *,
    level: str | None,
    parent: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, targets): WAVE, VALUE (percent) for each wave in which the unit has data, in
    the given order; WAVE, TARGET (percent), TARGET_TEXT for those waves that had a target."""
    values, targets = [], []
    for counts in waves:
        own = select(counts, Selection(units=(unit,)))
        if own.is_empty:
            continue
        found = measure_values(own, [measure])
        found = found[found[MEASURE] == measure]
        if found.empty:
            continue
        wave = counts.wave
        values.append((wave.code, float(found[s.INDEX].iloc[0])))
        applied = applicable_threshold(
            thresholds,
            year=wave.year,
            measure=measure,
            unit=unit,
            level=level,
            parent=parent,
            wave=wave.code,
            on=wave.reference_date,
        )
        target = applied.value if applied else np.nan
        text = threshold_symbol(applied.value, applied.comparison) if applied else "–"
        targets.append((wave.code, target, text))
    return (
        pd.DataFrame(values, columns=[WAVE, VALUE]),
        pd.DataFrame(targets, columns=[WAVE, TARGET, TARGET_TEXT]).dropna(subset=[TARGET]),
    )
