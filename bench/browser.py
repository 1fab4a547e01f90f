"""Timing what a user sees in Chromium: a page's first load and a select box change."""

from __future__ import annotations

import time
from typing import Any

# Done when the script has finished, every chart is drawn as SVG, and each chart's text
# contains the expected token (so the new drawing, not the previous one, is on screen).
_DRAWN = """(token) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    return charts.length > 0 && charts.every(c => {
        const svg = c.querySelector('svg');
        return svg && svg.textContent.includes(token);
    });
}"""


def wait_drawn(page: Any, token: str, timeout: float = 60_000) -> None:
    page.wait_for_function(_DRAWN, arg=token, timeout=timeout, polling="raf")


def login_cookies(browser: Any, url: str, username: str, password: str) -> list[Any]:
    """The cookies of a browser that has logged in through the form (the "remember me"
    cookie among them), to open the app logged in as a returning user does."""
    from tests.support.appserver import log_in

    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    log_in(page, username, password, timeout=600_000)
    page.wait_for_timeout(1000)  # the cookie is written by a component after the login run
    cookies: list[Any] = context.cookies()
    context.close()
    return cookies


def logged_in_context(browser: Any, cookies: list[Any], size: tuple[int, int] = (1366, 768)) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.add_cookies(cookies)
    return context


def first_load(
    browser: Any, url: str, token: str, cookies: list[Any], size: tuple[int, int] = (1366, 768)
) -> float:
    """Seconds from opening `url` in a fresh browser context (new tab, empty cache, only the
    login cookie) until every chart shows `token`."""
    context = logged_in_context(browser, cookies, size)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_drawn(page, token)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def new_tab_load(
    browser: Any, url: str, token: str, cookies: list[Any], size: tuple[int, int] = (1366, 768)
) -> float:
    """Seconds from opening `url` in a new tab of a browser profile that has shown the app
    before (scripts and styles in its HTTP cache) until every chart shows `token`."""
    context = logged_in_context(browser, cookies, size)
    warm_up = context.new_page()
    warm_up.goto(url)
    wait_drawn(warm_up, token)
    warm_up.close()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_drawn(page, token)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def choose(page: Any, label: str, option: str, token: str, attempts: int = 4) -> float:
    """Seconds from clicking `option` in the select box `label` until the charts show `token`.
    The box is opened again when a rerun redrew it closed (not timed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        page.get_by_role("combobox", name=label).first.click()
        choice = page.get_by_role("option", name=option, exact=False).first
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    start = time.perf_counter()
    choice.click()
    wait_drawn(page, token)
    return time.perf_counter() - start
