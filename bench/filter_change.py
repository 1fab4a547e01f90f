"""How fast the dashboard redraws after a filter change, against a minimal Streamlit app.

    python bench/filter_change.py [--url SQLALCHEMY_URL] [--rounds 8] [--pages criteria …]

Starts the app on --url (default SIPAS_DATABASE_URL; e.g. the 1,000,000-questionnaire database
of bench/generate.py) and bench/minimal_app.py side by side, logs in once (the demo staff account
on the demo database; on --url a leader account "bench" it adds when missing), drives the
machine's Chromium with that login cookie and prints:
- the overview's first load until its charts are drawn: in a new tab of a browser that has
  opened the app before (its HTTP cache warm), and in a new browser profile (nothing cached);
- per page, the median time from choosing another wave in the filter bar until every chart on
  the page is redrawn, the median of the same change in the minimal app (one select box, one
  Altair chart over 1,000 rows), and their ratio.
Changes of the two apps are interleaved (app, minimal, app, minimal …) so that other load on
the machine weighs on both alike. The first pass over the waves shows views never seen before
(nothing cached for them); later passes may reuse the per-view cache, which is part of the
product. Both are printed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import (
    choose,
    first_load,
    logged_in_context,
    login_cookies,
    new_tab_load,
    wait_drawn,
)
from sipas.accounts import registry as accounts
from sipas.core.permissions import LEADER, STAFF
from sipas.setup.bootstrap import initialise
from sipas.setup.demo_accounts import demo_accounts
from sipas.storage.engine import make_engine, transaction
from tests.support.appserver import chromium, running_app

PAGES = ["", "rankings", "fields", "criteria"]
WAVES = ["2024", "2023", "2022", "2021"]
LABEL = "Đợt khảo sát"
MINIMAL = [sys.executable, "-m", "streamlit", "run", "bench/minimal_app.py"]
MINIMAL_WAVES = ["2024", "2023", "2022", "2021", "2025"]
BENCH_USER = "bench"
BENCH_PASSWORD = "Đo-tốc-độ#2025"


def bench_account(url: str) -> tuple[str, str]:
    """The account the benchmark logs in with: a demo one, or the leader "bench" on --url."""
    if not url:
        # not the demo leader: bound to Ninh Sơn, it opens on 2024, the unit's last wave
        staff = next(demo for demo in demo_accounts() if demo.role == STAFF)
        return staff.username, staff.password
    engine = make_engine(url)
    initialise(engine)  # as `python -m sipas init`: a database generated before accounts existed
    with transaction(engine) as session:
        if accounts.find(session, BENCH_USER) is None:
            accounts.add_account(session, "bench", BENCH_USER, LEADER, BENCH_PASSWORD)
    engine.dispose()
    return BENCH_USER, BENCH_PASSWORD


def open_page(browser: Any, url: str, token: str, cookies: list[Any]) -> Any:
    page = logged_in_context(browser, cookies).new_page()
    page.goto(url)
    wait_drawn(page, token)
    return page


def measure_page(
    browser: Any, app: str, minimal: str, path: str, rounds: int, cookies: list[Any]
) -> None:
    page = open_page(browser, f"{app}/{path}?wave=2025", "2025", cookies)
    reference = open_page(browser, minimal, "Đợt 2025", [])
    ours, theirs = [], []
    for i in range(rounds):
        code = WAVES[i % len(WAVES)]
        ours.append(choose(page, LABEL, f"{code} –", f"đợt {code}"))
        other = MINIMAL_WAVES[i % len(MINIMAL_WAVES)]
        theirs.append(choose(reference, LABEL, other, f"Đợt {other}"))
    page.context.close()
    reference.context.close()
    first = len(WAVES)
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"/{path or 'overview'}: wave change → charts redrawn, median {_median(ours)} s "
        f"(never-seen views {_median(ours[:first])} s, seen again {_median(ours[first:])} s); "
        f"minimal app {_median(theirs)} s; ratio {ratio:.2f}"
    )
    print(f"    dashboard: {_list(ours)}\n    minimal:   {_list(theirs)}")


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f}" if values else "–"


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("SIPAS_DATABASE_URL", ""))
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument(
        "--pages", nargs="*", default=PAGES, help="pages to measure; '' is the overview"
    )
    args = parser.parse_args()
    env = {"SIPAS_DEMO": "1"}
    if args.url:  # a production-like database: no demo, a cookie key of its own
        env = {"SIPAS_DEMO": "0", "SIPAS_DATABASE_URL": args.url}
        env["SIPAS_COOKIE_KEY"] = secrets.token_urlsafe(32)
    username, password = bench_account(args.url)
    minimal_command = [*MINIMAL, "--server.headless", "true"]
    with (
        chromium() as browser,
        running_app(env, timeout=600) as app,
        running_app({}, command=minimal_command) as minimal,
    ):
        cookies = login_cookies(browser, app, username, password)
        cold = first_load(browser, app, "đợt 2025", cookies)
        warm = new_tab_load(browser, app, "đợt 2025", cookies)
        print(
            f"overview first load until charts drawn: new tab {warm:.2f} s; "
            f"new browser profile (nothing cached but the login cookie) {cold:.2f} s"
        )
        for path in args.pages:
            measure_page(browser, app, minimal, path, args.rounds, cookies)


if __name__ == "__main__":
    main()
