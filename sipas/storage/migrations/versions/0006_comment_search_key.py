"""Comments get a search key: text without diacritics or punctuation, for word search in SQL.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-22 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sipas.core.textnorm import search_key

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_key", sa.Text(), nullable=True))
    _fill_keys(op.get_bind())


def _fill_keys(connection: sa.Connection) -> None:
    """Compute the key of every stored comment, in batches (the function lives in Python)."""
    comments = sa.table(
        "comments", sa.column("id", sa.BigInteger), sa.column("text", sa.Text),
        sa.column("text_key", sa.Text),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(comments.c.id, comments.c.text)
            .where(comments.c.id > last)
            .order_by(comments.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            comments.update().where(comments.c.id == sa.bindparam("row_id")),
            [{"row_id": row.id, "text_key": search_key(row.text)} for row in rows],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_column("text_key")
