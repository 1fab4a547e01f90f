"""Widgets shared by pages: wave and level pickers, the demo label, captions, tables."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from sipas import schema as s
from sipas.formatting import format_int
from sipas.i18n import t
from sipas.questionnaire import get_method
from sipas.storage.waves import WaveInfo
from sipas.ui import auth, data


def wave_picker(key: str = "wave") -> WaveInfo | None:
    """A select box of waves, newest first; None (with a message) when there is none.

    Opens on the newest wave with data for the user's bound unit, if they have one.
    """
    waves = list(reversed(data.waves()))
    if not waves:
        st.info(t("app.no_waves"))
        return None
    return st.selectbox(
        t("filters.wave"),
        waves,
        index=_home_wave_index(waves),
        format_func=lambda w: f"{w.code} – {w.name}",
        key=key,
    )


def _home_wave_index(waves: list[WaveInfo]) -> int:
    unit = auth.current_user().unit_code
    if unit:
        for index, wave in enumerate(waves):
            if unit in set(data.wave_counts(wave.code).answers[s.UNIT]):
                return index
    return 0


def level_picker(levels: list[str], key: str = "level") -> str:
    """A radio of unit levels present in the wave (district, department, commune …); opens
    on the level of the user's bound unit when it is there."""
    unit = auth.current_user().unit_code
    units = data.units().set_index("code")["level"]
    home = units.get(unit) if unit else None
    return st.radio(
        t("filters.level"),
        levels,
        index=levels.index(home) if home in levels else 0,
        format_func=lambda level: t(f"levels.{level}"),
        horizontal=True,
        key=key,
    )


def demo_label(wave: WaveInfo) -> None:
    """Say plainly that the numbers are demo data."""
    if wave.is_demo:
        st.warning(t("app.demo_notice"))


def source_caption(wave: WaveInfo, n: int) -> None:
    """Wave, method and number of questionnaires under a chart or table."""
    parts = [
        t("app.caption_wave", code=wave.code),
        t("app.caption_method", method=get_method(wave.method_code).short_name),
        t("app.caption_n", n=format_int(n)),
    ]
    if wave.is_demo:
        parts.append(t("terms.demo_label"))
    st.caption(" · ".join(parts))


ChartSpec = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.FacetChart


def chart(spec: ChartSpec) -> None:
    """An Altair chart, full width, with the chart's own styling (the same as in exports)."""
    st.altair_chart(spec, width="stretch", theme=None)


def table(frame: pd.DataFrame) -> None:
    """A read-only table of preformatted text, full width, without the index."""
    st.dataframe(frame, hide_index=True, width="stretch")
