"""The audit log: append-only records of logins, imports, rollbacks, target and account
changes and exports."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.storage.models.system import AuditEvent

OK = "ok"
FAILED = "failed"
DENIED = "denied"


def record_event(
    session: Session,
    actor: str,
    action: str,
    object_: str = "",
    outcome: str = OK,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Add one entry inside the caller's transaction (so it commits with the change it
    describes; record failures in a transaction of their own)."""
    session.add(
        AuditEvent(
            at=(at or dt.datetime.now(dt.UTC)).replace(tzinfo=None),
            actor=actor,
            action=action,
            object=object_,
            outcome=outcome,
            details=json.dumps(details or {}, ensure_ascii=False, default=str),
        )
    )
    session.flush()


def audit_frame(session: Session, limit: int = 10_000) -> pd.DataFrame:
    """The newest entries first: at (UTC), actor, action, object, outcome, details."""
    rows = session.execute(
        select(
            AuditEvent.at,
            AuditEvent.actor,
            AuditEvent.action,
            AuditEvent.object,
            AuditEvent.outcome,
            AuditEvent.details,
        )
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    ).all()
    return pd.DataFrame(rows, columns=["at", "actor", "action", "object", "outcome", "details"])
