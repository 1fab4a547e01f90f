"""Trình chiếu in the machine's Chromium at 1920×1080: opened from the filter bar full screen
(no sidebar, no Streamlit header), type large enough for a wall, advancing by itself, the
controls, an import committed meanwhile shown at the next slide change without a reload,
and a screenshot of every slide."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sipas.core.clock import to_vietnam
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, resolve, unit_labels
from sipas.method.batch import ResponseBatch
from sipas.present.slides import DeckData, build_deck, subject_unit
from sipas.reference.questionnaires import get_method
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.state import data_changed_at
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import get_wave, list_waves
from sipas.targets.registry import load_targets
from tests.support.appserver import ROOT, log_in_as, running_app, wait_for_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SCREEN = {"width": 1920, "height": 1080}
NUMBER = ".sipas-slide-number"
CAPTION = ".sipas-caption"
SVG = '[data-testid="stVegaLiteChart"] svg'
VIEW = "wave=2024&units=ninh-son"


@pytest.fixture(scope="module")
def database(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("present") / "demo.db"
    shutil.copy(demo_file, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    with running_app({"SIPAS_DATABASE_URL": database, "SIPAS_DEMO": "1"}, timeout=120) as base:
        yield base


def logged_in(browser: Any, server: str) -> Any:
    """A new browser at 1920×1080 logged in on the overview of Ninh Sơn 2024."""
    page = browser.new_page(viewport=SCREEN)
    page.goto(f"{server}/?{VIEW}")
    log_in_as(page, "admin", timeout=90_000)
    return page


def open_deck(page: Any, server: str, every: int) -> None:
    """Open the deck by its address (the login cookie logs the new session in)."""
    page.goto(f"{server}/present?{VIEW}&every={every}")
    page.locator(NUMBER).wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)


def number(page: Any) -> str:
    return str(page.locator(NUMBER).text_content())


def wait_for_number(page: Any, wanted: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "([selector, wanted]) => document.querySelector(selector)?.textContent === wanted",
        arg=[NUMBER, wanted],
        timeout=timeout,
    )
    wait_for_app(page, timeout=60_000)


def assert_large_type(page: Any, values: bool = True) -> None:
    """The drawn SVG: axis labels and values written on marks ≥ 24 px, the title larger
    (`values`: the chart writes values on its marks; the criteria dumbbells do not)."""
    sizes = page.evaluate(
        """(selector) => {
            const svg = document.querySelector(selector);
            const size = (css) => [...svg.querySelectorAll(css + ' text')]
                .map(text => parseFloat(getComputedStyle(text).fontSize));
            return {axis: size('.role-axis-label'), title: size('.role-title-text'),
                    marks: size('.mark-text.role-mark')};
        }""",
        SVG,
    )
    assert sizes["axis"] and min(sizes["axis"]) >= 24, sizes
    assert min(sizes["marks"], default=24) >= 24 and (sizes["marks"] or not values), sizes
    assert min(sizes["title"]) > max(sizes["axis"]), sizes


def test_the_filter_bar_opens_the_deck_full_screen(browser: Any, server: str) -> None:
    page = logged_in(browser, server)
    page.get_by_role("link", name="Trình chiếu").click()
    page.wait_for_url("**/present?**", timeout=30_000)
    page.locator(NUMBER).wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    assert "wave=2024" in page.url and "units=ninh-son" in page.url
    assert number(page) == "1/6"
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.locator('[data-testid="stHeader"]').is_hidden()
    assert page.get_by_text("Tự chuyển sau 20 giây").is_visible()
    assert_large_type(page)
    caption_px = page.evaluate(
        "(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", CAPTION
    )
    assert caption_px >= 24
    page.close()


@pytest.mark.parametrize(
    "screen", [SCREEN, {"width": 1366, "height": 768}], ids=["1920x1080", "1366x768"]
)
def test_every_slide_fits_the_screen_and_is_photographed(
    browser: Any, server: str, screen: dict[str, int]
) -> None:
    page = logged_in(browser, server)
    page.set_viewport_size(screen)
    open_deck(page, server, every=600)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = f"{screen['width']}x{screen['height']}"
    for index in range(1, 7):
        wait_for_number(page, f"{index}/6")
        height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        assert height <= screen["height"], (index, height)  # no scrolling on a wall
        controls = page.get_by_role("button", name="Sau ▶").bounding_box()
        assert controls is not None and controls["y"] + controls["height"] <= screen["height"]
        chart = page.locator(SVG).first.bounding_box()
        assert chart is not None and chart["height"] >= 0.5 * screen["height"], (index, chart)
        assert_large_type(page, values=index != 5)
        page.screenshot(path=str(SCREENSHOTS / f"e2e_present_{index}_{size}.png"))
        page.get_by_role("button", name="Sau ▶").click()
    wait_for_number(page, "1/6")  # round the deck
    page.get_by_role("button", name="◀ Trước").click()
    wait_for_number(page, "6/6")
    page.close()


def test_the_deck_advances_by_itself_and_pauses(browser: Any, server: str) -> None:
    page = logged_in(browser, server)
    open_deck(page, server, every=3)
    first = number(page)
    following = f"{int(first.split('/')[0]) % 6 + 1}/6"
    wait_for_number(page, following)  # nobody touched anything
    page.get_by_role("button", name="⏸ Tạm dừng").click()
    page.get_by_role("button", name="▶ Tiếp tục").wait_for(timeout=30_000)
    held = number(page)
    page.wait_for_timeout(7_000)  # more than two intervals: nothing moves while paused
    assert number(page) == held
    assert page.get_by_text("Đang tạm dừng").is_visible()
    page.close()


def deck_captions(url: str) -> dict[str, str]:
    """The captions the deck of VIEW has on the database now, from the domain layer."""
    engine = make_engine(url)
    with transaction(engine) as session:
        waves, units, targets = list_waves(session), units_frame(session), load_targets(session)
        history = [load_wave_counts(session, w.code, "") for w in waves]
    engine.dispose()
    wave = choose_wave("2024", waves)
    assert wave is not None
    counts = next(c for c in history if c.wave.code == "2024")
    resolved = resolve(FilterState(wave="2024", units=("ninh-son",)), wave, counts, units)
    assert resolved.scope is not None
    deck = DeckData(
        resolved.scope,
        counts,
        history,
        units,
        unit_labels(units),
        targets.thresholds,
        targets.ranks,
        subject_unit(resolved.scope, ""),
    )
    return {slide.key: slide.caption for slide in build_deck(deck)}


def store_import(url: str) -> str:
    """Commit 300 dissatisfied 2024 questionnaires of Ninh Sơn, as staff importing in another
    session would; returns "hh:mm" of the change, Vietnam time."""
    method = get_method("qd2640")
    slices = pd.DataFrame({"unit": ["ninh-son"] * 300, "field": ["dat_dai"] * 300})
    slices["channel"] = "truc_tiep"
    answers = np.full((300, len(method.item_codes)), 1, dtype=np.uint8)
    engine = make_engine(url)
    with transaction(engine) as session:
        store_responses(
            session,
            get_wave(session, "2024"),
            ResponseBatch(slices, answers),
            file_name="bo_sung.xlsx",
            file_hash="present-live",
        )
    with transaction(engine) as session:
        moment = data_changed_at(session)
    engine.dispose()
    assert moment is not None
    return to_vietnam(moment).strftime("%H:%M")


def test_an_import_shows_at_the_next_slide_change_without_reload(
    browser: Any, server: str, database: str
) -> None:
    before = deck_captions(database)
    page = logged_in(browser, server)
    open_deck(page, server, every=4)
    page.evaluate("window.__sipasNoReload = 1")
    wait_for_number(page, "1/6")
    assert page.locator(CAPTION).text_content() == before["sipas"]
    changed_at = store_import(database)
    after = deck_captions(database)
    assert after["ranking"] != before["ranking"]
    wait_for_number(page, "2/6", timeout=60_000)
    assert page.locator(CAPTION).text_content() == after["ranking"]
    assert page.get_by_text(re.compile(f"Cập nhật lúc {changed_at}")).is_visible()
    assert page.evaluate("window.__sipasNoReload") == 1  # the same page, never reloaded
    page.screenshot(path=str(SCREENSHOTS / "e2e_present_after_import_1920x1080.png"))
    page.close()
