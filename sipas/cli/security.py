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
from sipas.storage.engine import transaction


def add_parsers(commands: Any) -> None:
    """The `auth` and `audit` command groups."""
    auth = commands.add_parser("auth", help=t("security.cli.auth_help"))
    actions = auth.add_subparsers(dest="auth_command", required=True, metavar="ACTION")
    actions.add_parser("rotate-key", help=t("security.cli.rotate_help"))


def run_auth(engine: Engine, args: argparse.Namespace) -> None:
    """Rotate the cookie signing key: every cookie and every open session ends (audited)."""
    with transaction(engine) as session:
        accounts = login.rotate_key(session, actor())
    print(t("security.cli.rotated", accounts=accounts), file=sys.stderr)
