"""The audit log on SQLite and PostgreSQL: append-only (enforced by the database), filtered
reads, the Vietnamese table and its exports; the schema of migration 0007 matches the models."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from openpyxl import load_workbook
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from sipas.accounts import audit as auditlog
from sipas.storage.audit import DENIED, FAILED, record_event
from sipas.storage.audit_query import AuditFilter, audit_actors, audit_events
from sipas.storage.engine import transaction
from sipas.storage.models.base import Base

START = dt.datetime(2025, 3, 9, 17, 30)  # UTC: 00:30 on 10/03/2025 in Vietnam


def fill(engine: Engine) -> None:
    entries = [
        ("tran.binh", "login", "", "ok", START),
        ("=cmd|' /C calc'!A0", "login", "", FAILED, START + dt.timedelta(minutes=5)),
        ("nguyen.an", "page_denied", "tai-khoan", DENIED, START + dt.timedelta(days=1)),
        ("tran.binh", "import", "khao_sat_2024.xlsx", "ok", START + dt.timedelta(days=2)),
    ]
    with transaction(engine) as session:
        for actor, action, object_, outcome, at in entries:
            record_event(session, actor, action, object_, outcome, {"dòng": 500}, at)


def test_entries_cannot_be_changed_or_removed(engine: Engine) -> None:
    fill(engine)
    for statement in ("UPDATE audit_log SET actor = 'ai-do'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 4


def test_filters_are_applied_in_the_database(engine: Engine) -> None:
    fill(engine)
    since, until = auditlog.period_filter(dt.date(2025, 3, 10), dt.date(2025, 3, 10))
    assert (since, until) == (
        START - dt.timedelta(minutes=30),
        START + dt.timedelta(hours=23, minutes=30),
    )
    cases = [
        (AuditFilter(since=since, until=until), ["=cmd|' /C calc'!A0", "tran.binh"], 2),
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


def test_display_is_vietnamese_and_exports_never_hold_formulas(engine: Engine) -> None:
    fill(engine)
    with transaction(engine) as session:
        frame, _ = audit_events(session, AuditFilter())
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
