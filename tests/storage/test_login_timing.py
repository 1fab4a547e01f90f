"""An unknown username takes as long to refuse as a known one with a wrong password.

Measured on the real path (database, bcrypt, audit entry), interleaved so that load from
other processes falls on both alike, compared by medians. The tolerance (20% of a refusal)
is far below what skipping the password check would save (a bcrypt check is ~90% of it),
which the last assertion shows on the same machine, in the same run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sipas.accounts import login
from sipas.accounts import registry as accounts
from sipas.accounts.settings import AuthSettings
from sipas.setup.bootstrap import initialise
from sipas.storage.accounts import find_account, throttle_for
from sipas.storage.engine import make_engine, transaction

SETTINGS = AuthSettings(cookie_key="x" * 40, max_failures=10_000)  # never lock here
ROUNDS = 9


def test_unknown_and_known_usernames_are_refused_in_the_same_time(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'timing.db'}")
    initialise(engine)
    with transaction(engine) as session:
        accounts.add_account(session, "admin", "tran.binh", "staff", "Sông#Hương2025")

    def refusal(username: str) -> float:
        start = time.perf_counter()
        with transaction(engine) as session:
            result = login.attempt_login(session, username, "Sai#MatKhau2025", SETTINGS)
        assert result.outcome == login.REFUSED
        return time.perf_counter() - start

    def lookup_only(username: str) -> float:  # what an unequalised refusal would cost
        start = time.perf_counter()
        with transaction(engine) as session:
            find_account(session, username)
            throttle_for(session, username)
        return time.perf_counter() - start

    refusal("khoi.dong")  # warm up connections and caches
    known, unknown, shortcut = [], [], []
    for index in range(ROUNDS):
        known.append(refusal("tran.binh"))
        unknown.append(refusal(f"khong.co.ai.{index}"))
        shortcut.append(lookup_only(f"khong.co.ai.{index}"))
    engine.dispose()
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    print(f"known {known_median:.3f} s, unknown {unknown_median:.3f} s")
    assert abs(known_median - unknown_median) < 0.2 * known_median
    assert statistics.median(shortcut) < 0.2 * known_median
