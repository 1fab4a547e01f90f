"""Logging in with a real Chromium: the cookie keeps the session across a reload and a second
tab, logout really logs out (a copy of the cookie no longer works), a leader cannot reach
administrators' pages by URL, names typed by people stay text, the audit log downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sipas.accounts import registry as accounts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.reference import Unit
from tests.support.accounts import DEMO_PASSWORD, DEMO_USERS
from tests.support.appserver import MENU_LINK, ROOT, log_in, running_app, wait_for_app
from tests.support.demo import BACKENDS, demo_copy

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
COOKIE = "sipas_session"
HOSTILE_NAME = """<b>Trần "Bảy"</b> <img src=x onerror="window.hacked=1"> **đậm** O'Neil"""
HOSTILE_UNIT = """Xã <i>Ninh</i> "Phước" & <script>window.hacked=2</script>"""


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One app on a copy of the demo database, SQLite then PostgreSQL (plus an account with a
    hostile name)."""
    with demo_copy(request, request.param, tmp_path_factory.mktemp("e2e-login")) as url:
        add_hostile_account(url)
        with running_app({"SIPAS_DATABASE_URL": url, "SIPAS_DEMO": "1"}) as address:
            warm_up(browser, address)
            yield address


def add_hostile_account(url: str) -> None:
    engine = make_engine(url)
    with transaction(engine) as session:
        session.add(
            Unit(code="x-hostile", name=HOSTILE_UNIT, full_name=HOSTILE_UNIT, level="commune")
        )
        session.flush()
        accounts.add_account(
            session, "test", "ngo.bay", "leader", "Núi#Bà2025đen",
            display_name=HOSTILE_NAME, unit_code="x-hostile",
        )  # fmt: skip
    engine.dispose()


def warm_up(browser: Any, address: str) -> None:
    """Open the app once, so that the first test does not pay for the server's cold start."""
    page = browser.new_page()
    page.goto(address)
    wait_for_app(page, timeout=120_000)
    page.close()


def open_page(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    wait_for_app(page, timeout=120_000)
    settle(page)  # a session resumed from the cookie reruns once to show its menu
    return page


def settle(page: Any) -> None:
    """Wait for the run, and for the rerun the cookie component may ask for right after."""
    wait_for_app(page)
    page.wait_for_timeout(700)
    wait_for_app(page)


def logged_in(page: Any) -> bool:
    return page.get_by_role("button", name="Đăng xuất").count() == 1


def session_cookie(context: Any) -> dict[str, Any] | None:
    return next((c for c in context.cookies() if c["name"] == COOKIE), None)


def test_cookie_keeps_the_session_and_logout_really_logs_out(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = open_page(context, server)
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    log_in(page, DEMO_USERS["staff"], DEMO_PASSWORD)
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')")
    cookie = session_cookie(context)
    assert cookie is not None and cookie["sameSite"] == "Strict"
    page.reload()
    settle(page)
    assert logged_in(page)
    second = open_page(context, server)
    assert logged_in(second) and second.get_by_text("Trần Thị Bình").is_visible()
    # resumed from the cookie in its first run: the cookie component (an iframe whose first
    # answer costs an extra run) is not drawn for a session that never sets or deletes it
    assert second.locator("iframe[src*='CookieManager']").count() == 0
    assert page.locator("iframe[src*='CookieManager']").count() == 0

    page.get_by_role("button", name="Đăng xuất").click()
    settle(page)
    assert page.get_by_text("Bạn đã đăng xuất.").count() == 1
    page.wait_for_function(f"!document.cookie.includes('{COOKIE}=')")
    page.reload()
    settle(page)
    assert not logged_in(page)
    # the second tab shared the cookie: its next run ends the session too
    second.locator(MENU_LINK, has_text="Xếp hạng").click()
    second.get_by_role("heading", name="Đăng nhập").first.wait_for()
    settle(second)
    assert second.get_by_role("heading", name="Đăng nhập").count() == 1
    assert second.get_by_text("Phiên làm việc đã kết thúc", exact=False).is_visible()
    # a copy of the cookie, replayed in another browser, no longer opens a session
    thief = browser.new_context()
    thief.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    stolen = open_page(thief, server)
    settle(stolen)
    assert not logged_in(stolen)
    assert stolen.get_by_role("heading", name="Đăng nhập").is_visible()
    context.close()
    thief.close()


# What a role may open is decided in Python from the account that the cookie test reads on
# both databases: SQLite only, to keep CI short.
@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
@pytest.mark.parametrize("path", ["accounts", "audit", "import_data", "import_history"])
def test_a_leader_cannot_reach_staff_or_administrators_pages_by_url(
    browser: Any, server: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = open_page(context, server)
    log_in(page, DEMO_USERS["leader"], DEMO_PASSWORD)
    links = page.locator(MENU_LINK).all_text_contents()
    assert any(
        "Tổng quan" in link for link in links
    )  # the dashboard pages; never those of staff or administrators
    assert not [link for link in links if any(n in link for n in ("Tài khoản", "Nhật ký", "Nhập"))]
    page.goto(f"{server}/{path}")
    settle(page)
    assert logged_in(page)  # the cookie opened the session, the page itself is refused
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text("Bạn không có quyền truy cập trang này.").is_visible()
    assert (
        main.locator("h1").count() == 0 and main.locator('[data-testid="stDataFrame"]').count() == 0
    )
    assert not any(name in page.title() for name in ("Tài khoản", "Nhật ký", "Nhập", "nhập"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"e2e_forbidden_{path}.png"), full_page=True)
    context.close()


# Showing names as text is the page's work, whatever database held them: SQLite only.
@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_names_with_markup_are_shown_as_text(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = open_page(context, server)
    log_in(page, "ngo.bay", "Núi#Bà2025đen")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(HOSTILE_NAME, exact=True).is_visible()
    assert sidebar.get_by_text(f"Lãnh đạo · {HOSTILE_UNIT}", exact=True).is_visible()
    assert sidebar.locator("b, i, img, [data-testid='stSidebar'] script").count() == 0
    assert page.evaluate("window.hacked") is None
    page.goto(f"{server}/account")
    settle(page)
    assert page.get_by_text(HOSTILE_UNIT, exact=True).is_visible()
    assert page.evaluate("window.hacked") is None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "e2e_inert_names.png"), full_page=True)
    context.close()


def test_administrator_downloads_the_audit_log(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = open_page(context, server)
    log_in(page, DEMO_USERS["admin"], DEMO_PASSWORD)
    page.goto(f"{server}/audit")
    settle(page)
    assert page.get_by_role("heading", name="Nhật ký hệ thống").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải về Excel (.xlsx)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Nhật ký hệ thống SIPAS Dashboard – xuất lúc")
    assert rows[2][:3] == ("Thời điểm (giờ Việt Nam)", "Người thực hiện", "Hành động")
    assert ("quantri", "Đăng nhập") in {(row[1], row[2]) for row in rows[3:]}
    page.reload()
    settle(page)
    assert page.get_by_text("Hiển thị", exact=False).first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "e2e_audit.png"), full_page=True)
    context.close()
