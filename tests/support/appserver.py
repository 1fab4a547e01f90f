"""Start the real app (`streamlit run app.py`) on a free loopback port, and a Chromium for it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# The app's page menu (sipas.ui.shell.chrome) and its links.
MENU = ".st-key-sipas_menu"
MENU_LINK = f'{MENU} [data-testid="stPageLink-NavLink"]'


def open_from_menu(page: Any, name: str, timeout: float = 90_000) -> None:
    """Click the menu's link to another page and wait for that page's run. The menu switches
    page in the browser before the new run starts, so the old page's idle state must not be
    taken for the new one's: wait for the address to change first."""
    before = page.url
    page.locator(MENU_LINK, has_text=name).first.click()
    page.wait_for_url(lambda url: url != before, timeout=timeout)
    wait_for_app(page, timeout=timeout)


STREAMLIT = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]


@contextmanager
def running_app(
    env: dict[str, str],
    port: int | None = None,
    timeout: float = 60,
    command: list[str] | None = None,
) -> Iterator[str]:
    """Run the app (by default `streamlit run app.py`; or `command`, to which the address and
    port are appended) with extra environment `env`; yields its base URL."""
    port = port or free_port()
    address = ["--server.address", "127.0.0.1", "--server.port", str(port)]
    log = open(os.devnull, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [*(command or STREAMLIT), *address],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"app at {url} not healthy after {timeout} s")


@contextmanager
def playwright_driver() -> Iterator[Any]:
    """The Playwright driver. Its sync API allows one driver per thread at a time, so a test
    session opens one and launches every browser it needs from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@contextmanager
def launched_chromium(playwright: Any, extra_args: Sequence[str] = ()) -> Iterator[Any]:
    """A headless Debian Chromium (no browser download) launched from a running driver, with
    `extra_args` on its command line."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args]
    )
    try:
        yield browser
    finally:
        browser.close()


@contextmanager
def chromium(extra_args: Sequence[str] = ()) -> Iterator[Any]:
    """A headless Debian Chromium with its own driver, for scripts that need one browser."""
    with playwright_driver() as playwright, launched_chromium(playwright, extra_args) as browser:
        yield browser


def wait_for_app(page: Any, timeout: float = 30_000) -> None:
    """Wait until the app finished its run and drew it: the script is not running (Streamlit
    marks that on the app frame), no placeholder is left (charts and tables are drawn by code
    loaded on first use) and every chart is drawn as SVG."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
              && !document.querySelector('[data-testid="stSkeleton"]')
              && [...document.querySelectorAll('[data-testid="stElementContainer"]')]
                   .every(box => box.querySelector('[data-testid]'))
              && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                   .every(chart => chart.querySelector('svg'));
        }""",
        timeout=timeout,
    )


def log_in(page: Any, username: str, password: str, timeout: float = 60_000) -> None:
    """Log in through the login form as a person would, and wait for the page behind it."""
    wait_for_app(page, timeout=timeout)
    page.get_by_label("Tên đăng nhập", exact=True).fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=timeout)
    wait_for_app(page, timeout=timeout)


def log_in_as(page: Any, role: str = "admin", timeout: float = 60_000) -> None:
    """Log in through the login form with the demo account of `role` (demo mode)."""
    from tests.support.accounts import DEMO_PASSWORD, DEMO_USERS

    log_in(page, DEMO_USERS[role], DEMO_PASSWORD, timeout=timeout)


def choose_option(page: Any, label: str, option: str, attempts: int = 4) -> None:
    """Open the select box `label` and click the first option whose name contains `option`,
    until the box shows it. A rerun that starts just as the box is clicked redraws it closed;
    open it again then (as a person would, seeing the box unchanged)."""
    box = page.get_by_role("combobox", name=label).first
    for attempt in range(attempts):
        box.click()
        choice = page.get_by_role("option", name=option, exact=False).first
        try:
            choice.wait_for(timeout=5_000)
            choice.click()
            page.wait_for_function(
                """([label, option]) => [...document.querySelectorAll('[role="combobox"]')]
                    .some(box => box.getAttribute('aria-label') === label
                                 && (box.value || box.textContent).includes(option))""",
                arg=[label, option],
                timeout=10_000,
            )
            return
        except PlaywrightTimeout:  # the list did not open, or the click was lost to a redraw
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
