"""Import history: serialising imports, duplicates by content hash, supersession by a
replacing import, rollback that restores exactly the state before, and the history table.

Statuses: active (counted), superseded (replaced by a later import of the same wave, kept as
history, restored if that import is rolled back), rolled_back (never counted again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.i18n import t
from sipas.storage.models.base import ACTIVE
from sipas.storage.models.survey import ImportBatch, Wave
from sipas.storage.models.system import AppState
from sipas.storage.state import DATA_VERSION, bump_data_version
from sipas.storage.surveydata import refresh_wave_totals
from sipas.storage.waves import WITHDRAWN_WAVE

SUPERSEDED = "superseded"
ROLLED_BACK = "rolled_back"
ADD, REPLACE = "add", "replace"
HISTORY_COLUMNS = [
    "id",
    "created_at",
    "created_by",
    "file_name",
    "file_hash",
    "wave",
    "kind",
    "mode",
    "status",
    "rows_total",
    "rows_accepted",
    "rows_rejected",
    "valid_rows_only",
    "superseded_by",
    "rolled_back_at",
    "rolled_back_by",
]


class ImportHistoryError(ValueError):
    """A rollback that cannot be done; the message is Vietnamese."""


def lock_imports(session: Session) -> None:
    """Serialise writers of survey data: the first statement of an import's transaction takes
    the data-version row lock (PostgreSQL) or the database write lock (SQLite), so a second
    import waits for the first to commit and then sees what it stored."""
    _ensure_version_row(session)
    bump_data_version(session)


def _ensure_version_row(session: Session) -> None:
    exists = session.execute(
        update(AppState).where(AppState.key == DATA_VERSION).values(value=AppState.value)
    )
    if getattr(exists, "rowcount", 0):
        return
    try:
        with session.begin_nested():
            session.add(AppState(key=DATA_VERSION, value=0))
    except IntegrityError:
        pass  # another import created it first; the UPDATE that follows waits for it


@dataclass(frozen=True)
class StoredImport:
    id: int
    wave_code: str
    file_name: str
    created_at: dt.datetime
    created_by: str


def find_duplicate(session: Session, file_hash: str) -> StoredImport | None:
    """The active or superseded import of a file with this content hash (a rolled-back one
    does not count: rolling back undid it)."""
    row = session.execute(
        select(ImportBatch, Wave.code)
        .join(Wave, Wave.id == ImportBatch.wave_id)
        .where(ImportBatch.file_hash == file_hash, ImportBatch.status != ROLLED_BACK)
        .order_by(ImportBatch.id)
    ).first()
    if row is None:
        return None
    batch, code = row
    return StoredImport(batch.id, code, batch.file_name, batch.created_at, batch.created_by)


def supersede_active(session: Session, wave_id: int, by_import: int) -> int:
    """Mark the wave's active imports (other than `by_import`) as superseded by it; returns
    how many were."""
    result = session.execute(
        update(ImportBatch)
        .where(
            ImportBatch.wave_id == wave_id,
            ImportBatch.status == ACTIVE,
            ImportBatch.id != by_import,
        )
        .values(status=SUPERSEDED, superseded_by=by_import)
    )
    refresh_wave_totals(session, wave_id)
    return int(getattr(result, "rowcount", 0))


def rollback_import(session: Session, import_id: int, actor: str) -> ImportBatch:
    """Undo an active import: it stops counting, the imports it superseded count again, and a
    wave it created is withdrawn when nothing else is left in it. Raises ImportHistoryError."""
    batch = session.get(ImportBatch, import_id, with_for_update=True)
    if batch is None:
        raise ImportHistoryError(t("import.history.unknown", id=import_id))
    if batch.status != ACTIVE:
        raise ImportHistoryError(t(f"import.history.not_active_{batch.status}", id=import_id))
    batch.status = ROLLED_BACK
    batch.rolled_back_at = clock.now()
    batch.rolled_back_by = actor
    session.execute(
        update(ImportBatch)
        .where(ImportBatch.superseded_by == import_id, ImportBatch.status == SUPERSEDED)
        .values(status=ACTIVE, superseded_by=None)
    )
    _withdraw_if_created(session, batch)
    refresh_wave_totals(session, batch.wave_id)
    bump_data_version(session)
    session.flush()
    return batch


def _withdraw_if_created(session: Session, batch: ImportBatch) -> None:
    wave = session.get(Wave, batch.wave_id)
    if wave is None or wave.created_by_import != batch.id:
        return
    others = session.scalar(
        select(ImportBatch.id).where(
            ImportBatch.wave_id == wave.id, ImportBatch.status != ROLLED_BACK
        )
    )
    if others is None:
        wave.status = WITHDRAWN_WAVE


def mark_created_wave(session: Session, wave_id: int, import_id: int) -> None:
    session.execute(update(Wave).where(Wave.id == wave_id).values(created_by_import=import_id))


def import_history(session: Session, limit: int = 1000) -> pd.DataFrame:
    """Every import, newest first, with its wave code (HISTORY_COLUMNS)."""
    rows = session.execute(
        select(
            ImportBatch.id,
            ImportBatch.created_at,
            ImportBatch.created_by,
            ImportBatch.file_name,
            ImportBatch.file_hash,
            Wave.code,
            ImportBatch.kind,
            ImportBatch.mode,
            ImportBatch.status,
            ImportBatch.rows_total,
            ImportBatch.rows_accepted,
            ImportBatch.rows_rejected,
            ImportBatch.valid_rows_only,
            ImportBatch.superseded_by,
            ImportBatch.rolled_back_at,
            ImportBatch.rolled_back_by,
        )
        .join(Wave, Wave.id == ImportBatch.wave_id)
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    ).all()
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def wave_has_data(session: Session, wave_id: int) -> bool:
    """Whether the wave has an active import."""
    found = session.scalar(
        select(ImportBatch.id).where(ImportBatch.wave_id == wave_id, ImportBatch.status == ACTIVE)
    )
    return found is not None
