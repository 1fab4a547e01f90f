"""Exports in a real Chromium: a leader downloads the Excel report of the overview's selection,
the PDF brief of their unit and a chart's PNG from the menu under it (files made on the click),
and the downloads are in the audit log with the filters."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from tests.support.appserver import (
    ROOT,
    log_in_as,
    open_from_menu,
    running_app,
    wait_for_app,
)

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def database(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    copy = tmp_path_factory.mktemp("e2e-exports") / "demo.db"
    shutil.copy(demo_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    with running_app({"SIPAS_DATABASE_URL": database, "SIPAS_DEMO": "1"}) as address:
        yield address


def exports(url: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    with transaction(engine) as session:
        log = audit_frame(session)
    engine.dispose()
    return log[log["action"] == "export"].to_dict("records")


def leader_on_overview(browser: Any, server: str) -> tuple[Any, Any]:
    """A new browser that takes downloads, logged in as the demo leader, on the overview."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    wait_for_app(page, timeout=120_000)
    log_in_as(page, "leader")
    wait_for_app(page, timeout=90_000)
    open_from_menu(page, "Tổng quan")  # the leader lands on the unit page
    return context, page


def test_leader_downloads_the_report_and_the_brief(
    browser: Any, server: str, database: str, tmp_path: Path
) -> None:
    context, page = leader_on_overview(browser, server)
    report = page.get_by_role("button", name="Báo cáo Excel của lựa chọn")
    report.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download:
        report.click()
    assert download.value.suggested_filename == "bao-cao-sipas-2024.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Tóm tắt"
    summary = {row[0]: row[1] for row in book["Tóm tắt"].iter_rows(values_only=True) if row[0]}
    assert summary["Đơn vị"] == "Ninh Sơn"
    assert summary["Người xuất"] == "lanhdao"

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Bản tóm tắt PDF: Ninh Sơn").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Ninh Sơn – đợt khảo sát 2024" in text

    wait_for_app(page, timeout=60_000)
    logged = {(entry["actor"], entry["object"]): entry for entry in exports(database)}
    assert ("lanhdao", pdf.name) in logged
    details = json.loads(logged[("lanhdao", "bao-cao-sipas-2024.xlsx")]["details"])
    assert details["filters"]["units"] == "ninh-son"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "e2e_exports.png"), full_page=True)
    context.close()


def test_a_chart_is_downloaded_from_its_menu(browser: Any, server: str, database: str) -> None:
    """The PNG of the overview's ranking chart: the closed menu under the chart opens on a
    click, the file is made on the click and the download is audited."""
    context, page = leader_on_overview(browser, server)
    png = page.get_by_role("button", name="Tải ảnh PNG")
    assert png.count() == 0  # the menus are closed: their buttons are not drawn
    menu = page.get_by_role("button", name="Tải biểu đồ").first
    menu.scroll_into_view_if_needed()
    menu.click()
    with page.expect_download(timeout=60_000) as download:
        png.first.click()
    name = download.value.suggested_filename
    assert name.endswith(".png") and "2024" in name
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    wait_for_app(page, timeout=60_000)
    logged = {(entry["actor"], entry["object"]): entry for entry in exports(database)}
    assert json.loads(logged[("lanhdao", name)]["details"])["kind"] == "chart_png"
    context.close()
