"""Remediation tasks in the database: tasks are added and changed, never deleted; every change
leaves a row in `task_changes` with its before and after values, and progress notes are rows
of their own.

Validation, permissions, the audit log and the data version are the caller's business
(sipas.tasks); these functions only read and write rows inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.i18n import t
from sipas.storage import changelog
from sipas.storage.models.tasks import TaskChange, TaskNote, TaskRow

CREATED = "created"
EDITED = "edited"
TASK_STATUS = "status"
NOTE = "note"
HISTORY_COLUMNS = ["task_id", "version", "at", "actor", "action", "changes", "reason"]
NOTE_COLUMNS = ["task_id", "day", "text", "at", "actor"]


class TaskStorageError(ValueError):
    """A task that cannot be found or was changed by someone else; Vietnamese message."""


@dataclass(frozen=True)
class TaskSpec:
    """What a task says: the finding and what it measured, the solution, who leads and who
    supports, the deadline and the value aimed for (percent 0–100) at the next wave."""

    finding: str
    lead_unit_code: str
    deadline: dt.date
    solution: str = ""
    supporting_units: tuple[str, ...] = ()
    aim_value: float | None = None
    measure: str | None = None
    unit_code: str | None = None
    field_code: str | None = None
    wave_code: str | None = None
    baseline_value: float | None = None
    baseline_n: int | None = None


SPEC_FIELDS = tuple(f.name for f in fields(TaskSpec))


@dataclass(frozen=True)
class TaskRecord:
    """A stored task: its spec, its typed status and result, and its bookkeeping."""

    id: int
    spec: TaskSpec
    status: str
    result: str
    closed_at: dt.datetime | None
    source: str
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str

    @property
    def units(self) -> set[str]:
        """Every unit the task concerns: the measured unit, the lead and the supporting ones."""
        spec = self.spec
        return {code for code in (spec.unit_code, spec.lead_unit_code) if code} | set(
            spec.supporting_units
        )


def _now() -> dt.datetime:
    return clock.now()


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _stored_value(name: str, value: Any) -> Any:
    return ",".join(value) if name == "supporting_units" else value


def _record(row: TaskRow) -> TaskRecord:
    values = {name: getattr(row, name) for name in SPEC_FIELDS}
    values["supporting_units"] = _codes(row.supporting_units or "")
    return TaskRecord(
        id=row.id,
        spec=TaskSpec(**values),
        status=row.status,
        result=row.result or "",
        closed_at=row.closed_at,
        source=row.source,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def list_tasks(session: Session) -> list[TaskRecord]:
    """Every task, oldest first."""
    return [_record(row) for row in session.scalars(select(TaskRow).order_by(TaskRow.id))]


def get_task(session: Session, task_id: int) -> TaskRecord:
    """The task with this id; raises TaskStorageError when there is none."""
    return _record(_row(session, task_id))


def _row(session: Session, task_id: int) -> TaskRow:
    row = session.get(TaskRow, task_id)
    if row is None:
        raise TaskStorageError(t("tasks.errors.unknown", id=task_id))
    return row


def insert_task(
    session: Session, spec: TaskSpec, actor: str, status: str, source: str, result: str = ""
) -> TaskRecord:
    """Add a task (version 1) with a CREATED history row."""
    now = _now()
    stored = {name: _stored_value(name, value) for name, value in asdict(spec).items()}
    row = TaskRow(
        **stored,
        status=status,
        result=result,
        source=source,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
    )
    session.add(row)
    session.flush()
    changes = {
        name: [None, _json_value(value)]
        for name, value in [*asdict(spec).items(), ("status", status), ("result", result)]
        if value not in (None, "", ())
    }
    _log(session, row, actor, CREATED, changes, "", now)
    return _record(row)


def update_task(
    session: Session,
    task_id: int,
    spec: TaskSpec,
    actor: str,
    expected_version: int,
    reason: str = "",
) -> TaskRecord:
    """Change what a task says; raises TaskStorageError when it changed since
    `expected_version` was read (someone else saved first)."""
    row = _checked_row(session, task_id, expected_version)
    before = _record(row).spec
    changes = {
        name: [_json_value(getattr(before, name)), _json_value(value)]
        for name, value in asdict(spec).items()
        if getattr(before, name) != value
    }
    if not changes:
        return _record(row)
    for name in changes:
        setattr(row, name, _stored_value(name, getattr(spec, name)))
    _bump(row, actor)
    _log(session, row, actor, EDITED, changes, reason, row.updated_at)
    return _record(row)


def set_status(
    session: Session,
    task_id: int,
    actor: str,
    expected_version: int,
    status: str,
    result: str,
    closed: bool,
) -> TaskRecord:
    """Move a task to `status` with its result (or reason); `closed` stamps the closing time."""
    row = _checked_row(session, task_id, expected_version)
    changes = {"status": [row.status, status]}
    if (row.result or "") != result:
        changes["result"] = [row.result or "", result]
    row.status, row.result = status, result
    _bump(row, actor)
    row.closed_at = row.updated_at if closed else None
    _log(session, row, actor, TASK_STATUS, changes, result, row.updated_at)
    return _record(row)


def add_note(session: Session, task_id: int, day: dt.date, text: str, actor: str) -> None:
    """A dated progress note; the task's history records it too."""
    row = _row(session, task_id)
    now = _now()
    session.add(TaskNote(task_id=task_id, day=day, text=text, at=now, actor=actor))
    _log(session, row, actor, NOTE, {"note": [None, f"{day.isoformat()}: {text}"]}, "", now)


def _checked_row(session: Session, task_id: int, expected_version: int) -> TaskRow:
    return changelog.checked(
        _row(session, task_id),
        expected_version,
        lambda row: TaskStorageError(t("tasks.errors.stale", id=task_id, by=row.updated_by)),
    )


def _bump(row: TaskRow, actor: str) -> None:
    changelog.bump(row, actor, _now())


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _log(
    session: Session,
    row: TaskRow,
    actor: str,
    action: str,
    changes: dict[str, list[Any]],
    reason: str,
    at: dt.datetime,
) -> None:
    changelog.log_change(session, TaskChange, "task_id", row, (actor, action, changes, reason), at)


def task_notes(session: Session, task_id: int | None = None) -> pd.DataFrame:
    """Progress notes of one task (or of all), newest day first: NOTE_COLUMNS."""
    query = select(*(getattr(TaskNote, c) for c in NOTE_COLUMNS)).order_by(
        TaskNote.day.desc(), TaskNote.id.desc()
    )
    if task_id is not None:
        query = query.where(TaskNote.task_id == task_id)
    return pd.DataFrame(session.execute(query).all(), columns=NOTE_COLUMNS)


def task_history(session: Session, task_id: int | None = None) -> pd.DataFrame:
    """Changes of one task (or of all), newest first: HISTORY_COLUMNS, `changes` decoded to
    {attribute: [before, after]}."""
    return changelog.history(session, TaskChange, "task_id", task_id)
