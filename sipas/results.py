"""Indices of a wave for any selection and grouping: the entry point pages and the CLI use.

Reading (`load_wave_counts`) is separate from computing (`select`, `wave_indices`, …), so a
cache can keep one wave's counts and every filter change is computed in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.orm import Session

from sipas import schema as s
from sipas.i18n import t
from sipas.indices import compute_indices, element_indices, item_indices
from sipas.questionnaire import Method, get_method
from sipas.storage.counts import read_answer_counts, read_respondent_counts
from sipas.storage.waves import WaveInfo, get_wave

GROUPINGS = (s.UNIT, s.FIELD, *s.ATTRIBUTES)


class SelectionError(ValueError):
    """A selection or grouping that the stored counts cannot answer; Vietnamese message."""


@dataclass(frozen=True)
class Selection:
    """Which part of a wave to look at; an empty tuple means "all"."""

    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    attribute: str = ""
    attribute_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class WaveCounts:
    """A wave's answer and questionnaire counts, split by at most one respondent attribute."""

    wave: WaveInfo
    method: Method
    attribute: str
    answers: pd.DataFrame
    respondents: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.answers.empty


def load_wave_counts(session: Session, wave_code: str, attribute: str = "") -> WaveCounts:
    """Read one wave's counts (totals, or split by `attribute`); raises WaveError, MethodError."""
    if attribute and attribute not in s.ATTRIBUTES:
        raise SelectionError(t("errors.selection.unknown_attribute", name=attribute))
    wave = get_wave(session, wave_code)
    return WaveCounts(
        wave=wave,
        method=get_method(wave.method_code),
        attribute=attribute,
        answers=read_answer_counts(session, wave.id, attribute),
        respondents=read_respondent_counts(session, wave.id, attribute),
    )


def select(counts: WaveCounts, selection: Selection) -> WaveCounts:
    """The counts restricted to the selected units, fields and attribute values."""
    if selection.attribute and selection.attribute != counts.attribute:
        raise SelectionError(t("errors.selection.not_split"))
    return replace(
        counts,
        answers=_filtered(counts.answers, selection),
        respondents=_filtered(counts.respondents, selection),
    )


def _filtered(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if selection.units:
        keep &= frame[s.UNIT].isin(selection.units)
    if selection.fields:
        keep &= frame[s.FIELD].isin(selection.fields)
    if selection.attribute_values:
        keep &= frame[s.ATTRIBUTE_VALUE].isin(selection.attribute_values)
    return frame[keep]


def _grouping(counts: WaveCounts, by: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The count columns to group on for `by`, and the renaming of the attribute column."""
    for name in by:
        if name not in GROUPINGS:
            allowed = ", ".join(GROUPINGS)
            raise SelectionError(t("errors.selection.bad_grouping", name=name, allowed=allowed))
        if name in s.ATTRIBUTES and name != counts.attribute:
            raise SelectionError(t("errors.selection.attribute_not_loaded", name=name))
    keys = [s.ATTRIBUTE_VALUE if name in s.ATTRIBUTES else name for name in by]
    return keys, {s.ATTRIBUTE_VALUE: counts.attribute} if counts.attribute else {}


def wave_indices(
    counts: WaveCounts, by: Sequence[str] = (), weighting: str | None = None
) -> pd.DataFrame:
    """SIPAS, interval, n, mean score, pillars and elements per group (percent 0–100)."""
    keys, rename = _grouping(counts, by)
    result = compute_indices(
        counts.answers,
        counts.method,
        keys,
        respondents=counts.respondents,
        weighting=weighting or counts.wave.weighting,
    )
    return result.rename(columns=rename)


def wave_element_indices(counts: WaveCounts, by: Sequence[str] = ()) -> pd.DataFrame:
    """Element indices per group: ELEMENT, PILLAR, INDEX, LOW, HIGH, N, MEAN_SCORE."""
    keys, rename = _grouping(counts, by)
    return element_indices(counts.answers, counts.method, keys).rename(columns=rename)


def wave_item_indices(counts: WaveCounts, by: Sequence[str] = ()) -> pd.DataFrame:
    """Item indices per group: ITEM, N, SATISFIED, INDEX, LOW, HIGH, MEAN_SCORE, n1…n5."""
    keys, rename = _grouping(counts, by)
    return item_indices(counts.answers, keys).rename(columns=rename)
