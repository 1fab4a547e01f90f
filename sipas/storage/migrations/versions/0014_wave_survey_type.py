"""The survey type of a wave: chính thức, bổ sung, thí điểm, công bố một phần.

"Previous wave" was whatever wave came just before in time, so a small follow-up survey of two
districts became the baseline of every rank change and "gain K places" target. A wave now
says what it is (set at import, editable by staff); comparisons look back to the latest
earlier official wave. Existing waves are official.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "waves",
        sa.Column("survey_type", sa.String(length=20), nullable=False, server_default="official"),
    )


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite ≥ 3.35 drops columns): a batch copy of "waves" would trip
    # the foreign keys that point at it.
    op.drop_column("waves", "survey_type")
