"""The target registry in the database: targets are added and changed, never deleted, and every
change leaves a row in `target_changes` with its before and after values.

Validation, permissions, the audit log and the data version are the caller's business
(sipas.target_registry); these functions only read and write rows inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.i18n import t
from sipas.storage import changelog
from sipas.storage.models.targets import TargetChange, TargetRow

SYSTEM_ACTOR = "system"  # who seeds the default targets
CREATED = "created"
SEEDED = "seeded"
EDITED = "edited"
RETIRED = "retired"
RESTORED = "restored"
HISTORY_COLUMNS = ["target_id", "version", "at", "actor", "action", "changes", "reason"]


class TargetStorageError(ValueError):
    """A target that cannot be found or was changed by someone else; Vietnamese message."""


@dataclass(frozen=True)
class TargetSpec:
    """What a target says: kind, measure, threshold or rank, scope, period, source.

    value: percent 0–100 (thresholds); rank_n: N of "top N" or K of "gain K places"."""

    kind: str
    measure: str
    source: str
    first_year: int
    last_year: int
    value: float | None = None
    comparison: str | None = None
    rank_n: int | None = None
    unit_code: str | None = None
    field_code: str | None = None
    level: str | None = None
    parent_code: str | None = None
    first_wave: str | None = None
    last_wave: str | None = None
    note: str = ""


SPEC_FIELDS = tuple(f.name for f in fields(TargetSpec))


@dataclass(frozen=True)
class TargetRecord:
    """A stored target: its spec and its bookkeeping (version, who and when, retirement)."""

    id: int
    spec: TargetSpec
    seed_key: str | None
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    retired_from: dt.date | None
    retired_at: dt.datetime | None
    retired_by: str | None
    retire_reason: str | None

    @property
    def is_retired(self) -> bool:
        return self.retired_from is not None


def _now() -> dt.datetime:
    return clock.now()


def _record(row: TargetRow) -> TargetRecord:
    spec = TargetSpec(**{name: getattr(row, name) for name in SPEC_FIELDS})
    return TargetRecord(
        id=row.id,
        spec=spec,
        seed_key=row.seed_key,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        retired_from=row.retired_from,
        retired_at=row.retired_at,
        retired_by=row.retired_by,
        retire_reason=row.retire_reason,
    )


def list_targets(session: Session) -> list[TargetRecord]:
    """Every target, retired ones included, oldest first."""
    return [_record(row) for row in session.scalars(select(TargetRow).order_by(TargetRow.id))]


def get_target(session: Session, target_id: int) -> TargetRecord:
    """The target with this id; raises TargetStorageError when there is none."""
    return _record(_row(session, target_id))


def _row(session: Session, target_id: int) -> TargetRow:
    row = session.get(TargetRow, target_id)
    if row is None:
        raise TargetStorageError(t("targets.errors.unknown", id=target_id))
    return row


def seed_keys(session: Session) -> set[str]:
    """Keys of the targets seeded so far (retired or edited ones included)."""
    keys = session.scalars(select(TargetRow.seed_key).where(TargetRow.seed_key.is_not(None)))
    return {key for key in keys if key}


def insert_target(
    session: Session,
    spec: TargetSpec,
    actor: str,
    *,
    seed_key: str | None = None,
    reason: str = "",
) -> TargetRecord:
    """Add a target (version 1) with a CREATED (or SEEDED) history row."""
    now = _now()
    row = TargetRow(
        **asdict(spec),
        seed_key=seed_key,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
    )
    session.add(row)
    session.flush()
    changes = {
        name: [None, value] for name, value in asdict(spec).items() if value not in (None, "")
    }
    _log(session, row, actor, SEEDED if seed_key else CREATED, changes, reason, now)
    return _record(row)


def update_target(
    session: Session,
    target_id: int,
    spec: TargetSpec,
    actor: str,
    expected_version: int,
    reason: str = "",
) -> TargetRecord:
    """Change what a target says; raises TargetStorageError when it changed since
    `expected_version` was read (someone else saved first)."""
    row = _checked_row(session, target_id, expected_version)
    changes = {
        name: [getattr(row, name), value]
        for name, value in asdict(spec).items()
        if getattr(row, name) != value
    }
    if not changes:
        return _record(row)
    for name, (_before, after) in changes.items():
        setattr(row, name, after)
    _bump(row, actor)
    _log(session, row, actor, EDITED, changes, reason, row.updated_at)
    return _record(row)


def set_retired(
    session: Session,
    target_id: int,
    actor: str,
    expected_version: int,
    retired_from: dt.date | None,
    reason: str,
) -> TargetRecord:
    """Retire a target from a day on (or restore it with `retired_from` None)."""
    row = _checked_row(session, target_id, expected_version)
    changes = {"retired_from": [row.retired_from, retired_from]}
    row.retired_from = retired_from
    _bump(row, actor)
    row.retired_at = row.updated_at if retired_from else None
    row.retired_by = actor if retired_from else None
    row.retire_reason = reason if retired_from else None
    _log(
        session, row, actor, RETIRED if retired_from else RESTORED, changes, reason, row.updated_at
    )
    return _record(row)


def _checked_row(session: Session, target_id: int, expected_version: int) -> TargetRow:
    return changelog.checked(
        _row(session, target_id),
        expected_version,
        lambda row: TargetStorageError(t("targets.errors.stale", id=target_id, by=row.updated_by)),
    )


def _bump(row: TargetRow, actor: str) -> None:
    changelog.bump(row, actor, _now())


def _log(
    session: Session,
    row: TargetRow,
    actor: str,
    action: str,
    changes: dict[str, list[Any]],
    reason: str,
    at: dt.datetime,
) -> None:
    changelog.log_change(
        session, TargetChange, "target_id", row, (actor, action, changes, reason), at
    )


def target_history(session: Session, target_id: int | None = None) -> pd.DataFrame:
    """Changes of one target (or of all), newest first: HISTORY_COLUMNS, `changes` decoded
    to {attribute: [before, after]}."""
    return changelog.history(session, TargetChange, "target_id", target_id)
