"""Wave totals: the answer and respondent counts of each wave's active imports, added up.

The dashboard reads these instead of summing answer_counts over imports on every page run,
so what it reads no longer grows with the number of imports (daily kiosk uploads, one file
per commune). Filled here from the counts already stored.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_SLICES = ("wave_id", "attribute", "attribute_value", "unit_id", "field_code")
_COUNTS = ("n1", "n2", "n3", "n4", "n5")


def _slice_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("attribute", sa.String(length=32), nullable=False),
        sa.Column("attribute_value", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("field_code", sa.String(length=32), nullable=False),
    ]


def _references(table: str) -> list[sa.ForeignKeyConstraint]:
    """Named as the models' naming convention names them."""
    return [
        sa.ForeignKeyConstraint(["wave_id"], ["waves.id"], name=op.f(f"fk_{table}_wave_id_waves")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f(f"fk_{table}_unit_id_units")),
        sa.ForeignKeyConstraint(
            ["field_code"], ["fields.code"], name=op.f(f"fk_{table}_field_code_fields")
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "wave_answer_counts",
        *_slice_columns(),
        sa.Column("item_code", sa.String(length=32), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in _COUNTS),
        *_references("wave_answer_counts"),
        sa.PrimaryKeyConstraint(*_SLICES, "item_code", name=op.f("pk_wave_answer_counts")),
    )
    op.create_table(
        "wave_respondent_counts",
        *_slice_columns(),
        sa.Column("respondents", sa.BigInteger(), nullable=False),
        *_references("wave_respondent_counts"),
        sa.PrimaryKeyConstraint(*_SLICES, name=op.f("pk_wave_respondent_counts")),
    )
    keys = ", ".join(_SLICES)
    active = "SELECT id FROM imports WHERE status = 'active'"
    sums = ", ".join(f"SUM({name})" for name in _COUNTS)
    op.execute(
        f"INSERT INTO wave_answer_counts ({keys}, item_code, {', '.join(_COUNTS)}) "
        f"SELECT {keys}, item_code, {sums} FROM answer_counts "
        f"WHERE import_id IN ({active}) GROUP BY {keys}, item_code"
    )
    op.execute(
        f"INSERT INTO wave_respondent_counts ({keys}, respondents) "
        f"SELECT {keys}, SUM(respondents) FROM respondent_counts "
        f"WHERE import_id IN ({active}) GROUP BY {keys}"
    )


def downgrade() -> None:
    op.drop_table("wave_respondent_counts")
    op.drop_table("wave_answer_counts")
