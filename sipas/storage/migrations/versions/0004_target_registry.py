"""Target registry: threshold and rank targets with their sources, and their history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("measure", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("comparison", sa.String(length=8), nullable=True),
        sa.Column("rank_n", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("field_code", sa.String(length=32), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("parent_code", sa.String(length=64), nullable=True),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("first_wave", sa.String(length=32), nullable=True),
        sa.Column("last_wave", sa.String(length=32), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("seed_key", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("retired_from", sa.Date(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("retired_by", sa.String(length=100), nullable=True),
        sa.Column("retire_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["units.code"], name=op.f("fk_targets_unit_code_units")
        ),
        sa.ForeignKeyConstraint(
            ["field_code"], ["fields.code"], name=op.f("fk_targets_field_code_fields")
        ),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["units.code"], name=op.f("fk_targets_parent_code_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint("seed_key", name=op.f("uq_targets_seed_key")),
    )
    op.create_table(
        "target_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["target_id"], ["targets.id"], name=op.f("fk_target_changes_target_id_targets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_changes")),
    )
    with op.batch_alter_table("target_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_changes_target_id"), ["target_id"])


def downgrade() -> None:
    op.drop_table("target_changes")
    op.drop_table("targets")
