"""Checking a target before it is stored: every problem gets its own Vietnamese message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.measures import measure_labels
from sipas.storage.reference import fields_frame, units_frame
from sipas.storage.targets import TargetRecord, TargetSpec
from sipas.storage.waves import list_waves
from sipas.targets.rules import COMPARISONS, GT, KINDS, RANK_GAIN, THRESHOLD

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_SOURCE = 1000
_SCOPE = ("measure", "unit_code", "field_code", "level", "parent_code")
_PERIOD = ("first_year", "last_year", "first_wave", "last_wave")


@dataclass(frozen=True)
class RegistryContext:
    """What a target may refer to: units (code, name, level, parent_code), field codes,
    measure codes and the waves (code → year, in order)."""

    units: pd.DataFrame
    fields: frozenset[str]
    measures: frozenset[str]
    waves: dict[str, int]


def registry_context(session: Session) -> RegistryContext:
    units = units_frame(session)[["code", "name", "level", "parent_code"]]
    return RegistryContext(
        units=units,
        fields=frozenset(fields_frame(session)["code"]),
        measures=frozenset(measure_labels()),
        waves={wave.code: wave.year for wave in list_waves(session)},
    )


def validate_spec(
    spec: TargetSpec,
    context: RegistryContext,
    existing: Sequence[TargetRecord],
    target_id: int | None = None,
) -> tuple[TargetSpec, list[str]]:
    """The spec tidied (blank texts → None, years taken from a wave range) and its problems;
    an empty list means it may be stored. `target_id` is the target being edited."""
    spec = _tidy(spec, context)
    problems = [
        *_kind_problems(spec, context),
        *_scope_problems(spec, context),
        *_period_problems(spec, context),
        *_source_problems(spec),
    ]
    if not problems:
        problems += _duplicate_problems(spec, existing, target_id)
    return spec, problems


def _tidy(spec: TargetSpec, context: RegistryContext) -> TargetSpec:
    def blank(value: str | None) -> str | None:
        return value.strip() or None if isinstance(value, str) else value

    spec = replace(
        spec,
        unit_code=blank(spec.unit_code),
        field_code=blank(spec.field_code),
        level=blank(spec.level),
        parent_code=blank(spec.parent_code),
        first_wave=blank(spec.first_wave),
        last_wave=blank(spec.last_wave),
        source=(spec.source or "").strip(),
        note=(spec.note or "").strip(),
    )
    if spec.kind == THRESHOLD:
        spec = replace(spec, rank_n=None)
    else:
        spec = replace(spec, value=None, comparison=None)
    first, last = context.waves.get(spec.first_wave or ""), context.waves.get(spec.last_wave or "")
    if first is not None and last is not None:
        spec = replace(spec, first_year=first, last_year=last)
    return spec


def _kind_problems(spec: TargetSpec, context: RegistryContext) -> list[str]:
    if spec.kind not in KINDS:
        return [t("targets.errors.bad_kind", kind=spec.kind)]
    problems = []
    if spec.measure not in context.measures:
        problems.append(t("targets.errors.bad_measure", measure=spec.measure))
    if spec.kind == THRESHOLD:
        if spec.value is None or not 0 < spec.value <= 100:
            problems.append(t("targets.errors.bad_value"))
        elif spec.comparison == GT and spec.value >= 100:
            problems.append(t("targets.errors.above_100"))
        if spec.comparison not in COMPARISONS:
            problems.append(t("targets.errors.bad_comparison"))
        return problems
    if spec.rank_n is None or spec.rank_n < 1:
        problems.append(t("targets.errors.bad_rank_n"))
    if not spec.level:
        problems.append(t("targets.errors.rank_needs_level"))
    elif spec.rank_n is not None and spec.rank_n >= 1:
        problems += _rank_size_problems(spec, context)
    return problems


def _rank_size_problems(spec: TargetSpec, context: RegistryContext) -> list[str]:
    """Top N must leave someone out, and a gain of K places must be possible."""
    units = context.units
    peers = units[units["level"] == spec.level]
    if spec.parent_code:
        peers = peers[peers["parent_code"] == spec.parent_code]
    count, n = len(peers), int(spec.rank_n or 0)
    if spec.level == s.PROVINCE and not spec.parent_code:
        # Ranked in Bộ Nội vụ's national tables, among every province whether loaded or not.
        count = max(count, s.PROVINCES_2025)
    if count and n >= count:
        key = "gain_too_large" if spec.kind == RANK_GAIN else "top_too_large"
        return [t(f"targets.errors.{key}", n=n, count=count)]
    return []


def _scope_problems(spec: TargetSpec, context: RegistryContext) -> list[str]:
    units = context.units.set_index("code")
    problems = []
    for code in (spec.unit_code, spec.parent_code):
        if code and code not in units.index:
            problems.append(t("targets.errors.unknown_unit", code=code))
    if spec.field_code and spec.field_code not in context.fields:
        problems.append(t("targets.errors.unknown_field", code=spec.field_code))
    if spec.level and spec.level not in s.UNIT_LEVELS:
        problems.append(t("targets.errors.unknown_level", level=spec.level))
    if problems or not spec.unit_code:
        return problems
    unit = units.loc[spec.unit_code]
    if spec.level and unit["level"] != spec.level:
        problems.append(
            t(
                "targets.errors.level_mismatch",
                unit=unit["name"],
                unit_level=t(f"levels.{unit['level']}"),
                level=t(f"levels.{spec.level}"),
            )
        )
    if spec.parent_code and unit["parent_code"] != spec.parent_code:
        parent = units.loc[spec.parent_code, "name"]
        problems.append(t("targets.errors.parent_mismatch", unit=unit["name"], parent=parent))
    return problems


def _period_problems(spec: TargetSpec, context: RegistryContext) -> list[str]:
    if bool(spec.first_wave) != bool(spec.last_wave):
        return [t("targets.errors.wave_range_incomplete")]
    if spec.first_wave and spec.last_wave:
        unknown = [w for w in (spec.first_wave, spec.last_wave) if w not in context.waves]
        if unknown:
            return [t("targets.errors.unknown_wave", code=", ".join(unknown))]
        order = list(context.waves)
        if order.index(spec.first_wave) > order.index(spec.last_wave):
            return [t("targets.errors.wave_order")]
        return []
    years_ok = all(
        isinstance(year, int) and FIRST_YEAR <= year <= LAST_YEAR
        for year in (spec.first_year, spec.last_year)
    )
    if not years_ok:
        return [t("targets.errors.bad_years", first=FIRST_YEAR, last=LAST_YEAR)]
    if spec.first_year > spec.last_year:
        return [t("targets.errors.year_order")]
    return []


def _source_problems(spec: TargetSpec) -> list[str]:
    if not spec.source:
        return [t("targets.errors.source_required")]
    if len(spec.source) > MAX_SOURCE:
        return [t("targets.errors.source_too_long", max=MAX_SOURCE)]
    return []


def _duplicate_problems(
    spec: TargetSpec, existing: Sequence[TargetRecord], target_id: int | None
) -> list[str]:
    """Two active targets of the same family (threshold, or rank: top N and gain K compete
    for the same place), scope and period would leave the choice to chance: refuse, and point
    to the one to edit or retire."""

    def key(candidate: TargetSpec) -> tuple[object, ...]:
        family = candidate.kind == THRESHOLD
        return (family, *(getattr(candidate, name) for name in (*_SCOPE, *_PERIOD)))

    for record in existing:
        if record.id == target_id or record.is_retired:
            continue
        if key(record.spec) == key(spec):
            return [t("targets.errors.duplicate", id=record.id, source=record.spec.source)]
    return []
