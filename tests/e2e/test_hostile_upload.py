"""A staff member uploads a hostile workbook to the running app: the read's child process
dies on it, the page says why in Vietnamese, and the server keeps serving everyone (its
health check answers, pages render, another browser's session stays logged in)."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

from tests.support import hostile
from tests.support.appserver import ROOT, choose_option, log_in_as, running_app, wait_for_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def test_a_sparse_workbook_upload_leaves_the_server_serving_everyone(
    browser: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "thua_2024.xlsx"
    upload.write_bytes(hostile.sparse())
    # Limits loose enough that the file reaches calamine: its child must die, not the server.
    env = {
        "SIPAS_DATABASE_URL": f"sqlite:///{tmp_path / 'sipas.db'}",
        "SIPAS_DEMO": "1",
        "SIPAS_IMPORT_MAX_COLUMNS": "20000",
        "SIPAS_IMPORT_MAX_CELLS": "1e12",
        "SIPAS_IMPORT_READ_MB": "2048",
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(env) as url:
        leader = browser.new_context(viewport={"width": 1366, "height": 768})
        watching = leader.new_page()
        watching.goto(url)
        log_in_as(watching, "leader", timeout=120_000)
        staff = browser.new_context(viewport={"width": 1366, "height": 768})
        page = staff.new_page()
        page.goto(url)
        log_in_as(page, "staff", timeout=120_000)
        page.get_by_role("link", name="Nhập dữ liệu", exact=True).click()
        page.get_by_text("Nhập dữ liệu khảo sát từ tệp Excel").wait_for()
        wait_for_app(page)
        choose_option(page, "Đợt khảo sát", "➕ Đợt mới…")
        wait_for_app(page)
        page.get_by_label("Mã đợt mới (ví dụ 2025 hoặc 2025-quy-3)").fill("2024-thu")
        page.keyboard.press("Enter")
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
        message = page.get_by_text("Tệp khai báo bảng tính quá lớn hoặc bị hỏng")
        message.wait_for(timeout=120_000)
        assert "ứng dụng vẫn hoạt động bình thường" in message.text_content()
        page.screenshot(path=str(SCREENSHOTS / "e2e_hostile_upload.png"), full_page=True)
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as health:
            assert health.read() == b"ok"
        # the staff member's own session goes on: another page renders
        page.get_by_role("link", name="Xếp hạng", exact=True).click()
        # the menu switches page in the browser first: wait for the new page, then its run
        page.get_by_role("heading", name="Xếp hạng đơn vị").wait_for(timeout=60_000)
        wait_for_app(page, timeout=60_000)
        page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for(timeout=60_000)
        assert page.locator('[data-testid="stVegaLiteChart"] svg').count() > 0
        # the leader, logged in before the upload, still is after a reload
        watching.reload()
        wait_for_app(watching, timeout=60_000)
        assert watching.get_by_role("button", name="Đăng xuất").count() == 1
        assert watching.get_by_label("Mật khẩu", exact=True).count() == 0
        watching.screenshot(path=str(SCREENSHOTS / "e2e_hostile_leader.png"), full_page=True)
        staff.close()
        leader.close()
