"""The audit log: append-only records of logins, imports, rollbacks, target and account
changes and exports."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import insert, select, text
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
) -> None:
    """Add one entry inside the caller's transaction (so it commits with the change it
    describes; record failures in a transaction of their own).

    The database stamps the time with its own clock and chains the entry's hash to the
    previous entry (sipas.storage.auditchain): on PostgreSQL a trigger does both; on SQLite
    one INSERT … SELECT does, under the write lock it takes.
    """
    values = {
        "actor": actor,
        "action": action,
        "object": object_,
        "outcome": outcome,
        "details": json.dumps(details or {}, ensure_ascii=False, default=str),
    }
    if session.get_bind().dialect.name == "postgresql":
        session.execute(insert(AuditEvent).values(**values))
    else:
        session.execute(_SQLITE_INSERT, values)


_SQLITE_INSERT = text(
    """INSERT INTO audit_log (id, at, actor, action, object, outcome, details, hash)
    SELECT n.id, n.at, :actor, :action, :object, :outcome, :details,
        sipas_audit_hash(
            (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
            n.id, n.at, :actor, :action, :object, :outcome, :details)
    FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS id,
                 strftime('%Y-%m-%d %H:%M:%f', 'now') || '000' AS at) AS n"""
)


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
