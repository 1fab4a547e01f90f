"""Widgets shared by pages: wave and level pickers, the demo label, captions, tables."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from sipas.formatting import format_int
from sipas.i18n import t
from sipas.questionnaire import get_method
from sipas.schema import AGGREGATE_KIND
from sipas.storage.waves import WaveInfo
from sipas.ui import data


def wave_picker(key: str = "wave") -> WaveInfo | None:
    """A select box of waves, newest first; None (with a message) when there is none."""
    waves = list(reversed(data.waves()))
    if not waves:
        st.info(t("app.no_waves"))
        return None
    return st.selectbox(t("filters.wave"), waves, format_func=wave_label, key=key)


def wave_label(wave: WaveInfo) -> str:
    """ "2024 – Khảo sát SIPAS 2024", marked when the wave holds published results only."""
    label = f"{wave.code} – {wave.name}"
    return (
        f"{label} ({t('import.kinds.aggregate_short')})" if wave.kind == AGGREGATE_KIND else label
    )


def level_picker(levels: list[str], key: str = "level") -> str:
    """A radio of unit levels present in the wave (district, department, commune …)."""
    return st.radio(
        t("filters.level"),
        levels,
        format_func=lambda level: t(f"levels.{level}"),
        horizontal=True,
        key=key,
    )


def demo_label(wave: WaveInfo) -> None:
    """Say plainly that the numbers are demo data."""
    if wave.is_demo:
        st.warning(t("app.demo_notice"))
    if wave.kind == AGGREGATE_KIND:
        st.info(t("import.views.published_notice"))


def source_caption(wave: WaveInfo, n: int) -> None:
    """Wave, method and number of questionnaires under a chart or table."""
    parts = [
        t("app.caption_wave", code=wave.code),
        t("app.caption_method", method=get_method(wave.method_code).short_name),
        t("app.caption_n", n=format_int(n)) if n else t("import.views.no_n"),
    ]
    if wave.kind == AGGREGATE_KIND:
        parts.append(t("import.views.published_caption"))
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
