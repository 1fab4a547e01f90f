"""The filter bar shared by every dashboard page: its widgets, its state across page switches,
and its copy in the URL query string.

The state lives in one Session State entry (a sipas.filterstate.FilterState), not in the
widgets: Streamlit forgets a page's widgets when another page runs, so every widget is drawn
with the state's value as its default, is set from the state when it holds another value, and
writes back through its on_change callback. After every run the state is written to
st.query_params, so the address bar always holds a link that opens the same view; a new
session starts from that link (or from the user's own unit).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import pandas as pd
import streamlit as st

from sipas.core.i18n import t
from sipas.core.schema import AGGREGATE_KIND, UNIT
from sipas.dashboard.comparison import comparison_caption, comparison_options
from sipas.dashboard.filterstate import FilterState, from_query, to_query
from sipas.dashboard.scope import (
    Choices,
    Resolved,
    Scope,
    choose_wave,
    previous_units,
    resolve,
)
from sipas.dashboard.successors import SuccessorOffer, successor_offer, without_offered
from sipas.method.results import WaveCounts, select
from sipas.method.waves import WaveInfo, comparison_wave
from sipas.present import charts
from sipas.targets.rules import ThresholdTarget
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access, chrome, own_account

T = TypeVar("T")
STATE_KEY = "_sipas_filters"
_PREFIX = "sipas_filter_"
PRESENT_PAGE = "pages/present.py"  # the deck of the current filters (sipas.ui.presenting)


@dataclass(frozen=True)
class View:
    """Everything a dashboard page computes on, for the current filter state."""

    state: FilterState
    scope: Scope
    choices: Choices
    waves: list[WaveInfo]
    counts: WaveCounts
    previous: WaveCounts | None
    units: pd.DataFrame
    labels: dict[str, str]
    targets: tuple[ThresholdTarget, ...]
    compared: WaveInfo | None = None  # the wave of every "change since" (comparison_wave)

    @property
    def wave(self) -> WaveInfo:
        return self.scope.wave

    @property
    def comparison_caption(self) -> str:
        """Which wave the view's changes compare with, marked when it is no official
        baseline or used another method (sipas.dashboard.comparison)."""
        return comparison_caption(self.wave, self.compared, self.state.compare)

    def memo(self, name: str, compute: Callable[[], T], *inputs: Hashable) -> T:
        """`compute()` once per view, `inputs` (the page's own choices it depends on) and data
        version (sipas.ui.cache.memo)."""
        return data.memo(name, self.state, compute, *inputs)

    def spec(self, name: str, build: Callable[[], Any], *inputs: Hashable) -> widgets.PreparedChart:
        """The chart `build()` makes, as drawn and exported, once per view and `inputs`."""
        prepare = lambda: widgets.prepare_chart(charts.to_spec(build()))  # noqa: E731
        return data.memo(name, self.state, prepare, *inputs)

    def previous_units(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(peers, units to compare the selection with) in the previous wave."""
        if self.previous is None:
            return (), ()
        return previous_units(self.scope, self.previous, self.units)


def current() -> FilterState:
    """The filter state of this session; on first use read from the URL (a shared link) or,
    without one, started from the user's own unit."""
    if STATE_KEY not in st.session_state:
        first = from_query(st.query_params.to_dict())
        unit = access.current_user().unit_code
        if first == FilterState() and unit:
            first = _home(unit)
        st.session_state[STATE_KEY] = first
    state: FilterState = st.session_state[STATE_KEY]
    return state


def _home(unit: str) -> FilterState:
    """The view a user bound to `unit` opens on: the newest wave with answers from the unit
    (a district abolished by the 2025 reform is in older waves only), at the unit's level."""
    level = data.units().set_index("code")["level"].get(unit)
    for wave in reversed(data.waves()):
        if wave.kind == AGGREGATE_KIND:
            continue
        if unit in set(data.wave_counts(wave.code).answers[UNIT]):
            return FilterState(wave=wave.code, level=str(level or ""), units=(unit,), focus=unit)
    return FilterState(units=(unit,), focus=unit)


def store(state: FilterState) -> None:
    """Keep `state` for this session and write it to the URL."""
    st.session_state[STATE_KEY] = state
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def _drawn(waves: list[WaveInfo], wave: WaveInfo) -> Resolved:
    """Resolve the state against `wave`, draw the bar and write the address."""
    state = current()
    units = data.units()
    # pure in the state and the stored data: kept per view, as the page's own numbers are
    resolved = data.memo(
        "filters.resolved", state, lambda: resolve(state, wave, data.wave_counts(wave.code), units)
    )
    _draw(resolved, list(reversed(waves)), comparison_options(waves, wave))
    store(resolved.state)
    return resolved


def shared_bar() -> FilterState:
    """The filter bar on a page that does not compute on it (targets, tasks): the same widgets
    and the same address as the dashboard pages, so a copied link keeps the whole view."""
    waves = data.waves()
    wave = choose_wave(current().wave, waves)
    return _drawn(waves, wave).state if wave is not None else current()


def bar() -> View:
    """Draw the filter bar in the sidebar and return the page's view of the data; stops the
    page with a Vietnamese message when there is nothing to show."""
    waves = data.waves()
    if not waves:
        _stop(t("app.no_waves"))
    wave = choose_wave(current().wave, waves)
    assert wave is not None
    units = data.units()
    asked = current()  # before resolving: a legacy unit chosen for a later wave is offered
    resolved = _drawn(waves, wave)
    offer = data.memo(
        "filters.offer",
        asked,
        lambda: successor_offer(asked, data.wave_counts(wave.code), units, data.successors()),
    )
    widgets.demo_label(wave)
    own_account.rebind_offer()
    label = data.unit_labels().get(offer.unit, "") if offer else ""
    for note in without_offered(resolved.notes, offer, label):
        st.info(escape_markdown(note))
    if offer is not None:
        _offer(offer)
    scope = resolved.scope
    if scope is None:
        kind = "filters.wave_published" if wave.kind == "aggregate" else "filters.wave_no_data"
        _stop(t(kind, wave=wave.code))
    counts = data.wave_counts(wave.code, scope.attribute)
    if data.memo(
        "filters.empty", resolved.state, lambda: select(counts, scope.selection()).is_empty
    ):
        _stop(t("filters.empty_selection"))
    before = comparison_wave(waves, wave, chosen=resolved.state.compare)
    return View(
        state=resolved.state,
        scope=scope,
        choices=resolved.choices,
        waves=waves,
        counts=counts,
        previous=data.wave_counts(before.code, scope.attribute) if before else None,
        units=units,
        labels=data.unit_labels(),
        targets=data.threshold_targets(),
        compared=before,
    )


def _offer(offer: SuccessorOffer) -> None:
    """A legacy unit chosen for a wave after the reform: one click chooses its successors."""
    with st.container(border=True):
        st.info(escape_markdown(offer.text))
        st.button(
            escape_markdown(offer.button),
            on_click=_take_offer,
            args=(offer,),
            key="sipas_successor_offer",
        )


def _take_offer(offer: SuccessorOffer) -> None:
    changes = {"level": offer.level, "parent": "", "units": offer.successors}
    st.session_state[STATE_KEY] = current().with_changes(focus=offer.successors[0], **changes)


def _stop(message: str) -> NoReturn:
    st.info(escape_markdown(message))
    st.stop()


def _draw(resolved: Resolved, waves: list[WaveInfo], compare: dict[str, str]) -> None:
    state, choices = resolved.state, resolved.choices
    names = {w.code: f"{w.code} – {w.name}" for w in waves}
    with chrome.filter_slot():
        st.subheader(t("filters.heading"))
        _seeded(
            st.selectbox,
            "wave",
            state.wave,
            t("filters.wave"),
            options=list(names),
            index=_index(names, state.wave),
            format_func=names.get,
        )
        if choices.levels:
            _seeded(
                st.radio,
                "level",
                state.level,
                t("filters.level"),
                options=list(choices.levels),
                index=_index(choices.levels, state.level),
                format_func=lambda c: t(f"levels.{c}"),
                horizontal=True,
            )
        if len(choices.parents) > 1:
            parents = {"": t("filters.all_parents"), **choices.parents}
            _seeded(
                st.selectbox,
                "parent",
                state.parent,
                t("filters.parent"),
                options=list(parents),
                index=_index(parents, state.parent),
                format_func=parents.get,
            )
        units = widgets.unit_search(_PREFIX + "units", choices.units, keep=state.units)
        _multi("units", state.units, units, "filters.units", "filters.units_placeholder")
        # below the units: wave and unit stay on the first screen at 1366×768
        _seeded(
            st.selectbox,
            "compare",
            state.compare if state.compare in compare else "",
            t("comparison.label"),
            options=list(compare),
            index=_index(compare, state.compare),
            format_func=compare.get,
            help=t("comparison.help"),
        )
        _multi(
            "fields", state.fields, choices.fields, "filters.fields", "filters.fields_placeholder"
        )
        _multi(
            "channels",
            state.channels,
            choices.channels,
            "filters.channels",
            "filters.channels_placeholder",
        )
        st.button(t("filters.reset"), on_click=_reset, width="stretch")
        st.caption(t("filters.link_help"))
        st.page_link(
            PRESENT_PAGE,
            label=t("present.open"),
            help=t("present.open_help"),
            query_params=to_query(state),
        )


def _multi(
    name: str, value: Sequence[str], options: dict[str, str], label: str, placeholder: str
) -> None:
    _seeded(
        st.multiselect,
        name,
        list(value),
        t(label),
        options=list(options),
        default=[code for code in value if code in options],
        format_func=lambda code: options.get(code, code),
        placeholder=t(placeholder),
        select_all=False,  # its English "Select all" has no Vietnamese form
    )


def _seeded(widget: Callable[..., Any], name: str, shown: Any, label: str, **options: Any) -> Any:
    """Draw `widget` showing `shown` from the state; a change goes back into the state.

    Streamlit sends a widget whose value the script sets as a one-shot update, which the
    browser builds anew, so the value is set only when the widget holds another one (the
    state was changed by a drill-down, a reset or a link). The widget's default is the state's
    value too: a widget the browser mounts again without being set shows its default and
    reports it on the next run, which must not move the state (a click on a 2024 bar once
    opened the criteria page on the newest wave that way)."""
    key = _PREFIX + name
    if key not in st.session_state or st.session_state[key] != shown:
        st.session_state[key] = shown
    return widget(label, key=key, on_change=_changed, args=(name, key), **options)


def _index(options: Iterable[Any], value: Any) -> int:
    """Where `value` is among `options` (a select box's or radio's default; 0 if absent)."""
    shown = list(options)
    return shown.index(value) if value in shown else 0


def _changed(name: str, key: str) -> None:
    value = st.session_state[key]
    changes: dict[str, Any] = {name: value}
    if name == "level":
        # Units, parent and the unit in focus belong to a level: start afresh on another one.
        changes.update(units=(), parent="", focus="")
    if name == "parent":
        changes.update(units=())
    if name == "wave":
        changes.update(compare="")  # the earlier waves are another wave's
    st.session_state[STATE_KEY] = current().with_changes(**changes)


def _reset() -> None:
    st.session_state[STATE_KEY] = FilterState()


def choice(
    label: str,
    name: str,
    options: Sequence[str],
    format_func: Callable[[str], str] = str,
    **extra: Any,
) -> str:
    """A page's own select box whose value is part of the filter state (and so of the URL);
    an unknown value falls back to the first option."""
    value = getattr(current(), name)
    value = value if value in options else options[0]
    update(**{name: value})
    _seeded(
        st.selectbox,
        name,
        value,
        label,
        options=list(options),
        index=_index(options, value),
        format_func=format_func,
        **extra,
    )
    return str(value)


def text(label: str, name: str, **extra: Any) -> str:
    """A page's own text box whose value is part of the filter state."""
    value = str(getattr(current(), name))
    _seeded(st.text_input, name, value, label, value=value, **extra)
    return value


def update(**changes: Any) -> FilterState:
    """Change part of the state (and the URL) from a page."""
    state = current().with_changes(**changes)
    store(state)
    return state


def drill(page: str, focus: str = "", **changes: Any) -> NoReturn:
    """Go to `page` showing what was clicked (a unit in focus, a field, a measure …)."""
    state = current().with_changes(**changes)
    if focus:
        state = state.focused_on(focus)
    store(state)
    st.switch_page(page, query_params=to_query(state))


def focus_choice(view: View, label: str) -> str:
    """The one unit a page shows: the unit in focus, among the chosen units when there are
    some (the only one when one is chosen: no choice then), else among all peers."""
    scope = view.scope
    options = list(scope.units or scope.peers)
    if len(options) == 1:
        return options[0]
    first = scope.focus if scope.focus in options else options[0]
    ordered = [first, *(code for code in options if code != first)]
    with st.columns([2, 3])[0]:
        return choice(label, "focus", ordered, lambda code: view.labels.get(code, code))
