"""The data version: a counter every data-changing transaction raises, read by every cache."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sipas.storage.models import AppState

DATA_VERSION = "data_version"


def data_version(session: Session) -> int:
    """The current data version (0 before anything was stored)."""
    value = session.scalar(select(AppState.value).where(AppState.key == DATA_VERSION))
    return int(value or 0)


def bump_data_version(session: Session) -> int:
    """Raise the data version inside the caller's transaction and return the new value.

    The UPDATE takes a row lock on PostgreSQL, so concurrent writers get distinct versions.
    """
    updated = session.execute(
        update(AppState).where(AppState.key == DATA_VERSION).values(value=AppState.value + 1)
    )
    if getattr(updated, "rowcount", 0) == 0:
        session.add(AppState(key=DATA_VERSION, value=1))
        session.flush()
    return data_version(session)
