"""Alembic environment: runs on the connection handed over by sipas.storage.migrate."""

from __future__ import annotations

from alembic import context

from sipas.storage.models.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables the portable way.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
