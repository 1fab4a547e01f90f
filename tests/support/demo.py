"""Private copies of the demo database on either backend, for tests that change it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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
