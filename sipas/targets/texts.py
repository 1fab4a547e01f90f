"""Targets in words and tables for the "Mục tiêu" page: the registry list, the history of
changes, and short descriptions of a target's value, scope and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sipas.core.formatting import format_date, format_datetime
from sipas.core.i18n import t
from sipas.storage.targets import SYSTEM_ACTOR, TargetRecord, TargetSpec
from sipas.targets.rules import (
    GTE,
    RANK_TOP,
    THRESHOLD,
    AppliedRankTarget,
    AppliedTarget,
    threshold_symbol,
)

# Times are stored in UTC; people read them in Vietnam time.
VIETNAM = dt.timedelta(hours=7)


@dataclass(frozen=True)
class Names:
    """Display names by code: units, fields and measures."""

    units: Mapping[str, str]
    fields: Mapping[str, str]
    measures: Mapping[str, str]


def kind_label(kind: str) -> str:
    return t(f"targets.kind.{kind}")


def target_value_text(spec: TargetSpec) -> str:
    """ "> 90%", "Nhóm 3 dẫn đầu", "Tăng 1 bậc"."""
    if spec.kind == THRESHOLD:
        return threshold_symbol(float(spec.value or 0), spec.comparison or GTE)
    key = "top" if spec.kind == RANK_TOP else "gain"
    return t(f"targets.value_{key}", n=spec.rank_n)


def scope_text(spec: TargetSpec, names: Names) -> str:
    """ "Ninh Sơn · Đất đai", "Mọi đơn vị · Cấp huyện trực thuộc Ninh Thuận"."""
    unit = names.units.get(spec.unit_code, spec.unit_code) if spec.unit_code else None
    parts = [unit or t("targets.scope.all_units")]
    if spec.level:
        parts.append(t(f"levels.{spec.level}"))
    if spec.parent_code:
        parent = names.units.get(spec.parent_code, spec.parent_code)
        parts.append(t("targets.scope.within", parent=parent))
    if spec.field_code:
        parts.append(names.fields.get(spec.field_code, spec.field_code))
    elif spec.kind == THRESHOLD:
        parts.append(t("targets.scope.all_fields"))
    return " · ".join(parts)


def period_text(spec: TargetSpec) -> str:
    """ "2021–2025", "2024", or "đợt 2024-Q1 → 2024-Q3"."""
    if spec.first_wave and spec.last_wave:
        if spec.first_wave == spec.last_wave:
            return t("targets.period.wave", code=spec.first_wave)
        return t("targets.period.waves", first=spec.first_wave, last=spec.last_wave)
    if spec.first_year == spec.last_year:
        return str(spec.first_year)
    return f"{spec.first_year}–{spec.last_year}"


def status_text(record: TargetRecord) -> str:
    if record.retired_from is None:
        return t("targets.status.active")
    return t("targets.status.retired", day=format_date(record.retired_from))


def describe(record: TargetRecord, names: Names) -> str:
    """One line naming a target in pickers: "#12 · ≥ 85% · SIPAS · Mọi đơn vị · Đất đai ·
    2021–2025"."""
    spec = record.spec
    measure = names.measures.get(spec.measure, spec.measure)
    parts = [f"#{record.id}", target_value_text(spec), measure, scope_text(spec, names)]
    parts.append(period_text(spec))
    if record.is_retired:
        parts.append(status_text(record))
    return " · ".join(parts)


def targets_display(records: Sequence[TargetRecord], names: Names) -> pd.DataFrame:
    """The registry as a Vietnamese table, newest first."""
    rows = [
        {
            t("targets.table.id"): record.id,
            t("targets.table.kind"): kind_label(record.spec.kind),
            t("targets.table.value"): target_value_text(record.spec),
            t("targets.table.measure"): names.measures.get(
                record.spec.measure, record.spec.measure
            ),
            t("targets.table.scope"): scope_text(record.spec, names),
            t("targets.table.period"): period_text(record.spec),
            t("targets.table.source"): record.spec.source,
            t("targets.table.status"): status_text(record),
        }
        for record in sorted(records, key=lambda r: r.id, reverse=True)
    ]
    columns = ["id", "kind", "value", "measure", "scope", "period", "source", "status"]
    return pd.DataFrame(rows, columns=[t(f"targets.table.{c}") for c in columns])


def history_display(history: pd.DataFrame, names: Names) -> pd.DataFrame:
    """Changes newest first: when (Vietnam time), who, what, each change "before → after", why."""
    rows = [
        {
            t("targets.history.target"): f"#{row['target_id']}",
            t("targets.history.at"): format_datetime(row["at"] + VIETNAM),
            t("targets.history.actor"): actor_name(row["actor"]),
            t("targets.history.action"): t(f"targets.action.{row['action']}"),
            t("targets.history.changes"): changes_text(row["changes"], names),
            t("targets.history.reason"): row["reason"] or "–",
        }
        for row in history.to_dict("records")
    ]
    columns = ["target", "at", "actor", "action", "changes", "reason"]
    return pd.DataFrame(rows, columns=[t(f"targets.history.{c}") for c in columns])


def changes_text(changes: Mapping[str, list[Any]], names: Names) -> str:
    """ "Giá trị (%): 85 → 87; Nguồn: … → …"; a created target lists what it says."""
    parts = []
    for attribute, (before, after) in changes.items():
        label = t(f"targets.attribute.{attribute}")
        old, new = _cell(attribute, before, names), _cell(attribute, after, names)
        parts.append(f"{label}: {new}" if before is None else f"{label}: {old} → {new}")
    return "; ".join(parts)


def _cell(attribute: str, value: Any, names: Names) -> str:
    if value is None or value == "":
        return "–"
    lookups: dict[str, Mapping[str, str]] = {
        "unit_code": names.units,
        "parent_code": names.units,
        "field_code": names.fields,
        "measure": names.measures,
    }
    if attribute in lookups:
        return str(lookups[attribute].get(value, value))
    if attribute == "kind":
        return kind_label(str(value))
    if attribute == "comparison":
        return t(f"targets.comparison.{value}")
    if attribute == "level":
        return t(f"levels.{value}")
    if attribute == "retired_from":
        return format_date(dt.date.fromisoformat(str(value)))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def applied_text(applied: AppliedTarget | None) -> tuple[str, str]:
    """What applies to a number and why: ("> 90% theo Kế hoạch 95/KH-UBND …", reason)."""
    if applied is None:
        return t("targets.check.no_threshold"), ""
    target = applied.target
    text = t(
        "targets.check.threshold",
        value=threshold_symbol(target.value, target.comparison),
        source=target.source,
        id=target.id or "–",
    )
    return text, applied.reason


def applied_rank_text(applied: AppliedRankTarget | None) -> tuple[str, str]:
    """The rank target for a unit's place and why; a note when there is none."""
    if applied is None:
        return t("targets.check.no_rank"), ""
    target = applied.target
    key = "top" if target.kind == RANK_TOP else "gain"
    value = t(f"targets.value_{key}", n=target.n)
    return t("targets.check.rank", value=value, source=target.source, id=target.id or "–"), (
        applied.reason
    )


def overridden_text(applied: AppliedTarget | None) -> list[str]:
    """The other thresholds that covered the number but were less specific."""
    if applied is None:
        return []
    return [
        t(
            "targets.check.overridden",
            value=threshold_symbol(other.value, other.comparison),
            source=other.source,
            id=other.id or "–",
        )
        for other in applied.overridden
    ]


def parse_percent(text: str) -> float | None:
    """A percentage typed by a person: "90", "92,5", "92.5" or "92,5%"; None when it is not a
    number (the validation then says what is expected)."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def actor_name(actor: str) -> str:
    """Who made a change; the seeding of defaults is done by the system."""
    return t("targets.history.system") if actor == SYSTEM_ACTOR else actor
