"""AppTest fixtures: the app on a private copy of the demo database, logged in for real
through the login form (as the demo administrator unless a test asks for another role)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.accounts import DEMO_PASSWORD, DEMO_USERS
from tests.support.appserver import ROOT


def log_in(at: AppTest, username: str, password: str) -> AppTest:
    """Fill in and submit the login form, as a person would."""
    form_inputs = {field.label: field for field in at.text_input}
    form_inputs["Tên đăng nhập"].set_value(username)
    form_inputs["Mật khẩu"].set_value(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


@pytest.fixture
def app_env(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment of the app under test: the demo database copy, demo mode."""
    monkeypatch.setenv("SIPAS_DATABASE_URL", demo_url)
    monkeypatch.setenv("SIPAS_DEMO", "1")
    return demo_url


@pytest.fixture
def anonymous_app(app_env: str) -> Callable[..., AppTest]:
    """Open the app without logging in (the login page), optionally from a link's query
    string."""

    def open_app(query: dict[str, str] | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at.run()

    return open_app


@pytest.fixture
def app(anonymous_app: Callable[..., AppTest]) -> Callable[..., AppTest]:
    """Open the app logged in as `role` (a demo account), optionally on a page and from a
    link's query string, and run it once."""

    def open_app(
        page: str | None = None, query: dict[str, str] | None = None, role: str = "admin"
    ) -> AppTest:
        at = log_in(anonymous_app(query), DEMO_USERS[role], DEMO_PASSWORD)
        assert not at.exception, at.exception
        if page:
            at.switch_page(page)
            at.run()
        return at

    return open_app
