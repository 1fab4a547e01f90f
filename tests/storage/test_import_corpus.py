"""Malformed and awkward files, generated here: each gets a clear Vietnamese message (or is
read correctly) and leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.method.batch import SURVEY_DATE
from sipas.storage.engine import transaction
from tests.support.workbooks import database_state, respondent_rows, xlsx

HEADER = ["Đơn vị", "Lĩnh vực", "Câu 1", "Câu 2"]


def good() -> bytes:
    return xlsx([HEADER, ["Bác Ái", "Đất đai", 4, 5]])


def password_protected() -> bytes:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(good())).encrypt("mat-khau", encrypted)
    return encrypted.getvalue()


def uncalculated_formula() -> bytes:
    return xlsx([HEADER, ["Bác Ái", "Đất đai", "=2+2", 5]])


CASES: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "truncated": (lambda: good()[:300], "a.xlsx", "bị hỏng"),
    "password": (password_protected, "a.xlsx", "được đặt mật khẩu"),
    "image": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.png", "không phải tệp bảng tính"),
    "empty file": (lambda: b"", "a.xlsx", "rỗng"),
    "empty sheet": (lambda: xlsx([]), "a.xlsx", "không có dữ liệu"),
    "header only": (lambda: xlsx([["Tiêu đề"], HEADER]), "a.xlsx", "chỉ có tiêu đề"),
    "no unit column": (lambda: xlsx([["A", "B"], [1, 2]]), "a.xlsx", "Không tìm thấy dòng tiêu đề"),
    "formula": (uncalculated_formula, "a.xlsx", "công thức chưa được tính"),
    "csv encoding": (lambda: b"\x81\x8d;\x90\n", "a.csv", "Không nhận ra bảng mã"),
    "csv blank": (lambda: b"\n\n  \n", "a.csv", "không có dữ liệu"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_files_get_a_clear_message_and_write_nothing(engine: Engine, case: str) -> None:
    build, name, message = CASES[case]
    before = database_state(engine)
    with pytest.raises(IngestError, match=message), transaction(engine) as session:
        prepare(session, ImportRequest(build(), name, "2024"))
    assert database_state(engine) == before


def test_unknown_sheet_and_row_limit(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        pytest.raises(
            IngestError, match=r"Không có trang tính 'Tháng 9'. Các trang tính trong tệp: Dữ liệu"
        ),
        transaction(engine) as session,
    ):
        prepare(session, ImportRequest(good(), "a.xlsx", "2024", sheet="Tháng 9"))
    monkeypatch.setenv("SIPAS_IMPORT_MAX_ROWS", "3")
    header, rows, _ = respondent_rows(10)
    limit = r"11 dòng, vượt giới hạn 3 dòng"
    with pytest.raises(IngestError, match=limit), transaction(engine) as session:
        prepare(session, ImportRequest(xlsx([header, *rows]), "a.xlsx", "2024"))


def test_a_second_sheet_can_be_read_on_request(engine: Engine) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(good()))
    extra = book.create_sheet("Tháng 9")
    extra.append(HEADER)
    extra.append(["Ninh Hải", "Tư pháp", 3, 3])
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction(engine) as session:
        ready = prepare(
            session, ImportRequest(buffer.getvalue(), "a.xlsx", "2024", sheet="Tháng 9")
        )
    assert ready.check.batch.slices[s.UNIT].tolist() == ["ninh-hai"]  # type: ignore[union-attr]


def test_dates_as_text_and_serials_merged_cells_and_totals_rows_are_read(engine: Engine) -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ KHẢO SÁT"],
        ["Đơn vị", "Ngày", "Câu 1", "Câu 2"],
        ["Bác Ái", "15/09/2024", 4, 5],
        [None, 45550, 2, 3],  # unit merged down from the row above; date as a serial
        [None, dt.date(2024, 9, 15), "Hài lòng", "Không ý kiến"],
        ["Tổng cộng", None, 3.2, 4.1],
    ]
    content = xlsx(rows, merged=["A3:A5", "A1:D1"])
    before = database_state(engine)
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(content, "a.xlsx", "2024"))
    assert database_state(engine) == before
    assert ready.issues.empty, ready.issues
    assert ready.totals_rows == 1
    slices = ready.check.batch.slices  # type: ignore[union-attr]
    assert slices[s.UNIT].tolist() == ["bac-ai"] * 3
    assert slices[SURVEY_DATE].tolist() == [dt.date(2024, 9, 15)] * 3
    assert ready.check.batch.answers[:, :2].tolist() == [[4, 5], [2, 3], [4, 0]]  # type: ignore[union-attr]


def test_duplicate_ids_bad_dates_and_unknown_attributes_are_reported_by_cell(
    engine: Engine,
) -> None:
    rows = [
        ["Mã phiếu", "Đơn vị", "Ngày", "Giới tính", "Câu 1"],
        ["P1", "Bác Ái", "15/09/2024", "Nam", 4],
        ["P1", "Bác Ái", "hôm qua", "Khác", 5],
        ["P2", "Bác Ái", None, None, None],
    ]
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(xlsx(rows), "a.xlsx", "2024"))
    found = {(r.row, r.column): (r.reason, r.severity) for r in ready.issues.itertuples()}
    assert found[(3, "A")] == ("Mã phiếu trùng với dòng 2.", "error")
    assert found[(3, "C")][1] == "warning" and "Không đọc được ngày" in found[(3, "C")][0]
    assert found[(3, "D")][1] == "warning" and "Nam, Nữ" in found[(3, "D")][0]
    assert found[(4, "")] == ("Phiếu không có câu trả lời hợp lệ nào.", "error")
    assert ready.accepted.tolist() == [True, False, False]


def test_refused_commit_changes_nothing_but_the_audit_log(engine: Engine) -> None:
    rows = [HEADER, ["Bác Ái", "Đất đai", 4, 5], ["Không rõ", "Đất đai", 4, 5]]
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(xlsx(rows), "a.xlsx", "2024"))
    before = database_state(engine)
    with pytest.raises(IngestError, match="1/2 dòng có lỗi"):
        commit_import(engine, ready, "tester")
    after = database_state(engine)
    assert after.pop("audit_log") == before.pop("audit_log") + 1
    assert after == before


def test_an_unmapped_required_column_is_reported_with_the_mapping(engine: Engine) -> None:
    before = database_state(engine)
    content = xlsx([["Đơn vị", "Ghi chú"], ["Bác Ái", "x"]])
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(content, "a.xlsx", "2024"))
    assert "Không xác định được cột câu hỏi nào" in ready.problem
    assert ready.columns["target"].tolist() == [s.UNIT, ""]  # "" = not used
    with pytest.raises(IngestError, match="câu hỏi nào"):
        commit_import(engine, ready, "tester")
    after = database_state(engine)
    after.pop("audit_log"), before.pop("audit_log")
    assert after == before
