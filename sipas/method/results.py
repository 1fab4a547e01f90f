"""Indices of a wave for any selection and grouping: the entry point pages and the CLI use.

Reading (sipas.storage.counts.load_wave_counts) is separate from computing (`select`,
`wave_indices`, …), so a cache can keep one wave's counts and every filter change is computed
in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.indices import compute_indices, element_indices, item_indices
from sipas.method.moments import design_bounds, empty_moments, prefer_design, summed_moments
from sipas.method.published import empty_published, published_element_indices, published_indices
from sipas.method.stats import wilson_interval
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import Method

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
    """A wave's answer and questionnaire counts, split by at most one respondent attribute.

    Aggregate waves (published result tables) have no answers: `published` holds their
    values (sipas.storage.published.FRAME_COLUMNS) and the functions below serve those.
    """

    wave: WaveInfo
    method: Method
    attribute: str
    answers: pd.DataFrame
    respondents: pd.DataFrame
    published: pd.DataFrame = field(default_factory=empty_published)
    fields_selected: bool = False
    # n, Σq, Σq² per slice × SIPAS / pillar / element (sipas.method.moments): the design's
    # intervals of pillars and elements; empty for published tables and older imports.
    moments: pd.DataFrame = field(default_factory=empty_moments)

    @property
    def is_empty(self) -> bool:
        return self.answers.empty and self.published.empty

    @property
    def is_published(self) -> bool:
        """True for an aggregate wave: values as published, no questionnaires behind them."""
        return self.wave.kind == s.AGGREGATE_KIND

    @cached_property
    def unit_codes(self) -> frozenset[str]:
        """The units that have data in these counts (computed once: pages ask several times
        per run, and a wave's counts are shared by every run until the data changes)."""
        return frozenset(self.answers[s.UNIT].unique()) | frozenset(self.published[s.UNIT].unique())


def select(counts: WaveCounts, selection: Selection) -> WaveCounts:
    """The counts restricted to the selected units, fields and attribute values."""
    if selection.attribute and selection.attribute != counts.attribute:
        raise SelectionError(t("errors.selection.not_split"))
    published = counts.published
    if selection.units:
        published = published[published[s.UNIT].isin(selection.units)]
    if selection.fields:
        published = published[published[s.FIELD].isin(selection.fields)]
    return replace(
        counts,
        answers=_filtered(counts.answers, selection),
        respondents=_filtered(counts.respondents, selection),
        moments=_filtered(counts.moments, selection),
        published=published,
        fields_selected=counts.fields_selected or bool(selection.fields),
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
    if counts.is_published:
        published = published_indices(
            counts.published,
            counts.method,
            keys,
            counts.fields_selected,
            weighting or counts.wave.weighting,
        )
        return published.rename(columns=rename)
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
    if counts.is_published:
        elements = published_element_indices(
            counts.published, counts.method, keys, counts.fields_selected
        )
        return elements.rename(columns=rename)
    elements = element_indices(counts.answers, counts.method, keys)
    summed = summed_moments(counts.moments, counts.respondents, keys)
    design = design_bounds(summed, elements, keys, elements[s.ELEMENT], elements[s.INDEX])
    elements[s.LOW], elements[s.HIGH] = prefer_design((elements[s.LOW], elements[s.HIGH]), design)
    return elements.rename(columns=rename)


def pillar_intervals(
    counts: WaveCounts, indices: pd.DataFrame, by: Sequence[str], code: str
) -> tuple[np.ndarray, np.ndarray]:
    """95% interval (percent) of pillar `code` on every row of wave_indices(counts, by): from
    the design where the group's moments are complete, else Wilson on the row's n."""
    keys, rename = _grouping(counts, by)
    frame = indices.rename(columns={name: key for key, name in rename.items()})
    low, high = wilson_interval(frame[code] / 100, frame[s.N])
    wilson = (100 * np.asarray(low, dtype=float), 100 * np.asarray(high, dtype=float))
    if counts.is_published:
        return wilson
    summed = summed_moments(counts.moments, counts.respondents, keys)
    design = design_bounds(summed, frame, keys, [code] * len(frame), frame[code])
    return prefer_design(wilson, design)


def wave_item_indices(counts: WaveCounts, by: Sequence[str] = ()) -> pd.DataFrame:
    """Item indices per group: ITEM, N, SATISFIED, INDEX, LOW, HIGH, MEAN_SCORE, n1…n5
    (none for an aggregate wave: published tables have no items)."""
    keys, rename = _grouping(counts, by)
    return item_indices(counts.answers, keys).rename(columns=rename)
