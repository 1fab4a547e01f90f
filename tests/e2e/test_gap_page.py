"""The gap page in Chromium: the bullet chart, the rank band and the sentences are drawn."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.appserver import (
    ROOT,
    choose_option,
    log_in_as,
    open_from_menu,
    running_app,
    wait_for_app,
)

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


# The numbers of the gap page are checked on PostgreSQL by the AppTest gap tests; the browser
# adds only the drawing: SQLite only, to keep CI short.
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_gap_page_draws_the_2024_story(browser: Any, demo_url: str) -> None:
    with running_app({"SIPAS_DATABASE_URL": demo_url, "SIPAS_DEMO": "1"}) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 4200})
        page.goto(url)
        log_in_as(page, "leader", timeout=120_000)
        open_from_menu(page, "Khoảng cách")
        choose_option(page, "Đợt khảo sát", "2024 – Khảo sát SIPAS 2024 (Dữ liệu minh họa)")
        charts = page.locator('[data-testid="stVegaLiteChart"] svg')
        # the rerun for the new wave has drawn when the first chart names it
        charts.first.filter(has_text="đợt 2024").wait_for(timeout=60_000)
        wait_for_app(page, timeout=60_000)
        bullet = charts.nth(0).text_content() or ""
        assert "Chỉ số SIPAS so với mục tiêu – đợt 2024" in bullet
        assert "87,22% · thiếu 2,78 điểm % so với > 90%" in bullet
        band = charts.nth(1).text_content() or ""
        assert "Vị trí so với nhóm 3 dẫn đầu" in band and "88,05%" in band
        sentence = (
            "Ninh Sơn đạt 87,2% (xếp 4/7), còn thiếu 2,8 điểm % so với mục tiêu trên 90%; "
            "cần thêm 0,9 điểm % để bắt kịp Ninh Hải (xếp thứ 3) và vào nhóm 3 dẫn đầu."
        )
        assert page.get_by_text(sentence).first.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "e2e_gaps_2024.png"))
        page.close()
