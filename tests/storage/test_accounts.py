"""Accounts on SQLite and PostgreSQL: creation rules, changes that end sessions, the last
administrator, audit entries written in the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from sipas.accounts import registry as accounts
from sipas.accounts.login import current_account
from sipas.accounts.registry import AccountError
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction
from sipas.storage.models.accounts import Account
from tests.support.clock import FakeClock

PASSWORD = "Sông#Hương2025"


def add(engine: Engine, username: str, role: str = "staff", **extra) -> accounts.AccountInfo:
    with transaction(engine) as session:
        return accounts.add_account(session, "admin.tinh", username, role, PASSWORD, **extra)


def test_an_account_is_stored_with_a_hash_and_its_creation_is_audited(
    engine: Engine, clock: FakeClock
) -> None:
    info = add(
        engine, "  Nguyen.Van.A ", "leader", display_name="Nguyễn  Văn   A", unit_code="ninh-son"
    )
    assert (info.username, info.display_name, info.unit_code) == (
        "nguyen.van.a",
        "Nguyễn Văn A",
        "ninh-son",
    )
    with transaction(engine) as session:
        row = session.scalar(select(Account))
        log = audit_frame(session)
    assert row is not None and row.password_hash.startswith("$2b$12$")
    assert PASSWORD not in row.password_hash
    assert (row.created_at, row.changed_at, row.created_by) == (clock(), clock(), "admin.tinh")
    assert row.is_active and not row.is_demo and row.session_version == 1
    entry = log.iloc[0]
    assert (entry["actor"], entry["action"], entry["object"], entry["outcome"]) == (
        "admin.tinh",
        "account_add",
        "nguyen.van.a",
        "ok",
    )
    assert "ninh-son" in entry["details"] and PASSWORD not in entry["details"]


@pytest.mark.parametrize(
    ("username", "role", "password", "unit", "message"),
    [
        ("ab", "staff", PASSWORD, None, "không hợp lệ: dùng 3–64 ký tự"),
        ("trần.bình", "staff", PASSWORD, None, "không hợp lệ"),
        ("tran.binh", "boss", PASSWORD, None, "Vai trò 'boss' không hợp lệ"),
        ("tran.binh", "staff", "ngan", None, "Mật khẩu chưa đủ mạnh"),
        ("tran.binh", "staff", PASSWORD, "huyen-khong-co", "Không có đơn vị mã 'huyen-khong-co'"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_stored(
    engine: Engine, username: str, role: str, password: str, unit: str | None, message: str
) -> None:
    with pytest.raises(AccountError, match=message), transaction(engine) as session:
        accounts.add_account(session, "admin", username, role, password, unit_code=unit)
    with transaction(engine) as session:
        assert session.scalar(select(Account)) is None
        assert audit_frame(session).empty


def test_usernames_are_unique_whatever_their_case(engine: Engine) -> None:
    add(engine, "tran.binh")
    with pytest.raises(AccountError, match="đã có người dùng"):
        add(engine, "Tran.Binh")


def test_password_role_and_deactivation_end_sessions_but_unit_and_name_do_not(
    engine: Engine, clock: FakeClock
) -> None:
    info = add(engine, "tran.binh")
    add(engine, "quan.tri", "admin")
    changes = [
        (lambda s: accounts.set_unit(s, "quan.tri", "tran.binh", "bac-ai"), False),
        (lambda s: accounts.set_display_name(s, "quan.tri", "tran.binh", "Trần Bình"), False),
        (lambda s: accounts.set_password(s, "quan.tri", "tran.binh", "Mới#Mật2025khẩu"), True),
        (lambda s: accounts.set_role(s, "quan.tri", "tran.binh", "leader"), True),
        (lambda s: accounts.deactivate(s, "quan.tri", "tran.binh"), True),
    ]
    version = info.session_version
    for change, ends in changes:
        clock.advance(minutes=1)
        with transaction(engine) as session:
            after = change(session)
            still = current_account(session, "tran.binh", version, None)
        assert (still is None) == ends
        assert (after.session_version > version) == ends
        if ends:
            assert after.sessions_valid_after == clock()
        version = after.session_version
    with transaction(engine) as session:
        actions = audit_frame(session)["action"].tolist()
    assert actions[:5] == [
        "account_deactivate",
        "account_role",
        "account_password",
        "account_name",
        "account_unit",
    ]


def test_the_last_active_administrator_cannot_be_removed(engine: Engine) -> None:
    add(engine, "quan.tri", "admin")
    for change in (
        lambda s: accounts.set_role(s, "cli", "quan.tri", "staff"),
        lambda s: accounts.deactivate(s, "cli", "quan.tri"),
    ):
        with (
            pytest.raises(AccountError, match="quản trị viên cuối cùng"),
            transaction(engine) as session,
        ):
            change(session)
    add(engine, "quan.tri.2", "admin")
    with transaction(engine) as session:
        assert not accounts.deactivate(session, "quan.tri.2", "quan.tri").is_active
        assert accounts.activate(session, "cli", "quan.tri").is_active


def test_own_password_change_needs_the_current_one(engine: Engine) -> None:
    add(engine, "tran.binh")
    with (
        pytest.raises(AccountError, match="Mật khẩu hiện tại không đúng"),
        transaction(engine) as session,
    ):
        accounts.change_own_password(session, "tran.binh", "sai", "Mới#Mật2025khẩu")
    with pytest.raises(AccountError, match="phải khác"), transaction(engine) as session:
        accounts.change_own_password(session, "tran.binh", PASSWORD, PASSWORD)
    with transaction(engine) as session:
        after = accounts.change_own_password(session, "tran.binh", PASSWORD, "Mới#Mật2025khẩu")
        assert after.session_version == 2
        assert audit_frame(session).iloc[0]["action"] == "own_password"
