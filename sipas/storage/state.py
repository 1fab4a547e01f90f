"""The data version: a counter every data-changing transaction raises, read by every cache;
and when it was last raised, for pages that say how fresh their numbers are."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.storage.models.survey import ImportBatch
from sipas.storage.models.system import AppState

DATA_VERSION = "data_version"
# Seconds since 1970-01-01 UTC of the last raise (app_state holds integers only, so no
# migration is needed). Databases changed before it existed fall back to the import history.
DATA_CHANGED_AT = "data_changed_at"
_EPOCH = dt.datetime(1970, 1, 1)
# Marks a session whose transaction raised the version; counted when it commits.
_RAISED = "sipas_raised_data_version"
_raises = {"committed": 0}
_raises_lock = threading.Lock()


def raises_committed() -> int:
    """How many version raises this process has committed so far: a reader that keeps a
    version it read earlier (for one page run) knows to read it again when this changed."""
    return _raises["committed"]


@event.listens_for(Session, "after_commit")
def _count_raise(session: Session) -> None:
    if session.info.pop(_RAISED, False):
        with _raises_lock:
            _raises["committed"] += 1


@event.listens_for(Session, "after_rollback")
def _forget_raise(session: Session) -> None:
    session.info.pop(_RAISED, None)


def data_version(session: Session) -> int:
    """The current data version (0 before anything was stored)."""
    value = session.scalar(select(AppState.value).where(AppState.key == DATA_VERSION))
    return int(value or 0)


def bump_data_version(session: Session) -> int:
    """Raise the data version inside the caller's transaction, note the time, and return the
    new value.

    The UPDATE takes a row lock on PostgreSQL, so concurrent writers get distinct versions.
    """
    updated = session.execute(
        update(AppState).where(AppState.key == DATA_VERSION).values(value=AppState.value + 1)
    )
    if getattr(updated, "rowcount", 0) == 0:
        session.add(AppState(key=DATA_VERSION, value=1))
        session.flush()
    _note_change(session)
    session.info[_RAISED] = True
    return data_version(session)


def _note_change(session: Session) -> None:
    seconds = int((clock.now() - _EPOCH).total_seconds())
    stamped = session.execute(
        update(AppState).where(AppState.key == DATA_CHANGED_AT).values(value=seconds)
    )
    if getattr(stamped, "rowcount", 0) == 0:
        session.add(AppState(key=DATA_CHANGED_AT, value=seconds))
        session.flush()


def data_changed_at(session: Session) -> dt.datetime | None:
    """When the data version was last raised (naive UTC, to the second); for a database last
    changed before that was noted, the newest import or rollback; None when nothing is known."""
    seconds = session.scalar(select(AppState.value).where(AppState.key == DATA_CHANGED_AT))
    if seconds is not None:
        return _EPOCH + dt.timedelta(seconds=int(seconds))
    imported = session.scalar(select(func.max(ImportBatch.created_at)))
    rolled_back = session.scalar(select(func.max(ImportBatch.rolled_back_at)))
    known = [moment for moment in (imported, rolled_back) if moment is not None]
    return max(known) if known else None
