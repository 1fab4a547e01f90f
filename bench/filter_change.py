"""How fast the dashboard redraws after a filter change, against a minimal Streamlit app.

    python bench/filter_change.py [--url SQLALCHEMY_URL] [--rounds 8]

Starts the app on --url (default SIPAS_DATABASE_URL; e.g. the 1,000,000-questionnaire database
of bench/generate.py) and bench/minimal_app.py side by side, drives the machine's Chromium and
prints:
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
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import choose, first_load, new_tab_load, wait_drawn
from tests.support.appserver import chromium, running_app

PAGES = ["", "rankings", "fields", "criteria"]
WAVES = ["2024", "2023", "2022", "2021"]
LABEL = "Đợt khảo sát"
MINIMAL = [sys.executable, "-m", "streamlit", "run", "bench/minimal_app.py"]
MINIMAL_WAVES = ["2024", "2023", "2022", "2021", "2025"]


def open_page(browser: Any, url: str, token: str) -> Any:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    wait_drawn(page, token)
    return page


def measure_page(browser: Any, app: str, minimal: str, path: str, rounds: int) -> None:
    page = open_page(browser, f"{app}/{path}?wave=2025", "2025")
    reference = open_page(browser, minimal, "Đợt 2025")
    ours, theirs = [], []
    for i in range(rounds):
        code = WAVES[i % len(WAVES)]
        ours.append(choose(page, LABEL, f"{code} –", f"đợt {code}"))
        other = MINIMAL_WAVES[i % len(MINIMAL_WAVES)]
        theirs.append(choose(reference, LABEL, other, f"Đợt {other}"))
    page.close()
    reference.close()
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
    args = parser.parse_args()
    env = {"SIPAS_DEMO": "0", "SIPAS_DATABASE_URL": args.url} if args.url else {"SIPAS_DEMO": "1"}
    minimal_command = [*MINIMAL, "--server.headless", "true"]
    with (
        chromium() as browser,
        running_app(env, timeout=600) as app,
        running_app({}, command=minimal_command) as minimal,
    ):
        cold = first_load(browser, app, "đợt 2025")
        warm = new_tab_load(browser, app, "đợt 2025")
        print(
            f"overview first load until charts drawn: new tab {warm:.2f} s; "
            f"new browser profile (nothing cached) {cold:.2f} s"
        )
        for path in PAGES:
            measure_page(browser, app, minimal, path, args.rounds)


if __name__ == "__main__":
    main()
