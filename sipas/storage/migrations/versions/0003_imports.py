"""Excel import: import history (mode, supersession, rollback), withdrawn waves, published
results of aggregate waves, named column-mapping profiles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ACTIVE = sa.text("status = 'active'")


def upgrade() -> None:
    with op.batch_alter_table("waves", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="active", nullable=False)
        )
        batch_op.add_column(sa.Column("created_by_import", sa.Integer(), nullable=True))
        # A wave withdrawn by rolling back the import that created it frees its code.
        batch_op.drop_constraint("uq_waves_code", type_="unique")
    op.create_index(
        "uq_waves_active_code",
        "waves",
        ["code"],
        unique=True,
        sqlite_where=_ACTIVE,
        postgresql_where=_ACTIVE,
    )
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mode", sa.String(length=20), server_default="add", nullable=False)
        )
        batch_op.add_column(sa.Column("sheet", sa.String(length=200), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("valid_rows_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("superseded_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rolled_back_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("rolled_back_by", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("mapping", sa.Text(), server_default="", nullable=False))
        batch_op.create_index("ix_imports_status", ["status"], unique=False)
    op.create_table(
        "published_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("field_code", sa.String(length=32), nullable=True),
        sa.Column("element_code", sa.String(length=32), nullable=True),
        sa.Column("index_value", sa.Float(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=True),
        sa.Column("published_rank", sa.Integer(), nullable=True),
        sa.Column("change_text", sa.String(length=100), nullable=True),
        sa.Column("row_no", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_published_results_import_id_imports")
        ),
        sa.ForeignKeyConstraint(
            ["wave_id"], ["waves.id"], name=op.f("fk_published_results_wave_id_waves")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_published_results_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["field_code"], ["fields.code"], name=op.f("fk_published_results_field_code_fields")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_results")),
    )
    with op.batch_alter_table("published_results", schema=None) as batch_op:
        batch_op.create_index("ix_published_results_wave_id", ["wave_id"], unique=False)
        batch_op.create_index("ix_published_results_import_id", ["import_id"], unique=False)
    op.create_table(
        "import_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("field_map", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_profiles")),
        sa.UniqueConstraint("name", name=op.f("uq_import_profiles_name")),
    )


def downgrade() -> None:
    op.drop_table("import_profiles")
    op.drop_table("published_results")
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.drop_index("ix_imports_status")
        for column in (
            "mapping",
            "rolled_back_by",
            "rolled_back_at",
            "superseded_by",
            "valid_rows_only",
            "sheet",
            "mode",
        ):
            batch_op.drop_column(column)
    op.drop_index("uq_waves_active_code", table_name="waves")
    with op.batch_alter_table("waves", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_waves_code", ["code"])
        batch_op.drop_column("created_by_import")
        batch_op.drop_column("status")
