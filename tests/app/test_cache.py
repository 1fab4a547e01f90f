"""The caches of sipas.ui.cache on a real database: a loader serves stored data until a commit
raises the data version, loaders with the same arguments keep their own entries, and a memo
is keyed on the view and its explicit inputs, nothing else."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sipas.dashboard.filterstate import FilterState
from sipas.storage.engine import transaction
from sipas.storage.state import bump_data_version
from sipas.ui import cache, data

pytestmark = pytest.mark.filterwarnings("ignore:.*No runtime found.*")
READS: list[str] = []


@cache.read()
def unit_count(session: Session, level: str) -> int:
    READS.append(level)
    return int((data.units()["level"] == level).sum())


@pytest.fixture
def database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("SIPAS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    st.cache_data.clear()
    st.cache_resource.clear()
    READS.clear()
    return engine


def test_a_loader_reads_once_per_data_version_and_arguments(database: Engine) -> None:
    districts = unit_count("district")
    assert districts > 0
    assert unit_count("district") == districts and unit_count(level="district") == districts
    unit_count("commune")
    assert READS == ["district", "commune"]
    with transaction(database) as session:
        bump_data_version(session)
    unit_count("district")
    assert READS == ["district", "commune", "district"]


def test_loaders_with_the_same_arguments_keep_their_own_entries(database: Engine) -> None:
    # both take no argument: one shared Streamlit cache would give one the other's value
    assert isinstance(data.waves(), list)
    assert isinstance(data.units(), type(data.units()))
    assert data.waves() == [] and not data.units().empty


def test_a_memo_is_keyed_on_the_view_and_its_inputs(database: Engine) -> None:
    computed: list[str] = []

    def compute(tag: str) -> str:
        computed.append(tag)
        return tag

    view = FilterState(wave="2024")
    assert cache.memo("t.value", view, lambda: compute("a"), "sipas") == "a"
    assert cache.memo("t.value", view, lambda: compute("b"), "sipas") == "a"  # kept
    assert cache.memo("t.value", view, lambda: compute("c"), "pillar") == "c"  # another input
    assert cache.memo("t.value", FilterState(wave="2023"), lambda: compute("d"), "sipas") == "d"
    assert computed == ["a", "c", "d"]
