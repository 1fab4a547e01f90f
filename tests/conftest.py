"""Fixtures shared by every test: databases (SQLite and a real PostgreSQL), demo data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sipas.bootstrap import ensure_demo, initialise
from sipas.storage.engine import make_engine
from tests.support.clock import FakeClock
from tests.support.postgres import create_database, postgres_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The maintenance URL of the throwaway PostgreSQL server of this test session."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database: SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sipas.db'}"
    return create_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def empty_engine(empty_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """An initialised database (schema, units, fields) without survey data, on both backends."""
    initialise(empty_engine)
    return empty_engine


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo loaded, built once per session; copy it before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    ensure_demo(engine)
    engine.dispose()
    return path


@pytest.fixture
def demo_url(demo_file: Path, tmp_path: Path) -> str:
    """A private copy of the demo database that a test may change."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Time that moves only when the test says so (sipas.clock.now replaced)."""
    fake = FakeClock()
    monkeypatch.setattr("sipas.clock.now", fake)
    return fake
