"""A unit's value over the waves with the threshold that applied in each: the data of a trend
chart with its target line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_percent
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


def trend_note(values: pd.DataFrame) -> str:
    """The last value written the Vietnamese way ("" without values)."""
    return format_percent(values[VALUE].iloc[-1]) if not values.empty else ""


def thresholds_by_year(
    targets: Sequence[ThresholdTarget],
    years: Iterable[int],
    *,
    measure: str = s.SIPAS,
    unit: str | None = None,
    field: str | None = None,
    level: str | None = None,
    parent: str | None = None,
) -> pd.DataFrame:
    """The threshold that applies in each year (for target lines on trend charts): year,
    value (percent), comparison, source; years without a target are left out."""
    rows = []
    for year in sorted(set(years)):
        applied = applicable_threshold(
            targets,
            year=year,
            measure=measure,
            unit=unit,
            field=field,
            level=level,
            parent=parent,
        )
        if applied is not None:
            rows.append((year, applied.value, applied.comparison, applied.source))
    return pd.DataFrame(rows, columns=["year", "value", "comparison", "source"])
