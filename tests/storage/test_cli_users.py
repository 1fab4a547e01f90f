"""`python -m sipas users …` against a real database: the first administrator of a new
database, passwords from the prompt or a pipe, changes audited with the OS user, Vietnamese
errors that store nothing."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sipas.accounts import login
from sipas.accounts.settings import AuthSettings
from sipas.storage.accounts import accounts_frame
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from tests.support.demo import initialise_with_demo_units

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = AuthSettings(cookie_key="x" * 40)


def users(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIPAS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "sipas", "users", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )


def logs_in(engine: Engine, username: str, password: str) -> str:
    with transaction(engine) as session:
        return login.attempt_login(session, username, password, SETTINGS).outcome


def test_first_administrator_and_account_changes(engine: Engine, empty_url: str) -> None:
    with transaction(engine) as session:
        assert accounts_frame(session).empty  # a non-demo database starts with no account
    done = users(empty_url, "add", "quan.tri", "--role", "admin", "--name", "Lê Quản Trị",
                 "--password", "Sông#Hương2025")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Đã tạo tài khoản quan.tri" in done.stderr
    piped = users(empty_url, "add", "tran.binh", "--role", "staff", "--unit", "ninh-son",
                  stdin="Núi#Bà2025đen\n")  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert logs_in(engine, "tran.binh", "Núi#Bà2025đen") == login.SUCCESS
    listing = users(empty_url, "list")
    assert listing.returncode == 0
    assert "Lê Quản Trị" in listing.stdout and "Chuyên viên Nội vụ" in listing.stdout
    assert "Ninh Sơn" in listing.stdout
    assert users(empty_url, "set-password", "tran.binh", stdin="Mới#Mật2025khẩu\n").returncode == 0
    assert logs_in(engine, "tran.binh", "Núi#Bà2025đen") == login.REFUSED
    assert users(empty_url, "set-role", "tran.binh", "--role", "leader").returncode == 0
    assert users(empty_url, "deactivate", "tran.binh").returncode == 0
    assert logs_in(engine, "tran.binh", "Mới#Mật2025khẩu") == login.INACTIVE
    with transaction(engine) as session:
        log = audit_frame(session)
    changes = log[log["action"].str.startswith("account_")]
    assert set(changes["actor"]) == {getpass.getuser()}
    assert changes["action"].tolist() == [
        "account_deactivate",
        "account_role",
        "account_password",
        "account_add",
        "account_add",
    ]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[tuple[Engine, str]]:
    """An initialised SQLite database only (refusals do not depend on the backend)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    initialise_with_demo_units(engine)
    yield engine, url
    engine.dispose()


def test_refusals_are_vietnamese_store_nothing_and_are_audited(
    sqlite_url: tuple[Engine, str],
) -> None:
    engine, empty_url = sqlite_url
    weak = users(empty_url, "add", "tran.binh", "--role", "staff", "--password", "123456")
    assert weak.returncode == 1
    assert "Lỗi: Mật khẩu chưa đủ mạnh" in weak.stderr and "Traceback" not in weak.stderr
    bad_role = users(empty_url, "add", "tran.binh", "--role", "boss", "--password", "x")
    assert bad_role.returncode == 2 and "Tham số dòng lệnh không hợp lệ" in bad_role.stderr
    unknown = users(empty_url, "deactivate", "khong.co.ai")
    assert unknown.returncode == 1 and "Không có tài khoản 'khong.co.ai'" in unknown.stderr
    no_password = users(empty_url, "add", "tran.binh", "--role", "staff", stdin="")
    assert no_password.returncode == 1 and "Không đọc được mật khẩu" in no_password.stderr
    with transaction(engine) as session:
        assert accounts_frame(session).empty
        log = audit_frame(session)
    assert log["outcome"].tolist() == ["failed", "failed"]  # weak password, unknown account
    assert "Mật khẩu chưa đủ mạnh" in log.iloc[1]["details"]


def test_users_needs_an_initialised_database(tmp_path: Path) -> None:
    result = users(f"sqlite:///{tmp_path / 'new.db'}", "list")
    assert result.returncode == 1 and "python -m sipas init" in result.stderr
