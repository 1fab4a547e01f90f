"""`python -m sipas users …`: accounts from the command line (also the way to create the
first administrator of a new database). Changes are recorded in the audit log with the
operator as the actor (sipas.cli.operator)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from sipas.accounts import audit as auditlog
from sipas.accounts import registry as accounts
from sipas.accounts.registry import AccountError
from sipas.accounts.settings import password_min_length
from sipas.accounts.views import accounts_display
from sipas.cli.operator import actor
from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import ROLES
from sipas.storage.accounts import accounts_frame
from sipas.storage.engine import transaction


class PasswordInputError(AccountError):
    """The password could not be read, or the two entries differ."""


def add_parser(commands: Any) -> None:
    """The `users` command group, added to the main parser's sub-commands."""
    users = commands.add_parser("users", help=t("cli.users.help"))
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help=t("cli.users.add"))
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES, help=t("cli.users.role"))
    add.add_argument("--name", default="", help=t("cli.users.name"))
    add.add_argument("--unit", default=None, help=t("cli.users.unit"))
    add.add_argument("--password", default=None, help=t("cli.users.password"))
    actions.add_parser("list", help=t("cli.users.list"))
    password = actions.add_parser("set-password", help=t("cli.users.set_password"))
    password.add_argument("username")
    password.add_argument("--password", default=None, help=t("cli.users.password"))
    role = actions.add_parser("set-role", help=t("cli.users.set_role"))
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES, help=t("cli.users.role"))
    unit = actions.add_parser("set-unit", help=t("cli.users.set_unit"))
    unit.add_argument("username")
    unit.add_argument("--unit", default=None, help=t("cli.users.unit_or_none"))
    for name in ("deactivate", "activate", "unlock"):
        actions.add_parser(name, help=t(f"cli.users.{name}")).add_argument("username")


def read_password(given: str | None) -> str:
    """--password, or typed twice at a terminal, or one line from a pipe."""
    if given is not None:
        return given
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise PasswordInputError(t("cli.users.no_password"))
        return line
    first = getpass.getpass(t("cli.users.prompt"))
    if first != getpass.getpass(t("cli.users.prompt_again")):
        raise PasswordInputError(t("accounts.passwords_differ"))
    return first


def _change(engine: Engine, action: str, username: str, work: Callable[[Any], Any]) -> Any:
    change = auditlog.Change(actor(), action, accounts.normalise_username(username), {"via": "cli"})
    return auditlog.audited(engine, change, work, (AccountError,))


def run_users(engine: Engine, args: argparse.Namespace) -> None:
    """Dispatch one `users` action; prints what was done on stderr, the list on stdout."""
    command, who, name = args.users_command, actor(), getattr(args, "username", "")
    if command == "list":
        with transaction(engine) as session:
            shown = accounts_display(accounts_frame(session), clock.now())
        print(shown.to_string(index=False) if len(shown) else t("cli.users.none"))
        return
    if command == "add":
        secret = read_password(args.password)
        info = _change(
            engine,
            auditlog.ACCOUNT_ADD,
            name,
            lambda s: accounts.add_account(
                s,
                who,
                name,
                args.role,
                secret,
                display_name=args.name,
                unit_code=args.unit,
                min_length=password_min_length(),
            ),
        )
        print(t("accounts.done.added", username=info.username), file=sys.stderr)
        return
    action, work, done = _simple_action(args, who)
    result = _change(engine, action, name, work)
    print(done(result), file=sys.stderr)


def _simple_action(
    args: argparse.Namespace, who: str
) -> tuple[str, Callable[[Any], Any], Callable[[Any], str]]:
    name, command = args.username, args.users_command
    if command == "set-password":
        secret = read_password(args.password)
        return (
            auditlog.ACCOUNT_PASSWORD,
            lambda s: accounts.set_password(s, who, name, secret, password_min_length()),
            lambda info: t("accounts.done.password", username=info.username),
        )
    simple: dict[str, tuple[str, Callable[[Any], Any], str]] = {
        "set-role": (
            auditlog.ACCOUNT_ROLE,
            lambda s: accounts.set_role(s, who, name, args.role),
            "accounts.done.saved",
        ),
        "set-unit": (
            auditlog.ACCOUNT_UNIT,
            lambda s: accounts.set_unit(s, who, name, args.unit),
            "accounts.done.saved",
        ),
        "deactivate": (
            auditlog.ACCOUNT_DEACTIVATE,
            lambda s: accounts.deactivate(s, who, name),
            "accounts.done.deactivated",
        ),
        "activate": (
            auditlog.ACCOUNT_ACTIVATE,
            lambda s: accounts.activate(s, who, name),
            "accounts.done.activated",
        ),
        "unlock": (
            auditlog.ACCOUNT_UNLOCK,
            lambda s: accounts.unlock(s, who, name),
            "accounts.done.unlocked",
        ),
    }
    action, work, key = simple[command]
    if command == "unlock":
        return (
            action,
            work,
            lambda cleared: t(key if cleared else "accounts.done.not_locked", username=name),
        )
    return action, work, lambda _info: t(key, username=accounts.normalise_username(name))
