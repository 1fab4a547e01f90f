"""The audit log sealed by the database: a hash chain over its entries, the time stamped by
the database's clock, and on PostgreSQL a trigger that does both whatever the client sends.

On PostgreSQL the BEFORE INSERT trigger (SECURITY DEFINER, owned by the owner role) takes a
transaction-wide advisory lock, so entries are chained in the order they get their ids, then
sets id, at (UTC, clock_timestamp()) and hash. TRUNCATE is refused by a trigger too; the app's
role gets no UPDATE, DELETE, TRUNCATE or TRIGGER privilege on the table (`sipas init` with an
owner URL, sipas.storage.roles). Existing entries are chained in id order here.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 16:20:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from sipas.storage.auditchain import entry_hash, format_at

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LOCK_KEY = 7_302_025  # pg_advisory_xact_lock key of the audit chain (any fixed number)

POSTGRES_FUNCTIONS = [
    """CREATE FUNCTION audit_log_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT length(coalesce(value, '')) || ':' || coalesce(value, '') $$""",
    f"""CREATE FUNCTION audit_log_seal() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    NEW.at := timezone('utc', clock_timestamp());
    SELECT hash INTO previous FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.hash := encode(sha256(convert_to(
        audit_log_field(previous) || audit_log_field(NEW.id::text)
        || audit_log_field(to_char(NEW.at, 'YYYY-MM-DD HH24:MI:SS.US'))
        || audit_log_field(NEW.actor) || audit_log_field(NEW.action)
        || audit_log_field(NEW.object) || audit_log_field(NEW.outcome)
        || audit_log_field(NEW.details), 'UTF8')), 'hex');
    RETURN NEW;
END $$""",
    """CREATE TRIGGER audit_log_seal BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_seal()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_log_no_{what.lower()} BEFORE {what} ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    for what in ("UPDATE", "DELETE")
]


def _chain_existing(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text("SELECT id, at, actor, action, object, outcome, details FROM audit_log ORDER BY id")
    ).all()
    previous: str | None = None
    for id_, at, actor, action, object_, outcome, details in rows:
        moment = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
        previous = entry_hash(previous, id_, format_at(moment), actor, action, object_, outcome, details)
        connection.execute(
            sa.text("UPDATE audit_log SET hash = :hash WHERE id = :id"), {"hash": previous, "id": id_}
        )


def upgrade() -> None:
    connection = op.get_bind()
    postgres = connection.dialect.name == "postgresql"
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    if postgres:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        _chain_existing(connection)
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        for statement in POSTGRES_FUNCTIONS:
            op.execute(statement)
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        _chain_existing(connection)
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_seal ON audit_log")
        op.execute("DROP FUNCTION audit_log_seal()")
        op.execute("DROP FUNCTION audit_log_field(text)")
        op.execute("ALTER TABLE audit_log DROP COLUMN hash")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
        with op.batch_alter_table("audit_log", schema=None) as batch_op:
            batch_op.drop_column("hash")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
