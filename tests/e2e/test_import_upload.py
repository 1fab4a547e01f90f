"""A real browser uploads a file on "Nhập dữ liệu", imports it, and finds the new wave on
the overview, drawn; on a new SQLite file and on a new PostgreSQL database, which the app
fills with the demo first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.appserver import ROOT, choose_option, log_in_as, running_app, wait_for_app
from tests.support.workbooks import respondent_rows, xlsx

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def test_upload_import_and_see_the_new_wave_in_the_overview(
    browser: Any, empty_url: str, tmp_path: Path
) -> None:
    header, rows, _ = respondent_rows(120, 21, units=["Huyện Bác Ái", "Ninh Hải", "Thuận Nam"])
    rows[5][7] = "không rõ"  # an unreadable answer: a warning, the row is kept
    rows[6][2] = None  # no unit: the row is rejected
    upload = tmp_path / "khao_sat_bo_sung_2024.xlsx"
    upload.write_bytes(xlsx([["TỔNG HỢP PHIẾU KHẢO SÁT BỔ SUNG"], header, *rows], merged=["A1:F1"]))
    env = {"SIPAS_DATABASE_URL": empty_url, "SIPAS_DEMO": "1"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(env) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        log_in_as(page, "staff", timeout=120_000)  # imports are for staff (and administrators)
        page.get_by_role("link", name="Nhập dữ liệu", exact=True).click()
        page.get_by_text("Nhập dữ liệu khảo sát từ tệp Excel").wait_for()
        wait_for_app(page)
        choose_option(page, "Đợt khảo sát", "➕ Đợt mới…")
        wait_for_app(page)
        page.get_by_label("Mã đợt mới (ví dụ 2025 hoặc 2025-quy-3)").fill("2024-bo-sung")
        page.keyboard.press("Enter")
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
        page.get_by_role("heading", name="Kiểm tra cách hiểu các cột").wait_for(timeout=60_000)
        wait_for_app(page, timeout=60_000)
        assert page.get_by_text("dòng tiêu đề là dòng 2").is_visible()
        page.get_by_text("Tôi đã kiểm tra cách hiểu các cột.").click()
        wait_for_app(page)
        page.get_by_text("Chỉ nhập 119 dòng hợp lệ").click()
        wait_for_app(page)
        page.screenshot(path=str(SCREENSHOTS / "e2e_import_checked.png"), full_page=True)
        page.get_by_role("button", name="Nhập dữ liệu").click()
        # the demo's 5 survey imports and its 4 national tables come first
        page.get_by_text("Đã nhập lần số 10 vào đợt 2024-bo-sung: 119 dòng").wait_for(
            timeout=60_000
        )
        page.screenshot(path=str(SCREENSHOTS / "e2e_import_done.png"), full_page=True)
        page.get_by_role("link", name="Xem trang Tổng quan").click()
        wait_for_app(page, timeout=60_000)
        assert page.get_by_text("Page not found").count() == 0
        # The overview's address carries the view: open the new wave the way a shared link does.
        page.goto(f"{url}/?wave=2024-bo-sung")
        wait_for_app(page, timeout=60_000)
        chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
        assert "Chỉ số SIPAS theo đơn vị – đợt 2024-bo-sung" in chart.text_content()
        for unit in ("Bác Ái", "Ninh Hải", "Thuận Nam"):
            assert unit in chart.text_content()
        assert page.get_by_text("Phương pháp QĐ 2640 · n = 119 phiếu").first.is_visible()
        page.screenshot(path=str(SCREENSHOTS / "e2e_import_overview.png"), full_page=True)
        page.close()
