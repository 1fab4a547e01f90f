"""The dashboard in the machine's Chromium: drilling down by clicking a chart, a copied link
reopening the same view, a comment with HTML shown as text, and screenshots of every page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pandas as pd
import pytest

from sipas.method.batch import COMMENT, ResponseBatch
from sipas.reference.questionnaires import get_method
from sipas.storage.engine import make_engine, transaction
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import get_wave
from tests.support.appserver import ROOT, choose_option, log_in_as, running_app, wait_for_app
from tests.support.demo import BACKENDS, demo_copy

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SCRIPT = (
    "<script>window.__sipasInjected = 1</script><b>đậm</b> **không in đậm** [liên kết](http://x)"
)
CHART = '[data-testid="stVegaLiteChart"]'


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app on a copy of the demo database (SQLite, then PostgreSQL) with one more 2024
    questionnaire whose comment is HTML and Markdown."""
    folder = tmp_path_factory.mktemp("e2e")
    with demo_copy(request, request.param, folder) as url:
        add_html_comment(url)
        with running_app({"SIPAS_DATABASE_URL": url, "SIPAS_DEMO": "1"}, timeout=120) as base:
            yield base


def add_html_comment(url: str) -> None:
    engine = make_engine(url)
    method = get_method("qd2640")
    slices = pd.DataFrame(
        {"unit": ["ninh-son"], "field": ["dat_dai"], "channel": ["truc_tiep"], COMMENT: [SCRIPT]}
    )
    batch = ResponseBatch(slices, np.full((1, len(method.item_codes)), 4, dtype=np.uint8))
    with transaction(engine) as session:
        store_responses(
            session, get_wave(session, "2024"), batch, file_name="them.xlsx", file_hash="e2e"
        )
    engine.dispose()


def open_page(browser: Any, url: str, leader: bool = False) -> Any:
    """A new browser (no cookie yet) on `url`, logged in through the login form."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    log_in_as(page, "leader" if leader else "admin", timeout=90_000)
    assert page.get_by_text("Page not found").count() == 0, url  # the address names a page
    # the login form kept the address it was opened on (the filter bar may add its defaults)
    asked, shown = urlsplit(url), urlsplit(page.url)
    assert shown.path == asked.path, page.url
    assert set(parse_qsl(asked.query)) <= set(parse_qsl(shown.query)), page.url
    return page


def wait_for_chart_text(page: Any, text: str) -> None:
    """Wait until the first chart is redrawn with `text` in it (a rerun has finished)."""
    page.wait_for_function(
        """(text) => { const svg = document.querySelector('[data-testid="stVegaLiteChart"] svg');
                       return svg && svg.textContent.includes(text); }""",
        arg=text,
        timeout=60_000,
    )
    wait_for_app(page, timeout=60_000)


def mark(page: Any, chart: int, *texts: str) -> Any:
    """The first mark of a chart whose accessible description (Vega writes one per mark)
    contains every one of `texts`."""
    wanted = "".join(f'[aria-label*="{text}"]' for text in texts)
    return page.locator(CHART).nth(chart).locator(f'[role="graphics-symbol"]{wanted}').first


def test_clicking_a_bar_opens_that_units_criteria(browser: Any, server: str) -> None:
    page = open_page(browser, f"{server}/?wave=2024")
    mark(page, 0, "label: Ninh Sơn").click()
    page.wait_for_url("**/criteria?**", timeout=30_000)
    wait_for_app(page, timeout=60_000)
    assert "unit=ninh-son" in page.url and "wave=2024" in page.url
    assert page.locator("h1").first.text_content() == "Yếu tố và tiêu chí của đơn vị"
    title = page.locator(f"{CHART} svg").first.text_content()
    assert "Các yếu tố của Ninh Sơn so với bình quân chung – đợt 2024" in title
    page.close()


def test_clicking_a_heatmap_cell_opens_the_unit_in_that_field(browser: Any, server: str) -> None:
    page = open_page(browser, f"{server}/?wave=2024")
    # where a user clicks: on the value written in the cell (the text layer selects too)
    mark(page, 1, "Đơn vị: Bác Ái", "Lĩnh vực: Đất đai", "cell_text:").click()
    page.wait_for_url("**/criteria?**", timeout=30_000)
    wait_for_app(page, timeout=60_000)
    assert "unit=bac-ai" in page.url and "fields=dat_dai" in page.url
    chosen = page.locator('[data-testid="stMultiSelect"]').nth(1).text_content()
    assert "Đất đai" in chosen
    page.close()


def test_a_copied_link_reopens_the_same_view(browser: Any, server: str) -> None:
    page = open_page(browser, f"{server}/rankings")
    choose_option(page, "Đợt khảo sát", "2023 –")
    wait_for_chart_text(page, "đợt 2023")
    choose_option(page, "Xếp hạng theo", "Yếu tố 3: Công chức")
    wait_for_chart_text(page, "Yếu tố 3: Công chức theo đơn vị – đợt 2023")
    link = page.url
    assert "wave=2023" in link and "measure=element%3AYT3" in link.replace(":", "%3A")
    shown = page.locator(f"{CHART} svg").first.text_content()
    page.close()
    colleague = browser.new_context(viewport={"width": 1366, "height": 768})
    other = colleague.new_page()
    other.goto(link)
    log_in_as(other, "leader", timeout=90_000)  # the colleague logs in; the link still holds
    assert other.locator(f"{CHART} svg").first.text_content() == shown
    assert "Yếu tố 3: Công chức theo đơn vị – đợt 2023" in shown
    colleague.close()


def test_a_comment_with_html_is_shown_as_written(browser: Any, server: str) -> None:
    page = open_page(browser, f"{server}/comments?wave=2024&q=script")
    texts = page.locator('[data-testid="stText"]').all_text_contents()
    assert SCRIPT in texts
    assert page.evaluate("window.__sipasInjected") is None
    assert page.locator('[data-testid="stMain"] b').count() == 0
    page.close()


PAGES = {
    "overview": "?wave=2024",
    "overview-2025": "?wave=2025&level=commune",
    "rankings": "?wave=2024&units=ninh-son,bac-ai,ninh-hai",
    "fields": "?wave=2025&level=commune",
    "criteria": "?wave=2024&unit=bac-ai",
    "trends": "?wave=2024&units=ninh-son,bac-ai",
    "comments": "?wave=2024",
}


# Screenshots are of the pages, the same on either database: taken once, on SQLite.
@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_of_each_page(browser: Any, server: str, name: str) -> None:
    path = name.removesuffix("-2025").replace("overview", "")
    page = open_page(browser, f"{server}/{path}{PAGES[name]}")
    full = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1366, "height": max(768, full)})
    wait_for_app(page, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(f"{CHART} svg").count() >= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"e2e_{name}_1366x768.png"), full_page=True)
    page.close()
