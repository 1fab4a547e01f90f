"""`python -m sipas tasks list | export | import`: remediation tasks as CSV, the directive's
annex written to a file, and tasks created in bulk from an annex in the name of an account."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sipas.core import clock
from sipas.core.cells import write_csv
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.storage.accounts import find_account
from sipas.storage.engine import transaction
from sipas.storage.migrate import is_up_to_date
from sipas.storage.reference import units_frame
from sipas.storage.tasks import SPEC_FIELDS, list_tasks
from sipas.tasks.annex import annex_xlsx, import_annex, read_annex, resolver_for
from sipas.tasks.workflow import SHOWN_STATUSES, TaskError, ordered, shown_status

FORMATS = ("csv",)
COLUMNS = ["id", "status", *SPEC_FIELDS, "result", "source", "created_by", "updated_at"]


class TaskCliError(ValueError):
    """The tasks command cannot run; Vietnamese message."""


def add_tasks_parser(commands: Any) -> None:
    tasks = commands.add_parser("tasks", help=t("cli.tasks.help"))
    actions = tasks.add_subparsers(dest="tasks_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=t("cli.tasks.list"))
    listing.add_argument("--unit", help=t("cli.tasks.unit"))
    listing.add_argument("--status", help=t("cli.tasks.status", choices=", ".join(SHOWN_STATUSES)))
    listing.add_argument("--format", default="csv", choices=FORMATS, help=t("cli.tasks.format"))
    export = actions.add_parser("export", help=t("cli.tasks.export"))
    export.add_argument("file", help=t("cli.tasks.file"))
    upload = actions.add_parser("import", help=t("cli.tasks.import"))
    upload.add_argument("file", help=t("cli.tasks.file"))
    upload.add_argument("--user", required=True, help=t("cli.tasks.user"))
    upload.add_argument("--dry-run", action="store_true", help=t("cli.tasks.dry_run"))


def run_tasks(engine: Engine, args: argparse.Namespace) -> None:
    if not is_up_to_date(engine):
        raise TaskCliError(t("errors.storage.not_initialised"))
    {"list": _list, "export": _export, "import": _import}[args.tasks_action](engine, args)


def _list(engine: Engine, args: argparse.Namespace) -> None:
    if args.status and args.status not in SHOWN_STATUSES:
        choices = ", ".join(SHOWN_STATUSES)
        raise TaskCliError(t("cli.tasks.bad_status", value=args.status, choices=choices))
    today = clock.today()
    with transaction(engine) as session:
        records = ordered(list_tasks(session), today)
        units = set(units_frame(session)["code"])
    if args.unit and args.unit not in units:
        raise TaskCliError(t("tasks.errors.unknown_unit", code=args.unit))
    rows = [
        {
            "id": record.id,
            "status": shown_status(record, today),
            **asdict(record.spec),
            "supporting_units": ",".join(record.spec.supporting_units),
            "result": record.result,
            "source": record.source,
            "created_by": record.created_by,
            "updated_at": record.updated_at.isoformat(timespec="seconds"),
        }
        for record in records
        if (not args.unit or args.unit in record.units)
        and (not args.status or shown_status(record, today) == args.status)
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"baseline_n": "Int64"})
    write_csv(frame, sys.stdout, index=False, lineterminator="\n")


def _export(engine: Engine, args: argparse.Namespace) -> None:
    today = clock.today()
    with transaction(engine) as session:
        records = ordered(list_tasks(session), today)
        units = units_frame(session)
    names = dict(zip(units["code"], units["full_name"], strict=True))
    Path(args.file).write_bytes(annex_xlsx(records, names, today))
    print(t("cli.tasks.exported", count=len(records), file=args.file), file=sys.stderr)


def _import(engine: Engine, args: argparse.Namespace) -> None:
    path = Path(args.file)
    if not path.is_file():
        raise TaskCliError(t("cli.tasks.no_file", file=args.file))
    content = path.read_bytes()
    with transaction(engine) as session:
        user = _acting_user(session, args.user)
        if args.dry_run:
            reading = read_annex(content, path.name, resolver_for(session), list_tasks(session))
            if reading.problems:
                raise TaskError(reading.problems)
            print(t("cli.tasks.checked", count=len(reading.rows)), file=sys.stderr)
            return
    with transaction(engine) as session:
        created = import_annex(session, content, path.name, user)
    print(t("cli.tasks.imported", count=len(created)), file=sys.stderr)


def _acting_user(session: Any, username: str) -> User:
    account = find_account(session, username.strip().lower())
    if account is None or not account.is_active:
        raise TaskCliError(t("cli.tasks.no_user", user=username))
    return User(account.username, account.display_name, account.role, account.unit_code)
