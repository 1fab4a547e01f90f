"""Comment counts per wave, and comments in the order the comments page reads them.

The comments page counted a wave's comments per theme by testing every comment's text, and
sorted all of them to show twenty: work that grew with the data (1,4 s for the 84.216 comments
of a wave at 10.000.000 questionnaires). Counts now sit in wave_comment_counts (filled when the
app starts, sipas.storage.comment_counts, since the theme keywords live in data/), and an index
gives the comments newest first.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wave_comment_counts",
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("field_code", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("comments", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave_id"], ["waves.id"], name=op.f("fk_wave_comment_counts_wave_id_waves")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_wave_comment_counts_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["field_code"],
            ["fields.code"],
            name=op.f("fk_wave_comment_counts_field_code_fields"),
        ),
        sa.PrimaryKeyConstraint(
            "wave_id", "unit_id", "field_code", "channel", "theme",
            name=op.f("pk_wave_comment_counts"),
        ),
    )
    op.create_table(
        "wave_comment_themes",
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("themes_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave_id"], ["waves.id"], name=op.f("fk_wave_comment_themes_wave_id_waves")
        ),
        sa.PrimaryKeyConstraint("wave_id", name=op.f("pk_wave_comment_themes")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # PostgreSQL puts NULLs first in a descending order; the page wants undated ones last.
        op.execute(
            "CREATE INDEX ix_comments_wave_date ON comments "
            "(wave_id, survey_date DESC NULLS LAST, id DESC)"
        )
    else:
        op.create_index("ix_comments_wave_date", "comments", ["wave_id", "survey_date", "id"])


def downgrade() -> None:
    op.drop_index("ix_comments_wave_date", table_name="comments")
    op.drop_table("wave_comment_themes")
    op.drop_table("wave_comment_counts")
