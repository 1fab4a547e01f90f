"""A page's address opened first on a fresh server (a bookmark, a link in a message) runs
through app.py: the login gate first, then the app's own navigation, the page, the filters in
the address, no dialog."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tests.support.appserver import MENU, log_in_as, running_app, wait_for_app


def test_first_visit_to_a_page_address_goes_through_the_router(
    browser: Any, demo_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.db"
    shutil.copy(demo_file, database)
    with running_app({"SIPAS_DATABASE_URL": f"sqlite:///{database}", "SIPAS_DEMO": "1"}) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}/rankings?wave=2023")  # the very first request this server gets
        wait_for_app(page, timeout=120_000)
        # Streamlit ran pages/rankings.py by itself: the router's login gate still comes first
        assert page.get_by_role("button", name="Đăng nhập").count() == 1
        assert page.get_by_text("Xếp hạng đơn vị").count() == 0
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0
        log_in_as(page, "staff")
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator("h1").first.inner_text() == "Xếp hạng đơn vị"
        navigation = page.locator(MENU).inner_text()
        # the router's Vietnamese page list, not Streamlit's list of files ("app", "rankings")
        assert "Tổng quan" in navigation and "Nhập dữ liệu" in navigation
        assert "rankings" not in navigation
        assert "wave=2023" in page.url
        chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
        assert "đợt 2023" in (chart.text_content() or "")
        page.goto(f"{url}/targets")
        wait_for_app(page, timeout=60_000)
        assert page.locator("h1").first.inner_text() == "Mục tiêu về sự hài lòng"
        assert page.locator('[data-testid="stException"]').count() == 0
        # the overview's file name, typed: sent to "/", not Streamlit's English "Page not found"
        page.goto(f"{url}/overview")
        page.wait_for_url(lambda address: urlparse(address).path == "/", timeout=60_000)
        wait_for_app(page, timeout=60_000)
        assert page.locator("h1").first.inner_text() == "Tổng quan chỉ số hài lòng"
        assert page.get_by_text("Page not found").count() == 0
        page.close()
