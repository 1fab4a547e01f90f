"""AppTest fixtures: the app on a private copy of the demo database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.appserver import ROOT


@pytest.fixture
def app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the app (optionally on a page, optionally from a link's query string) against the
    demo database and run it once."""
    monkeypatch.setenv("SIPAS_DATABASE_URL", demo_url)
    monkeypatch.setenv("SIPAS_DEMO", "1")

    def open_app(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    return open_app
