"""The audit log on PostgreSQL set up as docs/DEPLOY.md says: migrations as the owner role,
the app as a role that may only add and read entries. The app's role tries everything the
attack did (rewrite, remove, truncate, switch the guard off, back-date) and fails; a row the
owner rewrites is found by `python -m sipas audit verify`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sipas.cli.security import run_init_as_owner
from sipas.storage.audit import record_event
from sipas.storage.auditchain import verify_chain
from sipas.storage.engine import make_engine, transaction
from tests.support.postgres import _administer

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def roles(postgres_url: str) -> Iterator[tuple[str, str]]:
    """A database owned by a new owner role, and the URLs of the owner and the app role."""
    suffix = uuid.uuid4().hex[:8]
    owner, app, name = f"sipas_owner_{suffix}", f"sipas_app_{suffix}", f"sipas_roles_{suffix}"
    _administer(postgres_url, f'CREATE ROLE "{owner}" LOGIN')
    _administer(postgres_url, f'CREATE ROLE "{app}" LOGIN')
    _administer(postgres_url, f'CREATE DATABASE "{name}" OWNER "{owner}"')
    base = make_url(postgres_url).set(database=name)
    yield (
        base.set(username=owner).render_as_string(hide_password=False),
        base.set(username=app).render_as_string(hide_password=False),
    )
    _administer(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _administer(postgres_url, f'DROP ROLE "{app}"')
    _administer(postgres_url, f'DROP ROLE "{owner}"')


ATTEMPTS = [
    "UPDATE audit_log SET actor = 'ai-do'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_log_seal ON audit_log",
    "CREATE TRIGGER mine BEFORE INSERT ON audit_log FOR EACH ROW "
    "EXECUTE FUNCTION audit_log_append_only()",
    "ALTER TABLE audit_log OWNER TO CURRENT_USER",
    "DROP TABLE audit_log",
]


def test_the_app_role_can_only_add_and_read_entries(roles: tuple[str, str]) -> None:
    owner_url, app_url = roles
    app: Engine = make_engine(app_url)
    try:
        assert run_init_as_owner(app, owner_url) == make_url(app_url).username
        with transaction(app) as session:
            record_event(session, "tran.binh", "login")
        for statement in ATTEMPTS:
            with pytest.raises(DBAPIError), app.begin() as connection:
                connection.execute(text(statement))
        with app.begin() as connection:  # a back-dated entry with a made-up hash
            connection.execute(
                text(
                    "INSERT INTO audit_log (id, at, actor, action, object, outcome, details, hash)"
                    " VALUES (1, '2020-01-01', 'ai-do', 'login', '', 'ok', '{}', 'abc')"
                )
            )
            rows = connection.execute(text("SELECT id, at, hash FROM audit_log ORDER BY id")).all()
            # the app's role still writes the rest of the data
            connection.execute(text("UPDATE app_state SET value = value WHERE false"))
        assert len(rows) == 2 and rows[1].id > rows[0].id and rows[1].hash != "abc"
        assert rows[1].at > dt.datetime(2025, 1, 1)  # stamped by the database's clock
        with transaction(app) as session:
            assert verify_chain(session).intact
    finally:
        app.dispose()


def test_audit_verify_finds_a_row_the_owner_rewrote(roles: tuple[str, str]) -> None:
    owner_url, app_url = roles
    app = make_engine(app_url)
    owner = make_engine(owner_url)
    try:
        run_init_as_owner(app, owner_url)
        with transaction(app) as session:
            for actor in ("tran.binh", "nguyen.an", "le.hoa"):
                record_event(session, actor, "export", "bao_cao.xlsx")
        env = {**os.environ, "SIPAS_DATABASE_URL": app_url}
        verify = [sys.executable, "-m", "sipas", "audit", "verify"]
        done = subprocess.run(verify, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0 and "nguyên vẹn: đã kiểm tra 3 mục" in done.stderr
        with owner.begin() as connection:
            second = connection.execute(
                text("SELECT id FROM audit_log ORDER BY id OFFSET 1 LIMIT 1")
            ).scalar_one()
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            connection.execute(
                text("UPDATE audit_log SET actor = 'ai-do' WHERE id = :id"), {"id": second}
            )
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        done = subprocess.run(verify, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 1
        assert f"bị đứt tại mục số {second} (mục thứ 2 theo thứ tự)" in done.stderr
    finally:
        app.dispose()
        owner.dispose()
