"""The directive's annex on SQLite and PostgreSQL: written with the exact header and dd/mm/yyyy
dates, read back into an empty database as the same tasks, and refused – with nothing written
– when a column, a unit, a date or a row is wrong, or when a leader tries."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select

from sipas.core.permissions import LEADER, STAFF, User
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.tasks import TaskChange, TaskRow
from sipas.storage.reference import units_frame
from sipas.storage.tasks import TaskRecord, TaskSpec, list_tasks, task_notes
from sipas.tasks.annex import annex_xlsx, import_annex
from sipas.tasks.workflow import (
    CANCELLED,
    DONE,
    IN_PROGRESS,
    NEW,
    TaskError,
    cancel_task,
    complete_task,
    create_task,
    start_task,
)
from tests.support.demo import initialise_with_demo_units

STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)
TODAY = dt.date(2025, 3, 1)
HEADER = [
    "STT",
    "Tồn tại, hạn chế",
    "Giải pháp",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Kết quả",
]


def given_tasks(engine: Engine) -> list[TaskRecord]:
    """Four tasks, one in each stored status, one finding starting with "=" (stays text)."""
    specs = [
        TaskSpec(
            "Thái độ công chức tại bộ phận một cửa chưa tốt",
            "bac-ai",
            dt.date(2025, 6, 30),
            "Tập huấn kỹ năng giao tiếp",
            ("ninh-hai", "ninh-son"),
        ),
        TaskSpec("=Hồ sơ trả chậm", "ninh-son", dt.date(2025, 1, 31), "Rà soát quy trình"),
        TaskSpec("Chưa có hòm thư góp ý", "ninh-hai", dt.date(2024, 12, 31), "Lắp hòm thư"),
        TaskSpec("Phí, lệ phí chưa niêm yết", "bac-ai", dt.date(2025, 9, 30)),
    ]
    with transaction(engine) as session:
        records = [create_task(session, spec, STAFF_USER) for spec in specs]
        records[1] = start_task(session, records[1].id, STAFF_USER, 1)
        records[2] = complete_task(session, records[2].id, STAFF_USER, 1, "Đã lắp tại 3 điểm")
        records[3] = cancel_task(session, records[3].id, STAFF_USER, 1, "Trùng nhiệm vụ số 1")
    return records


def names(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        units = units_frame(session)
    return dict(zip(units["code"], units["full_name"], strict=True))


def sheet_rows(content: bytes) -> list[tuple[object, ...]]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def counts(engine: Engine) -> tuple[int, int]:
    with transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(TaskRow)) or 0,
            session.scalar(select(func.count()).select_from(TaskChange)) or 0,
        )


def test_the_annex_has_the_directive_header_unit_names_and_dates(engine: Engine) -> None:
    records = given_tasks(engine)
    content = annex_xlsx(records, names(engine), TODAY)
    rows = sheet_rows(content)
    assert rows[0][0] == "PHỤ LỤC" and "(Xuất từ SIPAS Dashboard ngày 01/03/2025)" in rows[2]
    assert list(rows[4]) == HEADER
    assert rows[5][:6] == (
        1,
        "Thái độ công chức tại bộ phận một cửa chưa tốt",
        "Tập huấn kỹ năng giao tiếp",
        "Huyện Bác Ái",
        "Huyện Ninh Hải; Huyện Ninh Sơn",
        dt.datetime(2025, 6, 30),
    )
    assert rows[5][6] == "Mới giao"
    assert (
        rows[6][1] == "=Hồ sơ trả chậm" and rows[6][6] == "Quá hạn (Đang thực hiện)"
    )  # 31/01 < 01/03
    assert rows[7][6] == "Hoàn thành; Đã lắp tại 3 điểm"
    assert rows[8][6] == "Đã hủy; Trùng nhiệm vụ số 1"
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["F6"].number_format == "DD/MM/YYYY" and sheet["B7"].data_type == "s"
    assert sheet.freeze_panes == "A6"


def test_the_annex_read_back_into_an_empty_database_gives_the_same_tasks(
    engine: Engine, empty_url: str, tmp_path: Path
) -> None:
    records = given_tasks(engine)
    content = annex_xlsx(records, names(engine), TODAY)
    other = (
        make_engine(empty_url.replace("sipas.db", "other.db")) if "sqlite" in empty_url else None
    )
    target = other or _second_postgres(engine)
    initialise_with_demo_units(target)
    with transaction(target) as session:
        imported = import_annex(session, content, "phu_luc.xlsx", STAFF_USER)
    assert len(imported) == 4
    with transaction(target) as session:
        again = list_tasks(session)

    def essence(record: TaskRecord) -> tuple[object, ...]:
        spec = record.spec
        return (
            spec.finding,
            spec.solution,
            spec.lead_unit_code,
            spec.supporting_units,
            spec.deadline,
            record.status,
            record.result,
        )

    assert [essence(r) for r in again] == [essence(r) for r in records]
    assert {r.status for r in again} == {NEW, IN_PROGRESS, DONE, CANCELLED}
    assert {r.source for r in again} == {"annex"}
    assert sheet_rows(annex_xlsx(again, names(target), TODAY))[4:] == sheet_rows(content)[4:]
    target.dispose()


def _second_postgres(engine: Engine) -> Engine:
    """A second, empty database on the same PostgreSQL server."""
    from tests.support.postgres import create_database

    url = engine.url.set(database="postgres").render_as_string(hide_password=False)
    return make_engine(create_database(url))


def annex_file(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["UBND TỈNH NINH THUẬN"])
    sheet.append(["Phụ lục kèm theo Kế hoạch số 12/KH-UBND"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [1, "Thời gian chờ còn dài", "Bố trí thêm quầy", "Huyện Bác Ái", "", "30/06/2025", ""]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            annex_file([GOOD], [h if h != "Đơn vị chủ trì" else "Ghi chú" for h in HEADER]),
            "Không tìm thấy dòng tiêu đề",
        ),
        (
            annex_file([GOOD, [2, "Phí chưa niêm yết", "", "Bác Ai Ai", "", "30/06/2025", ""]]),
            "Dòng 5, đơn vị chủ trì",
        ),
        (
            annex_file([GOOD, [2, "Phí chưa niêm yết", "", "Ninh Sơn", "", "31/02/2025", ""]]),
            "Dòng 5: thời hạn '31/02/2025' không phải là ngày",
        ),
        (annex_file([GOOD, GOOD]), "Dòng 5: trùng với dòng 4"),
        (
            annex_file([[1, "", "x", "Huyện Bác Ái", "", "30/06/2025", ""]]),
            "Dòng 4: thiếu nội dung",
        ),
        (b"PK\x03\x04 not really a workbook", "phu_luc.xlsx"),
    ],
)
def test_a_wrong_annex_is_refused_and_nothing_is_written(
    engine: Engine, content: bytes, message: str
) -> None:
    before = counts(engine)
    with pytest.raises(TaskError) as refused, transaction(engine) as session:
        import_annex(session, content, "phu_luc.xlsx", STAFF_USER)
    assert message in str(refused.value)
    assert counts(engine) == before


def test_an_annex_imported_twice_is_refused_the_second_time(engine: Engine) -> None:
    content = annex_file([GOOD])
    with transaction(engine) as session:
        first = import_annex(session, content, "phu_luc.xlsx", STAFF_USER)
    before = counts(engine)
    already = f"nhiệm vụ này đã có \\(số {first[0].id}\\)"
    with pytest.raises(TaskError, match=already), transaction(engine) as session:
        import_annex(session, content, "phu_luc.xlsx", STAFF_USER)
    assert counts(engine) == before


def test_a_bare_name_shared_by_a_district_and_a_commune_is_asked_about(engine: Engine) -> None:
    row = [1, "Thời gian chờ còn dài", "", "Bác Ái", "", "30/06/2025", ""]
    with pytest.raises(TaskError, match="trùng với nhiều đơn vị"), transaction(engine) as s:
        import_annex(s, annex_file([row]), "phu_luc.xlsx", STAFF_USER)
    assert counts(engine) == (0, 0)


def test_a_leader_may_not_import_an_annex(engine: Engine) -> None:
    with pytest.raises(TaskError, match="Chỉ chuyên viên"), transaction(engine) as session:
        import_annex(session, annex_file([GOOD]), "phu_luc.xlsx", User("a", "A", LEADER, "bac-ai"))
    assert counts(engine) == (0, 0)


def test_what_an_open_tasks_result_cell_says_becomes_a_progress_note(engine: Engine) -> None:
    row = [
        1,
        "Thời gian chờ còn dài",
        "",
        "huyen bac ai",  # typed without diacritics
        "Huyện Ninh Hải; Huyện Ninh Sơn",
        dt.datetime(2025, 6, 30),
        "Đang thực hiện; Đã bố trí thêm 1 quầy",
    ]
    with transaction(engine) as session:
        (record,) = import_annex(session, annex_file([row]), "phu_luc.xlsx", STAFF_USER)
        notes = task_notes(session, record.id)
    assert record.status == IN_PROGRESS
    assert record.spec.supporting_units == ("ninh-hai", "ninh-son")
    assert notes["text"].tolist() == ["Đã bố trí thêm 1 quầy"]
