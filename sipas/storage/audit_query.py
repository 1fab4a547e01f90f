"""Filtered reading of the audit log, newest first, filtered in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sipas.storage.models.system import AuditEvent
from sipas.storage.textorder import by_code_point

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read: UTC interval [since, until), and any of the listed actors,
    actions and outcomes (an empty tuple means all)."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actors: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    limit: int = 5_000


def _where(query: Q, chosen: AuditFilter) -> Q:
    if chosen.since is not None:
        query = query.where(AuditEvent.at >= chosen.since)
    if chosen.until is not None:
        query = query.where(AuditEvent.at < chosen.until)
    if chosen.actors:
        query = query.where(AuditEvent.actor.in_(chosen.actors))
    if chosen.actions:
        query = query.where(AuditEvent.action.in_(chosen.actions))
    if chosen.outcomes:
        query = query.where(AuditEvent.outcome.in_(chosen.outcomes))
    return query


def audit_events(session: Session, chosen: AuditFilter) -> tuple[pd.DataFrame, int]:
    """The matching entries, newest first, at most `chosen.limit` of them, and how many match
    in all. Columns: at (UTC), actor, action, object, outcome, details."""
    columns = (
        AuditEvent.at,
        AuditEvent.actor,
        AuditEvent.action,
        AuditEvent.object,
        AuditEvent.outcome,
        AuditEvent.details,
    )
    query = _where(select(*columns), chosen).order_by(AuditEvent.id.desc()).limit(chosen.limit)
    rows = session.execute(query).all()
    total: int = session.scalar(_where(select(func.count(AuditEvent.id)), chosen)) or 0
    frame = pd.DataFrame(rows, columns=["at", "actor", "action", "object", "outcome", "details"])
    return frame, int(total)


def audit_actors(session: Session) -> list[str]:
    """Everyone who appears in the log, by code point."""
    actor = by_code_point(session, AuditEvent.actor)
    query = select(actor).distinct().order_by(actor)
    return list(session.scalars(query))
