"""Remediation tasks in words and tables for the "Nhiệm vụ khắc phục" page: the task list,
one task's effect, its notes and its history of changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sipas.core import clock
from sipas.core.formatting import (
    format_date,
    format_datetime,
    format_int,
    format_number,
    format_percent,
    format_points,
)
from sipas.core.i18n import t
from sipas.storage.tasks import TaskRecord
from sipas.tasks.effect import Effect, verdict_label
from sipas.tasks.findings import shorten
from sipas.tasks.workflow import days_overdue, shown_status, status_label

Names = Mapping[str, str]
STATUS_ICONS = {
    "overdue": "🔴",
    "new": "🆕",
    "in_progress": "🟡",
    "done": "✅",
    "cancelled": "⚪",
}


def status_text(record: TaskRecord, today: dt.date) -> str:
    status = shown_status(record, today)
    text = f"{STATUS_ICONS[status]} {status_label(status)}"
    late = days_overdue(record, today)
    return t("tasks.page.overdue_days", status=text, days=late) if late else text


def unit_list(codes: Sequence[str], names: Names) -> str:
    return "; ".join(names.get(code, code) for code in codes)


def describe(record: TaskRecord, names: Names) -> str:
    """One line for pickers: "Số 3 · Bác Ái · hạn 30/06/2025 · Tiêu chí 19 – …"."""
    return t(
        "tasks.page.describe",
        id=record.id,
        unit=names.get(record.spec.lead_unit_code, record.spec.lead_unit_code),
        deadline=format_date(record.spec.deadline),
        finding=shorten(record.spec.finding, 80),
    )


def effect_text(effect: Effect) -> str:
    """ "Cải thiện rõ: 71,2% → 80,3% (+9,10 điểm %; khoảng +3,1 đến +15,1)"; or why none."""
    label = verdict_label(effect.verdict)
    if effect.after_wave:
        label = t("tasks.effect.at_wave", verdict=label, wave=effect.after_wave)
    if effect.before is None or effect.after is None:
        return label
    moved = (
        t(
            "tasks.effect.change_text",
            before=format_percent(effect.before.value, 1),
            after=format_percent(effect.after.value, 1),
            points=format_points(effect.change.points, 1),
            low=_signed(effect.change.low),
            high=_signed(effect.change.high),
        )
        if effect.change
        else f"{format_percent(effect.before.value, 1)} → {format_percent(effect.after.value, 1)}"
    )
    return f"{label}: {moved}"


def _signed(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{format_number(abs(value), 1)}"


def tasks_display(
    records: Sequence[TaskRecord],
    names: Names,
    today: dt.date,
    effects: Mapping[int, Effect] | None = None,
) -> pd.DataFrame:
    """The task list as Vietnamese text columns, in the order given."""
    rows = []
    for record in records:
        spec = record.spec
        row: dict[str, Any] = {
            t("tasks.col.id"): record.id,
            t("tasks.col.status"): status_text(record, today),
            t("tasks.col.finding"): spec.finding,
            t("tasks.col.solution"): spec.solution,
            t("tasks.col.lead"): names.get(spec.lead_unit_code, spec.lead_unit_code),
            t("tasks.col.supporting"): unit_list(spec.supporting_units, names),
            t("tasks.col.deadline"): format_date(spec.deadline),
            t("tasks.col.aim"): format_percent(spec.aim_value, 1) if spec.aim_value else "",
        }
        if effects is not None:
            effect = effects.get(record.id)
            row[t("tasks.col.effect")] = effect_text(effect) if effect else ""
        rows.append(row)
    return pd.DataFrame(rows)


def effects_display(
    pairs: Sequence[tuple[TaskRecord, Effect]], names: Names, wave_code: str
) -> pd.DataFrame:
    """Tasks with a measure: before, after, change with its interval and the verdict."""
    rows = []
    for record, effect in pairs:
        spec = record.spec
        change = effect.change
        rows.append(
            {
                t("tasks.col.id"): record.id,
                t("tasks.col.unit"): names.get(spec.unit_code or "", spec.unit_code or ""),
                t("tasks.col.finding"): shorten(spec.finding, 90),
                t("tasks.col.before", wave=spec.wave_code or "–"): _value(effect, "before"),
                t("tasks.col.after", wave=wave_code): _value(effect, "after"),
                t("tasks.col.change"): format_points(change.points, 1) if change else "–",
                t("tasks.col.change_interval"): (
                    f"{_signed(change.low)} … {_signed(change.high)}" if change else "–"
                ),
                t("tasks.col.verdict"): verdict_label(effect.verdict),
            }
        )
    return pd.DataFrame(rows)


def _value(effect: Effect, which: str) -> str:
    value = getattr(effect, which)
    if value is None:
        return "–"
    n = f" (n = {format_int(value.n)})" if value.n is not None else ""
    return f"{format_percent(value.value, 1)}{n}"


def notes_display(notes: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("tasks.col.note_day"): notes["day"].map(format_date),
            t("tasks.col.note_text"): notes["text"],
            t("tasks.col.actor"): notes["actor"],
            t("tasks.col.at"): notes["at"].map(_local_time),
        }
    )


def history_display(history: pd.DataFrame, names: Names) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("tasks.col.at"): history["at"].map(_local_time),
            t("tasks.col.actor"): history["actor"],
            t("tasks.col.action"): history["action"].map(lambda a: t(f"tasks.actions.{a}")),
            t("tasks.col.changes"): history["changes"].map(lambda c: _changes_text(c, names)),
            t("tasks.col.reason"): history["reason"],
        }
    )


def _local_time(moment: Any) -> str:
    return format_datetime(clock.to_vietnam(pd.Timestamp(moment).to_pydatetime()))


def _changes_text(changes: Mapping[str, list[Any]], names: Names) -> str:
    parts = []
    for name, (before, after) in changes.items():
        label = t(f"tasks.fields.{name}")
        shown = [_plain(value, name, names) for value in (before, after)]
        parts.append(
            f"{label}: {shown[1]}" if before is None else f"{label}: {shown[0]} → {shown[1]}"
        )
    return "; ".join(parts)


def _plain(value: Any, name: str, names: Names) -> str:
    if value in (None, "", []):
        return "–"
    if name in ("lead_unit_code", "unit_code"):
        return names.get(value, value)
    if name == "supporting_units":
        return unit_list(value, names)
    if name == "status":
        return status_label(value)
    if name == "deadline":
        return format_date(dt.date.fromisoformat(value))
    if isinstance(value, float):
        return format_number(value, 1)
    return shorten(str(value), 120)
