"""`python -m sipas`: automation and checking the numbers without a browser.

Every command uses SIPAS_DATABASE_URL (default: the embedded SQLite file) and exits non-zero
with a Vietnamese message on error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from sipas.accounts.registry import AccountError
from sipas.cli import operator
from sipas.cli import security as cli_security
from sipas.cli import users as cli_users
from sipas.cli.gaps import GapCliError, add_gaps_parser, run_gaps
from sipas.cli.imports import add_commands as add_import_commands
from sipas.cli.report import ReportCliError, add_report_parser, run_report
from sipas.cli.targets import TargetCliError, add_targets_parser, run_targets
from sipas.cli.tasks import TaskCliError, add_tasks_parser, run_tasks
from sipas.cli.units import add_units_parser, run_units
from sipas.core import schema as s
from sipas.core.cells import write_csv
from sipas.core.i18n import t
from sipas.dashboard.tables import indices_table
from sipas.export.official.letterhead import LetterheadError
from sipas.export.word.template import TemplateError
from sipas.ingest.errors import IngestError
from sipas.method.results import Selection, SelectionError, select
from sipas.reference.questionnaires import MethodError
from sipas.reference.units import UnitListError
from sipas.setup.bootstrap import initialise, seed_demo_targets
from sipas.setup.demo import DemoError, load_demo
from sipas.setup.demo_national import ensure_demo_national
from sipas.storage import failures
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.imports import ImportHistoryError
from sipas.storage.migrate import is_up_to_date
from sipas.storage.profiles import ProfileError
from sipas.storage.reference import units_frame
from sipas.storage.surveydata import UnknownUnitError
from sipas.storage.waves import WaveError
from sipas.targets.registry import TargetError
from sipas.tasks.workflow import TaskError

# Errors whose message is meant for the user; anything else is a bug and keeps its traceback.
USER_ERRORS = (
    MethodError,
    WaveError,
    SelectionError,
    DemoError,
    UnitListError,
    UnknownUnitError,
    AccountError,
    GapCliError,
    TargetCliError,
    TargetError,
    TaskCliError,
    TaskError,
    IngestError,
    ImportHistoryError,
    ProfileError,
    ReportCliError,
    TemplateError,
    LetterheadError,
    cli_security.ChainBroken,
)
OWNER_URL_ENV = "SIPAS_OWNER_DATABASE_URL"
BY_CHOICES = (s.UNIT, s.FIELD, s.ELEMENT, *s.ATTRIBUTES)


class CliError(RuntimeError):
    """A failure reported to the user with a Vietnamese message."""


class _Parser(argparse.ArgumentParser):
    """argparse with a Vietnamese lead for its (English) complaints about arguments."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{t('cli.error')}: {t('cli.bad_arguments', detail=message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sipas", description=t("cli.description"))
    operator.add_argument(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", help=t("cli.init.help"))
    init.add_argument("--owner-url", default=None, help=t("security.cli.owner_url"))
    commands.add_parser("demo", help=t("cli.demo.help"))
    indices = commands.add_parser("indices", help=t("cli.indices.help"))
    indices.add_argument("--wave", required=True, help=t("cli.indices.wave"))
    indices.add_argument(
        "--by", default="", help=t("cli.indices.by", choices=", ".join(BY_CHOICES))
    )
    indices.add_argument("--unit", action="append", default=[], help=t("cli.indices.unit"))
    indices.add_argument("--field", action="append", default=[], help=t("cli.indices.field"))
    indices.add_argument("--weighting", help=t("cli.indices.weighting"))
    cli_users.add_parser(commands)
    cli_security.add_parsers(commands)
    add_gaps_parser(commands)
    add_targets_parser(commands)
    add_tasks_parser(commands)
    add_report_parser(commands)
    add_units_parser(commands)
    COMMANDS.update(add_import_commands(commands))
    return parser


def run_init(engine: Engine, args: argparse.Namespace) -> None:
    owner_url = args.owner_url or os.environ.get(OWNER_URL_ENV)
    if not owner_url:
        initialise(engine)
    elif (role := cli_security.run_init_as_owner(engine, owner_url)) is not None:
        print(t("security.cli.granted", role=role), file=sys.stderr)
    print(t("cli.init.done"), file=sys.stderr)


def run_demo(engine: Engine, _args: argparse.Namespace) -> None:
    initialise(engine)
    with transaction(engine) as session:
        codes = load_demo(session)
        seed_demo_targets(session)
    codes += ensure_demo_national(engine)
    print(t("cli.demo.done", waves=", ".join(codes)), file=sys.stderr)


def run_indices(engine: Engine, args: argparse.Namespace) -> None:
    by = [part.strip() for part in args.by.split(",") if part.strip()]
    unknown = [part for part in by if part not in BY_CHOICES]
    if unknown:
        raise CliError(
            t("cli.indices.bad_by", value=", ".join(unknown), choices=", ".join(BY_CHOICES))
        )
    attributes = [part for part in by if part in s.ATTRIBUTES]
    if len(attributes) > 1:
        raise CliError(t("errors.selection.one_attribute"))
    attribute = attributes[0] if attributes else ""
    _require_schema(engine)
    with transaction(engine) as session:
        counts = load_wave_counts(session, args.wave, attribute)
        units = units_frame(session)
        unit_names: dict[str, str] = dict(zip(units["code"], units["name"], strict=True))
    selection = Selection(units=tuple(args.unit), fields=tuple(args.field))
    table = indices_table(select(counts, selection), unit_names, by, args.weighting)
    write_csv(table, sys.stdout, index=False, float_format="%.4f", lineterminator="\n")


def run_users(engine: Engine, args: argparse.Namespace) -> None:
    _require_schema(engine)
    cli_users.run_users(engine, args)


def run_auth(engine: Engine, args: argparse.Namespace) -> None:
    _require_schema(engine)
    cli_security.run_auth(engine, args)


def run_audit(engine: Engine, args: argparse.Namespace) -> None:
    _require_schema(engine)
    cli_security.run_audit(engine, args)


def _require_schema(engine: Engine) -> None:
    if not is_up_to_date(engine):
        raise CliError(t("errors.storage.not_initialised"))


COMMANDS: dict[str, Callable[[Engine, argparse.Namespace], None]] = {
    "init": run_init,
    "demo": run_demo,
    "indices": run_indices,
    "users": run_users,
    "auth": run_auth,
    "audit": run_audit,
    "gaps": run_gaps,
    "targets": run_targets,
    "tasks": run_tasks,
    "report": run_report,
    "units": run_units,
}


IMPORT_COMMANDS = ("import", "imports", "rollback", "template")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code (0 on success)."""
    args = build_parser().parse_args(argv)
    operator.set_from(args)
    engine = make_engine()
    try:
        if args.command in IMPORT_COMMANDS:
            _require_schema(engine)
        COMMANDS[args.command](engine, args)
    except (CliError, *USER_ERRORS) as error:
        print(f"{t('cli.error')}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; that is not an error of ours.
        sys.stderr.close()
        return 0
    except SQLAlchemyError as error:
        # a sentence, never the statement: an import's failing INSERT carries respondents' rows
        print(f"{t('cli.error')}: {failures.describe(error)}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
