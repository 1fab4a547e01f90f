"""Failed logins counted per client address too: an address is slowed, then locked; an
account is only ever slowed (login_throttle.locked_until now ends a short delay).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_address_throttle",
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("slowed_until", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_login_address_throttle")),
    )
    # Locks of the old kind (15 minutes per username) would outlast the new rules.
    op.execute("UPDATE login_throttle SET locked_until = NULL")


def downgrade() -> None:
    op.drop_table("login_address_throttle")
