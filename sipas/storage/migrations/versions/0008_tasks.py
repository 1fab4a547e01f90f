"""Remediation tasks from survey findings: tasks, progress notes and their history.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("solution", sa.Text(), nullable=False),
        sa.Column("measure", sa.String(length=32), nullable=True),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("field_code", sa.String(length=32), nullable=True),
        sa.Column("wave_code", sa.String(length=32), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_n", sa.Integer(), nullable=True),
        sa.Column("lead_unit_code", sa.String(length=64), nullable=False),
        sa.Column("supporting_units", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("aim_value", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["field_code"], ["fields.code"], name=op.f("fk_tasks_field_code_fields")
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_code"], ["units.code"], name=op.f("fk_tasks_lead_unit_code_units")
        ),
        sa.ForeignKeyConstraint(["unit_code"], ["units.code"], name=op.f("fk_tasks_unit_code_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_index(op.f("ix_tasks_deadline"), "tasks", ["deadline"], unique=False)
    op.create_index(op.f("ix_tasks_lead_unit_code"), "tasks", ["lead_unit_code"], unique=False)
    op.create_index(op.f("ix_tasks_unit_code"), "tasks", ["unit_code"], unique=False)
    for table in ("task_changes", "task_notes"):
        columns = (
            [
                sa.Column("version", sa.Integer(), nullable=False),
                sa.Column("at", sa.DateTime(), nullable=False),
                sa.Column("actor", sa.String(length=100), nullable=False),
                sa.Column("action", sa.String(length=20), nullable=False),
                sa.Column("changes", sa.Text(), nullable=False),
                sa.Column("reason", sa.Text(), nullable=False),
            ]
            if table == "task_changes"
            else [
                sa.Column("day", sa.Date(), nullable=False),
                sa.Column("text", sa.Text(), nullable=False),
                sa.Column("at", sa.DateTime(), nullable=False),
                sa.Column("actor", sa.String(length=100), nullable=False),
            ]
        )
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("task_id", sa.Integer(), nullable=False),
            *columns,
            sa.ForeignKeyConstraint(
                ["task_id"], ["tasks.id"], name=op.f(f"fk_{table}_task_id_tasks")
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_task_id"), table, ["task_id"], unique=False)


def downgrade() -> None:
    for table in ("task_notes", "task_changes"):
        op.drop_index(op.f(f"ix_{table}_task_id"), table_name=table)
        op.drop_table(table)
    for column in ("unit_code", "lead_unit_code", "deadline"):
        op.drop_index(op.f(f"ix_tasks_{column}"), table_name="tasks")
    op.drop_table("tasks")
