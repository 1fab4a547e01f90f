"""The gap page's computations, cached per data version and arguments (sipas.ui.cache)."""

from __future__ import annotations

import pandas as pd

from sipas.gaps.levers import unit_levers
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.trend import unit_trend
from sipas.method.waves import comparison_wave
from sipas.ui import data
from sipas.ui.cache import derived


def _inputs(wave_code: str, compare: str) -> GapInputs:
    before = comparison_wave(data.waves(), wave_code, chosen=compare)
    previous = data.wave_counts(before.code) if before else None
    return GapInputs(data.wave_counts(wave_code), data.units(), data.target_set(), previous)


@derived(max_entries=64)
def gaps(
    wave_code: str, measure: str, level: str, by_field: bool = False, compare: str = ""
) -> pd.DataFrame:
    """The gap table of a wave for one measure and level (see sipas.gaps.table.gap_table);
    "gain K places" targets compare with the wave `compare` names (the filter bar's choice,
    see comparison_wave; "": the automatic previous official wave)."""
    inputs = _inputs(wave_code, compare)
    return gap_table(inputs, measures=[measure], by_field=by_field, level=level)


@derived(max_entries=64)
def levers(
    wave_code: str,
    unit: str,
    peers: tuple[str, ...],
    measure: str,
    gap: float | None,
    reference: str,
) -> pd.DataFrame:
    """The unit's criteria raised to the peers' average (or best), largest gain first."""
    counts = data.wave_counts(wave_code)
    return unit_levers(counts, unit, peers, measure, gap=gap, reference=reference)


@derived(max_entries=64)
def trend(
    unit: str, measure: str, level: str | None, parent: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit's value per wave and the threshold of each wave (oldest first)."""
    counts = [data.wave_counts(wave.code) for wave in data.waves()]
    return unit_trend(counts, unit, measure, data.threshold_targets(), level=level, parent=parent)
