"""Widgets shared by pages: wave and level pickers, the demo label, captions, tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import pandas as pd
import streamlit as st

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.schema import AGGREGATE_KIND
from sipas.core.textnorm import matching
from sipas.dashboard.captions import source_text
from sipas.dashboard.overview import CardText
from sipas.method.waves import WaveInfo
from sipas.present import charts
from sipas.present.chartspec import browser_spec
from sipas.ui import compat, data, exports
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access


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
        format_func=wave_label,
        key=key,
    )


def wave_label(wave: WaveInfo) -> str:
    """ "2024 – Khảo sát SIPAS 2024", marked when the wave holds published results only."""
    label = f"{wave.code} – {wave.name}"
    return (
        f"{label} ({t('import.kinds.aggregate_short')})" if wave.kind == AGGREGATE_KIND else label
    )


def _home_wave_index(waves: list[WaveInfo]) -> int:
    unit = access.current_user().unit_code
    if unit:
        for index, wave in enumerate(waves):
            if wave.kind == AGGREGATE_KIND:
                continue  # published results only: no answers to look the unit up in
            if unit in set(data.wave_counts(wave.code).answers[s.UNIT]):
                return index
    return 0


def level_picker(levels: list[str], key: str = "level") -> str:
    """A radio of unit levels present in the wave (district, department, commune …); opens
    on the level of the user's bound unit when it is there."""
    unit = access.current_user().unit_code
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


# A picker of more units than this gets a search box: Streamlit's own search inside the
# box compares letters exactly, so "lam son" would not find "Xã Lâm Sơn".
SEARCH_FROM = 12


def unit_search(key: str, options: dict[str, str], keep: Sequence[str] = ()) -> dict[str, str]:
    """A search box above a long unit picker that narrows its options to the units whose name
    holds the typed words, with or without diacritics; the units in `keep` (those already
    chosen) stay among them. Short pickers are returned as they are."""
    if len(options) <= SEARCH_FROM:
        return options
    query = st.text_input(
        t("filters.search_units"),
        key=f"{key}_search",
        placeholder=t("filters.search_units_placeholder"),
        label_visibility="collapsed",
    )
    found = matching(options, query)
    if query.strip():
        message = "search_units_found" if found else "search_units_none"
        st.caption(escape_markdown(t(f"filters.{message}", count=len(found), query=query)))
    codes = dict.fromkeys([*(code for code in keep if code in options), *found])
    return {code: options[code] for code in codes}


def demo_label(wave: WaveInfo) -> None:
    """Say plainly that the numbers are demo data."""
    if wave.is_demo:
        st.warning(t("app.demo_notice"))
    if wave.kind == AGGREGATE_KIND:
        st.info(t("import.views.published_notice"))


def source_caption(wave: WaveInfo, n: float | None) -> None:
    """Wave, method and number of questionnaires under a chart or table."""
    st.caption(escape_markdown(source_text(wave, n)))


ChartSpec = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.FacetChart


@dataclass(frozen=True)
class PreparedChart:
    """A chart ready to draw: its full spec (for exports) and the browser's copy of it
    (sipas.chartspec.browser_spec) with every dataset already in Arrow, the form in which
    st.vega_lite_chart sends rows. Pages keep these per view (View.spec), so a view seen
    before costs no conversion."""

    spec: dict[str, Any]
    browser: dict[str, Any]


def prepare_chart(spec: dict[str, Any]) -> PreparedChart:
    """`spec` (as from sipas.charts.to_spec) with its browser copy made and converted."""
    browser = browser_spec(spec)
    if "datasets" in browser:
        browser["datasets"] = {
            name: compat.arrow_bytes(rows) for name, rows in browser["datasets"].items()
        }
    return PreparedChart(spec, browser)


def chart(
    spec: PreparedChart | ChartSpec | dict[str, Any],
    key: str | None = None,
    pick: str | None = None,
) -> dict[str, Any]:
    """An Altair chart, full width, with the chart's own styling (the same as in exports).

    With `pick` (the name of a click selection in the chart) a click reruns the page and the
    clicked mark's fields are returned ({} when nothing is clicked). The chart goes to the
    browser as its Vega-Lite spec (sipas.charts.to_spec) through st.vega_lite_chart, the same
    element st.altair_chart draws, without re-validating the spec on every run. Users who may
    export get PNG and SVG buttons under it (files made on the click)."""
    if not isinstance(spec, PreparedChart):
        spec = prepare_chart(spec if isinstance(spec, dict) else charts.to_spec(spec))
    # The same spec for every selection, so that the browser only swaps the chart's rows;
    # a copy, as Streamlit takes the datasets out of the spec it is given.
    vega = dict(spec.browser)
    if pick is None:
        st.vega_lite_chart(vega, width="stretch", theme=None, key=key)
        exports.chart_buttons(spec.spec, key)
        return {}
    event = st.vega_lite_chart(
        vega, width="stretch", theme=None, key=key, on_select="rerun", selection_mode=[pick]
    )
    exports.chart_buttons(spec.spec, key)
    chosen = event.selection.get(pick) if event else None
    return dict(chosen[0]) if chosen else {}


def intervals_toggle(key: str) -> bool:
    """The switch that draws a ranking chart's 95% intervals and writes n (off: the landing
    charts say value / target, and ties in sentences under them)."""
    return st.toggle(
        t("statuswords.show_intervals"),
        value=False,
        key=key,
        help=t("statuswords.show_intervals_help"),
    )


def notes(lines: Sequence[str]) -> None:
    """Sentences under a chart (user data inside, e.g. unit names: escaped)."""
    for line in lines:
        st.caption(escape_markdown(line))


def table(frame: pd.DataFrame, csv_name: str | None = None) -> None:
    """A read-only table of preformatted text, full width, without the index; with
    `csv_name` (the file's title) users who may export get a CSV button under it."""
    # every row of a table of a few dozen (a ranking shows all its units), a scroll beyond
    height: int | Literal["auto"] = _ROW_PX * (len(frame) + 1) + 3 if len(frame) <= 40 else "auto"
    st.dataframe(
        frame, hide_index=True, width="stretch", height=height, column_config=_fitted(frame)
    )
    if csv_name:
        exports.table_button(frame, csv_name)


# A column as wide as its longest text ("Xã Lâm Sơn", "87,22%"), within bounds: about 7,5 px
# a character of the table's 14 px font, plus the cell's padding.
_PX_PER_CHAR, _PADDING, _WIDEST = 7.5, 28, 520
_ROW_PX = 35  # st.dataframe's row height


def _fitted(frame: pd.DataFrame) -> dict[str, Any]:
    """Column widths that show every header and value whole (names are never cut)."""
    widths: dict[str, Any] = {}
    for column in frame.columns:
        values = frame[column].head(500).astype(str)
        longest = max([len(str(column)), *values.str.len().tolist()])
        px = min(_WIDEST, int(longest * _PX_PER_CHAR + _PADDING))
        widths[str(column)] = st.column_config.Column(width=px)
    return widths


def plain_text(text: str) -> None:
    """User-written text shown exactly as typed: no Markdown, no HTML."""
    st.text(text, width="stretch")


def cards(items: Sequence[CardText], widths: Sequence[float] | None = None) -> None:
    """A row of headline numbers with their change (arrow and colour by direction); `widths`
    the cards' relative widths."""
    arrows: dict[int, Literal["up", "down", "off"]] = {1: "up", -1: "down", 0: "off"}
    colours: dict[int, Literal["green", "red", "gray"]] = {1: "green", -1: "red", 0: "gray"}
    # The first card (the headline number and its change) gets more room than the others.
    widths = widths or [1.5] + [1.0] * (len(items) - 1)
    for column, card in zip(st.columns(widths), items, strict=True):
        column.metric(
            escape_markdown(card.label),
            card.value,
            card.delta,
            help=escape_markdown(card.help) if card.help else None,
            border=True,
            delta_color=colours[card.direction],
            delta_arrow=arrows[card.direction],
            delta_description=card.description,
        )


def comment(meta: str, text: str) -> None:
    """A citizen's comment in a box: where it came from, then the text exactly as written
    (st.text renders neither Markdown nor HTML)."""
    with st.container(border=True):
        st.caption(escape_markdown(meta))
        plain_text(text)


def page_picker(label: str, pages: int, key: str) -> int:
    """A page number 1 … `pages` (a stale number from a longer list is brought in range)."""
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = pages
    # inert: the label is a catalogue text
    return int(st.number_input(label, min_value=1, max_value=pages, step=1, key=key))


def standing_box(lines: Sequence[str]) -> None:
    """A bordered box: the first sentence as its heading line, the others in one caption, a
    line each (user data such as province names inside: escaped)."""
    if not lines:
        return
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(lines[0])}**")
        if lines[1:]:
            text = "  \n".join(escape_markdown(line) for line in lines[1:])
            st.caption(text)  # inert: every line escaped, joined by Markdown line breaks
