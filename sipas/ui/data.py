"""The stored data pages read, through the caches of sipas.ui.cache.

Every loader is cached per database URL and data version, which every commit raises, so each
app process sees new data at its next rerun and never re-reads unchanged data. `engine`,
`current_version` and `memo` are the cache module's, named here too because pages and the
UI parts reach the database through this module.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from sipas.core.config import database_url, demo_mode
from sipas.core.i18n import t
from sipas.dashboard import scope
from sipas.method.results import WaveCounts
from sipas.method.waves import WaveInfo
from sipas.setup.bootstrap import ensure_demo
from sipas.storage import comments as stored_comments
from sipas.storage import imports as stored_imports
from sipas.storage import national as stored_national
from sipas.storage import state
from sipas.storage import targets as stored_targets
from sipas.storage import tasks as stored_tasks
from sipas.storage.comments import CommentFilter
from sipas.storage.counts import load_wave_counts
from sipas.storage.migrate import is_up_to_date
from sipas.storage.reference import units_frame
from sipas.storage.targets import TargetRecord
from sipas.storage.tasks import TaskRecord
from sipas.storage.units import list_units, successors_frame
from sipas.storage.waves import list_waves
from sipas.targets.registry import TargetSet, load_targets
from sipas.targets.rules import RankTarget, ThresholdTarget
from sipas.ui.cache import current_version, engine, engine_for, memo, read

__all__ = ["current_version", "engine", "memo"]  # the cache's, for this module's callers


@st.cache_resource(show_spinner=False)
def _prepared(url: str, demo: bool) -> bool:
    if demo:
        ensure_demo(engine_for(url))
        return True
    return is_up_to_date(engine_for(url))


def prepare_database() -> None:
    """Make sure the database is usable; in demo mode create and fill it on first start.
    Stops the page with a Vietnamese message when a production database is not initialised."""
    with st.spinner(t("app.preparing")):
        ready = _prepared(database_url(), demo_mode())
    if not ready:
        st.error(t("errors.storage.not_initialised"))
        st.stop()


@read()
def waves(session: Session) -> list[WaveInfo]:
    """All waves, oldest first."""
    return list_waves(session)


@read()
def national_waves(session: Session) -> list[WaveInfo]:
    """The waves holding Bộ Nội vụ's national tables, oldest first."""
    return list_waves(session, national=True)


# Reference data and counts are shared objects (st.cache_resource), not copied on every
# read: callers never change them in place (selections make new frames).
@read(shared=True, max_entries=4)
def units(session: Session) -> pd.DataFrame:
    """Every unit (sipas.storage.reference.units_frame)."""
    return units_frame(session)


@read(shared=True, max_entries=4)
def unit_labels(session: Session) -> dict[str, str]:
    """Display name per unit code (sipas.dashboard.scope.unit_labels); not to be changed."""
    return scope.unit_labels(units())


@read(shared=True, max_entries=4)
def unit_list(session: Session) -> pd.DataFrame:
    """Every unit with its official code, validity and successors (storage.units.list_units)."""
    return list_units(session)


@read(shared=True, max_entries=4)
def successors(session: Session) -> pd.DataFrame:
    """Legacy unit → 2025 unit links with weights (storage.units.successors_frame)."""
    return successors_frame(session)


@read(shared=True, max_entries=4)
def national_results(session: Session) -> pd.DataFrame:
    """The published national tables (storage.national.national_results); not to be changed."""
    return stored_national.national_results(session)


@read(shared=True, max_entries=64)
def wave_counts(session: Session, wave_code: str, attribute: str = "") -> WaveCounts:
    """One wave's answer counts (totals, or split by a respondent attribute)."""
    return load_wave_counts(session, wave_code, attribute)


def all_wave_counts(attribute: str = "") -> list[WaveCounts]:
    """Every wave's counts, oldest first (for trends across waves)."""
    return [wave_counts(wave.code, attribute) for wave in waves()]


@read()
def target_set(session: Session) -> TargetSet:
    """Every target of the registry (retired ones too: they still apply to older waves)."""
    return load_targets(session)


def threshold_targets() -> tuple[ThresholdTarget, ...]:
    """Every threshold target that pages compare numbers with, from the target registry."""
    return target_set().thresholds


def rank_targets() -> tuple[RankTarget, ...]:
    """Every rank target (top N, gain K places) of the target registry."""
    return target_set().ranks


@read()
def target_records(session: Session) -> list[TargetRecord]:
    """The registry's stored targets with their bookkeeping, oldest first."""
    return stored_targets.list_targets(session)


@read()
def target_history(session: Session, target_id: int | None = None) -> pd.DataFrame:
    """Changes of one target (or of all), newest first."""
    return stored_targets.target_history(session, target_id)


@read(max_entries=8)
def import_history(session: Session) -> pd.DataFrame:
    """Every import, newest first (sipas.storage.imports.HISTORY_COLUMNS)."""
    return stored_imports.import_history(session)


@read(max_entries=256)
def comment_count(session: Session, wanted: CommentFilter) -> int:
    """How many comments match."""
    return stored_comments.count_comments(session, wanted)


@read(max_entries=256)
def comments(session: Session, wanted: CommentFilter, limit: int, offset: int) -> pd.DataFrame:
    """One page of matching comments (newest first)."""
    return stored_comments.read_comments(session, wanted, limit, offset)


@read(max_entries=64)
def theme_counts(
    session: Session, wanted: CommentFilter, themes: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[int, dict[str, int]]:
    """All matching comments and how many speak about each theme (code → keyword phrases)."""
    return stored_comments.count_by_theme(session, wanted, dict(themes))


@read(max_entries=4)
def data_changed_at(session: Session) -> dt.datetime | None:
    """When the stored data last changed (naive UTC; None when unknown)."""
    return state.data_changed_at(session)


@read()
def task_records(session: Session) -> list[TaskRecord]:
    """Every remediation task, oldest first (every change raises the data version)."""
    return stored_tasks.list_tasks(session)


@read(max_entries=64)
def task_notes(session: Session, task_id: int) -> pd.DataFrame:
    """Progress notes of one task, newest day first."""
    return stored_tasks.task_notes(session, task_id)


@read(max_entries=64)
def task_history(session: Session, task_id: int) -> pd.DataFrame:
    """Changes of one task, newest first."""
    return stored_tasks.task_history(session, task_id)
