"""Password policy (Vietnamese reasons), hashing and a check that costs the same for
unknown accounts."""

from __future__ import annotations

import unicodedata

import bcrypt
import pytest

from sipas.accounts import passwords
from sipas.accounts.passwords import (
    _DUMMY_HASH,
    MAX_BYTES,
    ROUNDS,
    check_password,
    hash_password,
    password_problems,
    policy_text,
)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Ng4n!", "quá ngắn"),
        ("chuthuongdaibatky", "ít nhất 3 trong 4 loại"),
        ("Kh0ngDauCach!!  ", "dấu cách"),
        ("Abc!quantri2025", "chứa tên đăng nhập"),
        ("MatKhau@2025", "dễ đoán"),
        ("Mật_Khẩu#2025", "dễ đoán"),  # diacritics do not hide a common word
        ("Password123!", "dễ đoán"),
        ("Đ" * 37, "quá dài"),  # 37 letters, 74 bytes
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    problems = password_problems(password, "quantri")
    assert any(reason in problem for problem in problems), problems


@pytest.mark.parametrize("password", ["MinhHoa@2025", "Sông Hương 3 mùa!", "k7#Vt9qLm2xZ"])
def test_strong_passwords_pass(password: str) -> None:
    assert password_problems(password, "quantri") == []


def test_minimum_length_is_a_setting() -> None:
    assert password_problems("Ab1!efgh", min_length=8) == []
    assert "ít nhất 12 ký tự" in " ".join(password_problems("Ab1!efghij", min_length=12))
    assert "12 ký tự" in policy_text(12)


def test_hash_is_bcrypt_of_the_normalised_password() -> None:
    nfc = "Hương#Giang2025"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    stored = hash_password(nfd)
    assert stored.startswith(f"$2b${ROUNDS}$") and nfc not in stored
    assert check_password(nfc, stored)  # typed on another keyboard: same password
    assert not check_password("Huong#Giang2025", stored)


def test_check_refuses_without_hash_and_with_a_broken_one() -> None:
    assert not check_password("no account has this password", None)  # the dummy's own text
    assert not check_password("anything", "not a bcrypt hash")
    assert not check_password("x" * (MAX_BYTES + 5), hash_password("x" * MAX_BYTES))


def test_dummy_hash_costs_as_much_as_a_real_one() -> None:
    real = hash_password("MinhHoa@2025")
    assert _DUMMY_HASH.decode()[:7] == real[:7] == f"$2b${ROUNDS}$"
    assert bcrypt.checkpw(b"no account has this password", _DUMMY_HASH)


def test_an_unknown_user_costs_the_same_bcrypt_check_as_a_known_one() -> None:
    # Equal time for known and unknown usernames (bench/login.py measures it) rests on this:
    # the stand-in hash checked for an unknown user has the cost of the hashes we store.
    stored = passwords.hash_password("Sông#Hương2025")
    assert passwords._DUMMY_HASH[:7].decode() == stored[:7] == f"$2b${passwords.ROUNDS:02d}$"
    assert not passwords.check_password("Sông#Hương2025", None)
    assert passwords.check_password("Sông#Hương2025", stored)
