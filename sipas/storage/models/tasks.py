"""Models of remediation tasks (migration 0008): tasks, their dated progress notes and their
history of changes.

Kept apart from models.py like the target registry; models.py imports this module so that
Alembic and `Base.metadata` see these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sipas.storage.models.base import Base


class TaskRow(Base):
    """One remediation task ("nhiệm vụ khắc phục"): a finding, the solution, who leads and
    supports it, a deadline and the value aimed for. Rows are never deleted: a task ends done
    or cancelled (with a reason). Overdue is not stored; it follows from the deadline."""

    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding: Mapped[str] = mapped_column(Text)  # "Tồn tại, hạn chế"
    solution: Mapped[str] = mapped_column(Text, default="")  # "Giải pháp"
    # What the finding measured: a measure (sipas, pillar, element or item code) of a unit,
    # in one field or all (field None), at a wave. None for tasks typed or imported by hand.
    measure: Mapped[str | None] = mapped_column(String(32))
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
    field_code: Mapped[str | None] = mapped_column(ForeignKey("fields.code"))
    wave_code: Mapped[str | None] = mapped_column(String(32))
    baseline_value: Mapped[float | None] = mapped_column(Float)  # percent at wave_code
    baseline_n: Mapped[int | None] = mapped_column(Integer)
    lead_unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    supporting_units: Mapped[str] = mapped_column(Text, default="")  # codes, comma-separated
    deadline: Mapped[dt.date] = mapped_column(Date, index=True)
    aim_value: Mapped[float | None] = mapped_column(Float)  # percent aimed for next wave
    status: Mapped[str] = mapped_column(String(20))  # new | in_progress | done | cancelled
    result: Mapped[str] = mapped_column(Text, default="")  # "Kết quả", or why cancelled
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # finding|manual|annex
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))


class TaskNote(Base):
    """A dated progress note ("ngày … đã …") on a task, by whom and when it was written."""

    __tablename__ = "task_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))


class TaskChange(Base):
    """One change of a task (created, edited, status, note): who, when, why, and each changed
    attribute as [before, after] (JSON)."""

    __tablename__ = "task_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
