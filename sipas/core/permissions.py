"""Roles and the permissions they grant; checked on the server for every page and action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

VIEW: Final = "view"  # read every dashboard page
EXPORT: Final = "export"  # download reports, charts and tables
IMPORT: Final = "import"  # upload survey data
ROLLBACK: Final = "rollback"  # undo or replace an import
MANAGE_TARGETS: Final = "manage_targets"
MANAGE_TASKS: Final = "manage_tasks"
MANAGE_UNITS: Final = "manage_units"  # load a province, add, rename, retire units
MANAGE_ACCOUNTS: Final = "manage_accounts"
READ_AUDIT: Final = "read_audit"

LEADER: Final = "leader"  # Lãnh đạo
STAFF: Final = "staff"  # Chuyên viên Nội vụ
ADMIN: Final = "admin"  # Quản trị
ROLES: Final = (LEADER, STAFF, ADMIN)

# Leaders view everything and take away what they see (issue 7: exports are for "staff and
# leaders"; the audit log's own export stays behind READ_AUDIT); staff also import, roll back
# and manage targets (and tasks); administrators also manage accounts and read the log.
_LEADER = frozenset({VIEW, EXPORT})
_STAFF = _LEADER | {IMPORT, ROLLBACK, MANAGE_TARGETS, MANAGE_TASKS, MANAGE_UNITS}
_ADMIN = _STAFF | {MANAGE_ACCOUNTS, READ_AUDIT}
GRANTS: Final = {LEADER: _LEADER, STAFF: _STAFF, ADMIN: _ADMIN}


@dataclass(frozen=True)
class User:
    """Who is using the app: a username, a name to show, a role and an optional bound unit."""

    username: str
    display_name: str
    role: str
    unit_code: str | None = None

    def can(self, permission: str) -> bool:
        return permission in GRANTS.get(self.role, frozenset())
