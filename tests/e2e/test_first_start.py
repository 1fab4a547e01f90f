"""The README's run command on a new database: demo data and accounts created, the ranking
chart drawn after logging in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.support.accounts import DEMO_PASSWORD, DEMO_USERS
from tests.support.appserver import ROOT, log_in, running_app, wait_for_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def test_run_command_creates_demo_data_and_draws_the_overview(browser: Any, tmp_path: Path) -> None:
    database = tmp_path / "first.db"
    env = {"SIPAS_DATABASE_URL": f"sqlite:///{database}", "SIPAS_DEMO": "1"}
    with running_app(env, command=[str(ROOT / "scripts/run.sh")], timeout=240) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        wait_for_app(page, timeout=120_000)
        # the demo accounts are listed on the login page (demo mode only)
        assert page.get_by_text("Tài khoản minh họa", exact=False).is_visible()
        log_in(page, DEMO_USERS["admin"], DEMO_PASSWORD)
        chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
        assert "Chỉ số SIPAS theo đơn vị – đợt 2025" in chart.text_content()
        assert (
            page.locator(
                '[data-testid="stVegaLiteChart"] svg path, [data-testid="stVegaLiteChart"] svg rect'
            ).count()
            > 6
        )
        # the values are written the Vietnamese way, on the bars, each with the target it was
        # judged against ("92,54% / ≥90%"), and without the statistics' "≈"
        assert re.search(r"\b9\d,\d\d% / [≥>]\d\d%", chart.text_content())
        assert "≈" not in chart.text_content()
        assert page.get_by_text("Dữ liệu minh họa", exact=False).first.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "e2e_first_start.png"), full_page=True)
        page.close()
    assert database.exists()
