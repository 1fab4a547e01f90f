"""Exports in AppTest: staff and leaders get the overview's download area (Excel report, PDF
brief) and PNG/SVG/CSV buttons under every chart and table; a download's file, made by the
callable Streamlit runs on the browser's deferred request (called here as Streamlit calls it,
outside the page run), is written to the audit log with the filters in force, and a session
whose account was deactivated meanwhile gets no file."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from sipas.accounts import registry
from sipas.accounts.exports import ExportRefused
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from sipas.ui import exports
from tests.support.workbooks import respondent_rows, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def labels(at: AppTest) -> list[str]:
    return [button.label for button in at.download_button]


def exports_in_log(url: str) -> list[dict[str, str]]:
    engine = make_engine(url)
    with transaction(engine) as session:
        log = audit_frame(session)
    engine.dispose()
    return log[log["action"] == "export"].to_dict("records")


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """The file callables of the download buttons drawn, by file name (the latest run's)."""
    made: dict[str, Callable[[], bytes]] = {}
    real = exports.guarded

    def keep(make: Callable[[], bytes], request: exports.ExportRequest) -> Callable[[], bytes]:
        made[request.file_name] = real(make, request)
        return made[request.file_name]

    monkeypatch.setattr(exports, "guarded", keep)
    return made


def file_named(files: dict[str, Callable[[], bytes]], start: str, end: str) -> Callable[[], bytes]:
    return next(run for name, run in files.items() if name.startswith(start) and name.endswith(end))


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


def test_the_report_made_by_the_deferred_request_is_audited_with_the_filters(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    at = app(role="staff")
    next(w for w in at.selectbox if w.label == "Đợt khảo sát").set_value("2024").run()
    next(w for w in at.multiselect if w.label == "Đơn vị").set_value(["bac-ai"]).run()
    assert "Bản tóm tắt PDF: Bác Ái" in labels(at)
    before = len(exports_in_log(app_env))
    content = files["bao-cao-sipas-2024.xlsx"]()  # no click, no rerun
    assert content[:2] == b"PK"
    entries = exports_in_log(app_env)
    assert len(entries) == before + 1
    entry = entries[0]  # newest first
    assert entry["actor"] == "chuyenvien" and entry["outcome"] == "ok"
    assert entry["object"].startswith("bao-cao-sipas-") and entry["object"].endswith(".xlsx")
    details = json.loads(entry["details"])
    assert details["kind"] == "report_xlsx"
    assert details["filters"]["wave"] == "2024"
    assert details["filters"]["units"] == "bac-ai"


def test_a_chart_file_is_audited(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    app("pages/overview.py", role="leader")  # the leader lands on the unit page
    assert file_named(files, "", ".png")()[:4] == b"\x89PNG"
    entry = exports_in_log(app_env)[0]
    assert entry["actor"] == "lanhdao"
    assert entry["object"].endswith(".png")
    assert json.loads(entry["details"])["kind"] == "chart_png"


def test_a_deactivated_accounts_open_session_cannot_download(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    at = app("pages/overview.py", role="leader")  # the leader lands on the unit page
    report = file_named(files, "bao-cao-sipas-", ".xlsx")
    engine = make_engine(app_env)
    with transaction(engine) as session:
        registry.deactivate(session, "quantri", "lanhdao")
    engine.dispose()
    with pytest.raises(ExportRefused):
        report()
    entry = exports_in_log(app_env)[0]
    assert (entry["actor"], entry["outcome"]) == ("lanhdao", "denied")
    assert json.loads(entry["details"])["reason"] == "session_ended"
    at.run()  # the next run of that session (the click's rerun) shows the login page
    assert any(i.value.startswith("Phiên làm việc đã kết thúc") for i in at.main.info)


def test_the_audit_logs_own_export_is_audited(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    at = app("pages/audit.py")
    assert not at.exception
    content = file_named(files, "", ".csv")().decode("utf-8-sig")
    assert content.splitlines()[0].startswith("Thời điểm")
    entry = exports_in_log(app_env)[0]
    assert entry["actor"] == "quantri" and entry["object"].endswith(".csv")
    assert json.loads(entry["details"])["what"] == "audit_log"


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


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_overview_offers_the_word_report_and_directive(
    app: Callable[..., AppTest], role: str
) -> None:
    at = app("pages/overview.py", role=role)
    assert not at.exception
    shown = labels(at)
    assert "Báo cáo Word" in shown and "Dự thảo công văn giao nhiệm vụ" in shown


def test_downloading_the_word_report_is_audited_with_its_scope(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    at = app(role="staff")
    next(w for w in at.selectbox if w.label == "Đợt khảo sát").set_value("2024").run()
    assert not at.exception
    before = len(exports_in_log(app_env))
    # the file is made (and audited) when the browser asks for it, as Streamlit's request does
    assert files["bao-cao-ket-qua-khao-sat-2024-district.docx"]()[:2] == b"PK"
    entries = exports_in_log(app_env)
    assert len(entries) == before + 1
    entry = entries[0]
    assert entry["actor"] == "chuyenvien"
    assert entry["object"] == "bao-cao-ket-qua-khao-sat-2024-district.docx"
    details = json.loads(entry["details"])
    assert details["kind"] == "report_docx" and details["level"] == "district"
    assert details["filters"]["wave"] == "2024"


def test_the_import_pages_files_are_audited_and_need_the_import_permission(
    app: Callable[..., AppTest], app_env: str, files: dict[str, Callable[[], bytes]]
) -> None:
    header, rows, _ = respondent_rows(12, 5)
    rows[2][6] = 9  # one bad answer: the page offers the marked copy
    at = app("pages/import_data.py", role="staff")
    at.file_uploader[0].upload("phieu.xlsx", xlsx([header, *rows]), XLSX).run()
    next(b for b in at.button if b.label == "Tạo tệp đánh dấu lỗi").click().run()
    assert not at.exception
    assert files["phieu_danh_dau_loi.xlsx"]()[:2] == b"PK"
    assert file_named(files, "mau_phieu_", ".xlsx")()[:2] == b"PK"
    made = {entry["object"]: json.loads(entry["details"]) for entry in exports_in_log(app_env)}
    assert made["phieu_danh_dau_loi.xlsx"]["kind"] == "import_report"
    assert any(d["kind"] == "template" for name, d in made.items() if name.startswith("mau_"))

    engine = make_engine(app_env)
    with transaction(engine) as session:  # staff become a leader: no more import files
        registry.set_role(session, "quantri", "chuyenvien", "leader")
    engine.dispose()
    with pytest.raises(ExportRefused):
        files["phieu_danh_dau_loi.xlsx"]()
