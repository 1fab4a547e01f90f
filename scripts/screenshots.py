"""Screenshots of app pages in the machine's Chromium, to look at before calling a page done.

    python scripts/screenshots.py [PAGE_PATH ...] [--out DIR] [--size 1366x768] [--user NAME]

Starts the app on a temporary demo database unless SIPAS_DATABASE_URL is set; PAGE_PATH is
the URL path of a page ("" for the default page, "rankings" …). Logs in first with a demo
account (--user, default the administrator "quantri"; --user "" for the login page).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipas.setup.demo_accounts import demo_accounts
from tests.support.appserver import chromium, log_in, running_app, wait_for_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", default=[""])
    parser.add_argument("--out", default="artifacts/screenshots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--settle", type=int, default=1500, help="ms to wait after the run ends")
    parser.add_argument("--user", default="quantri", help='demo account to log in as ("": none)')
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SIPAS_DEMO": "1"}
        if not os.environ.get("SIPAS_DATABASE_URL"):
            env["SIPAS_DATABASE_URL"] = f"sqlite:///{tmp}/shots.db"
        with running_app(env) as url, chromium() as browser:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            wait_for_app(page, timeout=120_000)
            if args.user:
                password = {d.username: d.password for d in demo_accounts()}[args.user]
                log_in(page, args.user, password)
            for path in args.pages:
                page.goto(f"{url}/{path}")
                wait_for_app(page, timeout=90_000)
                page.wait_for_timeout(args.settle)
                who = f"_{args.user}" if args.user != "quantri" else ""
                name = out / f"{(path or 'home').split('?')[0]}{who}_{width}x{height}.png"
                if args.full_page:
                    # Streamlit scrolls inside its main area, so a "full page" screenshot of the
                    # window would stop at the viewport: grow the window to the content first.
                    full = page.evaluate(
                        "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
                    )
                    page.set_viewport_size({"width": width, "height": max(height, full)})
                    page.wait_for_timeout(args.settle)
                page.screenshot(path=str(name), full_page=args.full_page)
                page.set_viewport_size({"width": width, "height": height})
                print(name)


if __name__ == "__main__":
    main()
