"""Models of the target registry (migration 0004): targets and their history of changes.

Kept apart from models.py so that parallel work on other tables merges cleanly; models.py
imports this module so that Alembic and `Base.metadata` see these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sipas.storage.models.base import Base


class TargetRow(Base):
    """One target: a threshold (share of satisfied citizens, percent 0–100) or a rank target
    (top N at a level, or gain K places over the previous wave), with its scope, period and
    source. Rows are never deleted: retiring sets `retired_from`, so past waves keep the
    target that applied then."""

    __tablename__ = "targets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # threshold | rank_top | rank_gain
    measure: Mapped[str] = mapped_column(String(32))  # sipas, a pillar, element or item code
    value: Mapped[float | None] = mapped_column(Float)  # threshold, percent 0–100
    comparison: Mapped[str | None] = mapped_column(String(8))  # gte (≥) | gt (>)
    rank_n: Mapped[int | None] = mapped_column(Integer)  # N of "top N", K of "gain K places"
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    field_code: Mapped[str | None] = mapped_column(ForeignKey("fields.code"))
    level: Mapped[str | None] = mapped_column(String(20))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    # A wave range (codes) narrows the period to the waves between these two, inclusive.
    first_wave: Mapped[str | None] = mapped_column(String(32))
    last_wave: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    # Set for targets seeded from data/targets.yaml, so seeding never adds them twice.
    seed_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    # Waves whose survey ended on or after this day no longer use the target.
    retired_from: Mapped[dt.date | None] = mapped_column(Date)
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    retired_by: Mapped[str | None] = mapped_column(String(100))
    retire_reason: Mapped[str | None] = mapped_column(Text)


class TargetChange(Base):
    """One change of a target (created, seeded, edited, retired, restored): who, when, why,
    and each changed attribute as [before, after] (JSON)."""

    __tablename__ = "target_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
