"""Units on the official administrative map: the statistics office's code, coordinates and
area beside each unit, and the successors of legacy units on the 2025 map.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("official_code", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("area_km2", sa.Float(), nullable=True))
        batch_op.create_index(batch_op.f("ix_units_official_code"), ["official_code"])
    op.create_table(
        "unit_successors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_successors_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"], ["units.id"], name=op.f("fk_unit_successors_successor_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_successors")),
        sa.UniqueConstraint("unit_id", "successor_id", name=op.f("uq_unit_successors_unit_id")),
    )
    with op.batch_alter_table("unit_successors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_successors_unit_id"), ["unit_id"])
        batch_op.create_index(batch_op.f("ix_unit_successors_successor_id"), ["successor_id"])


def downgrade() -> None:
    op.drop_table("unit_successors")
    # plain ALTER TABLE, not a batch copy: copying `units` on SQLite trips the foreign keys
    # of every table that refers to it
    op.drop_index("ix_units_official_code", table_name="units")
    for column in ("area_km2", "longitude", "latitude", "official_code"):
        op.drop_column("units", column)
