"""Passwords: the strength policy (with Vietnamese reasons), bcrypt hashing and a checking
function whose cost does not depend on whether the account exists.

Passwords are NFC-normalised first: the same Vietnamese password typed on Windows (NFC) and
on a Mac (often NFD) must give the same bytes.
"""

from __future__ import annotations

import re
import unicodedata

import bcrypt

from sipas.core.i18n import t

ROUNDS = 12  # bcrypt's default cost: about 0,25 s per check on a 2-core server
MAX_BYTES = 72  # bcrypt uses at most 72 bytes; longer passwords are refused, not truncated
# Checked instead of a real hash when the username is unknown: same cost as real hashes, so
# the refusal takes as long (a constant, computed once, so the first check is not slower).
_DUMMY_HASH = b"$2b$12$4jRGMvn5dxJlWnzq1kfgvuzzywykxs1L.TaokL4VasxBLQT2XIYVe"
DEFAULT_MIN_LENGTH = 10
MIN_CLASSES = 3
# Words that make a password guessable however it is decorated ("Matkhau@2025", "Admin123!").
COMMON_WORDS = frozenset(
    {
        "password", "passw", "matkhau", "mk", "admin", "administrator", "quantri", "root",
        "qwerty", "qwertyuiop", "asdfgh", "abc", "abcd", "abcdef", "abcde", "iloveyou",
        "welcome", "letmein", "sipas", "user", "test", "demo", "guest", "changeme",
        "vietnam", "hanoi", "saigon", "khanhhoa", "ninhthuan", "abcxyz", "aaaaaa", "secret",
        "default", "login", "dangnhap", "xinchao", "anhyeuem", "emyeuanh", "hello",
    }
)  # fmt: skip


def normalise(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def _classes(password: str) -> int:
    kinds = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    )
    return sum(kinds)


def _letters_core(password: str) -> str:
    """The password's letters only, lower case, without diacritics ("Mật_khẩu1!" → "matkhau")."""
    folded = unicodedata.normalize("NFD", password.lower().replace("đ", "d"))
    return re.sub(r"[^a-z]", "", folded)


def password_problems(
    password: str, username: str = "", min_length: int = DEFAULT_MIN_LENGTH
) -> list[str]:
    """What is wrong with `password` as a new password, in Vietnamese; empty when it is fine."""
    password = normalise(password)
    problems = []
    if len(password) < min_length:
        problems.append(t("accounts.password.too_short", n=min_length))
    if len(password.encode("utf-8")) > MAX_BYTES:
        problems.append(t("accounts.password.too_long", n=MAX_BYTES))
    if password != password.strip():
        problems.append(t("accounts.password.spaces"))
    if _classes(password) < MIN_CLASSES:
        problems.append(t("accounts.password.classes", n=MIN_CLASSES))
    name = username.strip().lower()
    if len(name) >= 3 and name in password.lower():
        problems.append(t("accounts.password.contains_username"))
    if _letters_core(password) in COMMON_WORDS or len(set(password)) <= 3:
        problems.append(t("accounts.password.common"))
    return problems


def policy_text(min_length: int = DEFAULT_MIN_LENGTH) -> str:
    """The policy in one Vietnamese sentence, for help texts."""
    return t("accounts.password.policy", n=min_length, classes=MIN_CLASSES)


def hash_password(password: str) -> str:
    """The bcrypt hash (text) of a password that passed the policy."""
    return bcrypt.hashpw(normalise(password).encode("utf-8"), bcrypt.gensalt(ROUNDS)).decode()


def check_password(password: str, password_hash: str | None) -> bool:
    """True when `password` matches `password_hash`.

    Takes one bcrypt check of the same cost whether or not there is a hash (unknown user)
    and whether or not the password is even acceptable, so that the time to refuse tells an
    attacker nothing.
    """
    candidate = normalise(password).encode("utf-8")
    target = password_hash.encode() if password_hash else None
    try:
        matched = bcrypt.checkpw(candidate[:MAX_BYTES], target or _DUMMY_HASH)
    except ValueError:  # a malformed stored hash: refuse, after the same amount of work
        bcrypt.checkpw(candidate[:MAX_BYTES], _DUMMY_HASH)
        return False
    return matched and target is not None and len(candidate) <= MAX_BYTES
