"""Hostile text in a real Chromium: a corpus of Markdown, HTML, math and directives stored by
the product's own functions as a target's source, a task's finding, solution, result and note,
a citizen's comment (through an import) and a display name, then every page that shows them
visited: no image from the corpus's address, no `javascript:` link, no bold "b", no formula,
no heading, and no request to 127.0.0.1:9 from the browser."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from sipas.accounts import registry
from sipas.core.permissions import STAFF, User
from sipas.ingest.commit import commit_import
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.storage.engine import make_engine, transaction
from sipas.storage.targets import list_targets
from sipas.storage.tasks import TaskSpec
from sipas.targets.registry import edit_target
from sipas.targets.rules import THRESHOLD
from sipas.tasks.workflow import add_note, complete_task, create_task, start_task
from tests.support.appserver import (
    ROOT,
    log_in_as,
    open_from_menu,
    running_app,
    wait_for_app,
)
from tests.support.workbooks import respondent_rows

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
OUTSIDE = "127.0.0.1:9"
CORPUS = (
    f"zqhostile <img src=http://{OUTSIDE}/x.png> ![i](http://{OUTSIDE}/y.png) "
    "[x](javascript:alert(1)) **b** $x$ :red[x] :material/home: www.example.vn\n# h\n- li"
)
STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)


def give_the_plan_a_source(session: Session, source: str) -> None:
    """The demo plan of Ninh Sơn (its SIPAS threshold, shown on the leader's overview) edited
    to cite `source`, as staff would on the targets page."""
    plan = next(
        r
        for r in list_targets(session)
        if r.spec.unit_code == "ninh-son" and r.spec.kind == THRESHOLD and not r.spec.field_code
    )
    spec = dataclasses.replace(plan.spec, source=source)
    edit_target(session, plan.id, spec, STAFF_USER, plan.version, "Nguồn mới")


def store_corpus(url: str) -> None:
    engine = make_engine(url)
    task = TaskSpec(CORPUS, "ninh-son", dt.date(2026, 3, 31), CORPUS)
    with transaction(engine) as session:
        give_the_plan_a_source(session, CORPUS)
        record = create_task(session, task, STAFF_USER)
        add_note(session, record.id, STAFF_USER, dt.date(2025, 1, 6), CORPUS)
        start_task(session, record.id, STAFF_USER, 1)
        complete_task(session, record.id, STAFF_USER, 2, CORPUS)
        registry.set_display_name(session, "quantri", "lanhdao", CORPUS[:60])
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(comment_file(), "y_kien.csv", "2024"))
    commit_import(engine, ready, "chuyenvien")
    engine.dispose()


def comment_file() -> bytes:
    """Questionnaires of Ninh Sơn, 2024, each with the corpus as its comment."""
    # "Huyện": on Khánh Hòa's map a bare "Ninh Sơn" is also a former xã of Ninh Hòa
    header, rows, _ = respondent_rows(6, 11, units=["Huyện Ninh Sơn"])
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[*header, "Ý kiến khác"], *[[*row, CORPUS] for row in rows]])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def server(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("e2e-hostile") / "demo.db"
    shutil.copy(demo_file, copy)
    store_corpus(f"sqlite:///{copy}")
    with running_app({"SIPAS_DATABASE_URL": f"sqlite:///{copy}", "SIPAS_DEMO": "1"}) as address:
        yield address


RESULTS = """() => ({
    images: [...document.querySelectorAll('img')].map(i => i.src)
        .filter(src => src.includes('127.0.0.1:9')),
    links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')
        .filter(href => href.startsWith('javascript') || href.includes('example.vn')),
    bold: [...document.querySelectorAll('strong, b')].filter(e => e.textContent === 'b').length,
    math: document.querySelectorAll('.katex, math').length,
    headings: [...document.querySelectorAll('h1, h2, h3')].filter(h => h.textContent === 'h')
        .length,
    text: document.body.innerText.replaceAll('\u2060', ''),  // the escape's invisible joiners
})"""


def visit(page: Any, address: str) -> dict[str, Any]:
    page.goto(address)
    wait_for_app(page, timeout=90_000)
    return check(page)


def check(page: Any) -> dict[str, Any]:
    """What the page drew from the corpus: nothing but its characters."""
    found: dict[str, Any] = page.evaluate(RESULTS)
    assert found["images"] == [] and found["links"] == [], found
    assert (found["bold"], found["math"], found["headings"]) == (0, 0, 0), found
    return found


def test_the_corpus_renders_as_text_on_every_page_that_shows_it(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server)
    wait_for_app(page, timeout=120_000)
    log_in_as(page, "leader")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    wait_for_app(page, timeout=90_000)
    open_from_menu(page, "Tổng quan")  # the leader lands on the unit page
    overview = check(page)  # the target's source under the cards
    assert "zqhostile <img src=http://127.0.0.1:9/x.png>" in overview["text"]
    assert "**b** $x$ :red[x] :material/home: www.example.vn # h - li" in overview["text"]
    assert "zqhostile" in visit(page, f"{server}/account")["text"]  # the display name
    page.screenshot(path=str(SCREENSHOTS / "e2e_hostile_account.png"), full_page=True)
    visit(page, f"{server}/gaps")

    visit(page, f"{server}/tasks")
    page.get_by_role("tab", name="Chi tiết, tiến độ").click()
    wait_for_app(page)
    detail = check(page)
    assert detail["text"].count("[x](javascript:alert(1)) **b**") >= 2  # finding, result
    page.screenshot(path=str(SCREENSHOTS / "e2e_hostile_task.png"), full_page=True)

    visit(page, f"{server}/comments")
    page.get_by_label("Tìm trong ý kiến", exact=True).and_(page.locator("input")).fill("zqhostile")
    page.keyboard.press("Enter")
    wait_for_app(page)
    comments = check(page)
    assert "zqhostile <img src=http://127.0.0.1:9/x.png>" in comments["text"]
    page.screenshot(path=str(SCREENSHOTS / "e2e_hostile_comments.png"), full_page=True)

    assert not [url for url in requests if OUTSIDE in url]
    context.close()
