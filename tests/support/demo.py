"""Private copies of the demo database on either backend, for tests that change it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sipas.setup.bootstrap import initialise
from sipas.setup.demo_units import sync_demo_units
from sipas.storage.engine import transaction
from tests.support.postgres import create_database, drop_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def demo_copy(request: pytest.FixtureRequest, backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new copy of the demo: a file in `folder` copied from the session's SQLite
    demo, or a PostgreSQL database made from the session's demo template (dropped after)."""
    if backend == "sqlite":
        copy = folder / "demo.db"
        shutil.copy(request.getfixturevalue("demo_file"), copy)
        yield f"sqlite:///{copy}"
        return
    server = request.getfixturevalue("postgres_url")
    url = create_database(server, template=request.getfixturevalue("postgres_demo_template"))
    try:
        yield url
    finally:
        drop_database(server, url)


def initialise_with_demo_units(engine: Engine) -> None:
    """`init` (which loads no survey unit), then the demo's own unit list (Ninh Thuận's 7
    districts, 24 of Khánh Hòa's communes, 6 departments) as the demo stores it, for tests that
    import Ninh Thuận workbooks into a database without survey data."""
    initialise(engine)
    with transaction(engine) as session:
        sync_demo_units(session)
