"""`python -m sipas units …`: a province's units from the official map, the unit list, and
the departments and agencies staff add, rename and retire (audited, the operating-system user
as the actor)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select

from sipas.accounts import audit as auditlog
from sipas.cli.operator import actor
from sipas.core import clock
from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.successors import rebind, rebindings
from sipas.reference.units import UnitListError, UnitRecord
from sipas.setup.provinces import load_province
from sipas.storage import units as stored
from sipas.storage.engine import transaction
from sipas.storage.migrate import is_up_to_date
from sipas.storage.models.accounts import Account


class UnitCliError(UnitListError):
    """The units command cannot run; Vietnamese message."""


def add_units_parser(commands: Any) -> None:
    units = commands.add_parser("units", help=t("units.cli.help"))
    actions = units.add_subparsers(dest="units_command", required=True, metavar="ACTION")
    load = actions.add_parser("load", help=t("units.cli.load"))
    load.add_argument("--province", required=True, help=t("units.cli.province"))
    listing = actions.add_parser("list", help=t("units.cli.list"))
    listing.add_argument("--level", choices=s.UNIT_LEVELS, help=t("units.cli.level"))
    listing.add_argument("--on", type=_day, help=t("units.cli.on"))
    listing.add_argument("--format", choices=("table", "csv"), default="table")
    add = actions.add_parser("add", help=t("units.cli.add"))
    add.add_argument("code")
    add.add_argument("--name", required=True, help=t("units.cli.name"))
    add.add_argument("--full-name", default="", help=t("units.cli.full_name"))
    add.add_argument("--level", required=True, choices=s.UNIT_LEVELS, help=t("units.cli.level"))
    add.add_argument("--type", default="", help=t("units.cli.type"))
    add.add_argument("--parent", default=None, help=t("units.cli.parent"))
    add.add_argument("--valid-from", type=_day, default=None, help=t("units.cli.valid_from"))
    add.add_argument("--valid-to", type=_day, default=None, help=t("units.cli.valid_to"))
    rename = actions.add_parser("rename", help=t("units.cli.rename"))
    rename.add_argument("code")
    rename.add_argument("--name", required=True, help=t("units.cli.name"))
    rename.add_argument("--full-name", default=None, help=t("units.cli.full_name"))
    rebind = actions.add_parser("rebind", help=t("units.rebind.cli_help"))
    rebind.add_argument("--dry-run", action="store_true", help=t("units.rebind.dry_run"))
    retire = actions.add_parser("retire", help=t("units.cli.retire"))
    retire.add_argument("code")
    retire.add_argument("--on", type=_day, default=None, help=t("units.cli.retire_on"))


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(t("units.cli.bad_day", value=text)) from error


def run_units(engine: Engine, args: argparse.Namespace) -> None:
    """Dispatch one `units` action: the list on stdout, what was done on stderr."""
    if not is_up_to_date(engine):
        raise UnitCliError(t("errors.storage.not_initialised"))
    command = args.units_command
    if command == "load":
        province, report = load_province(engine, args.province, actor())
        print(t("units.cli.loaded", province=province.full_name, **vars(report)), file=sys.stderr)
    elif command == "list":
        _print_list(engine, args)
    elif command == "rebind":
        _rebind(engine, args.dry_run)
    else:
        _change(engine, command, args)


def _print_list(engine: Engine, args: argparse.Namespace) -> None:
    with transaction(engine) as session:
        frame = stored.list_units(session, args.level, args.on)
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        print(frame.to_string(index=False) if len(frame) else t("units.cli.none"))


def _rebind(engine: Engine, dry_run: bool) -> None:
    """Bind every account bound to an ended unit to that unit's heaviest successor."""
    with transaction(engine) as session:
        units = stored.list_units(session)
        links = stored.successors_frame(session)
        bound = session.execute(
            select(Account.username, Account.unit_code).where(Account.unit_code.is_not(None))
        ).all()
    moves = rebindings(((u, c) for u, c in bound if c), units, links, clock.today())
    who = actor()
    for move in moves:
        print(t("units.rebind.cli_line", username=move.username, old=move.old, new=move.new))
        if not dry_run:
            rebind(engine, who, move, "cli")
    if not moves:
        print(t("units.rebind.cli_none"), file=sys.stderr)


def _change(engine: Engine, command: str, args: argparse.Namespace) -> None:
    who = actor()
    work: Callable[[Any], None]
    if command == "add":
        record = UnitRecord(
            code=args.code.strip(),
            name=args.name.strip(),
            full_name=(args.full_name or args.name).strip(),
            level=args.level,
            unit_type=args.type,
            parent_code=args.parent,
            valid_from=args.valid_from,
            valid_to=args.valid_to,
        )
        work = lambda session: stored.add_unit(session, who, record)  # noqa: E731
    elif command == "rename":
        work = lambda session: stored.rename_unit(  # noqa: E731
            session, who, args.code, args.name, args.full_name
        )
    else:
        last_day = args.on or clock.today()
        work = lambda session: stored.retire_unit(session, who, args.code, last_day)  # noqa: E731
    action = {"add": stored.ADD, "rename": stored.RENAME, "retire": stored.RETIRE}[command]
    change = auditlog.Change(who, action, args.code, {"via": "cli"})
    auditlog.audited(engine, change, work, (UnitListError,))
    print(t(f"units.cli.{command}_done", code=args.code), file=sys.stderr)
