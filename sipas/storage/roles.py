"""PostgreSQL privileges of the app's own role, set by `sipas init` run as the owner role.

The owner role owns every table and runs the migrations; the app connects as a role that may
read and write the data, but on the audit log only INSERT and SELECT: no UPDATE, DELETE,
TRUNCATE, REFERENCES or TRIGGER, and no ownership (so no ALTER TABLE … DISABLE TRIGGER, no
DROP). The migration history it may only read.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, text

AUDIT_TABLE = "audit_log"
READ_ONLY_TABLES = ("alembic_version",)


def grant_statements(app_role: str, quote: Callable[[str], str]) -> list[str]:
    """The GRANT and REVOKE statements for `app_role`; `quote` quotes an identifier."""
    role = quote(app_role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {role}",
        f"REVOKE UPDATE, DELETE ON {AUDIT_TABLE} FROM {role}",
        *(f"REVOKE INSERT, UPDATE, DELETE ON {name} FROM {role}" for name in READ_ONLY_TABLES),
    ]


def grant_app_role(owner: Engine, app_role: str) -> None:
    """Give `app_role` the privileges above on the owner's schema (PostgreSQL only; run after
    every migration, so that new tables are covered)."""
    if owner.dialect.name != "postgresql":
        return
    quote = owner.dialect.identifier_preparer.quote
    with owner.begin() as connection:
        for statement in grant_statements(app_role, quote):
            connection.execute(text(statement))
