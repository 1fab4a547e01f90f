"""Models of the app's own bookkeeping: the data version counters and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sipas.storage.models.base import Base


class AppState(Base):
    """Small named counters; `data_version` grows with every committed change of survey data,
    so caches in every app process know when to reload."""

    __tablename__ = "app_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class AuditEvent(Base):
    """Who did what, when, with what outcome. Rows are only ever added, never changed; the
    database stamps `at` with its own clock and `hash` chains each entry to the one before
    (sipas.storage.auditchain, migration 0013)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    # UTC, without a zone (portable); shown in Vietnam time (UTC+7) by the app.
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    object: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    hash: Mapped[str | None] = mapped_column(String(64))
