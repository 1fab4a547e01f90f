"""Remediation tasks in Chromium: from a weak criterion on the criteria page to a task given
and listed on the tasks page."""

from __future__ import annotations

from typing import Any

from sipas.storage.engine import make_engine, transaction
from sipas.storage.tasks import list_tasks
from tests.support.appserver import (
    ROOT,
    log_in_as,
    open_from_menu,
    running_app,
    wait_for_app,
)

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def test_from_the_criteria_page_to_a_task_in_the_list(browser: Any, demo_url: str) -> None:
    with running_app({"SIPAS_DATABASE_URL": demo_url, "SIPAS_DEMO": "1"}) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 2400})
        page.goto(url)
        log_in_as(page, "staff", timeout=120_000)
        open_from_menu(page, "Tiêu chí")
        page.get_by_text("➕ Giao nhiệm vụ khắc phục").click()
        offer = page.get_by_role("button", name="Giao nhiệm vụ khắc phục", exact=True)
        offer.wait_for(timeout=30_000)
        offer.click()
        page.wait_for_url("**/tasks**", timeout=60_000)
        wait_for_app(page, timeout=60_000)
        finding = page.get_by_label("Tồn tại, hạn chế")
        sentence = finding.input_value()
        assert " đạt " in sentence and "; n = " in sentence
        page.get_by_label("Giải pháp").fill("Niêm yết công khai hòm thư góp ý, đường dây nóng")
        page.get_by_role("button", name="Giao nhiệm vụ", exact=True).click()
        page.get_by_text("Đã giao nhiệm vụ số 1.").wait_for(timeout=60_000)
        page.get_by_role("tab", name="Danh sách").click()
        page.get_by_text("1/1 nhiệm vụ").wait_for(timeout=30_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "e2e_tasks_list.png"))
        page.close()
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        records = list_tasks(session)
    engine.dispose()
    assert [(r.spec.finding, r.created_by) for r in records] == [(sentence, "chuyenvien")]
    assert records[0].spec.solution == "Niêm yết công khai hòm thư góp ý, đường dây nóng"
