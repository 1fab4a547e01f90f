"""Cached access to the database for pages.

Caches are keyed on the data version, which every committed import raises, so each app
process sees new data at its next rerun and never re-reads unchanged data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sipas.core.config import database_url, demo_mode
from sipas.core.i18n import current_language, t
from sipas.dashboard import scope
from sipas.dashboard.filterstate import FilterState, to_query
from sipas.method.results import WaveCounts
from sipas.method.waves import WaveInfo
from sipas.setup.bootstrap import ensure_demo
from sipas.storage.comments import CommentFilter, count_by_theme, count_comments, read_comments
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.imports import import_history as read_import_history
from sipas.storage.migrate import is_up_to_date
from sipas.storage.reference import units_frame
from sipas.storage.state import data_changed_at as read_data_changed_at
from sipas.storage.state import data_version, raises_committed
from sipas.storage.targets import TargetRecord, list_targets
from sipas.storage.targets import target_history as read_target_history
from sipas.storage.tasks import TaskRecord, list_tasks
from sipas.storage.tasks import task_history as read_task_history
from sipas.storage.tasks import task_notes as read_task_notes
from sipas.storage.units import list_units, successors_frame
from sipas.storage.waves import list_waves
from sipas.targets.registry import TargetSet, load_targets
from sipas.targets.rules import RankTarget, ThresholdTarget


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    return _engine(database_url())


@st.cache_resource(show_spinner=False)
def _prepared(url: str, demo: bool) -> bool:
    if demo:
        ensure_demo(_engine(url))
        return True
    return is_up_to_date(_engine(url))


def prepare_database() -> None:
    """Make sure the database is usable; in demo mode create and fill it on first start.
    Stops the page with a Vietnamese message when a production database is not initialised."""
    with st.spinner(t("app.preparing")):
        ready = _prepared(database_url(), demo_mode())
    if not ready:
        st.error(t("errors.storage.not_initialised"))
        st.stop()


_RUN_VERSION = "sipas_run_data_version"


def current_version() -> int:
    """The data version, read once per script run (a page asks for it a dozen times) and read
    again after this process committed a change. Every run (a fragment's too) starts with a
    fresh read, so another process's import is seen at the next rerun."""
    run = _this_run()
    raised = raises_committed()
    known = st.session_state.get(_RUN_VERSION) if run is not None else None
    if known is not None and known[0] is run and known[1] == raised:
        return int(known[2])
    with transaction(engine()) as session:
        version = data_version(session)
    if run is not None:
        st.session_state[_RUN_VERSION] = (run, raised, version)
    return version


def _this_run() -> object | None:
    """An object that exists for exactly one script run: the run context's cursors, which
    Streamlit replaces at the start of every run (full or fragment). None outside a run."""
    context = get_script_run_ctx()
    return context.cursors if context is not None else None


@st.cache_data(show_spinner=False)
def _waves(url: str, version: int) -> list[WaveInfo]:
    with transaction(_engine(url)) as session:
        return list_waves(session)


def waves() -> list[WaveInfo]:
    """All waves, oldest first."""
    return _waves(database_url(), current_version())


# Reference data and counts are cached as shared objects (st.cache_resource), not copied on
# every read: callers never change them in place (selections make new frames).
@st.cache_resource(show_spinner=False, max_entries=4)
def _units(url: str, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return units_frame(session)


def units() -> pd.DataFrame:
    return _units(database_url(), current_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _unit_list(url: str, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return list_units(session)


def unit_list() -> pd.DataFrame:
    """Every unit with its official code, validity and successors (storage.units.list_units)."""
    return _unit_list(database_url(), current_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _successors(url: str, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return successors_frame(session)


def successors() -> pd.DataFrame:
    """Legacy unit → 2025 unit links with weights (storage.units.successors_frame)."""
    return _successors(database_url(), current_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _unit_labels(url: str, version: int) -> dict[str, str]:
    return scope.unit_labels(_units(url, version))


def unit_labels() -> dict[str, str]:
    """Display name per unit code (sipas.scope.unit_labels); shared, not to be changed."""
    return _unit_labels(database_url(), current_version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _wave_counts(url: str, wave_code: str, attribute: str, version: int) -> WaveCounts:
    with transaction(_engine(url)) as session:
        return load_wave_counts(session, wave_code, attribute)


def wave_counts(wave_code: str, attribute: str = "") -> WaveCounts:
    """One wave's answer counts (totals, or split by a respondent attribute)."""
    return _wave_counts(database_url(), wave_code, attribute, current_version())


@st.cache_data(show_spinner=False)
def _target_set(url: str, version: int) -> TargetSet:
    with transaction(_engine(url)) as session:
        return load_targets(session)


def target_set() -> TargetSet:
    """Every target of the registry (retired ones too: they still apply to older waves)."""
    return _target_set(database_url(), current_version())


def _import_history(url: str, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return read_import_history(session)


def import_history() -> pd.DataFrame:
    """Every import, newest first (sipas.storage.imports.HISTORY_COLUMNS)."""
    return _import_history(database_url(), current_version())


def threshold_targets() -> tuple[ThresholdTarget, ...]:
    """Every threshold target that pages compare numbers with, from the target registry."""
    return target_set().thresholds


def rank_targets() -> tuple[RankTarget, ...]:
    """Every rank target (top N, gain K places) of the target registry."""
    return target_set().ranks


@st.cache_data(show_spinner=False)
def _target_records(url: str, version: int) -> list[TargetRecord]:
    with transaction(_engine(url)) as session:
        return list_targets(session)


def target_records() -> list[TargetRecord]:
    """The registry's stored targets with their bookkeeping, oldest first."""
    return _target_records(database_url(), current_version())


@st.cache_data(show_spinner=False)
def _target_history(url: str, target_id: int | None, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return read_target_history(session, target_id)


def target_history(target_id: int | None = None) -> pd.DataFrame:
    """Changes of one target (or of all), newest first."""
    return _target_history(database_url(), target_id, current_version())


def all_wave_counts(attribute: str = "") -> list[WaveCounts]:
    """Every wave's counts, oldest first (for trends across waves)."""
    return [wave_counts(wave.code, attribute) for wave in waves()]


@st.cache_data(show_spinner=False, max_entries=256)
def _comment_count(url: str, wanted: CommentFilter, version: int) -> int:
    with transaction(_engine(url)) as session:
        return count_comments(session, wanted)


def comment_count(wanted: CommentFilter) -> int:
    """How many comments match."""
    return _comment_count(database_url(), wanted, current_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _comments(
    url: str, wanted: CommentFilter, limit: int, offset: int, version: int
) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return read_comments(session, wanted, limit, offset)


def comments(wanted: CommentFilter, limit: int, offset: int) -> pd.DataFrame:
    """One page of matching comments (newest first)."""
    return _comments(database_url(), wanted, limit, offset, current_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _theme_counts(
    url: str, wanted: CommentFilter, themes: tuple[tuple[str, tuple[str, ...]], ...], version: int
) -> tuple[int, dict[str, int]]:
    with transaction(_engine(url)) as session:
        return count_by_theme(session, wanted, dict(themes))


def theme_counts(
    wanted: CommentFilter, themes: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[int, dict[str, int]]:
    """All matching comments and how many speak about each theme (code → keyword phrases)."""
    return _theme_counts(database_url(), wanted, themes, current_version())


T = TypeVar("T")


def memo(name: str, state: FilterState, compute: Callable[[], T]) -> T:
    """`compute()` once per name, filter state, language and data version in this process
    (the 512 most recent kept): going back to a view a leader has seen is instant.
    `compute` must depend only on the state and the stored data."""
    key = tuple(sorted(to_query(state).items()))
    result: T = _memo(name, key, current_language(), database_url(), current_version(), compute)
    return result


@st.cache_data(show_spinner=False, max_entries=512)
def _memo(
    name: str,
    key: tuple[tuple[str, str], ...],
    language: str,
    url: str,
    version: int,
    _compute: Callable[[], Any],
) -> Any:
    return _compute()


@st.cache_data(show_spinner=False, max_entries=4)
def _data_changed_at(url: str, version: int) -> dt.datetime | None:
    with transaction(_engine(url)) as session:
        return read_data_changed_at(session)


def data_changed_at() -> dt.datetime | None:
    """When the stored data last changed (naive UTC; None when unknown)."""
    return _data_changed_at(database_url(), current_version())


@st.cache_data(show_spinner=False)
def _task_records(url: str, version: int) -> list[TaskRecord]:
    with transaction(_engine(url)) as session:
        return list_tasks(session)


def task_records() -> list[TaskRecord]:
    """Every remediation task, oldest first (every change raises the data version)."""
    return _task_records(database_url(), current_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _task_notes(url: str, task_id: int, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return read_task_notes(session, task_id)


def task_notes(task_id: int) -> pd.DataFrame:
    """Progress notes of one task, newest day first."""
    return _task_notes(database_url(), task_id, current_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _task_history(url: str, task_id: int, version: int) -> pd.DataFrame:
    with transaction(_engine(url)) as session:
        return read_task_history(session, task_id)


def task_history(task_id: int) -> pd.DataFrame:
    """Changes of one task, newest first."""
    return _task_history(database_url(), task_id, current_version())
