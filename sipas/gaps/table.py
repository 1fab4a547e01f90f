"""The gap table of a wave: every unit (× field) × measure with its value, the threshold that
applies and the gap to it, its place and the rank target that applies, what it takes to reach
that place and the probability of holding it. The CLI prints it; the gap page shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.gaps.ranks import DRAWS, SEED, rank_draws, rank_position, standard_errors
from sipas.gaps.thresholds import threshold_gap
from sipas.method.measure_values import MEASURE, measure_values
from sipas.method.ranking import competition_rank
from sipas.method.results import WaveCounts
from sipas.method.stats import MIN_STATUS_N, SMALL_SAMPLE_N
from sipas.method.waves import WaveInfo
from sipas.reference.units import valid_on
from sipas.targets.judging import judged_field, served_fields
from sipas.targets.registry import TargetSet
from sipas.targets.rules import RANK_GAIN, applicable_rank, applicable_threshold

UNIT_CODE, FIELD_CODE, LEVEL, PARENT = "unit_code", "field_code", "level", "parent_code"
VALUE, LOW, HIGH, N = "value", "low", "high", "n"
TARGET, COMPARISON, TARGET_SOURCE, TARGET_REASON = (
    "target",
    "comparison",
    "target_source",
    "target_reason",
)
GAP_PP, GAP_PEOPLE = "gap_pp", "gap_people"
TARGET_STATUS = s.TARGET_STATUS
RANK, OF, RANK_KIND, RANK_N = "rank", "of", "rank_kind", "rank_n"
RANK_TARGET, PREVIOUS_RANK, NTH_VALUE, NTH_UNITS = (
    "rank_target",
    "previous_rank",
    "nth_value",
    "nth_units",
)
POINTS_TO_RANK, MARGIN, FIRST_OUTSIDE = "points_to_rank_target", "rank_margin", "first_outside"
P_RANK, RANK_SOURCE, RANK_REASON = "p_rank_target", "rank_target_source", "rank_target_reason"
# Unrounded values of the N-th place and of the best unit outside, for captions.
NTH_EXACT, OUTSIDE_EXACT = "nth_exact", "outside_exact"
# The parent unit the rank target ranks within (None: every unit of the level).
RANK_PARENT = "rank_parent"
# Units of the level (within the rank target's parent, else within the parents the wave has
# data under) on the wave's map, and whether the wave ranks fewer of them: then a rank target
# is not judged (a partial published table).
LEVEL_UNITS, PARTIAL = "level_units", "partial_coverage"
# The wave a "gain K places" target compares with (its code; None without one).
COMPARED_WAVE = "compared_wave"
# n below SIPAS_SMALL_N (default 30); below SIPAS_MIN_STATUS_N (10) the status is None.
SMALL_SAMPLE = s.SMALL_SAMPLE
# The 95% range of the unit's rank in the same simulation as P_RANK ("hạng 3–5").
RANK_LOW, RANK_HIGH = "rank_range_low", "rank_range_high"
# SIPAS without one of the method's pillars: kept, flagged, and left out of the ranking.
PILLAR_MISSING = s.PILLAR_MISSING


@dataclass(frozen=True)
class GapInputs:
    """A wave's counts, the units list (units_frame), the registry's targets and, for
    "gain K places" targets, the previous wave's counts."""

    counts: WaveCounts
    units: pd.DataFrame
    targets: TargetSet
    previous: WaveCounts | None = None
    weighting: str | None = None


@dataclass
class _Work:
    """Work shared by the rows of one table: simulated ranks per peer group (drawn once for
    the group's units) and the previous wave's values per measure and level."""

    draws: int
    seed: int
    simulations: dict[tuple[object, ...], pd.DataFrame] = field(default_factory=dict)
    previous: dict[tuple[object, ...], pd.DataFrame] = field(default_factory=dict)


def gap_table(
    inputs: GapInputs,
    *,
    measures: Sequence[str] = ("sipas",),
    by_field: bool = False,
    level: str | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per unit (× field) × measure, units of every level with data (or `level`).
    Percent 0–100 for values and targets, percentage points for gaps and points, shares 0–1
    for P_RANK. Units of a level that have no data in the wave get a row without a value
    (when not split by field)."""
    values = _values(inputs.counts, inputs, measures, by_field, level)
    if values.empty:
        return values
    values = _with_thresholds(values, inputs)
    return _typed(_with_ranks(values, inputs, _Work(draws, seed)))


def _values(
    counts: WaveCounts,
    inputs: GapInputs,
    measures: Sequence[str],
    by_field: bool,
    level: str | None,
) -> pd.DataFrame:
    raw = measure_values(counts, measures, by_field, inputs.weighting)
    units = inputs.units.set_index("code")
    frame = pd.DataFrame(
        {
            UNIT_CODE: raw[s.UNIT],
            FIELD_CODE: raw[s.FIELD],
            LEVEL: raw[s.UNIT].map(units["level"]),
            PARENT: raw[s.UNIT].map(units["parent_code"]),
            MEASURE: raw[MEASURE],
            VALUE: raw[s.INDEX].astype(float),
            LOW: raw[s.LOW].astype(float),
            HIGH: raw[s.HIGH].astype(float),
            # A published table may give no n: 0, as for a unit without data.
            N: raw[s.N].fillna(0).astype("int64"),
            PILLAR_MISSING: raw[s.PILLAR_MISSING].astype(bool),
        }
    )
    if level is not None:
        frame = frame[frame[LEVEL] == level]
    if not by_field and not frame.empty:
        frame = pd.concat([frame, _units_without_data(frame, counts, inputs.units)])
    return frame.astype({VALUE: float, LOW: float, HIGH: float}).reset_index(drop=True)


def _units_without_data(
    frame: pd.DataFrame, counts: WaveCounts, units: pd.DataFrame
) -> pd.DataFrame:
    """Units of the levels shown that existed when the wave was surveyed but sent no data,
    under the parents the wave has data under at that level: a province's 2024 survey of its
    districts does not list the districts of the province merged into it in 2025."""
    existing = _existing(units, counts.wave)
    surveyed = set(_level_parent(frame[LEVEL], frame[PARENT]))
    existing = existing[
        _level_parent(existing["level"], existing["parent_code"]).isin(surveyed)
        & ~existing["code"].isin(set(frame[UNIT_CODE]))
    ]
    rows = [
        {
            UNIT_CODE: unit.code,
            FIELD_CODE: None,
            LEVEL: unit.level,
            PARENT: unit.parent_code,
            MEASURE: measure,
            N: 0,
            PILLAR_MISSING: False,
        }
        for measure in frame[MEASURE].unique()
        for unit in existing.itertuples()
    ]
    return pd.DataFrame(rows, columns=frame.columns).astype({N: "int64"})


def _existing(units: pd.DataFrame, wave: WaveInfo) -> pd.DataFrame:
    """The units that existed on the wave's reference date."""
    day = wave.reference_date
    return units[valid_on(units, day)]


def _level_parent(levels: pd.Series, parents: pd.Series) -> pd.Series:
    """ "level|parent" keys ("" for no parent)."""
    return levels.astype(str) + "|" + parents.fillna("").astype(str)


def _level_size(inputs: GapInputs, level: str, parent: str | None, surveyed: pd.Series) -> int:
    """How many units of `level` the wave's map has under `parent` when given, else under
    the parents of `surveyed` (the parent codes of the rows ranked together)."""
    existing = _existing(inputs.units, inputs.counts.wave)
    chosen = existing["level"] == level
    parents = {parent} if parent is not None else set(surveyed.fillna(""))
    chosen &= existing["parent_code"].fillna("").isin(parents)
    return int(chosen.sum())


def _with_thresholds(frame: pd.DataFrame, inputs: GapInputs) -> pd.DataFrame:
    wave = inputs.counts.wave
    columns: dict[str, list[object]] = {
        name: []
        for name in (
            TARGET,
            COMPARISON,
            TARGET_SOURCE,
            TARGET_REASON,
            GAP_PP,
            GAP_PEOPLE,
            TARGET_STATUS,
        )
    }
    # A unit × field row is judged by its field; a unit's row by the only field it serves, if
    # it serves one (sipas.targets.judging: the pages judge the same number the same way).
    served = served_fields(inputs.counts)
    for row in frame.itertuples(index=False):
        unit = getattr(row, UNIT_CODE)
        applied = applicable_threshold(
            inputs.targets.thresholds,
            year=wave.year,
            measure=getattr(row, MEASURE),
            unit=unit,
            field=judged_field(unit, cell_field=getattr(row, FIELD_CODE), served=served),
            level=getattr(row, LEVEL),
            parent=getattr(row, PARENT),
            wave=wave.code,
            on=wave.reference_date,
        )
        value = getattr(row, VALUE)
        gap = None
        if applied is not None and not np.isnan(value):
            gap = threshold_gap(value, int(getattr(row, N)), applied.value, applied.comparison)
            if 0 < int(getattr(row, N)) < MIN_STATUS_N:
                gap = replace(gap, status=None)  # too few answers for a pass or a fail
        columns[TARGET].append(applied.value if applied else np.nan)
        columns[COMPARISON].append(applied.comparison if applied else None)
        columns[TARGET_SOURCE].append(applied.source if applied else None)
        columns[TARGET_REASON].append(applied.reason if applied else None)
        columns[GAP_PP].append(gap.gap_pp if gap else np.nan)
        known_n = int(getattr(row, N)) > 0  # people are counted out of n
        columns[GAP_PEOPLE].append(gap.people if gap and known_n else None)
        columns[TARGET_STATUS].append(gap.status if gap else None)
    result = frame.assign(
        **{
            name: pd.Series(cells, index=frame.index, dtype=object)
            for name, cells in columns.items()
        }
    )
    result[SMALL_SAMPLE] = (result[N] > 0) & (result[N] < SMALL_SAMPLE_N)
    return result.astype({TARGET: float, GAP_PP: float, GAP_PEOPLE: "Int64"})


def _with_ranks(frame: pd.DataFrame, inputs: GapInputs, work: _Work) -> pd.DataFrame:
    groups = frame.groupby([MEASURE, frame[FIELD_CODE].fillna(""), LEVEL], sort=False)
    parts = [_rank_group(group, inputs, work) for _, group in groups]
    return pd.concat(parts).loc[frame.index]


_NO_RANK_TARGET: dict[str, object] = {
    RANK_KIND: None,
    RANK_N: None,
    RANK_TARGET: None,
    PREVIOUS_RANK: None,
    NTH_VALUE: np.nan,
    NTH_UNITS: (),
    POINTS_TO_RANK: np.nan,
    MARGIN: np.nan,
    FIRST_OUTSIDE: (),
    P_RANK: np.nan,
    RANK_SOURCE: None,
    RANK_REASON: None,
    NTH_EXACT: np.nan,
    OUTSIDE_EXACT: np.nan,
    RANK_PARENT: None,
    LEVEL_UNITS: None,
    PARTIAL: False,
    RANK_LOW: None,
    RANK_HIGH: None,
    COMPARED_WAVE: None,
}


def _rank_group(group: pd.DataFrame, inputs: GapInputs, work: _Work) -> pd.DataFrame:
    """Rank columns for one measure × field × level; peers are ranked once per parent."""
    wave = inputs.counts.wave
    rankings: dict[str | None, tuple[pd.DataFrame, pd.Series]] = {}
    records = []
    for row in group.itertuples():
        unit = getattr(row, UNIT_CODE)
        applied = applicable_rank(
            inputs.targets.ranks,
            year=wave.year,
            unit=unit,
            level=getattr(row, LEVEL),
            measure=getattr(row, MEASURE),
            field=getattr(row, FIELD_CODE),
            parent=getattr(row, PARENT),
            wave=wave.code,
            on=wave.reference_date,
        )
        parent = applied.target.parent if applied else None
        if parent not in rankings:
            peers = group if parent is None else group[group[PARENT] == parent]
            peers = peers[~peers[PILLAR_MISSING].astype(bool)]  # one pillar alone: not ranked
            rankings[parent] = (peers, competition_rank(peers.set_index(UNIT_CODE)[VALUE].dropna()))
        peers, ranks = rankings[parent]
        record = {**_NO_RANK_TARGET, RANK: ranks.get(unit), OF: len(ranks)}
        if getattr(row, FIELD_CODE) is None:
            expected = _level_size(inputs, getattr(row, LEVEL), parent, group[PARENT])
            record[LEVEL_UNITS] = expected
            record[PARTIAL] = len(ranks) < expected
        if applied is not None:
            target = applied.target
            record.update(
                {
                    RANK_KIND: target.kind,
                    RANK_N: target.n,
                    RANK_SOURCE: target.source,
                    RANK_REASON: applied.reason,
                    RANK_PARENT: parent,
                }
            )
            required = _required_rank(record, target.kind, target.n, inputs, row, parent, work)
            if required is not None and unit in ranks.index and not record[PARTIAL]:
                record.update(_position(peers, unit, required, parent, work))
        records.append(record)
    return group.assign(**pd.DataFrame(records, index=group.index))


def _required_rank(
    record: dict[str, object],
    kind: str,
    n: int,
    inputs: GapInputs,
    row: object,
    parent: str | None,
    work: _Work,
) -> int | None:
    """N for "top N"; for "gain K places": the previous wave's rank − K (at best 1: the
    leader's target is to keep the lead); None without a previous rank."""
    if kind != RANK_GAIN:
        record[RANK_TARGET] = n
        return n
    previous = _previous_rank(inputs, row, parent, work)
    record[PREVIOUS_RANK] = previous
    record[COMPARED_WAVE] = inputs.previous.wave.code if inputs.previous is not None else None
    if previous is None:
        return None
    record[RANK_TARGET] = max(1, previous - n)
    return max(1, previous - n)


def _previous_rank(inputs: GapInputs, row: object, parent: str | None, work: _Work) -> int | None:
    if inputs.previous is None or inputs.previous.is_empty:
        return None
    field_code = getattr(row, FIELD_CODE)
    key = (getattr(row, MEASURE), getattr(row, LEVEL), field_code is not None)
    if key not in work.previous:
        work.previous[key] = _values(inputs.previous, inputs, [key[0]], key[2], key[1])
    earlier = work.previous[key]
    earlier = earlier[earlier[VALUE].notna()]
    if field_code is not None:
        earlier = earlier[earlier[FIELD_CODE] == field_code]
    if parent is not None:
        earlier = earlier[earlier[PARENT] == parent]
    ranks = competition_rank(earlier.set_index(UNIT_CODE)[VALUE])
    rank = ranks.get(getattr(row, UNIT_CODE))
    return None if rank is None or pd.isna(rank) else int(rank)


def _position(
    peers: pd.DataFrame, unit: str, required: int, parent: str | None, work: _Work
) -> dict[str, object]:
    indexed = peers.set_index(UNIT_CODE)
    position = rank_position(indexed[VALUE], unit, required)
    first = peers.iloc[0]
    key = (first[MEASURE], first[FIELD_CODE], first[LEVEL], parent)
    if key not in work.simulations:
        errors = standard_errors(indexed[LOW], indexed[HIGH])
        work.simulations[key] = rank_draws(indexed[VALUE], errors, work.draws, work.seed)
    drawn = work.simulations[key]
    probability = float((drawn[unit] <= required).mean()) if unit in drawn else np.nan
    spread = drawn[unit].quantile([0.025, 0.975]) if unit in drawn else None
    return {
        RANK_LOW: None if spread is None else int(np.floor(spread.iloc[0])),
        RANK_HIGH: None if spread is None else int(np.ceil(spread.iloc[1])),
        NTH_VALUE: position.nth_value if position.nth_value is not None else np.nan,
        NTH_UNITS: position.nth_units,
        POINTS_TO_RANK: position.points_needed if position.points_needed is not None else np.nan,
        MARGIN: position.margin if position.margin is not None else np.nan,
        FIRST_OUTSIDE: position.first_outside,
        P_RANK: probability,
        NTH_EXACT: np.nan if position.nth_exact is None else position.nth_exact,
        OUTSIDE_EXACT: np.nan if position.outside_exact is None else position.outside_exact,
    }


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    whole = {
        name: "Int64"
        for name in (RANK, RANK_N, RANK_TARGET, PREVIOUS_RANK, LEVEL_UNITS, RANK_LOW, RANK_HIGH)
    }
    return frame.astype({**whole, OF: "int64", PARTIAL: bool})
