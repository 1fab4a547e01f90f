"""Rows that are changed, never deleted, each change kept: the target registry and the
remediation tasks share this bookkeeping. A row carries a version (raised by every change, so
that a save based on an older read is refused) and who changed it last; every change adds a
history row with the changed attributes as {name: [before, after]} (JSON) and a reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

HISTORY_COLUMNS = ["version", "at", "actor", "action", "changes", "reason"]


class Versioned(Protocol):
    id: Any
    version: Any
    updated_at: Any
    updated_by: Any


R = TypeVar("R", bound=Versioned)


def checked(row: R, expected_version: int, stale: Callable[[R], Exception]) -> R:
    """`row` when nobody changed it since `expected_version` was read; else raise stale(row)."""
    if row.version != expected_version:
        raise stale(row)
    return row


def bump(row: Versioned, actor: str, at: dt.datetime) -> None:
    """A new version of `row`, changed by `actor` at `at`."""
    row.version += 1
    row.updated_at, row.updated_by = at, actor


def log_change(
    session: Session,
    model: type[Any],
    owner: str,
    row: Versioned,
    change: tuple[str, str, dict[str, list[Any]], str],
    at: dt.datetime,
) -> None:
    """One history row in `model` (whose column `owner` points at `row`): change is
    (actor, action, changes, reason)."""
    actor, action, changes, reason = change
    session.add(
        model(
            **{owner: row.id},
            version=row.version,
            at=at,
            actor=actor,
            action=action,
            changes=json.dumps(changes, ensure_ascii=False, default=str),
            reason=reason,
        )
    )
    session.flush()


def history(session: Session, model: type[Any], owner: str, owner_id: int | None) -> pd.DataFrame:
    """Changes of one owner (or of all), newest first: owner, HISTORY_COLUMNS, `changes`
    decoded to {attribute: [before, after]}."""
    columns = [owner, *HISTORY_COLUMNS]
    query = select(*(getattr(model, c) for c in columns)).order_by(model.id.desc())
    if owner_id is not None:
        query = query.where(getattr(model, owner) == owner_id)
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    frame["changes"] = frame["changes"].map(json.loads)
    return frame
