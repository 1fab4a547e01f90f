"""Exports in AppTest: staff and leaders get the overview's download area (Excel report, PDF
brief) and PNG/SVG/CSV buttons under every chart and table; a download is written to the
audit log with the filters in force."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction


def labels(at: AppTest) -> list[str]:
    return [button.label for button in at.download_button]


def exports_in_log(url: str) -> list[dict[str, str]]:
    engine = make_engine(url)
    with transaction(engine) as session:
        log = audit_frame(session)
    engine.dispose()
    return log[log["action"] == "export"].to_dict("records")


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_overview_offers_the_report_the_brief_and_chart_files(
    app: Callable[..., AppTest], role: str
) -> None:
    at = app("pages/overview.py", role=role)
    assert not at.exception
    shown = labels(at)
    assert "Báo cáo Excel của lựa chọn" in shown
    assert any(label.startswith("Bản tóm tắt PDF: ") for label in shown)
    # Two charts on the overview, each with its PNG and SVG.
    assert shown.count("Tải ảnh PNG") == 2
    assert shown.count("Tải SVG") == 2


def test_the_leaders_brief_is_about_their_own_unit(app: Callable[..., AppTest]) -> None:
    at = app("pages/overview.py", role="leader")  # the leader lands on the unit page
    assert "Bản tóm tắt PDF: Ninh Sơn" in labels(at)


def test_tables_have_a_csv_button(app: Callable[..., AppTest]) -> None:
    at = app("pages/rankings.py", role="leader")
    assert not at.exception
    assert "Tải bảng (CSV)" in labels(at)


def test_downloading_the_report_is_audited_with_the_filters(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(role="staff")
    next(w for w in at.selectbox if w.label == "Đợt khảo sát").set_value("2024").run()
    next(w for w in at.multiselect if w.label == "Đơn vị").set_value(["bac-ai"]).run()
    assert "Bản tóm tắt PDF: Bác Ái" in labels(at)
    before = len(exports_in_log(app_env))
    button = next(b for b in at.download_button if b.label == "Báo cáo Excel của lựa chọn")
    button.click().run()
    assert not at.exception
    entries = exports_in_log(app_env)
    assert len(entries) == before + 1
    entry = entries[0]  # newest first
    assert entry["actor"] == "chuyenvien"
    assert entry["object"].startswith("bao-cao-sipas-") and entry["object"].endswith(".xlsx")
    details = json.loads(entry["details"])
    assert details["kind"] == "report_xlsx"
    assert details["filters"]["wave"] == "2024"
    assert details["filters"]["units"] == "bac-ai"


def test_downloading_a_chart_is_audited(app: Callable[..., AppTest], app_env: str) -> None:
    at = app("pages/overview.py", role="leader")  # the leader lands on the unit page
    next(b for b in at.download_button if b.label == "Tải ảnh PNG").click().run()
    entry = exports_in_log(app_env)[0]
    assert entry["actor"] == "lanhdao"
    assert entry["object"].endswith(".png")
    assert json.loads(entry["details"])["kind"] == "chart_png"


def test_the_brief_is_for_the_unit_chosen_in_the_download_area(
    app: Callable[..., AppTest],
) -> None:
    at = app(role="staff")
    next(w for w in at.selectbox if w.label == "Đợt khảo sát").set_value("2024").run()
    units = next(w for w in at.multiselect if w.label == "Đơn vị")
    units.set_value(["ninh-son", "bac-ai"]).run()
    choice = next(w for w in at.selectbox if w.label.startswith("Đơn vị của bản tóm tắt"))
    assert choice.options == ["Ninh Sơn", "Bác Ái"]
    choice.set_value("bac-ai").run()
    assert not at.exception
    assert "Bản tóm tắt PDF: Bác Ái" in labels(at)
    assert at.query_params["unit"] == "bac-ai"  # shared with the criteria page
