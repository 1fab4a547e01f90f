"""n, Σ q and Σ q² per slice × measure (SIPAS, each pillar, each element), per import and as
wave totals: the design-based intervals of pillars and elements.

Pillars and elements had the Wilson interval on n; like SIPAS since 0015, each questionnaire
now gets its satisfied share over the pillar's or element's items it answered
(sipas.method.design.measure_scores), and imports keep its sums per slice, so a view's
standard error is added up from slices without reading questionnaires. Imports made before
keep no rows: a group holding any of their slices stays on the Wilson interval until they are
imported again (sipas.method.moments).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _sums(count: sa.types.TypeEngine[int]) -> list[sa.Column[object]]:
    return [
        sa.Column("respondents", count, nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("score_sumsq", sa.Float(), nullable=False),
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


def _slice() -> list[sa.Column[object]]:
    return [
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("field_code", sa.String(length=32), nullable=False),
        sa.Column("attribute", sa.String(length=32), nullable=False),
        sa.Column("attribute_value", sa.String(length=32), nullable=False),
        sa.Column("measure_code", sa.String(length=32), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    keys = ("unit_id", "field_code", "attribute", "attribute_value", "measure_code")
    op.create_table(
        "measure_moments",
        sa.Column("import_id", sa.Integer(), nullable=False),
        *_slice(),
        *_sums(sa.Integer()),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_measure_moments_import_id_imports")
        ),
        *_references("measure_moments"),
        sa.PrimaryKeyConstraint("import_id", *keys, name=op.f("pk_measure_moments")),
    )
    with op.batch_alter_table("measure_moments", schema=None) as batch_op:
        batch_op.create_index("ix_measure_moments_wave_attribute", ["wave_id", "attribute"])
    wave_keys = ("wave_id", "attribute", "attribute_value", "unit_id", "field_code")
    op.create_table(
        "wave_measure_moments",
        *_slice(),
        *_sums(sa.BigInteger()),
        *_references("wave_measure_moments"),
        sa.PrimaryKeyConstraint(*wave_keys, "measure_code", name=op.f("pk_wave_measure_moments")),
    )


def downgrade() -> None:
    op.drop_table("wave_measure_moments")
    op.drop_table("measure_moments")
