"""Widgets of the "Nhiệm vụ khắc phục" page that show tasks: the list with its filters, one
task in detail (effect, notes, history) and the summary of effects at a wave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import streamlit as st

from sipas.core import clock
from sipas.core.formatting import format_date, format_datetime, format_percent
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_TASKS, User
from sipas.method.measures import measure_labels
from sipas.reference.fields import field_names
from sipas.storage.tasks import TaskRecord
from sipas.tasks.effect import (
    Effect,
    WaveValues,
    latest_effect,
    summarise,
    summary_sentence,
    task_effect,
)
from sipas.tasks.texts import (
    describe,
    effect_text,
    effects_display,
    history_display,
    notes_display,
    status_text,
    tasks_display,
    unit_list,
)
from sipas.tasks.workflow import SHOWN_STATUSES, ordered, shown_status, status_label
from sipas.ui import data, widgets
from sipas.ui.cache import derived
from sipas.ui.safe import escape_markdown, md
from sipas.ui.tasks import forms as taskforms

PICK = taskforms.PICK


@derived(max_entries=16)
def _effects(after_wave: str) -> dict[int, Effect]:
    """Every task judged at `after_wave` ("": at the newest later wave that measured its
    unit)."""
    waves = data.waves()
    values = WaveValues(data.wave_counts)
    return {
        record.id: task_effect(record, waves, after_wave, values)
        if after_wave
        else latest_effect(record, waves, values)
        for record in data.task_records()
    }


def _latest_effects() -> dict[int, Effect]:
    """Every task judged at the newest later wave that measured its unit."""
    return _effects("")


def task_list(
    records: Sequence[TaskRecord],
    names: Mapping[str, str],
    user: User,
    focus: str | None = None,
) -> None:
    """Filters by unit (at first the unit in focus, when it has tasks) and status, then the
    tasks: own unit first, overdue first."""
    today = clock.today()
    if not records:
        st.info(t("tasks.page.no_tasks"))
        return
    units = sorted(
        {code for record in records for code in record.units}, key=lambda c: names.get(c, c)
    )
    left, right = st.columns(2)
    unit = left.selectbox(
        t("tasks.page.filter_unit"),
        [None, *units],
        index=units.index(focus) + 1 if focus in units else 0,
        format_func=lambda code: names.get(code, code) if code else t("tasks.page.all_units"),
        key="tasks_unit",
    )
    statuses = right.multiselect(
        t("tasks.page.filter_status"),
        list(SHOWN_STATUSES),
        format_func=status_label,
        placeholder=t("tasks.page.all_statuses"),
        select_all=False,
        key="tasks_status",
    )
    shown = [
        record
        for record in ordered(records, today, user.unit_code)
        if (unit is None or unit in record.units)
        and (not statuses or shown_status(record, today) in statuses)
    ]
    overdue = sum(shown_status(r, today) == "overdue" for r in records)
    still_open = sum(r.status in ("new", "in_progress") for r in records)
    st.caption(
        md(
            "tasks.page.count",
            shown=len(shown),
            total=len(records),
            overdue=overdue,
            open=still_open,
        )
    )
    if user.unit_code and any(user.unit_code in r.units for r in records):
        st.caption(md("tasks.page.own_first", unit=names.get(user.unit_code, user.unit_code)))
    if not shown:
        st.info(t("tasks.page.no_match"))
        return
    effects = _latest_effects()
    widgets.table(tasks_display(shown, names, today, effects), csv_name=t("tasks.page.title"))


def task_detail(records: Sequence[TaskRecord], names: Mapping[str, str], user: User) -> None:
    """One task: what it is about, its effect, its status moves, notes and history."""
    if not records:
        st.info(t("tasks.page.no_tasks"))
        return
    today = clock.today()
    by_id = {record.id: record for record in records}
    chosen = [r.id for r in ordered(records, today, user.unit_code)]
    focus = st.session_state.pop(taskforms.FOCUS, None)
    if focus in by_id:
        st.session_state[PICK] = focus
    elif st.session_state.get(PICK) not in by_id:
        st.session_state.pop(PICK, None)
    task_id = st.selectbox(
        t("tasks.page.pick_task"),
        chosen,
        format_func=lambda i: describe(by_id[i], names),
        key=PICK,
    )
    record = by_id[task_id]
    _summary(record, names, today)
    _effect(record, names)
    st.subheader(t("tasks.page.notes_heading"))
    notes = data.task_notes(record.id)
    if notes.empty:
        st.caption(t("tasks.page.no_notes"))
    else:
        widgets.table(notes_display(notes))
    taskforms.note_section(record, user)
    if user.can(MANAGE_TASKS):
        st.subheader(t("tasks.page.status_heading"))
        taskforms.status_section(record, user)
        if record.status in ("new", "in_progress"):
            with st.expander(t("tasks.page.edit_heading")):
                taskforms.edit_section(record, user, names)
    st.subheader(t("tasks.page.history_heading"))
    widgets.table(history_display(data.task_history(record.id), names))


def _summary(record: TaskRecord, names: Mapping[str, str], today: dt.date) -> None:
    spec = record.spec
    deadline = f"{t('tasks.col.deadline')}: {format_date(spec.deadline)}"
    st.markdown(f"**{escape_markdown(status_text(record, today))}** · {escape_markdown(deadline)}")
    widgets.plain_text(spec.finding)
    rows = [
        (t("tasks.col.solution"), spec.solution or "–"),
        (t("tasks.col.lead"), names.get(spec.lead_unit_code, spec.lead_unit_code)),
        (t("tasks.col.supporting"), unit_list(spec.supporting_units, names) or "–"),
        (t("tasks.col.aim"), format_percent(spec.aim_value, 1) if spec.aim_value else "–"),
    ]
    for label, value in rows:
        st.markdown(f"**{escape_markdown(label)}:**")
        widgets.plain_text(value)
    source = t(f"tasks.source.{record.source}")
    st.caption(
        md(
            "tasks.page.created_info",
            day=format_date(clock.to_vietnam(record.created_at)),
            by=record.created_by,
            source=source,
        )
    )
    if record.closed_at:
        st.caption(
            md(
                "tasks.page.closed_info",
                at=format_datetime(clock.to_vietnam(record.closed_at)),
                result=record.result,
            )
        )


def _effect(record: TaskRecord, names: Mapping[str, str]) -> None:
    spec = record.spec
    st.subheader(t("tasks.page.effect_heading"))
    if not (spec.measure and spec.unit_code and spec.wave_code):
        st.caption(t("tasks.page.not_measured"))
        return
    field_name = field_names().get(spec.field_code or "", spec.field_code)
    field = t("tasks.page.measured_field", field=field_name) if spec.field_code else ""
    st.caption(
        md(
            "tasks.page.measured",
            measure=measure_labels().get(spec.measure, spec.measure),
            unit=names.get(spec.unit_code, spec.unit_code),
            field=field,
            wave=spec.wave_code,
            value=format_percent(spec.baseline_value, 1),
        )
    )
    effect = _latest_effects()[record.id]
    widgets.plain_text(effect_text(effect))
    st.caption(t("tasks.effect.explain"))


def effect_section(records: Sequence[TaskRecord], names: Mapping[str, str]) -> None:
    """At a chosen wave: of the tasks due by then, how many improved; every measured task."""
    waves = data.waves()
    if not waves:
        return
    wave = st.selectbox(
        t("tasks.page.effect_wave"),
        list(reversed(waves)),
        format_func=widgets.wave_label,
        key="tasks_effect_wave",
    )
    effects = _effects(wave.code)
    pairs = [(record, effects[record.id]) for record in records if record.id in effects]
    st.info(escape_markdown(summary_sentence(summarise(wave, pairs))))
    measured = [(r, e) for r, e in pairs if r.spec.measure]
    if not measured:
        st.caption(t("tasks.page.effect_none"))
        return
    widgets.table(effects_display(measured, names, wave.code), csv_name=t("tasks.page.tab_effect"))
    st.caption(t("tasks.effect.explain"))
