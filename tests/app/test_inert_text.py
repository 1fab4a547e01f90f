"""Text that people typed reaches other people's pages as text: a target's source on the
leader's overview, a sheet name in the upload's success message, a task's result in the task
detail – each shown as its Markdown-escaped self, so Streamlit draws the characters typed (no
image, link, bold, formula or colour)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from sipas.core.permissions import STAFF, User
from sipas.storage.engine import make_engine, transaction
from sipas.storage.targets import list_targets
from sipas.storage.tasks import TaskSpec
from sipas.targets.registry import edit_target
from sipas.targets.rules import THRESHOLD
from sipas.tasks.workflow import complete_task, create_task, start_task
from sipas.ui.safe import escape_markdown
from tests.support.workbooks import respondent_rows, xlsx

STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)
HOSTILE = "<img src=http://127.0.0.1:9/x.png> [x](javascript:alert(1)) **b** $x$ :red[x]\n# h"
RAW = re.compile(r"(?<!\\)<img|(?<!\\)\]\(javascript|(?<!\\)\*\*b")  # unescaped
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def shown(at: AppTest) -> list[str]:
    """The Markdown source of every text element of the page."""
    kinds = ("markdown", "caption", "info", "success", "warning", "error", "subheader")
    return [element.value for kind in kinds for element in at.get(kind)]


def test_a_targets_source_is_escaped_on_the_leaders_overview(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    with transaction(engine) as session:
        give_the_plan_a_source(session, HOSTILE)
    engine.dispose()
    at = app("pages/overview.py", role="leader")  # bound to Ninh Sơn: it opens on that unit
    assert not at.exception
    texts = shown(at)
    assert any(escape_markdown(HOSTILE) in text for text in texts), texts
    assert not any(RAW.search(text) for text in texts)


def test_a_sheet_name_is_escaped_in_the_upload_message(app: Callable[..., AppTest]) -> None:
    title = "<img src=x>$x$ __b__ ~s~"  # Excel forbids []:*?/\ in sheet names
    header, rows, _ = respondent_rows(12, 4)
    at = app("pages/import_data.py", role="staff")
    at.file_uploader[0].upload("phieu.xlsx", xlsx([header, *rows], title=title), XLSX).run()
    assert not at.exception
    message = next(s.value for s in at.success if "Đã đọc trang tính" in s.value)
    assert f"«{escape_markdown(title)}»" in message
    assert r"\<img src=x\>\$x\$ \_\_b\_\_ \~s\~" in message


def test_a_tasks_result_is_escaped_in_the_task_detail(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    spec = TaskSpec(HOSTILE, "ninh-son", dt.date(2026, 3, 31), HOSTILE)
    with transaction(engine) as session:
        task = create_task(session, spec, STAFF_USER)
        start_task(session, task.id, STAFF_USER, 1)
        complete_task(session, task.id, STAFF_USER, 2, HOSTILE)
    engine.dispose()
    at = app("pages/tasks.py", role="leader")
    assert not at.exception
    texts = shown(at)
    assert any(escape_markdown(HOSTILE) in text for text in texts), texts
    assert not any(RAW.search(text) for text in texts)
    assert HOSTILE in [element.value for element in at.text]  # the finding itself, as typed
