"""Who runs a command, as the audit log records it: `--actor NAME` when given, else the
person behind `sudo` (SUDO_USER: under sudo the process user is root, which says nothing),
else the operating-system user."""

from __future__ import annotations

import argparse
import getpass
import os

from sipas.core.i18n import t

_actor: dict[str, str] = {}


def add_argument(parser: argparse.ArgumentParser) -> None:
    """The global `--actor` option (before the command: `python -m sipas --actor an users …`)."""
    parser.add_argument("--actor", default=None, metavar="NAME", help=t("security.cli.actor"))


def set_from(args: argparse.Namespace) -> None:
    """Remember this call's `--actor` (if any) for every audit entry it writes."""
    given = (getattr(args, "actor", None) or "").strip()
    _actor.clear()
    if given:
        _actor["name"] = given[:100]


def actor() -> str:
    """The operator of this command (see the module's description)."""
    if _actor.get("name"):
        return _actor["name"]
    sudo_user = os.environ.get("SUDO_USER", "").strip()
    if sudo_user and sudo_user != "root":
        return sudo_user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"
