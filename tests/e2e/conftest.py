"""Real-browser fixtures: the Debian Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.appserver import launched_chromium, playwright_driver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright driver for the session: its sync API refuses a second one while the
    first runs, so every browser fixture launches from this one."""
    with playwright_driver() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    with launched_chromium(playwright) as launched:
        yield launched
