"""Widgets of the "Nhiệm vụ khắc phục" page that change tasks: the task form (pre-filled from a
finding), status moves, progress notes, each one transaction through sipas.tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import streamlit as st
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.formatting import format_number, format_percent
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.reference.units import valid_on
from sipas.storage.engine import transaction
from sipas.storage.tasks import TaskRecord, TaskSpec
from sipas.targets.texts import parse_percent
from sipas.tasks.findings import Draft
from sipas.tasks.workflow import (
    FROM_FINDING,
    MANUAL,
    NEW,
    OPEN_STATUSES,
    TaskError,
    add_note,
    cancel_task,
    complete_task,
    create_task,
    edit_task,
    may_note,
    reopen_task,
    start_task,
)
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown, md

FLASH = "tasks_flash"
DRAFT = "task_draft"
PICK = "task_pick"  # the task the detail tab shows (its select box)
FOCUS = "task_focus"  # a task to show there at the next run
TASKS_PAGE = "pages/tasks.py"
DEFAULT_WEEKS = 13  # a quarter: directives usually give until the end of the next quarter


def unit_names() -> dict[str, str]:
    """Full unit names ("Huyện Bác Ái", "Xã Bác Ái") by code: tasks name units unambiguously."""
    units = data.units()
    return dict(zip(units["code"], units["full_name"], strict=True))


def current_units(today: dt.date) -> list[str]:
    """Units that exist today (a task is assigned to a unit that can act on it)."""
    units = data.units()
    return list(units.loc[valid_on(units, today), "code"])


def offer(draft: Draft) -> None:
    """Keep `draft` for the task form and open the tasks page on it."""
    st.session_state[DRAFT] = draft
    st.switch_page(TASKS_PAGE)


def pending_draft() -> Draft | None:
    draft = st.session_state.get(DRAFT)
    return draft if isinstance(draft, Draft) else None


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(escape_markdown(message))


def apply(action: Callable[[Session], object], message: Callable[[object], str] | str) -> None:
    """Run one task action in a transaction: on success reload with `message` (or the
    message made from what the action returned); when refused, show every reason (nothing
    was written)."""
    try:
        with transaction(data.engine()) as session:
            outcome = action(session)
    except TaskError as error:
        for line in error.messages:
            st.error(escape_markdown(line))
        return
    st.session_state[FLASH] = message if isinstance(message, str) else message(outcome)
    st.rerun()


def _aim_input(key: str, initial: float | None) -> tuple[float | None, str | None]:
    text = st.text_input(
        t("tasks.page.form_aim"),
        format_number(initial, 1) if initial is not None else "",
        help=t("tasks.page.form_aim_help"),
        key=key,
    )
    if not text.strip():
        return None, None
    value = parse_percent(text)
    return value, None if value is not None else t("tasks.page.bad_aim_text", text=text)


def spec_inputs(
    prefix: str, names: Mapping[str, str], initial: TaskSpec, choices: list[str]
) -> tuple[TaskSpec, list[str]]:
    """The widgets of a task, filled with `initial`; returns what they say and any problem
    the widgets themselves can see (an aim that is not a number)."""
    finding = st.text_area(t("tasks.page.form_finding"), initial.finding, key=f"{prefix}_finding")
    solution = st.text_area(
        t("tasks.page.form_solution"), initial.solution, key=f"{prefix}_solution"
    )
    options = list(dict.fromkeys([*choices, initial.lead_unit_code, *initial.supporting_units]))
    chosen = [
        initial.lead_unit_code,
        *initial.supporting_units,
        st.session_state.get(f"{prefix}_lead"),
        *st.session_state.get(f"{prefix}_supporting", ()),
    ]
    labels = {code: names.get(code, code) for code in options if code}
    options = list(widgets.unit_search(prefix, labels, keep=[c for c in chosen if c]))
    left, right = st.columns(2)
    with left:
        lead = st.selectbox(
            t("tasks.page.form_lead"),
            options,
            index=options.index(initial.lead_unit_code)
            if initial.lead_unit_code in options
            else None,
            format_func=lambda code: names.get(code, code),
            placeholder=t("tasks.page.pick_lead"),
            key=f"{prefix}_lead",
        )
        deadline = st.date_input(
            t("tasks.page.form_deadline"),
            initial.deadline,
            format="DD/MM/YYYY",
            key=f"{prefix}_deadline",
        )
    with right:
        supporting = st.multiselect(
            t("tasks.page.form_supporting"),
            options,
            default=list(initial.supporting_units),
            format_func=lambda code: names.get(code, code),
            placeholder=t("tasks.page.pick_supporting"),
            select_all=False,
            key=f"{prefix}_supporting",
        )
        aim, problem = _aim_input(f"{prefix}_aim", initial.aim_value)
    spec = TaskSpec(
        finding=finding,
        lead_unit_code=lead or "",
        deadline=deadline if isinstance(deadline, dt.date) else initial.deadline,
        solution=solution,
        supporting_units=tuple(supporting),
        aim_value=aim,
        measure=initial.measure,
        unit_code=initial.unit_code,
        field_code=initial.field_code,
        wave_code=initial.wave_code,
        baseline_value=initial.baseline_value,
        baseline_n=initial.baseline_n,
    )
    return spec, [problem] if problem else []


def spec_from_draft(draft: Draft | None, today: dt.date) -> TaskSpec:
    deadline = today + dt.timedelta(weeks=DEFAULT_WEEKS)
    if draft is None:
        return TaskSpec(finding="", lead_unit_code="", deadline=deadline)
    return TaskSpec(
        finding=draft.finding,
        lead_unit_code=draft.unit_code,
        deadline=deadline,
        measure=draft.measure,
        unit_code=draft.unit_code,
        field_code=draft.field_code,
        wave_code=draft.wave_code,
        baseline_value=draft.value,
        baseline_n=draft.n,
    )


def create_section(user: User, draft: Draft | None, names: Mapping[str, str]) -> None:
    """The form that gives a task: pre-filled from a finding when one was picked."""
    today = clock.today()
    if draft is not None:
        st.subheader(t("tasks.page.draft_heading"))
        st.info(escape_markdown(draft.finding))
        st.caption(
            md("tasks.page.draft_from", wave=draft.wave_code, value=format_percent(draft.value, 1))
        )
    spec, problems = spec_inputs(
        "task_new", names, spec_from_draft(draft, today), current_units(today)
    )
    left, right = st.columns([1, 4])
    if draft is not None and right.button(t("tasks.page.discard_draft"), key="task_discard"):
        st.session_state.pop(DRAFT, None)
        st.rerun()
    if left.button(t("tasks.page.form_create"), type="primary", key="task_create"):
        if problems:
            for line in problems:
                st.error(escape_markdown(line))
            return
        source = FROM_FINDING if draft is not None else MANUAL
        apply(lambda session: create_task(session, spec, user, source), _created)


def _created(record: object) -> str:
    """After a task is given: the draft is used up and the new task is the one shown."""
    assert isinstance(record, TaskRecord)
    st.session_state.pop(DRAFT, None)
    st.session_state[FOCUS] = record.id  # the select box is already drawn in this run
    return t("tasks.done.created", id=record.id)


def edit_section(record: TaskRecord, user: User, names: Mapping[str, str]) -> None:
    prefix = f"task_edit_{record.id}_{record.version}"
    spec, problems = spec_inputs(prefix, names, record.spec, current_units(clock.today()))
    reason = st.text_input(t("tasks.page.edit_reason"), key=f"{prefix}_reason")
    if st.button(t("tasks.page.save"), type="primary", key=f"{prefix}_save"):
        if problems:
            for line in problems:
                st.error(escape_markdown(line))
            return
        apply(
            lambda session: edit_task(session, record.id, spec, user, record.version, reason),
            t("tasks.done.edited", id=record.id),
        )


def status_section(record: TaskRecord, user: User) -> None:
    """The moves open to the task: start, complete, cancel (open tasks), reopen (closed)."""
    prefix = f"task_status_{record.id}_{record.version}"
    done = t("tasks.done.status", id=record.id)
    if record.status == NEW and st.button(t("tasks.page.start"), key=f"{prefix}_start"):
        apply(lambda s: start_task(s, record.id, user, record.version), done)
    if record.status in OPEN_STATUSES:
        left, right = st.columns(2)
        with left:
            result = st.text_area(t("tasks.page.complete_text"), key=f"{prefix}_result")
            if st.button(t("tasks.page.complete"), type="primary", key=f"{prefix}_complete"):
                apply(lambda s: complete_task(s, record.id, user, record.version, result), done)
        with right:
            reason = st.text_area(t("tasks.page.cancel_text"), key=f"{prefix}_reason")
            if st.button(t("tasks.page.cancel"), key=f"{prefix}_cancel"):
                apply(lambda s: cancel_task(s, record.id, user, record.version, reason), done)
    else:
        reason = st.text_input(t("tasks.page.reopen_text"), key=f"{prefix}_reopen_reason")
        if st.button(t("tasks.page.reopen"), key=f"{prefix}_reopen"):
            apply(lambda s: reopen_task(s, record.id, user, record.version, reason), done)


def note_section(record: TaskRecord, user: User) -> None:
    if not may_note(user, record):
        st.caption(t("tasks.page.note_forbidden"))
        return
    prefix = f"task_note_{record.id}"
    left, right = st.columns([1, 3])
    day = left.date_input(
        t("tasks.page.note_day"), clock.today(), format="DD/MM/YYYY", key=f"{prefix}_day"
    )
    text = right.text_input(t("tasks.page.note_text"), key=f"{prefix}_text")
    if st.button(t("tasks.page.add_note"), key=f"{prefix}_add"):
        chosen = day if isinstance(day, dt.date) else clock.today()
        apply(
            lambda s: add_note(s, record.id, user, chosen, text),
            t("tasks.done.note", id=record.id),
        )
