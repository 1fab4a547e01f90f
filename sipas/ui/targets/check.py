""" "Mục tiêu nào áp dụng?": pick a wave, a unit, a field and a measure; see the target that
applies, why, and the ones it overrides."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sipas.core.i18n import t
from sipas.dashboard.scope import unit_labels
from sipas.method.measures import measure_labels
from sipas.reference.fields import field_names
from sipas.reference.units import valid_on
from sipas.targets.rules import applicable_rank, applicable_threshold
from sipas.targets.texts import applied_rank_text, applied_text, overridden_text
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown


def which_applies() -> None:
    wave = widgets.wave_picker(key="target_check_wave")
    if wave is None:
        return
    units = data.units()
    day = wave.reference_date
    units = units[valid_on(units, day)]
    labels = unit_labels(units)
    fields = field_names()
    measures = measure_labels()
    kept = [st.session_state.get("target_check_unit", "")]
    labels = widgets.unit_search("target_check_unit", labels, keep=kept)
    left, middle, right = st.columns(3)
    unit = left.selectbox(
        t("targets.form.unit"),
        list(labels),
        key="target_check_unit",
        format_func=lambda code: labels[code],
    )
    field = middle.selectbox(
        t("targets.form.field"),
        ["", *fields],
        key="target_check_field",
        format_func=lambda c: fields[c] if c else t("targets.check.overall"),
    )
    measure = right.selectbox(
        t("targets.form.measure"),
        list(measures),
        key="target_check_measure",
        format_func=lambda c: measures[c],
    )
    if unit is None:
        return
    row = units.set_index("code").loc[str(unit)]
    where: dict[str, Any] = {
        "year": wave.year,
        "measure": measure,
        "unit": str(unit),
        "level": row["level"],
        "parent": row["parent_code"],
        "wave": wave.code,
        "on": wave.reference_date,
    }
    applied = applicable_threshold(data.threshold_targets(), field=field or None, **where)
    text, reason = applied_text(applied)
    st.markdown(f"**{escape_markdown(text)}**")
    if reason:
        st.caption(escape_markdown(reason))
    for line in overridden_text(applied):
        st.caption(f"– {escape_markdown(line)}")
    rank = applicable_rank(data.rank_targets(), field=field or None, **where)
    text, reason = applied_rank_text(rank)
    st.markdown(f"**{escape_markdown(text)}**")
    if reason:
        st.caption(escape_markdown(reason))
