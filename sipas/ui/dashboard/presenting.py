"""Trình chiếu: the deck of slides of the current selection on a wall screen – full screen,
large type, advancing by itself, and live: every advance re-reads the data version, so an
import committed while the deck runs shows at the next slide change."""

from __future__ import annotations

import html
import time

import streamlit as st

from sipas.core import clock
from sipas.core.formatting import format_time
from sipas.core.i18n import t
from sipas.dashboard.filterstate import FilterState, from_query, to_query
from sipas.dashboard.scope import choose_wave, resolve
from sipas.method.results import select
from sipas.present import slides, slideshow
from sipas.ui import data
from sipas.ui.dashboard import filters

EVERY = "every"  # seconds per slide, in the address: /present?wave=2024&every=30
DEFAULT_EVERY, MIN_EVERY, MAX_EVERY = 20, 3, 600
_POSITION, _EVERY = "_present_position", "_present_every"
_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 0.5rem; max-width: 100%; }
[data-testid="stApp"] { background: #FFFFFF; color: #000000; }
.sipas-headline { display: flex; gap: 4rem; margin: 0 0 0.5rem; }
.sipas-headline .label { font-size: max(16px, 2.6vh); color: #1F2937; display: block; }
.sipas-headline .value { font-size: max(36px, 6.7vh); font-weight: 700; line-height: 1.1; }
.sipas-caption { font-size: max(20px, 3.15vh); font-weight: 600; line-height: 1.3;
  margin: 0.25rem 0; }
.sipas-footer { font-size: max(14px, 2.2vh); color: #1F2937; }
.sipas-slide-number { font-size: max(16px, 2.8vh); font-weight: 700; }
[data-testid="stMainBlockContainer"] button p, [data-testid="stPageLink"] p {
  font-size: max(14px, 2.2vh); }
/* The chart takes the screen's height that the headline, caption and controls leave. */
.st-key-slide_chart_full { height: 76vh !important; flex: 0 0 auto !important; }
.st-key-slide_chart_headline { height: 62vh !important; flex: 0 0 auto !important; }
</style>"""


def full_screen() -> None:
    """Hide the sidebar, the menu and Streamlit's header on this page only."""
    st.html(_STYLE)


def interval() -> int:
    """Seconds per slide from the address (DEFAULT_EVERY, held within MIN…MAX_EVERY)."""
    raw = st.query_params.get(EVERY, "")
    if raw.isdigit():  # kept for the session: the address may lose it on a page switch
        st.session_state[_EVERY] = min(MAX_EVERY, max(MIN_EVERY, int(raw)))
    return int(st.session_state.get(_EVERY, DEFAULT_EVERY))


def _state() -> FilterState:
    """The filters of the address when it names any, else those of this session."""
    asked = from_query(st.query_params.to_dict())
    return asked if asked != FilterState() else filters.current()


def _deck(state: FilterState) -> list[slides.Slide]:
    """The slides of `state` on the current data (built once per state and data version)."""
    waves = data.waves()
    wave = choose_wave(state.wave, waves)
    if wave is None:
        return []
    units = data.units()
    resolved = resolve(state, wave, data.wave_counts(wave.code), units)
    scope = resolved.scope
    if scope is None:
        return []
    counts = data.wave_counts(wave.code, scope.attribute)
    if select(counts, scope.selection()).is_empty:
        return []
    targets = data.target_set()
    deck = slides.DeckData(
        scope=scope,
        counts=counts,
        history=data.all_wave_counts(scope.attribute),
        units=units,
        labels=data.unit_labels(),
        thresholds=targets.thresholds,
        ranks=targets.ranks,
        subject=slides.subject_unit(scope, resolved.state.focus),
        successors=data.successors(),
    )
    return data.memo("present.deck", resolved.state, lambda: slides.build_deck(deck))


def show() -> None:
    """The deck, redrawn every `interval()` seconds by a fragment (the rest of the page is
    not rerun); each run re-reads the data, and moves on unless paused or just moved by hand."""
    every = interval()
    state = _state()

    @st.fragment(run_every=every)
    def deck() -> None:
        shown = _deck(state)
        if not shown:
            st.info(t("present.no_slides"))
            return
        index = _advance(len(shown), every)
        _slide(shown[index])
        _footer(index, len(shown), every, demo=_is_demo(state))

    deck()


def _advance(total: int, every: int) -> int:
    """The slide to show on this run (sipas.slideshow.on_run decides)."""
    position = slideshow.on_run(_position(), total, time.monotonic(), every)
    st.session_state[_POSITION] = position
    return position.index


def _position() -> slideshow.Position:
    found = st.session_state.get(_POSITION)
    return found if isinstance(found, slideshow.Position) else slideshow.Position()


def _move(step: int, total: int) -> None:
    st.session_state[_POSITION] = slideshow.moved(_position(), step, total, time.monotonic())


def _toggle_pause() -> None:
    st.session_state[_POSITION] = slideshow.toggled(_position(), time.monotonic())


def _slide(slide: slides.Slide) -> None:
    if slide.headline:
        parts = "".join(
            f'<div><span class="label">{html.escape(label)}</span>'
            f'<span class="value">{html.escape(value)}</span></div>'
            for label, value in slide.headline
        )
        st.html(f'<div class="sipas-headline">{parts}</div>')
    place = "headline" if slide.headline else "full"
    with st.container(key=f"slide_chart_{place}"):
        st.vega_lite_chart(
            dict(slide.spec),
            width="stretch",
            height="stretch",
            theme=None,
            key=f"slide_{slide.key}",
        )
    st.html(f'<p class="sipas-caption">{html.escape(slide.caption)}</p>')


def _is_demo(state: FilterState) -> bool:
    wave = choose_wave(state.wave, data.waves())
    return wave is not None and wave.is_demo


def _footer(index: int, total: int, every: int, demo: bool) -> None:
    paused = _position().paused
    columns = st.columns([1, 1.3, 1, 1, 4, 1], vertical_alignment="center")
    columns[0].button(t("present.previous"), on_click=_move, args=(-1, total), width="stretch")
    pause = t("present.resume") if paused else t("present.pause")
    # inert: the label is a catalogue text
    columns[1].button(pause, on_click=_toggle_pause, width="stretch")
    columns[2].button(t("present.next"), on_click=_move, args=(1, total), width="stretch")
    number = t("present.slide_number", number=index + 1, total=total)
    columns[3].html(f'<span class="sipas-slide-number">{number}</span>')
    notes = [_updated_text(), t("present.paused") if paused else t("present.every", seconds=every)]
    notes += [t("terms.demo_label")] if demo else []
    columns[4].html(f'<span class="sipas-footer">{html.escape(" · ".join(notes))}</span>')
    with columns[5]:
        st.page_link("pages/overview.py", label=t("present.exit"), query_params=to_query(_state()))


def _updated_text() -> str:
    """ "Cập nhật lúc 14:05" (Vietnam time) for the last change of the stored data."""
    moment = data.data_changed_at()
    if moment is None:
        return t("present.updated_unknown")
    return t("present.updated_at", time=format_time(clock.to_vietnam(moment)))
