"""Σ q and Σ q² of the questionnaires' satisfied scores per slice, for intervals from the design.

SIPAS is a mean of item rates answered by the same people; its interval was a Wilson interval
on n questionnaires, about three times too wide. The counts now keep, per slice, the sum of
each questionnaire's satisfied score and of its square (sipas.method.design), so a view's
standard error is added up from slices without reading questionnaires. Imports made before
keep NULL: their waves stay on the Wilson interval until they are imported again.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 16:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = ("respondent_counts", "wave_respondent_counts")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("score_sum", sa.Float(), nullable=True))
        op.add_column(table, sa.Column("score_sumsq", sa.Float(), nullable=True))


def downgrade() -> None:
    for table in TABLES:  # plain ALTER TABLE, as in 0012
        op.drop_column(table, "score_sumsq")
        op.drop_column(table, "score_sum")
