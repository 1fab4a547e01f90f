"""Demo accounts (one per role) for the embedded demo, from data/demo_accounts.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from sqlalchemy.orm import Session

from sipas.accounts.registry import add_account
from sipas.core.config import DEMO_ACCOUNTS_FILE
from sipas.storage import accounts as store

ACTOR = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    unit_code: str | None
    password: str


@cache
def demo_accounts() -> tuple[DemoAccount, ...]:
    """The demo accounts as listed in the data file."""
    raw = yaml.safe_load(DEMO_ACCOUNTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        DemoAccount(
            username=entry["username"],
            display_name=entry["display_name"],
            role=entry["role"],
            unit_code=entry.get("unit"),
            password=str(raw["password"]),
        )
        for entry in raw["accounts"]
    )


def ensure_demo_accounts(session: Session) -> list[str]:
    """Create the demo accounts when the database has no account at all; returns the
    usernames created (none when any account exists, so real ones are never mixed in)."""
    if store.count_accounts(session):
        return []
    for demo in demo_accounts():
        add_account(
            session,
            ACTOR,
            demo.username,
            demo.role,
            demo.password,
            display_name=demo.display_name,
            unit_code=demo.unit_code,
            is_demo=True,
        )
    return [demo.username for demo in demo_accounts()]


def usable_demo_accounts(session: Session) -> list[DemoAccount]:
    """The demo accounts that still exist, are active and keep their published password."""
    usable = {row.username for row in store.demo_accounts(session)}
    return [demo for demo in demo_accounts() if demo.username in usable]
