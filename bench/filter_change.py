"""How fast the dashboard redraws after a filter change, against a minimal Streamlit app.

    python bench/filter_change.py [--url SQLALCHEMY_URL] [--rounds 8]

Starts the app on SIPAS_DATABASE_URL (or --url; e.g. the 1,000,000-questionnaire database of
bench/generate.py) and bench/minimal_app.py, drives the machine's Chromium and prints:
- the overview's first load in a fresh tab (new browser context) until its charts are drawn;
- the median time from choosing another wave in the filter bar until every chart of the page
  is redrawn, per page, against the same change in the minimal app, and their ratio.
The same select box is changed back and forth between waves, so later rounds may hit caches;
the first rounds (never seen states) are printed separately.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import choose, first_load, wait_drawn
from tests.support.appserver import chromium, running_app

PAGES = {"": "Chỉ số SIPAS theo đơn vị", "xep-hang": "theo đơn vị", "linh-vuc": "lĩnh vực"}
WAVES = ["2024", "2023", "2022", "2021"]
LABEL = "Đợt khảo sát"


def measure_minimal(browser, rounds: int) -> list[float]:
    command = [sys.executable, "-m", "streamlit", "run", "bench/minimal_app.py"]
    command += ["--server.headless", "true"]
    with running_app({}, command=command) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        wait_drawn(page, "Đợt 2025")
        times = [choose(page, LABEL, code, f"Đợt {code}") for code in _cycle(rounds)]
        page.close()
    return times


def measure_app(browser, url: str, path: str, rounds: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{url}/{path}?wave=2025")
    wait_drawn(page, "2025")
    times = [choose(page, LABEL, f"{code} –", f"đợt {code}") for code in _cycle(rounds)]
    page.close()
    return times


def _cycle(rounds: int) -> list[str]:
    return [WAVES[i % len(WAVES)] for i in range(rounds)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("SIPAS_DATABASE_URL", ""))
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    env = {"SIPAS_DEMO": "0"} if args.url else {"SIPAS_DEMO": "1"}
    if args.url:
        env["SIPAS_DATABASE_URL"] = args.url
    with chromium() as browser:
        minimal = measure_minimal(browser, args.rounds)
        print("minimal app measured", file=sys.stderr)
        with running_app(env, timeout=300) as url:
            cold = first_load(browser, url, "đợt 2025")
            warm = first_load(browser, url, "đợt 2025")
            print(
                f"overview first load, fresh tab: {cold:.2f} s (server just started), "
                f"{warm:.2f} s (second tab)"
            )
            base = statistics.median(minimal)
            print(
                f"minimal app, select box change → chart redrawn: median {base:.3f} s "
                f"({', '.join(f'{x:.2f}' for x in minimal)})"
            )
            for path, _ in PAGES.items():
                times = measure_app(browser, url, path, args.rounds)
                median = statistics.median(times)
                first = statistics.median(times[: len(WAVES)])
                print(
                    f"page /{path or 'tong-quan'}: wave change → charts redrawn: median "
                    f"{median:.3f} s, first visits {first:.3f} s, ratio {median / base:.2f} "
                    f"({', '.join(f'{x:.2f}' for x in times)})"
                )


if __name__ == "__main__":
    main()
