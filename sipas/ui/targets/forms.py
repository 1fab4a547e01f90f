"""Widgets of the "Mục tiêu" page: the target form, and the actions that add, edit, retire and
restore targets (each one transaction through sipas.target_registry)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core import schema as s
from sipas.core.formatting import format_number
from sipas.core.i18n import t
from sipas.dashboard.scope import unit_labels
from sipas.method.measures import measure_labels
from sipas.reference.fields import field_names
from sipas.storage.engine import transaction
from sipas.storage.targets import TargetRecord, TargetSpec
from sipas.targets.registry import (
    TargetError,
    create_target,
    edit_target,
    restore_target,
    retire_target,
)
from sipas.targets.rules import COMPARISONS, GTE, KINDS, RANK_TOP, THRESHOLD
from sipas.targets.texts import Names, kind_label, parse_percent
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import access

FLASH = "targets_flash"


def names() -> Names:
    return Names(unit_labels(data.units()), field_names(), measure_labels())


def show_flash() -> None:
    """The message of the last successful change, once, after the page reloaded."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(escape_markdown(message))


def _choice(
    label: str, options: list[str], current: str | None, key: str, format_func: Callable[[str], str]
) -> str | None:
    index = options.index(current) if current in options else 0
    # inert: the label is a catalogue text
    chosen = st.selectbox(label, options, index=index, format_func=format_func, key=key)
    return chosen or None


def spec_inputs(prefix: str, initial: TargetSpec | None = None) -> TargetSpec:
    """The widgets of a target, filled with `initial` when editing; returns what they say."""
    initial = initial or TargetSpec(THRESHOLD, "sipas", "", clock.today().year, clock.today().year)
    kind = st.radio(
        t("targets.form.kind"),
        KINDS,
        index=KINDS.index(initial.kind),
        format_func=kind_label,
        horizontal=True,
        key=f"{prefix}_kind",
    )
    measures = measure_labels()
    measure = _choice(
        t("targets.form.measure"),
        list(measures),
        initial.measure,
        f"{prefix}_measure",
        lambda code: measures[code],
    )
    value, comparison, rank_n = _goal_inputs(prefix, kind, initial)
    unit, field, level, parent = _scope_inputs(prefix, initial)
    first_year, last_year, first_wave, last_wave = _period_inputs(prefix, initial)
    source = st.text_input(
        t("targets.form.source"),
        initial.source,
        key=f"{prefix}_source",
        placeholder=t("targets.form.source_hint"),
    )
    note = st.text_input(t("targets.form.note"), initial.note, key=f"{prefix}_note")
    return TargetSpec(
        kind,
        measure or "sipas",
        source,
        first_year,
        last_year,
        value,
        comparison,
        rank_n,
        unit,
        field,
        level,
        parent,
        first_wave,
        last_wave,
        note,
    )


def _goal_inputs(
    prefix: str, kind: str, initial: TargetSpec
) -> tuple[float | None, str | None, int | None]:
    left, right = st.columns(2)
    if kind == THRESHOLD:
        # Text, not a number box: people type "92,5" with a decimal comma.
        text = left.text_input(
            t("targets.form.value"),
            format_number(initial.value, 2).rstrip("0").rstrip(",") if initial.value else "90",
            key=f"{prefix}_value",
        )
        current = initial.comparison or GTE
        comparison = right.radio(
            t("targets.form.comparison"),
            COMPARISONS,
            index=COMPARISONS.index(current),
            horizontal=True,
            format_func=lambda c: t(f"targets.comparison.{c}"),
            key=f"{prefix}_comparison",
        )
        return parse_percent(text), comparison, None
    label = t("targets.form.top_n") if kind == RANK_TOP else t("targets.form.gain_k")
    # inert: the label is a catalogue text
    rank_n = left.number_input(
        label,
        min_value=1,
        max_value=200,
        step=1,
        value=int(initial.rank_n or (3 if kind == RANK_TOP else 1)),
        key=f"{prefix}_rank_n_{kind}",
    )
    right.caption(t(f"targets.form.{kind}_help"))
    return None, None, int(rank_n)


def _scope_inputs(
    prefix: str, initial: TargetSpec
) -> tuple[str | None, str | None, str | None, str | None]:
    units = data.units()
    labels = unit_labels(units)
    levels = dict(zip(units["code"], units["level"], strict=True))
    fields = field_names()
    parents = sorted(set(units["parent_code"].dropna()), key=list(units["code"]).index)

    def unit_name(code: str) -> str:
        if not code:
            return t("targets.form.all_units")
        return f"{labels[code]} ({t(f'levels.{levels[code]}')})"

    kept = [initial.unit_code or "", st.session_state.get(f"{prefix}_unit") or ""]
    found = widgets.unit_search(f"{prefix}_unit", {c: labels[c] for c in units["code"]}, kept)
    left, right = st.columns(2)
    with left:
        unit = _choice(
            t("targets.form.unit"),
            ["", *found],
            initial.unit_code,
            f"{prefix}_unit",
            unit_name,
        )
        level = _choice(
            t("targets.form.level"),
            ["", *s.UNIT_LEVELS],
            initial.level,
            f"{prefix}_level",
            lambda c: t(f"levels.{c}") if c else t("targets.form.all_levels"),
        )
    with right:
        field = _choice(
            t("targets.form.field"),
            ["", *fields],
            initial.field_code,
            f"{prefix}_field",
            lambda c: fields[c] if c else t("targets.form.all_fields"),
        )
        parent = _choice(
            t("targets.form.parent"),
            ["", *parents],
            initial.parent_code,
            f"{prefix}_parent",
            lambda c: labels[c] if c else t("targets.form.any_parent"),
        )
    return unit, field, level, parent


def _period_inputs(prefix: str, initial: TargetSpec) -> tuple[int, int, str | None, str | None]:
    modes = ["years", "waves"]
    mode = st.radio(
        t("targets.form.period"),
        modes,
        horizontal=True,
        index=1 if initial.first_wave else 0,
        key=f"{prefix}_period",
        format_func=lambda m: t(f"targets.form.period_{m}"),
    )
    left, right = st.columns(2)
    if mode == "waves":
        codes = [wave.code for wave in data.waves()]
        first = left.selectbox(
            t("targets.form.first_wave"),
            codes,
            key=f"{prefix}_first_wave",
            index=codes.index(initial.first_wave) if initial.first_wave in codes else 0,
        )
        last = right.selectbox(
            t("targets.form.last_wave"),
            codes,
            key=f"{prefix}_last_wave",
            index=codes.index(initial.last_wave) if initial.last_wave in codes else len(codes) - 1,
        )
        return initial.first_year, initial.last_year, first, last
    first_year = left.number_input(
        t("targets.form.first_year"),
        min_value=2000,
        max_value=2100,
        step=1,
        value=int(initial.first_year),
        key=f"{prefix}_first_year",
    )
    last_year = right.number_input(
        t("targets.form.last_year"),
        min_value=2000,
        max_value=2100,
        step=1,
        value=int(initial.last_year),
        key=f"{prefix}_last_year",
    )
    return int(first_year), int(last_year), None, None


def apply(action: Callable[[Session], TargetRecord], success_key: str) -> None:
    """Run one registry action in a transaction: on success reload the page with a message;
    when refused, show every reason (nothing was written)."""
    try:
        with transaction(data.engine()) as session:
            record = action(session)
    except TargetError as error:
        for message in error.messages:
            st.error(escape_markdown(message))
        return
    st.session_state[FLASH] = t(success_key, id=record.id)
    st.rerun()


def add_section() -> None:
    spec = spec_inputs("target_add")
    if st.button(t("targets.form.add"), type="primary", key="target_add_submit"):
        user = access.current_user()
        apply(lambda session: create_target(session, spec, user), "targets.done.created")


def edit_section(record: TargetRecord) -> None:
    prefix = f"target_edit_{record.id}_{record.version}"
    spec = spec_inputs(prefix, record.spec)
    reason = st.text_input(t("targets.form.edit_reason"), key=f"{prefix}_reason")
    st.caption(t("targets.form.edit_hint"))
    if st.button(t("targets.form.save"), type="primary", key=f"{prefix}_submit"):
        user = access.current_user()
        apply(
            lambda session: edit_target(session, record.id, spec, user, record.version, reason),
            "targets.done.edited",
        )


def retire_section(record: TargetRecord) -> None:
    prefix = f"target_retire_{record.id}_{record.version}"
    day = st.date_input(
        t("targets.form.retired_from"), clock.today(), format="DD/MM/YYYY", key=f"{prefix}_day"
    )
    st.caption(t("targets.form.retire_hint"))
    reason = st.text_input(t("targets.form.retire_reason"), key=f"{prefix}_reason")
    if st.button(t("targets.form.retire"), key=f"{prefix}_submit"):
        user = access.current_user()
        apply(
            lambda session: retire_target(session, record.id, user, record.version, day, reason),
            "targets.done.retired",
        )


def restore_section(record: TargetRecord) -> None:
    prefix = f"target_restore_{record.id}_{record.version}"
    st.info(
        md(
            "targets.form.retired_info",
            by=record.retired_by or "–",
            reason=record.retire_reason or "–",
        )
    )
    reason = st.text_input(t("targets.form.restore_reason"), key=f"{prefix}_reason")
    if st.button(t("targets.form.restore"), key=f"{prefix}_submit"):
        user = access.current_user()
        apply(
            lambda session: restore_target(session, record.id, user, record.version, reason),
            "targets.done.restored",
        )
