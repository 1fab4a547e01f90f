"""Remediation tasks on SQLite and PostgreSQL: validation, permission, history, notes, audit
log, data version, closing and reopening, concurrent edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select

from sipas.core.permissions import ADMIN, LEADER, STAFF, User
from sipas.reference.questionnaires import get_method
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction
from sipas.storage.models.base import Base
from sipas.storage.models.tasks import TaskChange, TaskNote, TaskRow
from sipas.storage.state import data_version
from sipas.storage.tasks import TaskSpec, get_task, list_tasks, task_history, task_notes
from sipas.storage.waves import create_wave
from sipas.tasks.workflow import (
    CANCELLED,
    DONE,
    FROM_FINDING,
    IN_PROGRESS,
    NEW,
    TaskError,
    add_note,
    cancel_task,
    complete_task,
    create_task,
    edit_task,
    reopen_task,
    start_task,
)

STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)
ADMIN_USER = User("quantri", "Quản trị", ADMIN)
BOUND_LEADER = User("lanhdao", "Lãnh đạo", LEADER, "bac-ai")
OTHER_LEADER = User("lanhdao2", "Lãnh đạo khác", LEADER, "ninh-son")
SPEC = TaskSpec(
    finding="Tiêu chí 19 đạt 71,2% tại Bác Ái, thấp hơn trung bình tỉnh 9,4 điểm %; n = 212",
    lead_unit_code="bac-ai",
    deadline=dt.date(2025, 6, 30),
    solution="Bố trí hòm thư góp ý và số điện thoại đường dây nóng tại bộ phận một cửa",
    supporting_units=("ninh-hai",),
    aim_value=85.0,
    measure="TC19",
    unit_code="bac-ai",
    wave_code="2024",
    baseline_value=71.2,
    baseline_n=212,
)


@pytest.fixture
def db(engine: Engine) -> Engine:
    with transaction(engine) as session:
        create_wave(session, "2024", get_method("qd2640"))
    return engine


def counts(engine: Engine) -> tuple[int, int, int, int, int]:
    """Tasks, history rows, notes, audit entries and the data version."""
    with transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(TaskRow)) or 0,
            session.scalar(select(func.count()).select_from(TaskChange)) or 0,
            session.scalar(select(func.count()).select_from(TaskNote)) or 0,
            len(audit_frame(session)),
            data_version(session),
        )


def test_the_tables_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert [d for d in diff if "task" in str(d)] == []


def test_staff_create_a_task_with_history_audit_and_a_new_data_version(db: Engine) -> None:
    before = counts(db)
    with transaction(db) as session:
        record = create_task(session, SPEC, STAFF_USER, FROM_FINDING)
    assert record.status == NEW and record.source == FROM_FINDING
    with transaction(db) as session:
        stored = get_task(session, record.id)
        events = audit_frame(session)
    assert stored.spec == SPEC
    after = counts(db)
    assert after[:4] == (before[0] + 1, before[1] + 1, 0, before[3] + 1)
    assert after[4] > before[4]
    assert events.iloc[0]["action"] == "task.create"
    assert events.iloc[0]["object"] == f"task:{record.id}"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"finding": "   "}, "tồn tại, hạn chế"),
        ({"lead_unit_code": "bac-aii"}, "bac-aii"),
        ({"supporting_units": ("khong-co",)}, "khong-co"),
        ({"aim_value": 120.0}, "phấn đấu"),
        ({"measure": "TC99"}, "TC99"),
        ({"wave_code": "2019"}, "2019"),
        ({"field_code": "khong-ro"}, "khong-ro"),
        ({"wave_code": None}, "đợt khảo sát"),
    ],
)
def test_an_invalid_task_is_refused_and_nothing_is_written(
    db: Engine, change: dict[str, object], message: str
) -> None:
    before = counts(db)
    with pytest.raises(TaskError) as refused, transaction(db) as session:
        create_task(session, replace(SPEC, **change), STAFF_USER)  # type: ignore[arg-type]
    assert message in str(refused.value)
    assert counts(db) == before


def test_leaders_may_not_create_edit_or_close_tasks(db: Engine) -> None:
    with transaction(db) as session:
        record = create_task(session, SPEC, STAFF_USER)
    before = counts(db)
    attempts = [
        lambda s: create_task(s, SPEC, BOUND_LEADER),
        lambda s: edit_task(s, record.id, replace(SPEC, solution="Khác"), BOUND_LEADER, 1),
        lambda s: complete_task(s, record.id, BOUND_LEADER, 1, "Xong"),
        lambda s: cancel_task(s, record.id, BOUND_LEADER, 1, "Không cần"),
    ]
    for attempt in attempts:
        with pytest.raises(TaskError, match="Chỉ chuyên viên"), transaction(db) as session:
            attempt(session)
    assert counts(db) == before


def test_a_bound_leader_notes_progress_on_the_units_task_but_not_on_others(db: Engine) -> None:
    with transaction(db) as session:
        record = create_task(session, SPEC, STAFF_USER)
        add_note(session, record.id, BOUND_LEADER, dt.date(2025, 3, 1), "Đã lắp hòm thư góp ý")
    with pytest.raises(TaskError, match="lãnh đạo đơn vị liên quan"), transaction(db) as session:
        add_note(session, record.id, OTHER_LEADER, dt.date(2025, 3, 2), "Không phải việc tôi")
    with pytest.raises(TaskError, match="nội dung tiến độ"), transaction(db) as session:
        add_note(session, record.id, STAFF_USER, dt.date(2025, 3, 2), "  ")
    with transaction(db) as session:
        notes = task_notes(session, record.id)
        history = task_history(session, record.id)
        events = audit_frame(session)
    assert notes["text"].tolist() == ["Đã lắp hòm thư góp ý"]
    assert notes["day"].tolist() == [dt.date(2025, 3, 1)]
    assert notes["actor"].tolist() == ["lanhdao"]
    assert history.iloc[0]["action"] == "note"
    assert events.iloc[0]["action"] == "task.note" and events.iloc[0]["actor"] == "lanhdao"


def test_a_task_moves_along_is_closed_with_its_result_and_reopened_with_a_reason(
    db: Engine,
) -> None:
    with transaction(db) as session:
        record = create_task(session, SPEC, STAFF_USER)
        record = start_task(session, record.id, STAFF_USER, record.version)
    assert record.status == IN_PROGRESS
    with pytest.raises(TaskError, match="kết quả thực hiện"), transaction(db) as session:
        complete_task(session, record.id, STAFF_USER, record.version, " ")
    with transaction(db) as session:
        record = complete_task(session, record.id, STAFF_USER, record.version, "Đã lắp hòm thư")
    assert record.status == DONE and record.result == "Đã lắp hòm thư"
    assert record.closed_at is not None
    with pytest.raises(TaskError, match="đã đóng"), transaction(db) as session:
        edit_task(session, record.id, SPEC, STAFF_USER, record.version)
    with pytest.raises(TaskError, match="Hoàn thành"), transaction(db) as session:
        cancel_task(session, record.id, STAFF_USER, record.version, "Nhầm")
    with transaction(db) as session:
        record = reopen_task(session, record.id, ADMIN_USER, record.version, "Đóng nhầm")
        record = cancel_task(session, record.id, ADMIN_USER, record.version, "Đơn vị sáp nhập")
    assert record.status == CANCELLED and record.result == "Đơn vị sáp nhập"
    with transaction(db) as session:
        history = task_history(session, record.id)
        assert len(list_tasks(session)) == 1  # never deleted
    assert history["action"].tolist() == ["status", "status", "status", "status", "created"]
    assert history.iloc[0]["changes"]["status"] == [IN_PROGRESS, CANCELLED]


def test_an_edit_records_what_changed_and_refuses_a_stale_version(db: Engine) -> None:
    with transaction(db) as session:
        record = create_task(session, SPEC, STAFF_USER)
        edited = edit_task(
            session,
            record.id,
            replace(SPEC, deadline=dt.date(2025, 9, 30), supporting_units=("ninh-hai", "ninh-son")),
            STAFF_USER,
            record.version,
            "Gia hạn theo đề nghị của đơn vị",
        )
    assert edited.version == 2
    with transaction(db) as session:
        history = task_history(session, record.id)
    changes = history.iloc[0]["changes"]
    assert changes["deadline"] == ["2025-06-30", "2025-09-30"]
    assert changes["supporting_units"] == [["ninh-hai"], ["ninh-hai", "ninh-son"]]
    assert history.iloc[0]["reason"] == "Gia hạn theo đề nghị của đơn vị"
    with pytest.raises(TaskError, match="vừa được chuyenvien thay đổi"), transaction(db) as s:
        edit_task(s, record.id, replace(SPEC, solution="Khác"), ADMIN_USER, record.version)
