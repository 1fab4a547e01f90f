"""`python -m sipas auth rotate-key` and `python -m sipas audit verify`: the commands an
administrator of the server runs after a leak, or to check that nobody rewrote the log."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy import Engine

from sipas.accounts import login
from sipas.cli.operator import actor
from sipas.core.i18n import t
from sipas.setup.bootstrap import initialise
from sipas.storage.auditchain import verify_chain
from sipas.storage.engine import make_engine, transaction
from sipas.storage.roles import grant_app_role


def add_parsers(commands: Any) -> None:
    """The `auth` and `audit` command groups."""
    auth = commands.add_parser("auth", help=t("security.cli.auth_help"))
    actions = auth.add_subparsers(dest="auth_command", required=True, metavar="ACTION")
    actions.add_parser("rotate-key", help=t("security.cli.rotate_help"))
    audit = commands.add_parser("audit", help=t("security.cli.audit_help"))
    checks = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    checks.add_parser("verify", help=t("security.cli.verify_help"))


class ChainBroken(RuntimeError):
    """`audit verify` found a broken link; the message is Vietnamese."""


def run_auth(engine: Engine, args: argparse.Namespace) -> None:
    """Rotate the cookie signing key: every cookie and every open session ends (audited)."""
    with transaction(engine) as session:
        accounts = login.rotate_key(session, actor())
    print(t("security.cli.rotated", accounts=accounts), file=sys.stderr)


def run_audit(engine: Engine, _args: argparse.Namespace) -> None:
    """Recompute the audit log's hash chain; raises ChainBroken at the first broken link."""
    with transaction(engine) as session:
        report = verify_chain(session)
    if not report.intact:
        raise ChainBroken(
            t(
                "security.cli.chain_broken",
                id=report.broken_id,
                checked=report.checked,
                stored=report.stored or "—",
                expected=report.expected,
            )
        )
    print(t("security.cli.chain_intact", checked=report.checked), file=sys.stderr)


def run_init_as_owner(app_engine: Engine, owner_url: str) -> str | None:
    """Migrate as the owner role, then give the app's role its privileges (PostgreSQL);
    returns the app's role, or None when it is the owner itself."""
    owner = make_engine(owner_url)
    try:
        initialise(owner)
        app_role = app_engine.url.username
        if not app_role or app_role == owner.url.username:
            return None
        grant_app_role(owner, app_role)
        return app_role
    finally:
        owner.dispose()
