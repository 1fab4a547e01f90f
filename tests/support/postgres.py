"""A throwaway PostgreSQL cluster in a temporary folder, for tests and benchmarks.

Uses the server binaries of the machine (Debian's postgresql package); as root, the server
runs as the `postgres` user because initdb refuses root. Set SIPAS_TEST_POSTGRES_URL to use
an existing server instead (its user must be allowed to create databases).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support.appserver import free_port


def _binaries() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not candidates:
        raise RuntimeError(
            "PostgreSQL server binaries not found: install the Debian package 'postgresql' "
            "(scripts/test.sh does) or set SIPAS_TEST_POSTGRES_URL."
        )
    return Path(candidates[-1])


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the URL of a server's maintenance database (`postgres`); stop it afterwards."""
    external = os.environ.get("SIPAS_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    binaries, port = _binaries(), free_port()
    root = Path(tempfile.mkdtemp(prefix="sipas-pg-"))
    data, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(socket_dir, "postgres", "postgres")
    run = lambda *args: subprocess.run(_as_postgres(list(args)), check=True, capture_output=True)  # noqa: E731
    run(
        str(binaries / "initdb"),
        "-D",
        str(data),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--locale-provider=icu",
        "--icu-locale=vi-VN",
        "--no-sync",
    )
    # Set up as a server in the province would be: Vietnamese collation (text ordered unlike
    # SQLite unless a query says how) and Vietnam's time zone (a time the database makes
    # itself, now(), differs from the app's UTC).
    options = (
        f"-k {socket_dir} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c max_connections=200 -c timezone=Asia/Ho_Chi_Minh"
    )
    run(
        str(binaries / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "log"),
        "-w",
        "-o",
        options,
        "start",
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, template: str | None = None) -> str:
    """A new database on the server, empty or a copy of the database `template` (nobody may
    be connected to that one meanwhile); returns its URL."""
    name = f"sipas_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
    _administer(server_url, f'CREATE DATABASE "{name}"{copy}')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    """Drop the database of `url`, closing whatever connections to it are still open (an
    app's cached engine, a server that was stopped without disposing its pool)."""
    _administer(server_url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def _administer(server_url: str, statement: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()
