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


def first_load(browser: Any, url: str, token: str, size: tuple[int, int] = (1366, 768)) -> float:
    """Seconds from opening `url` in a fresh browser context (new tab, empty cache) until
    every chart shows `token`."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_drawn(page, token)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def new_tab_load(browser: Any, url: str, token: str, size: tuple[int, int] = (1366, 768)) -> float:
    """Seconds from opening `url` in a new tab of a browser profile that has shown the app
    before (scripts and styles in its HTTP cache) until every chart shows `token`."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
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


def choose(page: Any, label: str, option: str, token: str) -> float:
    """Seconds from clicking `option` in the select box `label` until the charts show `token`."""
    page.get_by_role("combobox", name=label).click()
    choice = page.get_by_role("option", name=option, exact=False).first
    choice.wait_for()
    start = time.perf_counter()
    choice.click()
    wait_drawn(page, token)
    return time.perf_counter() - start
