"""Login settings: where the cookie key comes from, and when the app refuses to start."""

from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest

from sipas.accounts import settings as authconfig
from sipas.accounts.settings import AuthConfigError, load_auth_settings, weak_key

GOOD_KEY = "k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0"


@pytest.fixture
def no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No key in the environment, no secrets file, a private place for the generated key,
    and a production-like database (not the embedded default, demo mode off)."""
    for name in ("COOKIE_KEY", "SESSION_DAYS", "LOGIN_MAX_FAILURES", "LOGIN_LOCK_MINUTES",
                 "TRUSTED_PROXIES"):  # fmt: skip
        monkeypatch.delenv(f"SIPAS_{name}", raising=False)
    monkeypatch.setattr(authconfig, "SECRETS_FILE", tmp_path / "secrets.toml")
    monkeypatch.setattr(authconfig, "GENERATED_KEY_FILE", tmp_path / "secrets" / "cookie_key")
    monkeypatch.setenv("SIPAS_DATABASE_URL", "postgresql+psycopg://db.example/sipas")
    monkeypatch.setenv("SIPAS_DEMO", "0")
    return tmp_path


def test_production_without_a_key_refuses_to_start(no_config: Path) -> None:
    with pytest.raises(AuthConfigError, match=r"Chưa cấu hình khóa ký cookie.*SIPAS_COOKIE_KEY"):
        load_auth_settings()
    assert not (no_config / "secrets" / "cookie_key").exists()


@pytest.mark.parametrize(
    "key", ["some_key", "abcdef", "random_signature_key", "ngan-qua", "a" * 40, "SOME_KEY"]
)
def test_known_or_short_keys_are_refused(no_config: Path, monkeypatch, key: str) -> None:
    monkeypatch.setenv("SIPAS_COOKIE_KEY", key)
    assert weak_key(key)
    with pytest.raises(AuthConfigError, match="khóa mẫu đã công bố hoặc quá ngắn"):
        load_auth_settings()


def test_key_from_environment_wins_over_secrets_file(no_config: Path, monkeypatch) -> None:
    other = GOOD_KEY[::-1]
    (no_config / "secrets.toml").write_text(f'[auth]\ncookie_key = "{other}"\n', "utf-8")
    assert load_auth_settings().cookie_key == other
    monkeypatch.setenv("SIPAS_COOKIE_KEY", GOOD_KEY)
    assert load_auth_settings().cookie_key == GOOD_KEY


def test_settings_from_secrets_file_and_environment(no_config: Path, monkeypatch) -> None:
    (no_config / "secrets.toml").write_text(
        f'[auth]\ncookie_key = "{GOOD_KEY}"\nlogin_max_failures = 3\nsession_days = 0.5\n',
        "utf-8",
    )
    monkeypatch.setenv("SIPAS_LOGIN_LOCK_MINUTES", "30")
    settings = load_auth_settings()
    assert (settings.max_failures, settings.lock_minutes) == (3, 30)
    assert settings.cookie_expiry_days == 0.5 and settings.password_min_length == 10
    monkeypatch.setenv("SIPAS_LOGIN_MAX_FAILURES", "không")
    with pytest.raises(AuthConfigError, match="login_max_failures = 'không' không hợp lệ"):
        load_auth_settings()


def test_demo_mode_generates_a_key_once_readable_by_the_owner(no_config: Path, monkeypatch) -> None:
    monkeypatch.setenv("SIPAS_DEMO", "1")
    first = load_auth_settings().cookie_key
    path = no_config / "secrets" / "cookie_key"
    assert path.read_text().strip() == first and not weak_key(first)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_auth_settings().cookie_key == first  # generated once, then reused


def test_embedded_default_generates_a_key_even_without_demo(no_config: Path, monkeypatch) -> None:
    monkeypatch.delenv("SIPAS_DATABASE_URL")
    assert not weak_key(load_auth_settings().cookie_key)


def test_broken_secrets_file_is_reported(no_config: Path) -> None:
    (no_config / "secrets.toml").write_text("[auth\n", "utf-8")
    with pytest.raises(AuthConfigError, match="Không đọc được tệp cấu hình bí mật"):
        load_auth_settings()


@pytest.mark.parametrize(
    "key",
    [
        "abcdefgh" * 4,  # accepted before: 32 characters, 8 different ones
        "Sipas2025" * 4,
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "aabbccddeeffgghhiijjkkllmmnnooppqq",
    ],
)
def test_patterned_keys_are_refused_in_vietnamese(no_config: Path, monkeypatch, key: str) -> None:
    monkeypatch.setenv("SIPAS_COOKIE_KEY", key)
    assert weak_key(key)
    with pytest.raises(AuthConfigError, match="Khóa ký cookie đăng nhập có quy luật"):
        load_auth_settings()


def test_random_keys_of_the_usual_generators_are_accepted() -> None:
    keys = [secrets.token_urlsafe(32) for _ in range(200)] + [
        secrets.token_hex(32) for _ in range(200)
    ]
    assert [key for key in keys if weak_key(key)] == []


def test_trusted_proxies_are_listed_by_space_or_comma(no_config: Path, monkeypatch) -> None:
    monkeypatch.setenv("SIPAS_COOKIE_KEY", GOOD_KEY)
    assert load_auth_settings().trusted_proxies == frozenset()
    monkeypatch.setenv("SIPAS_TRUSTED_PROXIES", "127.0.0.1, ::1 10.0.0.2")
    assert load_auth_settings().trusted_proxies == {"127.0.0.1", "::1", "10.0.0.2"}
