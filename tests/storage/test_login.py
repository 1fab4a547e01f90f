"""Logging in on SQLite and PostgreSQL: lockout that expires, unknown usernames treated like
known ones, cookies that end with their account's sessions or at logout."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from sipas.accounts import lockout, login, tokens
from sipas.accounts import registry as accounts
from sipas.accounts.settings import AuthSettings
from sipas.storage import accounts as store
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction
from tests.support.clock import FakeClock

PASSWORD = "Sông#Hương2025"
SETTINGS = AuthSettings(cookie_key="x" * 40, max_failures=5, lock_minutes=15)


@pytest.fixture
def staff(engine: Engine) -> Engine:
    with transaction(engine) as session:
        accounts.add_account(session, "admin", "tran.binh", "staff", PASSWORD)
    return engine


def attempt(
    engine: Engine, username: str, password: str, address: str = "local"
) -> login.LoginResult:
    with transaction(engine) as session:
        return login.attempt_login(session, username, password, SETTINGS, address)


def test_right_password_logs_in_and_is_audited(staff: Engine, clock: FakeClock) -> None:
    result = attempt(staff, " Tran.Binh ", PASSWORD)
    assert result.outcome == login.SUCCESS
    assert result.account is not None and result.account.username == "tran.binh"
    with transaction(staff) as session:
        entry = audit_frame(session).iloc[0]
    assert (entry["actor"], entry["action"], entry["outcome"]) == ("tran.binh", "login", "ok")


def test_unknown_user_and_wrong_password_get_the_same_answer(staff: Engine) -> None:
    assert attempt(staff, "tran.binh", "Sai#MatKhau1") == login.LoginResult(login.REFUSED)
    assert attempt(staff, "khong.co.ai", "Sai#MatKhau1") == login.LoginResult(login.REFUSED)
    assert attempt(staff, "", "Sai#MatKhau1") == login.LoginResult(login.REFUSED)
    with transaction(staff) as session:
        log = audit_frame(session)
    logins = log[log["action"] == "login"]
    # the log (for administrators) tells the two apart; the person logging in cannot
    assert logins["details"].tolist() == [
        '{"reason": "unknown_user", "address": "local"}',
        '{"reason": "wrong_password", "address": "local"}',
    ]
    assert set(logins["outcome"]) == {"failed"}


ATTACKER, OWNER = "203.0.113.5", "198.51.100.7"


def fail_from(engine: Engine, clock: FakeClock, address: str, times: int) -> list[str]:
    """Fail `times` logins as the administrator from `address`, each after the wait the
    previous one started; the outcomes."""
    outcomes = []
    for _ in range(times):
        result = attempt(engine, "quan.tri", "Sai#MatKhau1", address)
        outcomes.append(result.outcome)
        if result.locked_until is not None and result.outcome == login.SLOWED:
            clock.moment = result.locked_until
    return outcomes


@pytest.fixture
def admin(staff: Engine) -> Engine:
    with transaction(staff) as session:
        accounts.add_account(session, "cli", "quan.tri", "admin", PASSWORD)
    return staff


def test_locking_the_admin_from_one_address_leaves_another_open(
    admin: Engine, clock: FakeClock
) -> None:
    outcomes = fail_from(admin, clock, ATTACKER, 10)
    assert outcomes == [login.REFUSED] * 4 + [login.SLOWED] * 5 + [login.LOCKED]
    locked = attempt(admin, "quan.tri", PASSWORD, ATTACKER)  # even the right password
    assert locked == login.LoginResult(
        login.LOCKED, locked_until=clock() + dt.timedelta(minutes=15)
    )
    # the account itself is only slowed: 30 seconds at most, from any address
    waiting = attempt(admin, "quan.tri", PASSWORD, OWNER)
    assert waiting == login.LoginResult(
        login.SLOWED, locked_until=clock() + dt.timedelta(seconds=30)
    )
    clock.advance(seconds=30)
    assert attempt(admin, "quan.tri", PASSWORD, OWNER).outcome == login.SUCCESS
    assert attempt(admin, "quan.tri", "Sai#MatKhau1", ATTACKER).outcome == login.LOCKED
    with transaction(admin) as session:
        log = audit_frame(session)
    steps = log[log["action"] == "lockout"]
    assert steps["object"].tolist().count(ATTACKER) == 6  # slowed 5 times, then locked
    assert '"kind": "locked"' in steps[steps["object"] == ATTACKER].iloc[0]["details"]
    clock.advance(minutes=15, seconds=1)  # a lock ends by itself
    assert attempt(admin, "quan.tri", PASSWORD, ATTACKER).outcome == login.SUCCESS


def test_an_administrator_lifts_an_address_lock(admin: Engine, clock: FakeClock) -> None:
    fail_from(admin, clock, ATTACKER, 10)
    with transaction(admin) as session:
        shown = store.address_throttles_frame(session, clock())
        assert shown["address"].tolist() == [ATTACKER] and shown["failures"].tolist() == [10]
        assert accounts.unlock_address(session, "quan.tri", ATTACKER)
        assert not accounts.unlock_address(session, "quan.tri", ATTACKER)
        assert store.address_throttles_frame(session, clock()).empty
        entry = audit_frame(session).iloc[0]
    assert (entry["action"], entry["object"]) == ("address_unlock", ATTACKER)
    clock.advance(seconds=30)
    assert attempt(admin, "quan.tri", PASSWORD, ATTACKER).outcome == login.SUCCESS


def test_unknown_usernames_are_slowed_like_real_ones(staff: Engine) -> None:
    outcomes = [attempt(staff, "khong.co.ai", "Sai#MatKhau1").outcome for _ in range(6)]
    assert outcomes == [login.REFUSED] * 4 + [login.SLOWED] * 2


def test_old_failures_are_forgotten(staff: Engine, clock: FakeClock) -> None:
    for _ in range(4):
        attempt(staff, "tran.binh", "Sai#MatKhau1")
    clock.advance(minutes=16)
    assert attempt(staff, "tran.binh", "Sai#MatKhau1").outcome == login.REFUSED  # 1, not 5


def test_unlock_lifts_an_account_delay_early(staff: Engine, clock: FakeClock) -> None:
    for _ in range(5):
        attempt(staff, "tran.binh", "Sai#MatKhau1", ATTACKER)
    assert attempt(staff, "tran.binh", PASSWORD, OWNER).outcome == login.SLOWED
    with transaction(staff) as session:
        assert accounts.unlock(session, "quan.tri", "tran.binh")
        assert not accounts.unlock(session, "quan.tri", "tran.binh")
    assert attempt(staff, "tran.binh", PASSWORD, OWNER).outcome == login.SUCCESS


def test_wrong_current_passwords_count_towards_the_lockout(staff: Engine, clock: FakeClock) -> None:
    def change(current: str) -> str:
        try:
            with transaction(staff) as session:
                accounts.change_own_password(session, "tran.binh", current, "Mới#Mật2025khẩu")
        except accounts.WrongCurrentPassword:
            with transaction(staff) as session:
                refusal = lockout.count_failure(session, "tran.binh", OWNER, SETTINGS, clock())
            return refusal.reason if refusal else login.REFUSED
        return login.SUCCESS

    assert [change("Sai#MatKhau1") for _ in range(5)] == [login.REFUSED] * 4 + [login.SLOWED]
    with transaction(staff) as session:
        refusal = lockout.check(session, "tran.binh", OWNER, SETTINGS, clock())
    assert refusal is not None and refusal.reason == lockout.SLOWED
    assert attempt(staff, "tran.binh", PASSWORD, OWNER).outcome == login.SLOWED


def test_a_deactivated_account_is_told_only_with_the_right_password(staff: Engine) -> None:
    with transaction(staff) as session:
        accounts.add_account(session, "admin", "quan.tri", "admin", PASSWORD)
        accounts.deactivate(session, "quan.tri", "tran.binh")
    assert attempt(staff, "tran.binh", "Sai#MatKhau1").outcome == login.REFUSED
    assert attempt(staff, "tran.binh", PASSWORD).outcome == login.INACTIVE


def cookie(clock: FakeClock) -> tokens.TokenClaims:
    """What a cookie issued now says (its signature is checked by sipas.accounts.tokens)."""
    issued = tokens.epoch(clock())
    return tokens.TokenClaims("tran.binh", issued, issued + SETTINGS.cookie_expiry_days * 86_400)


def resume(engine: Engine, claims: tokens.TokenClaims) -> accounts.AccountInfo | None:
    with transaction(engine) as session:
        return login.resume_from_cookie(session, claims)


def test_cookie_resumes_until_the_password_changes(staff: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=1)
    issued = cookie(clock)
    assert resume(staff, issued) is not None
    clock.advance(hours=2)
    with transaction(staff) as session:
        accounts.set_password(session, "admin", "tran.binh", "Mới#Mật2025khẩu")
    assert resume(staff, issued) is None  # issued before the change
    clock.advance(seconds=1)
    assert resume(staff, cookie(clock)) is not None  # a new login after it


def test_logout_revokes_the_cookie_and_every_session_holding_it(
    staff: Engine, clock: FakeClock
) -> None:
    issued = cookie(clock)
    expires = issued.expires
    token = login.token_id("tran.binh", expires)
    with transaction(staff) as session:
        assert login.current_account(session, "tran.binh", 1, token) is not None
        login.log_out(session, "tran.binh", token, expires)
    assert resume(staff, issued) is None  # a copy of the cookie no longer works
    with transaction(staff) as session:
        assert login.current_account(session, "tran.binh", 1, token) is None  # other tab
        assert login.current_account(session, "tran.binh", 1, None) is not None
        assert audit_frame(session).iloc[0]["action"] == "logout"


def test_library_credentials_hold_active_accounts_and_only_hashes(staff: Engine) -> None:
    with transaction(staff) as session:
        accounts.add_account(
            session, "admin", "quan.tri", "admin", PASSWORD, display_name="Quản Trị"
        )
        accounts.deactivate(session, "quan.tri", "tran.binh")
        credentials = login.library_credentials(session)
    assert list(credentials["usernames"]) == ["quan.tri"]
    entry = credentials["usernames"]["quan.tri"]
    assert entry["name"] == "Quản Trị" and entry["roles"] == ["admin"]
    assert entry["password"].startswith("$2b$12$")
