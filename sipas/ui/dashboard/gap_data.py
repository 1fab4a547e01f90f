"""Cached gap computations for the gap page, keyed on the data version like every loader."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sipas.core.config import database_url
from sipas.gaps.levers import unit_levers
from sipas.gaps.table import GapInputs, gap_table, previous_wave
from sipas.gaps.trend import unit_trend
from sipas.ui import data


def _inputs(wave_code: str) -> GapInputs:
    before = previous_wave(data.waves(), wave_code)
    previous = data.wave_counts(before.code) if before else None
    return GapInputs(data.wave_counts(wave_code), data.units(), data.target_set(), previous)


@st.cache_data(show_spinner=False, max_entries=64)
def _gaps(
    url: str, wave_code: str, measure: str, level: str, by_field: bool, version: int
) -> pd.DataFrame:
    return gap_table(_inputs(wave_code), measures=[measure], by_field=by_field, level=level)


def gaps(wave_code: str, measure: str, level: str, by_field: bool = False) -> pd.DataFrame:
    """The gap table of a wave for one measure and level (see sipas.gapreport.gap_table)."""
    return _gaps(database_url(), wave_code, measure, level, by_field, data.current_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _levers(
    url: str,
    wave_code: str,
    unit: str,
    peers: tuple[str, ...],
    measure: str,
    gap: float | None,
    reference: str,
    version: int,
) -> pd.DataFrame:
    counts = data.wave_counts(wave_code)
    return unit_levers(counts, unit, peers, measure, gap=gap, reference=reference)


def levers(
    wave_code: str,
    unit: str,
    peers: tuple[str, ...],
    measure: str,
    gap: float | None,
    reference: str,
) -> pd.DataFrame:
    """The unit's criteria raised to the peers' average (or best), largest gain first."""
    version = data.current_version()
    return _levers(database_url(), wave_code, unit, peers, measure, gap, reference, version)


@st.cache_data(show_spinner=False, max_entries=64)
def _trend(
    url: str, unit: str, measure: str, level: str | None, parent: str | None, version: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    counts = [data.wave_counts(wave.code) for wave in data.waves()]
    return unit_trend(counts, unit, measure, data.threshold_targets(), level=level, parent=parent)


def trend(
    unit: str, measure: str, level: str | None, parent: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit's value per wave and the threshold of each wave (oldest first)."""
    return _trend(database_url(), unit, measure, level, parent, data.current_version())
