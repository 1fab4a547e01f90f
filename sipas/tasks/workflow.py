"""Remediation tasks ("nhiệm vụ khắc phục"): create, edit, move along, close or cancel, and
progress notes, with validation, permission, history, audit log and data version in one
transaction; overdue computed from the deadline; the order the task list shows.

Tasks are never deleted: a task ends done (with its result) or cancelled (with a reason).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar

from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_TASKS, User
from sipas.method.measures import measure_labels
from sipas.storage import tasks as store
from sipas.storage.audit import record_event
from sipas.storage.reference import fields_frame, units_frame
from sipas.storage.state import bump_data_version
from sipas.storage.tasks import TaskRecord, TaskSpec, TaskStorageError
from sipas.storage.waves import list_waves

NEW: Final = "new"  # mới giao
IN_PROGRESS: Final = "in_progress"  # đang thực hiện
DONE: Final = "done"  # hoàn thành
CANCELLED: Final = "cancelled"  # đã hủy
OVERDUE: Final = "overdue"  # quá hạn: computed, never stored
STORED_STATUSES: Final = (NEW, IN_PROGRESS, DONE, CANCELLED)
OPEN_STATUSES: Final = (NEW, IN_PROGRESS)
SHOWN_STATUSES: Final = (OVERDUE, NEW, IN_PROGRESS, DONE, CANCELLED)

FROM_FINDING: Final = "finding"
MANUAL: Final = "manual"
ANNEX: Final = "annex"

MAX_TEXT = 4000
_R = TypeVar("_R")


class TaskError(ValueError):
    """A change of tasks that is refused; `messages` are Vietnamese, one per problem."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def shown_status(record: TaskRecord, today: dt.date) -> str:
    """The status a person sees: an open task past its deadline is overdue."""
    if record.status in OPEN_STATUSES and record.spec.deadline < today:
        return OVERDUE
    return record.status


def status_label(status: str) -> str:
    return t(f"tasks.status.{status}")


def days_overdue(record: TaskRecord, today: dt.date) -> int:
    """Whole days past the deadline of an open task (0 when not overdue)."""
    if shown_status(record, today) != OVERDUE:
        return 0
    return (today - record.spec.deadline).days


def ordered(
    records: Iterable[TaskRecord], today: dt.date, own_unit: str | None = None
) -> list[TaskRecord]:
    """The order of the task list: the viewer's own unit's tasks first (a leader bound to a
    unit), then overdue, then open ones by deadline, then closed ones, newest first."""

    def key(record: TaskRecord) -> tuple[Any, ...]:
        status = shown_status(record, today)
        group = 0 if status == OVERDUE else 1 if status in OPEN_STATUSES else 2
        deadline = record.spec.deadline.toordinal()
        return (
            own_unit is None or own_unit not in record.units,
            group,
            -deadline if group == 2 else deadline,
            record.id,
        )

    return sorted(records, key=key)


def may_note(user: User, record: TaskRecord) -> bool:
    """Staff and administrators note on any task; a leader on the tasks of the unit the
    account is bound to (the measured, leading or supporting unit)."""
    return user.can(MANAGE_TASKS) or (user.unit_code is not None and user.unit_code in record.units)


@dataclass(frozen=True)
class TaskContext:
    """What validation checks a task against: known units, fields, measures and waves."""

    units: frozenset[str]
    fields: frozenset[str]
    measures: frozenset[str]
    waves: frozenset[str]


def task_context(session: Session) -> TaskContext:
    return TaskContext(
        units=frozenset(units_frame(session)["code"]),
        fields=frozenset(fields_frame(session)["code"]),
        measures=frozenset(measure_labels()),
        waves=frozenset(wave.code for wave in list_waves(session)),
    )


def tidy(spec: TaskSpec) -> TaskSpec:
    """Texts stripped, blank optional texts None, supporting units without the lead unit or
    repeats."""

    def blank(value: str | None) -> str | None:
        return value.strip() or None if isinstance(value, str) else value

    supporting = tuple(
        dict.fromkeys(
            code.strip()
            for code in spec.supporting_units
            if code.strip() and code.strip() != spec.lead_unit_code
        )
    )
    return replace(
        spec,
        finding=spec.finding.strip(),
        solution=spec.solution.strip(),
        lead_unit_code=spec.lead_unit_code.strip(),
        supporting_units=supporting,
        measure=blank(spec.measure),
        unit_code=blank(spec.unit_code),
        field_code=blank(spec.field_code),
        wave_code=blank(spec.wave_code),
    )


def validate(spec: TaskSpec, context: TaskContext) -> list[str]:
    """Every problem of a (tidied) spec, in Vietnamese; empty when it may be stored."""
    problems = []
    if not spec.finding:
        problems.append(t("tasks.errors.finding_required"))
    for text in (spec.finding, spec.solution):
        if len(text) > MAX_TEXT:
            problems.append(t("tasks.errors.too_long", limit=MAX_TEXT))
    if not spec.lead_unit_code:
        problems.append(t("tasks.errors.lead_required"))
    for code in (spec.lead_unit_code, spec.unit_code, *spec.supporting_units):
        if code and code not in context.units:
            problems.append(t("tasks.errors.unknown_unit", code=code))
    if spec.field_code and spec.field_code not in context.fields:
        problems.append(t("tasks.errors.unknown_field", code=spec.field_code))
    if spec.measure and spec.measure not in context.measures:
        problems.append(t("tasks.errors.unknown_measure", measure=spec.measure))
    if spec.wave_code and spec.wave_code not in context.waves:
        problems.append(t("tasks.errors.unknown_wave", code=spec.wave_code))
    if spec.measure and not (spec.unit_code and spec.wave_code):
        problems.append(t("tasks.errors.measure_incomplete"))
    if not isinstance(spec.deadline, dt.date):
        problems.append(t("tasks.errors.deadline_required"))
    elif not dt.date(2000, 1, 1) <= spec.deadline <= dt.date(2100, 12, 31):
        problems.append(t("tasks.errors.deadline_range"))
    if spec.aim_value is not None and (math.isnan(spec.aim_value) or not 0 < spec.aim_value <= 100):
        problems.append(t("tasks.errors.bad_aim"))
    return problems


def _require(user: User) -> None:
    if not user.can(MANAGE_TASKS):
        raise TaskError([t("tasks.errors.forbidden")])


def _checked(session: Session, spec: TaskSpec) -> TaskSpec:
    spec = tidy(spec)
    problems = validate(spec, task_context(session))
    if problems:
        raise TaskError(problems)
    return spec


def _record_change(
    session: Session, actor: str, action: str, task_id: int, details: dict[str, Any]
) -> None:
    record_event(session, actor, f"task.{action}", f"task:{task_id}", details=details)
    bump_data_version(session)


def create_task(session: Session, spec: TaskSpec, user: User, source: str = MANUAL) -> TaskRecord:
    """Add a task (status "mới giao") after validation; raises TaskError (nothing written)."""
    _require(user)
    spec = _checked(session, spec)
    record = store.insert_task(session, spec, user.username, NEW, source)
    _record_change(session, user.username, "create", record.id, _summary(spec, source))
    return record


def _summary(spec: TaskSpec, source: str) -> dict[str, Any]:
    return {
        "finding": spec.finding[:200],
        "lead_unit": spec.lead_unit_code,
        "deadline": spec.deadline.isoformat(),
        "measure": spec.measure,
        "unit": spec.unit_code,
        "source": source,
    }


def edit_task(
    session: Session,
    task_id: int,
    spec: TaskSpec,
    user: User,
    expected_version: int,
    reason: str = "",
) -> TaskRecord:
    """Correct what an open task says (a closed one is reopened first)."""
    _require(user)
    current = _existing(session, task_id)
    if current.status not in OPEN_STATUSES:
        raise TaskError([t("tasks.errors.edit_closed", id=task_id)])
    spec = _checked(session, spec)
    record = _stored(
        lambda: store.update_task(
            session, task_id, spec, user.username, expected_version, reason.strip()
        )
    )
    if record.version != current.version:
        changed = store.task_history(session, task_id).iloc[0]["changes"]
        _record_change(session, user.username, "edit", task_id, {"changes": changed})
    return record


def start_task(session: Session, task_id: int, user: User, expected_version: int) -> TaskRecord:
    """ "Mới giao" → "đang thực hiện"."""
    return _move(session, task_id, user, expected_version, IN_PROGRESS, "", (NEW,))


def complete_task(
    session: Session, task_id: int, user: User, expected_version: int, result: str
) -> TaskRecord:
    """Close an open task as done, with what was achieved (the annex's "Kết quả")."""
    return _move(session, task_id, user, expected_version, DONE, result, OPEN_STATUSES)


def cancel_task(
    session: Session, task_id: int, user: User, expected_version: int, reason: str
) -> TaskRecord:
    """Cancel an open task, with the reason why."""
    return _move(session, task_id, user, expected_version, CANCELLED, reason, OPEN_STATUSES)


def reopen_task(
    session: Session, task_id: int, user: User, expected_version: int, reason: str
) -> TaskRecord:
    """Open a done or cancelled task again (for example, closed by mistake)."""
    return _move(session, task_id, user, expected_version, IN_PROGRESS, reason, (DONE, CANCELLED))


def _move(
    session: Session,
    task_id: int,
    user: User,
    expected_version: int,
    status: str,
    text: str,
    allowed_from: tuple[str, ...],
) -> TaskRecord:
    _require(user)
    current = _existing(session, task_id)
    problems = []
    if current.status not in allowed_from:
        problems.append(
            t(
                "tasks.errors.bad_move",
                id=task_id,
                current=status_label(current.status),
                status=status_label(status),
            )
        )
    starting = status == IN_PROGRESS and current.status == NEW  # needs no reason
    if not starting and not text.strip():
        problems.append(t(f"tasks.errors.reason_required_{status}"))
    if problems:
        raise TaskError(problems)
    closed = status in (DONE, CANCELLED)
    result = text.strip() if closed else ""  # reopening: the reason is in the history
    record = _stored(
        lambda: store.set_status(
            session, task_id, user.username, expected_version, status, result, closed
        )
    )
    details = {"from": current.status, "to": status, "text": text.strip()}
    _record_change(session, user.username, "status", task_id, details)
    return record


def add_note(session: Session, task_id: int, user: User, day: dt.date, text: str) -> None:
    """A dated progress note, by staff or by a leader of one of the task's units."""
    current = _existing(session, task_id)
    if not may_note(user, current):
        raise TaskError([t("tasks.errors.note_forbidden")])
    problems = []
    if not text.strip():
        problems.append(t("tasks.errors.note_required"))
    elif len(text.strip()) > MAX_TEXT:
        problems.append(t("tasks.errors.too_long", limit=MAX_TEXT))
    if day > clock.today():
        problems.append(t("tasks.errors.note_future"))
    if problems:
        raise TaskError(problems)
    store.add_note(session, task_id, day, text.strip(), user.username)
    details = {"day": day.isoformat(), "text": text.strip()[:200]}
    _record_change(session, user.username, "note", task_id, details)


def _existing(session: Session, task_id: int) -> TaskRecord:
    return _stored(lambda: store.get_task(session, task_id))


def _stored(work: Callable[[], _R]) -> _R:
    try:
        return work()
    except TaskStorageError as error:
        raise TaskError([str(error)]) from error
