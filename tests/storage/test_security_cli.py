"""The server administrator's commands against a real database: `auth rotate-key` ends every
cookie and session; the audit log records the person behind sudo, or `--actor`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from sipas.accounts import login, tokens
from sipas.accounts import registry as accounts
from sipas.storage import accounts as store
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction

ROOT = Path(__file__).resolve().parents[2]
KEY = "k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0"
PASSWORD = "Sông#Hương2025"


def sipas(url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SIPAS_DATABASE_URL": url, **env}
    return subprocess.run(
        [sys.executable, "-m", "sipas", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def current_key(engine: Engine) -> str:
    with transaction(engine) as session:
        return tokens.signing_key(KEY, store.cookie_generation(session))


def test_rotate_key_ends_every_cookie_and_session(engine: Engine, empty_url: str) -> None:
    with transaction(engine) as session:
        accounts.add_account(session, "cli", "quan.tri", "admin", PASSWORD)
        accounts.add_account(session, "cli", "lanh.dao", "leader", PASSWORD)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    cookie, _ = tokens.issue("quan.tri", now, 1.0, current_key(engine))
    assert tokens.read(cookie, current_key(engine), now, 1.0) is not None
    done = sipas(empty_url, "auth", "rotate-key", SUDO_USER="le.van.hanh")
    assert done.returncode == 0, done.stderr
    assert "phiên của 2 tài khoản đã kết thúc" in done.stderr
    assert tokens.read(cookie, current_key(engine), now, 1.0) is None
    with transaction(engine) as session:
        # a session opened before (version 1) ends at its next run
        assert login.current_account(session, "quan.tri", 1, None) is None
        assert login.current_account(session, "quan.tri", 2, None) is not None
        entry = audit_frame(session).iloc[0]
    assert (entry["actor"], entry["action"], entry["object"]) == (
        "le.van.hanh",
        "key_rotated",
        "cookie_key",
    )


def test_actor_option_names_the_operator(engine: Engine, empty_url: str) -> None:
    done = sipas(
        empty_url,
        "--actor",
        "nguyen.thi.lan",
        "users",
        "add",
        "lanh.dao",
        "--role",
        "leader",
        "--password",
        PASSWORD,
        SUDO_USER="le.van.hanh",
    )
    assert done.returncode == 0, done.stderr
    with transaction(engine) as session:
        entry = audit_frame(session).iloc[0]
        created_by = store.find_account(session, "lanh.dao")
    assert entry["actor"] == "nguyen.thi.lan" and entry["action"] == "account_add"
    assert created_by is not None and created_by.created_by == "nguyen.thi.lan"
