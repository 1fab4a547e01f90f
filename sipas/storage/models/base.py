"""The declarative base of every model, its naming convention and the creation clock.

The schema itself is created and changed only by Alembic migrations.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

from sipas.core import clock

# The status of an import whose data counts (imports that were replaced or rolled back do not).
ACTIVE = "active"


# Named constraints keep migrations portable between SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    """Creation times come from the app's clock (naive UTC), never from the database's:
    PostgreSQL's now() is written in the server's time zone (Vietnam's, on a server set up in
    the province) while SQLite's CURRENT_TIMESTAMP is UTC. The server default stays as the
    migrations made it."""
    return clock.now()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
