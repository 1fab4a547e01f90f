"""Server-side time of the overview: one run of app.py on the overview, without a browser.

    python bench/overview.py [--url SQLALCHEMY_URL] [--rounds 3]

Runs the real app in-process with Streamlit's AppTest on --url (logged in through the login
form as the leader "bench" of bench/filter_change.py), and times a script run of the overview
for the newest wave and the one before it, three ways:
- cold: every data cache emptied first, so the run reads the wave's and the previous wave's
  counts from the database and computes everything (a server's first view after a data change);
- compute: counts cached, the view's results not (a filter change to a view never seen);
- rerun: everything cached (a widget change that does not change the view).
The times include Streamlit's own work for a run (the login gate's session check, the frame,
building the elements), not the browser's drawing; bench/filter_change.py times that.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.filter_change import bench_account

ROOT = Path(__file__).resolve().parents[1]

WAVE_BOX = "sipas_filter_wave"
KINDS = ("cold", "compute", "rerun")


@dataclass(frozen=True)
class OverviewTimes:
    """Seconds of one overview run per kind (KINDS), for one wave: the best of several."""

    wave: str
    cold: float
    compute: float
    rerun: float


def _clear(kind: str) -> None:
    import streamlit as st

    from sipas.ui import cache, data

    if kind == "cold":
        st.cache_data.clear()
        data.wave_counts.clear()
        data.units.clear()
    elif kind == "compute":
        cache.clear_memo()


def _timed_run(at: object, kind: str) -> float:
    _clear(kind)
    start = time.perf_counter()
    at.run()  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - start
    if at.exception:  # type: ignore[attr-defined]
        raise SystemExit(f"the overview failed: {at.exception}")  # type: ignore[attr-defined]
    if len(at.get("vega_lite_chart")) < 2:  # type: ignore[attr-defined]
        raise SystemExit("the overview did not show its two charts")
    return elapsed


def logged_in_app(url: str) -> object:
    """AppTest of app.py on `url`, logged in as the bench leader (the overview is shown)."""
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # AppTest's bare-mode warnings

    username, password = bench_account(url)
    os.environ.update(
        SIPAS_DATABASE_URL=url, SIPAS_DEMO="0", SIPAS_COOKIE_KEY=secrets.token_urlsafe(32)
    )
    os.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1800).run()
    fields = {box.label: box for box in at.text_input}
    fields["Tên đăng nhập"].set_value(username)
    fields["Mật khẩu"].set_value(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    at.run()
    if at.exception or not at.get("vega_lite_chart"):
        raise SystemExit(f"login or first overview failed: {at.exception}")
    return at


def measure(url: str, rounds: int = 3) -> list[OverviewTimes]:
    """Overview run times for the newest wave and the one before it (best of `rounds`)."""
    at = logged_in_app(url)
    box = at.selectbox(key=WAVE_BOX)  # type: ignore[attr-defined]
    codes = [option.split(" ")[0] for option in box.options[:2]]  # newest first
    found = []
    for code in codes:
        at.selectbox(key=WAVE_BOX).set_value(code).run()  # type: ignore[attr-defined]
        times = {kind: _best(lambda k=kind: _timed_run(at, k), rounds) for kind in KINDS}
        found.append(OverviewTimes(code, **times))
    return found


def _best(work: Callable[[], float], rounds: int) -> float:
    return min(work() for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("SIPAS_DATABASE_URL", ""), required=False)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("give --url (a generated database; the bench account is added to it)")
    for times in measure(args.url, args.rounds):
        print(
            f"overview, wave {times.wave}: cold {1000 * times.cold:.0f} ms, "
            f"compute {1000 * times.compute:.0f} ms, rerun {1000 * times.rerun:.0f} ms "
            f"(best of {args.rounds})"
        )


if __name__ == "__main__":
    main()
