"""Fixtures shared by every test: databases (SQLite and a real PostgreSQL), demo data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from sipas.setup.bootstrap import ensure_demo
from sipas.storage.engine import make_engine
from tests.support.clock import FakeClock
from tests.support.demo import BACKENDS, demo_copy, initialise_with_demo_units
from tests.support.postgres import create_database, postgres_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The maintenance URL of the throwaway PostgreSQL server of this test session."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=BACKENDS)
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
    """An initialised database (schema, fields, the demo's own unit list) without survey data,
    on both backends."""
    initialise_with_demo_units(empty_engine)
    return empty_engine


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo loaded, built once per session; copy it before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    ensure_demo(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_demo_template(postgres_url: str) -> str:
    """The name of a PostgreSQL database with the demo loaded, built once per session as the
    template of every PostgreSQL demo copy. CREATE DATABASE ... TEMPLATE fails while anyone is
    connected to it: never connect to it after this."""
    url = create_database(postgres_url)
    engine = make_engine(url)
    ensure_demo(engine)
    engine.dispose()
    return str(make_url(url).database)


@pytest.fixture(params=BACKENDS)
def demo_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A private copy of the demo database that a test may change: a SQLite file, then a
    PostgreSQL database."""
    with demo_copy(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Time that moves only when the test says so (sipas.clock.now replaced)."""
    fake = FakeClock()
    monkeypatch.setattr("sipas.core.clock.now", fake)
    return fake
