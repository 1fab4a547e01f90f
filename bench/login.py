"""Login costs on this machine: the password check (known, unknown, success), the per-run
session check, and building the library's credentials from the database.

    .venv/bin/python bench/login.py [--accounts 200] [--rounds 15] [--url SQLALCHEMY_URL]

Uses a temporary SQLite file unless --url is given (a throwaway database: it is filled).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipas.accounts import login
from sipas.accounts.passwords import hash_password
from sipas.accounts.settings import AuthSettings
from sipas.core.clock import now
from sipas.setup.bootstrap import initialise
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.accounts import Account

SETTINGS = AuthSettings(cookie_key="x" * 40, max_failures=1_000_000)


def median_ms(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(args.url or f"sqlite:///{tmp}/bench.db")
        initialise(engine)
        stored = hash_password("Sông#Hương2025")
        moment = now()
        with transaction(engine) as session:
            session.add_all(
                Account(
                    username=f"user{i:04d}",
                    display_name=f"Người dùng {i}",
                    password_hash=stored,
                    role="staff",
                    is_active=True,
                    is_demo=False,
                    session_version=1,
                    created_at=moment,
                    changed_at=moment,
                    password_changed_at=moment,
                )
                for i in range(args.accounts)
            )

        def attempt(username: str, password: str) -> None:
            with transaction(engine) as session:
                login.attempt_login(session, username, password, SETTINGS)

        def check_session() -> None:
            with transaction(engine) as session:
                login.current_account(session, "user0001", 1, "a" * 64)

        def credentials() -> None:
            with transaction(engine) as session:
                login.library_credentials(session)

        print(f"bcrypt hash (cost 12): {median_ms(lambda: hash_password('Ab#1234567'), 5):.0f} ms")
        figures = {
            "refuse known username, wrong password": lambda: attempt("user0001", "Sai#MatKhau1"),
            "refuse unknown username": lambda: attempt("khong.co.ai", "Sai#MatKhau1"),
            "accept right password": lambda: attempt("user0002", "Sông#Hương2025"),
            "session check (every run)": check_session,
            f"library credentials, {args.accounts} accounts (every run)": credentials,
        }
        for name, work in figures.items():
            print(f"{name}: {median_ms(work, args.rounds):.1f} ms (median of {args.rounds})")
        engine.dispose()


if __name__ == "__main__":
    main()
