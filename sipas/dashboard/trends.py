"""SIPAS or an element across waves for the selection, with the breaks a reader must see.

A line joins two waves only when both used the same method and the same unit structure
(the same level, or the same unit); otherwise the series starts a new segment and the break
is named ("QĐ 2640 → QĐ 1001", "cơ cấu đơn vị thay đổi"). Changes are computed within a
segment only, so no figure compares numbers that measure different things.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard.scope import Scope, levels_in
from sipas.method.measure_values import pooled_value
from sipas.method.measures import measure_from_key
from sipas.method.results import Selection, WaveCounts, select
from sipas.method.waves import WaveInfo, is_baseline
from sipas.targets.judging import judged_field, served_fields
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import target_for

SERIES = "series"
SERIES_KEY = "series_key"
SEGMENT = "segment"
WAVE = "wave"
WAVE_ORDER = "wave_order"
METHOD = "method"
STRUCTURE = "structure"
CHANGE = "change"
NOTE = "note"
BREAK_TEXT = "break_text"
TARGET = "target"
ALL_SERIES = "all"
LEVEL_SERIES = "level"


@dataclass(frozen=True)
class Series:
    """One line: a key, its label, and which units it pools in a given wave."""

    key: str
    label: str
    unit: str | None = None  # one unit; None: the level (LEVEL_SERIES) or everything (ALL)


def series_for(scope: Scope, labels: dict[str, str]) -> list[Series]:
    """Everything surveyed, the scope's level, and each chosen unit."""
    found = [
        Series(ALL_SERIES, t("trends.series_all")),
        Series(LEVEL_SERIES, t("trends.series_level", level=t(f"levels.{scope.level}").lower())),
    ]
    return found + [Series(f"unit:{code}", labels.get(code, code), code) for code in scope.units]


PREDECESSORS_SHOWN = 3
_PREDECESSOR_ORDER = {s.DISTRICT: 0, s.COMMUNE: 1}


def predecessor_series(
    scope: Scope, units: pd.DataFrame, successors: pd.DataFrame, labels: dict[str, str]
) -> list[Series]:
    """For each chosen unit of the 2025 map, a separate series per legacy unit whose territory
    went into it (districts first, then by the number of former communes; at most
    PREDECESSORS_SHOWN): "Xã Lâm Sơn – đơn vị tiền thân: huyện Ninh Sơn". The legacy unit has
    answers only before the reform, so the series never joins the unit's own line.

    `successors` is storage.units.successors_frame (unit_code, successor_code, weight)."""
    level = dict(zip(units["code"], units["level"], strict=True))
    full = dict(zip(units["code"], units["full_name"], strict=True))
    found = []
    for code in scope.units:
        links = successors[successors["successor_code"] == code]
        ranked = sorted(
            zip(links["unit_code"], links["weight"], strict=True),
            key=lambda link: (_PREDECESSOR_ORDER.get(level.get(link[0], ""), 9), -link[1]),
        )
        for before, _weight in ranked[:PREDECESSORS_SHOWN]:
            if level.get(before) not in _PREDECESSOR_ORDER:
                continue
            name = full.get(before, before)
            label = t(
                "units.trend.series_predecessor",
                unit=labels.get(code, code),
                predecessor=name[:1].lower() + name[1:],
            )
            found.append(Series(f"before:{code}:{before}", label, before))
    return found


def with_reform(found: pd.DataFrame, waves: Sequence[WaveCounts]) -> pd.DataFrame:
    """The breaks plus the 1/7/2025 reform, marked at the first wave after it (when an earlier
    wave is shown too); its text joins a break already at that wave."""
    reform = dt.date.fromisoformat(s.REFORM_DAY)
    dates = [counts.wave.reference_date for counts in waves]
    after = next(
        (i for i, day in enumerate(dates) if day >= reform and i and dates[i - 1] < reform), None
    )
    if after is None:
        return found
    text = t("units.trend.break_reform")
    rows = found.copy()
    at = rows[WAVE_ORDER] == after
    if at.any():
        rows.loc[at, BREAK_TEXT] = rows.loc[at, BREAK_TEXT] + "; " + text
        return rows
    extra = pd.DataFrame([{WAVE: waves[after].wave.code, WAVE_ORDER: after, BREAK_TEXT: text}])
    return pd.concat([rows, extra], ignore_index=True) if len(rows) else extra


def trend_points(
    waves: Sequence[WaveCounts],
    units: pd.DataFrame,
    scope: Scope,
    measure_key: str,
    series: Sequence[Series],
) -> pd.DataFrame:
    """One row per series × wave with answers: SERIES, SERIES_KEY, WAVE, WAVE_ORDER, METHOD,
    STRUCTURE, VALUE, LOW, HIGH, N (percent), then SEGMENT, CHANGE (points, within the
    segment) and NOTE (why a change is not computed). `waves` oldest first, split like the
    scope's counts."""
    rows = []
    for order, counts in enumerate(waves):
        measure = measure_from_key(measure_key, counts.method)
        if measure is None:
            continue
        for line in series:
            pooled, structure = _pooled_units(counts, units, scope, line)
            if not pooled:
                continue
            selection = Selection(pooled, scope.fields, scope.attribute, scope.channels)
            value = pooled_value(counts, selection, measure)
            if value is None:
                continue
            rows.append(
                {
                    SERIES: line.label,
                    SERIES_KEY: line.key,
                    WAVE: counts.wave.code,
                    WAVE_ORDER: order,
                    METHOD: counts.method.short_name,
                    STRUCTURE: structure,
                    s.VALUE: value[0],
                    s.LOW: value[1],
                    s.HIGH: value[2],
                    s.N: value[3],
                }
            )
    return _segmented(_without_duplicate_level(pd.DataFrame(rows)))


def _without_duplicate_level(points: pd.DataFrame) -> pd.DataFrame:
    """Drop the level series when it repeats "everything surveyed" point for point (a wave
    set with a single level, e.g. districts only)."""
    if points.empty:
        return points
    level = points[points[SERIES_KEY] == LEVEL_SERIES].set_index(WAVE)[s.VALUE]
    every = points[points[SERIES_KEY] == ALL_SERIES].set_index(WAVE)[s.VALUE]
    if level.empty or not level.index.isin(every.index).all():
        return points
    if (level - every.reindex(level.index)).abs().max() > 1e-9:
        return points
    return points[points[SERIES_KEY] != LEVEL_SERIES].reset_index(drop=True)


def _pooled_units(
    counts: WaveCounts, units: pd.DataFrame, scope: Scope, line: Series
) -> tuple[tuple[str, ...], str]:
    """The unit codes a series pools in this wave, and a key of its unit structure."""
    with_data = set(counts.answers[s.UNIT])
    if line.unit is not None:
        return ((line.unit,) if line.unit in with_data else ()), line.unit
    if line.key == ALL_SERIES:
        return tuple(sorted(with_data)), "+".join(levels_in(counts, units))
    rows = units[(units["level"] == scope.level) & units["code"].isin(with_data)]
    if scope.parent:
        rows = rows[rows["parent_code"] == scope.parent]
    return tuple(rows["code"]), f"{scope.level}/{scope.parent}"


def _segmented(points: pd.DataFrame) -> pd.DataFrame:
    """Number segments per series (a new one at each method or structure change) and the
    change since the previous point of the same segment."""
    if points.empty:
        return points
    points = points.sort_values([SERIES_KEY, WAVE_ORDER]).reset_index(drop=True)
    key = points[METHOD] + "|" + points[STRUCTURE]
    same_series = points[SERIES_KEY] == points[SERIES_KEY].shift()
    starts = ~same_series | (key != key.shift())
    points[SEGMENT] = points[SERIES_KEY] + "#" + starts.cumsum().astype(str)
    previous = points[s.VALUE].shift()
    points[CHANGE] = (points[s.VALUE] - previous).where(~starts)
    points[NOTE] = [
        _note(first, same, method_changed)
        for first, same, method_changed in zip(
            starts, same_series, points[METHOD] != points[METHOD].shift(), strict=True
        )
    ]
    return points.sort_values([WAVE_ORDER, SERIES_KEY]).reset_index(drop=True)


def _note(starts: bool, same_series: bool, method_changed: bool) -> str:
    if not starts:
        return ""
    if not same_series:
        return t("trends.note_first")
    return t("trends.note_method") if method_changed else t("trends.note_structure")


def breaks(points: pd.DataFrame) -> pd.DataFrame:
    """WAVE, WAVE_ORDER and BREAK_TEXT for each wave where some series starts a new segment
    after an earlier point: the method or the unit structure changed there."""
    if points.empty:
        return pd.DataFrame(columns=[WAVE, WAVE_ORDER, BREAK_TEXT])
    found = points[points[NOTE].isin([t("trends.note_method"), t("trends.note_structure")])]
    rows = []
    for (wave, order), group in found.groupby([WAVE, WAVE_ORDER], sort=True):
        before = points[points[WAVE_ORDER] < order][METHOD]
        method_text = t("trends.break_method", before=before.iloc[-1], after=group[METHOD].iloc[0])
        methods_differ = (group[NOTE] == t("trends.note_method")).any()
        rows.append(
            {
                WAVE: wave,
                WAVE_ORDER: order,
                BREAK_TEXT: method_text if methods_differ else t("trends.break_structure"),
            }
        )
    return pd.DataFrame(rows, columns=[WAVE, WAVE_ORDER, BREAK_TEXT])


def target_points(
    waves: Sequence[WaveCounts],
    scope: Scope,
    targets: Sequence[ThresholdTarget],
    measure_key: str,
) -> pd.DataFrame:
    """WAVE, WAVE_ORDER, TARGET (percent) for each wave whose year has a target for the
    measure (a chosen unit's own target when exactly one unit is chosen; the field's target
    for a unit that serves that field alone, as on every page: sipas.targets.judging)."""
    unit = scope.units[0] if len(scope.units) == 1 else None
    rows = []
    for order, counts in enumerate(waves):
        measure = measure_from_key(measure_key, counts.method)
        if measure is None:
            continue
        applied = target_for(
            targets,
            year=counts.wave.year,
            level=scope.level,
            unit=unit,
            field=judged_field(
                unit,
                chosen_field=measure.field or scope.single_field,
                served=served_fields(select(counts, scope.selection([unit]))) if unit else None,
            ),
            measure=measure.target_measure,
        )
        if applied is not None:
            rows.append({WAVE: counts.wave.code, WAVE_ORDER: order, TARGET: applied.value})
    return pd.DataFrame(rows, columns=[WAVE, WAVE_ORDER, TARGET])


def changes_display(points: pd.DataFrame, waves: Sequence[WaveInfo] = ()) -> pd.DataFrame:
    """Value and change per series and wave, as Vietnamese text columns; a wave of `waves`
    that is no official baseline (bổ sung, thí điểm, công bố một phần) is named with its
    type."""
    shown = points.sort_values([SERIES_KEY, WAVE_ORDER])
    kinds = {w.code: w.survey_type for w in waves if not is_baseline(w)}
    return pd.DataFrame(
        {
            t("trends.col_series"): shown[SERIES],
            t("trends.col_wave"): [_wave_text(code, kinds.get(code)) for code in shown[WAVE]],
            t("trends.col_method"): shown[METHOD],
            t("trends.col_value"): shown[s.VALUE].map(format_percent),
            t("trends.col_n"): shown[s.N].map(format_int),
            t("trends.col_change"): [
                format_points(change) if not pd.isna(change) else note
                for change, note in zip(shown[CHANGE], shown[NOTE], strict=True)
            ],
        }
    )


def _wave_text(code: str, kind: str | None) -> str:
    if kind is None:
        return code
    return t("trends.wave_with_type", wave=code, kind=t(f"statistics.survey_type.{kind}"))


def wave_codes(history: Sequence[WaveCounts]) -> list[str]:
    """The waves of the history, oldest first (the trend chart's axis)."""
    return [counts.wave.code for counts in history]


def break_list(found: pd.DataFrame) -> list[str]:
    """Each break as text: "2025 (Đổi phương pháp: QĐ 2640 → QĐ 1001)"."""
    return [f"{wave} ({text})" for wave, text in zip(found[WAVE], found[BREAK_TEXT], strict=True)]


def source_text(points: pd.DataFrame, waves: Sequence[WaveInfo]) -> str:
    """The waves shown with their methods and the questionnaires of the largest series, and
    the demo label when any shown wave is demo data."""
    shown = [w for w in waves if w.code in set(points[WAVE])]
    methods = dict.fromkeys(zip(points[WAVE], points[METHOD], strict=True))
    text = t(
        "trends.source",
        waves=", ".join(f"{wave} ({method})" for wave, method in methods),
        n=format_int(points.groupby(WAVE)[s.N].max().sum()),
    )
    if any(w.is_demo for w in shown):
        text += " · " + t("terms.demo_label")
    return text
