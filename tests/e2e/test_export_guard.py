"""A download in a real Chromium after the account was deactivated: the leader's page is
still open, the button is clicked, no file arrives, the refusal is in the audit log, and the
click's rerun shows the login page with the reason."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sipas.accounts import registry
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from tests.support.appserver import log_in_as, open_from_menu, running_app, wait_for_app


@pytest.fixture(scope="module")
def database(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    copy = tmp_path_factory.mktemp("e2e-export-guard") / "demo.db"
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


# Every text the page showed, whether or not it is still there (collected as it appears).
RECORD_TEXT = """
window.__seen = [];
new MutationObserver(() => {
  if (document.body) window.__seen.push(document.body.innerText);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_a_deactivated_accounts_open_page_gets_no_file(
    browser: Any, server: str, database: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.add_init_script(RECORD_TEXT)
    page.goto(server)
    wait_for_app(page, timeout=120_000)
    log_in_as(page, "leader")
    wait_for_app(page, timeout=90_000)
    open_from_menu(page, "Tổng quan")  # the leader lands on the unit page
    report = page.get_by_role("button", name="Báo cáo Excel của lựa chọn")
    report.scroll_into_view_if_needed()

    engine = make_engine(database)
    with transaction(engine) as session:
        registry.deactivate(session, "quantri", "lanhdao")
    engine.dispose()
    report.click()
    page.get_by_text("Phiên làm việc đã kết thúc", exact=False).wait_for(timeout=60_000)
    assert not downloads
    seen = "\n".join(page.evaluate("window.__seen"))
    assert "Failed to generate" not in seen  # Streamlit's English answer to a refused file
    entry = exports(database)[0]
    assert (entry["actor"], entry["object"], entry["outcome"]) == (
        "lanhdao",
        "bao-cao-sipas-2024.xlsx",
        "denied",
    )
    assert json.loads(entry["details"])["reason"] == "session_ended"
    assert not [e for e in exports(database) if e["outcome"] == "ok"]
    context.close()
