"""Rolling back an import, recorded in the audit log in the same transaction."""

from __future__ import annotations

from sqlalchemy import Engine, select

from sipas.ingest.commit import ROLLBACK_ACTION
from sipas.storage.audit import FAILED, record_event
from sipas.storage.engine import transaction
from sipas.storage.imports import ImportHistoryError, lock_imports, rollback_import
from sipas.storage.models.survey import Wave

# Undoing an import of more rows than this asks staff to type its number: a slip of the
# list (the newest import comes first) should not take a province's survey off the pages.
TYPED_NUMBER_ROWS = 300


def needs_typed_number(rows: int) -> bool:
    """Whether rolling back an import of `rows` rows asks for its number to be typed."""
    return rows > TYPED_NUMBER_ROWS


def rollback_allowed(import_id: int, rows: int, confirmed: bool, typed: str | None) -> bool:
    """The confirmation is ticked and, for a large import, its number typed exactly."""
    if not confirmed:
        return False
    return not needs_typed_number(rows) or (typed or "").strip() == str(import_id)


def rollback(engine: Engine, import_id: int, actor: str) -> str:
    """Undo an active import (restoring what it superseded); returns its wave's code.
    Raises ImportHistoryError (recorded as a failed attempt) when it cannot be undone."""
    try:
        with transaction(engine) as session:
            lock_imports(session)
            batch = rollback_import(session, import_id, actor)
            wave = session.scalar(select(Wave.code).where(Wave.id == batch.wave_id)) or ""
            details = {"import_id": import_id, "wave": wave, "file": batch.file_name}
            record_event(session, actor, ROLLBACK_ACTION, batch.file_name, details=details)
            return wave
    except ImportHistoryError as error:
        with transaction(engine) as session:
            details = {"import_id": import_id, "reason": str(error)}
            record_event(session, actor, ROLLBACK_ACTION, str(import_id), FAILED, details)
        raise
