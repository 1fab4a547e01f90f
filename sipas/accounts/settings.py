"""Login settings: the cookie signing key and the hardening knobs, from the environment or
.streamlit/secrets.toml, checked before the app shows anything.

The signing key makes "remember me" cookies unforgeable, so a production installation must
set its own: SIPAS_COOKIE_KEY, or `cookie_key` in the [auth] table of
.streamlit/secrets.toml. Only the embedded default (and demo mode) may run without one: a
random key is generated once and kept in data/secrets/, which git ignores.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sipas.accounts.keys import MIN_KEY_BITS, patterned
from sipas.accounts.passwords import DEFAULT_MIN_LENGTH
from sipas.core.config import DATA_DIR, ROOT, database_url, demo_mode, is_embedded_default
from sipas.core.i18n import t

SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
GENERATED_KEY_FILE = DATA_DIR / "secrets" / "cookie_key"
KEY_ENV = "SIPAS_COOKIE_KEY"
MIN_KEY_LENGTH = 32
COOKIE_NAME = "sipas_session"
# Keys from the library's documentation, tutorials and our own examples: anyone can sign
# cookies with them.
KNOWN_KEYS = frozenset(
    {
        "some_key", "some_signature_key", "random_signature_key", "abcdef", "key", "secret",
        "changeme", "change-me", "your_secret_key", "your-secret-key", "cookie_key", "sipas",
        "thay-bang-khoa-ngau-nhien-it-nhat-32-ky-tu",
    }
)  # fmt: skip


class AuthConfigError(RuntimeError):
    """The login settings are unusable (missing or known key, bad number); Vietnamese."""


@dataclass(frozen=True)
class AuthSettings:
    """Everything the login needs. Times in minutes or days as named."""

    cookie_key: str
    cookie_name: str = COOKIE_NAME
    cookie_expiry_days: float = 1.0
    max_failures: int = 5
    lock_minutes: int = 15
    password_min_length: int = DEFAULT_MIN_LENGTH
    # Addresses of the reverse proxies whose X-Forwarded-For is believed (nginx: 127.0.0.1).
    trusted_proxies: frozenset[str] = frozenset()


def _secrets_table() -> dict[str, object]:
    if not SECRETS_FILE.exists():
        return {}
    try:
        raw = tomllib.loads(SECRETS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AuthConfigError(
            t("accounts.config.bad_secrets", file=SECRETS_FILE, error=error)
        ) from error
    table = raw.get("auth", {})
    return table if isinstance(table, dict) else {}


def _setting(table: dict[str, object], name: str) -> str | None:
    """An environment variable SIPAS_<NAME> wins over `name` in secrets.toml [auth]."""
    value = os.environ.get(f"SIPAS_{name.upper()}")
    if value is None and table.get(name) is not None:
        value = str(table[name])
    return value.strip() if value is not None else None


def _number(table: dict[str, object], name: str, default: float, low: float) -> float:
    text = _setting(table, name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = low - 1
    if value < low:
        raise AuthConfigError(t("accounts.config.bad_number", name=name, value=text, low=low))
    return value


def weak_key(key: str) -> bool:
    """True for a key anyone could know or guess: too short, a published example, too few
    different characters, or a pattern (sipas.accounts.keys)."""
    return key_problem(key) is not None


def key_problem(key: str) -> str | None:
    """Why a key is unusable, as a Vietnamese sentence; None for a good key."""
    if len(key) < MIN_KEY_LENGTH or key.lower() in KNOWN_KEYS or len(set(key)) < 8:
        return t("accounts.config.weak_key", n=MIN_KEY_LENGTH)
    if patterned(key):
        return t("security.key.patterned", bits=MIN_KEY_BITS)
    return None


def generated_key(path: Path | None = None) -> str:
    """The embedded default's key: read, or created once (readable by the owner only)."""
    path = path or GENERATED_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first: use theirs
            return path.read_text(encoding="ascii").strip()
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


def cookie_key(table: dict[str, object]) -> str:
    """The configured key; a generated one on the embedded default or in demo mode.

    Raises AuthConfigError for a missing key in production and for a weak key anywhere.
    """
    key = _setting(table, "cookie_key")
    if not key:
        if demo_mode() or is_embedded_default(database_url()):
            return generated_key()
        raise AuthConfigError(t("accounts.config.missing_key", env=KEY_ENV, file=SECRETS_FILE))
    problem = key_problem(key)
    if problem:
        raise AuthConfigError(problem)
    return key


def password_min_length(table: dict[str, object] | None = None) -> int:
    """The minimum password length (SIPAS_PASSWORD_MIN_LENGTH; at least 8, default 10)."""
    table = _secrets_table() if table is None else table
    return int(_number(table, "password_min_length", DEFAULT_MIN_LENGTH, 8))


def load_auth_settings() -> AuthSettings:
    """The login settings of this process; raises AuthConfigError with a Vietnamese message."""
    table = _secrets_table()
    return AuthSettings(
        cookie_key=cookie_key(table),
        cookie_expiry_days=_number(table, "session_days", 1.0, 0.01),
        max_failures=int(_number(table, "login_max_failures", 5, 1)),
        lock_minutes=int(_number(table, "login_lock_minutes", 15, 1)),
        password_min_length=password_min_length(table),
        trusted_proxies=frozenset(
            (_setting(table, "trusted_proxies") or "").replace(",", " ").split()
        ),
    )
