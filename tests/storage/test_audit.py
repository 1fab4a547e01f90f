"""The audit log on SQLite and PostgreSQL: append-only (enforced by the database), filtered
reads, the Vietnamese table and its exports; the schema of migration 0007 matches the models."""

from __future__ import annotations

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from openpyxl import load_workbook
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from sipas.accounts import audit as auditlog
from sipas.storage.audit import DENIED, FAILED, record_event
from sipas.storage.audit_query import AuditFilter, audit_actors, audit_events
from sipas.storage.auditchain import verify_chain
from sipas.storage.engine import transaction
from sipas.storage.models.base import Base
from tests.support.clock import FakeClock

START = dt.datetime(2025, 3, 9, 17, 30)  # UTC: 00:30 on 10/03/2025 in Vietnam
ENTRIES = [
    ("tran.binh", "login", "", "ok"),
    ("=cmd|' /C calc'!A0", "login", "", FAILED),
    ("nguyen.an", "page_denied", "tai-khoan", DENIED),
    ("tran.binh", "import", "khao_sat_2024.xlsx", "ok"),
]


def fill(engine: Engine) -> None:
    with transaction(engine) as session:
        for actor, action, object_, outcome in ENTRIES:
            record_event(session, actor, action, object_, outcome, {"dòng": 500})


def test_entries_cannot_be_changed_or_removed(engine: Engine) -> None:
    fill(engine)
    for statement in ("UPDATE audit_log SET actor = 'ai-do'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 4


def test_times_come_from_the_database_clock(engine: Engine, clock: FakeClock) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=2)
    fill(engine)  # the app's clock says 10/03/2025; the database's says now
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=2)
    with transaction(engine) as session:
        times = audit_events(session, AuditFilter())[0]["at"].tolist()
    assert all(before <= moment <= after for moment in times) and clock() < before


def test_filters_are_applied_in_the_database(engine: Engine) -> None:
    fill(engine)
    with transaction(engine) as session:
        times = sorted(audit_events(session, AuditFilter())[0]["at"])
    cases = [
        (AuditFilter(since=times[0], actors=("nguyen.an",)), ["nguyen.an"], 1),
        (AuditFilter(until=times[0]), [], 0),
        (AuditFilter(since=times[-1] + dt.timedelta(microseconds=1)), [], 0),
        (AuditFilter(actors=("tran.binh",)), ["tran.binh", "tran.binh"], 2),
        (AuditFilter(actions=("page_denied", "import")), ["tran.binh", "nguyen.an"], 2),
        (AuditFilter(outcomes=(FAILED, DENIED)), ["nguyen.an", "=cmd|' /C calc'!A0"], 2),
        (AuditFilter(limit=1), ["tran.binh"], 4),
    ]
    with transaction(engine) as session:
        for chosen, actors, total in cases:
            frame, count = audit_events(session, chosen)
            assert frame["actor"].tolist() == actors and count == total
        assert audit_actors(session) == ["=cmd|' /C calc'!A0", "nguyen.an", "tran.binh"]


def test_a_vietnam_day_is_a_utc_interval() -> None:
    since, until = auditlog.period_filter(dt.date(2025, 3, 10), dt.date(2025, 3, 10))
    assert (since, until) == (
        START - dt.timedelta(minutes=30),
        START + dt.timedelta(hours=23, minutes=30),
    )


def test_display_is_vietnamese_and_exports_never_hold_formulas(engine: Engine) -> None:
    fill(engine)
    with transaction(engine) as session:
        frame, _ = audit_events(session, AuditFilter())
    frame["at"] = [START + dt.timedelta(minutes=i) for i in range(len(frame))][::-1]
    shown = auditlog.display_frame(frame)
    last = shown.iloc[-1]
    assert last["Thời điểm (giờ Việt Nam)"] == "00:30:00 10/03/2025"
    assert (last["Hành động"], last["Kết quả"], last["Chi tiết"]) == (
        "Đăng nhập",
        "Thành công",
        "dòng: 500",
    )
    assert shown.iloc[0]["Hành động"] == "Nhập dữ liệu"
    book = load_workbook(io.BytesIO(auditlog.export_xlsx(shown, "Nhật ký")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Nhật ký" and rows[2][0] == "Thời điểm (giờ Việt Nam)"
    assert rows[5][1] == "=cmd|' /C calc'!A0"
    assert book.active.cell(6, 2).data_type == "s"  # text, not a formula
    csv = auditlog.export_csv(shown).decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv and "Đăng nhập" in csv


def edit_as_owner(engine: Engine, entry_id: int, actor: str) -> None:
    """What only the owner of the table can do: switch the guard off, rewrite, switch on."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(
            text("UPDATE audit_log SET actor = :actor WHERE id = :id"),
            {"actor": actor, "id": entry_id},
        )
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))


def test_the_chain_finds_an_entry_edited_by_the_owner(engine: Engine) -> None:
    fill(engine)
    with transaction(engine) as session:
        report = verify_chain(session)
        ids = sorted(audit_events(session, AuditFilter())[0].index)
        third = session.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars().all()[2]
    assert report.intact and report.checked == 4 and len(ids) == 4
    edit_as_owner(engine, third, "tran.binh")
    with transaction(engine) as session:
        report = verify_chain(session)
    assert (report.intact, report.broken_id, report.checked) == (False, third, 3)


def test_unknown_actions_keep_their_code(engine: Engine) -> None:
    assert auditlog.action_label("target.edit") == "Sửa mục tiêu"  # as the registry records it
    assert auditlog.action_label("hanh_dong_moi") == "hanh_dong_moi"


def test_migrations_create_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    if engine.dialect.name == "postgresql":
        # Built on PostgreSQL in the order the comments page reads (DESC NULLS LAST), which
        # Alembic cannot compare; test_comment_counts reads its definition instead.
        differences = [d for d in differences if "ix_comments_wave_date" not in str(d)]
    assert differences == []


def test_writers_at_once_keep_one_unbroken_chain(engine: Engine) -> None:
    """Four threads appending at the same time: every entry lands, chained in id order."""

    def write(actor: str) -> None:
        for _ in range(25):
            with transaction(engine) as session:
                record_event(session, actor, "login")

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, ["a", "b", "c", "d"]))
    with transaction(engine) as session:
        report = verify_chain(session)
    assert report.intact and report.checked == 100
