"""Trình chiếu in AppTest: the deck of the address's filters, its numbers equal to the
domain layer's, the controls, and a new import shown at the next slide change."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from sipas.method.batch import ResponseBatch
from sipas.reference.questionnaires import get_method
from sipas.storage.engine import make_engine, transaction
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import get_wave

PAGE = "pages/present.py"


def present(
    app: Callable[..., AppTest], query: dict[str, str], every: int = 600, role: str = "admin"
) -> AppTest:
    """Log in (on the overview, whose filter bar writes the address) and open the deck with
    `every` seconds per slide in its address, as a link to /present?…&every= would."""
    at = app(None, query, role=role)
    at.query_params["every"] = str(every)
    at.switch_page(PAGE)
    return at.run()


def texts(at: AppTest) -> str:
    """Everything the page wrote as HTML (headline, caption, footer)."""
    return " ".join(str(element.proto.body) for element in at.get("html"))


def store_dissatisfied(url: str, unit: str, count: int) -> None:
    """Commit an import of `count` 2024 questionnaires answering 1 everywhere (as an import
    from another session would)."""
    method = get_method("qd2640")
    slices = pd.DataFrame(
        {"unit": [unit] * count, "field": ["dat_dai"] * count, "channel": ["truc_tiep"] * count}
    )
    answers = np.full((count, len(method.item_codes)), 1, dtype=np.uint8)
    engine = make_engine(url)
    with transaction(engine) as session:
        store_responses(
            session,
            get_wave(session, "2024"),
            ResponseBatch(slices, answers),
            file_name="them.xlsx",
            file_hash=f"present-{unit}-{count}",
        )
    engine.dispose()


def test_the_deck_opens_on_the_first_slide_with_its_caption(app: Callable[..., AppTest]) -> None:
    at = app(PAGE, {"wave": "2024", "units": "ninh-son"})
    assert not at.exception, at.exception
    shown = texts(at)
    assert "1/6" in shown and "Cập nhật lúc " in shown
    assert "Ninh Sơn đạt 87,22%, thấp hơn mục tiêu 90% 2,78 điểm %, xếp thứ 4/7." in caption(at)
    chart = at.get("vega_lite_chart")[0].proto
    assert json.loads(chart.spec)["title"]["text"] == "SIPAS so với mục tiêu – Ninh Sơn, đợt 2024"


def caption(at: AppTest) -> str:
    found = [
        e.proto.body for e in at.get("html") if e.proto.body.startswith('<p class="sipas-caption">')
    ]
    assert len(found) == 1
    return str(found[0])


def click(at: AppTest, label: str) -> AppTest:
    next(button for button in at.button if button.label == label).click()
    return at.run()


def test_next_previous_and_pause(app: Callable[..., AppTest]) -> None:
    at = present(app, {"wave": "2024", "units": "ninh-son"})
    assert "1/6" in texts(at) and "Tự chuyển sau 600 giây" in texts(at)
    at = click(at, "Sau ▶")
    assert "2/6" in texts(at) and "ngoài nhóm 3 đơn vị dẫn đầu" in caption(at)
    at = click(at, "◀ Trước")
    at = click(at, "◀ Trước")
    assert "6/6" in texts(at) and "so với đợt 2023" in caption(at)
    at = click(at, "⏸ Tạm dừng")
    assert "Đang tạm dừng" in texts(at)
    assert any(button.label == "▶ Tiếp tục" for button in at.button)
    at = click(at, "▶ Tiếp tục")
    assert "Đang tạm dừng" not in texts(at)


def test_the_sidebar_filters_lead_to_the_deck_of_the_same_view(
    app: Callable[..., AppTest],
) -> None:
    at = app("pages/rankings.py", {"wave": "2023", "units": "bac-ai"})
    links = [link for link in at.get("page_link") if "Trình chiếu" in link.proto.label]
    assert len(links) == 1
    assert links[0].proto.page == "present"
    assert "wave=2023" in links[0].proto.query_string
    assert "units=bac-ai" in links[0].proto.query_string


def test_an_import_shows_at_the_next_run_without_reopening(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = present(app, {"wave": "2024", "units": "ninh-son"})
    before = caption(at)
    assert before.startswith('<p class="sipas-caption">Ninh Sơn đạt 87,22%')
    store_dissatisfied(app_env, "ninh-son", 300)
    at.run()
    after = caption(at)
    assert after != before and "Ninh Sơn đạt " in after
    assert "87,22%" not in after


def test_a_leader_may_present_and_a_visitor_must_log_in_first(
    app: Callable[..., AppTest], anonymous_app: Callable[..., AppTest]
) -> None:
    at = present(app, {"wave": "2024"}, role="leader")
    assert not at.exception and "1/6" in texts(at)
    visitor = anonymous_app({"wave": "2024"})
    visitor.switch_page(PAGE)
    visitor.run()
    assert "sipas-caption" not in texts(visitor)
    assert any(button.label == "Đăng nhập" for button in visitor.button)
