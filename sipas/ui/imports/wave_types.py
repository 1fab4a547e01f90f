"""The import history page's form to correct a wave's survey type (chính thức, bổ sung, thí
điểm, công bố một phần): what decides whether the wave may be a baseline. The same audited
change as `python -m sipas wave-type` (sipas.ingest.waves.retype_wave)."""

from __future__ import annotations

import streamlit as st

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.permissions import IMPORT
from sipas.dashboard.comparison import wave_label
from sipas.ingest.waves import retype_wave
from sipas.storage.waves import WaveError
from sipas.ui import data
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access

DONE_KEY = "wave_type_done"


def wave_type_form() -> None:
    """A wave and its new type, for staff who may import; the change is audited."""
    st.subheader(t("import.wave_type.heading"))
    st.caption(t("import.wave_type.intro"))
    if done := st.session_state.pop(DONE_KEY, None):
        st.success(escape_markdown(done))
    user = access.current_user()
    waves = {w.code: w for w in reversed(data.waves())}
    if not user.can(IMPORT) or not waves:
        return
    with st.form("wave_type"):
        left, right = st.columns(2)
        code = left.selectbox(
            t("import.wave_type.wave"),
            list(waves),
            format_func=lambda c: wave_label(waves[c]),
        )
        kind = right.selectbox(
            t("import.wave_type.type"),
            list(s.SURVEY_TYPES),
            format_func=lambda k: t(f"statistics.survey_type.{k}"),
        )
        if st.form_submit_button(t("import.wave_type.save")):
            _save(str(code), str(kind), user.username)


def _save(code: str, kind: str, actor: str) -> None:
    try:
        wave = retype_wave(data.engine(), code, kind, actor)
    except WaveError as error:
        st.error(escape_markdown(str(error)))
        return
    label = t(f"statistics.survey_type.{wave.survey_type}")
    st.session_state[DONE_KEY] = t("statistics.survey_type.set", wave=wave.code, label=label)
    st.rerun()
