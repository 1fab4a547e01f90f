"""`python -m sipas import | imports | rollback | template`: the upload page's pipeline on the
command line. An import is all or nothing unless --accept-valid-rows; --dry-run writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sipas.cli.operator import actor
from sipas.core import clock
from sipas.core import schema as s
from sipas.core.cells import write_csv
from sipas.core.i18n import t
from sipas.ingest.commit import commit_import, duplicate_message
from sipas.ingest.errors import IngestError
from sipas.ingest.national import ensure_provinces
from sipas.ingest.pipeline import DEFAULT_METHOD, ImportRequest, Prepared, prepare
from sipas.ingest.rollback import rollback
from sipas.ingest.summary import summary_lines
from sipas.ingest.template import aggregate_template, respondent_template, units_on
from sipas.ingest.waves import retype_wave
from sipas.reference.questionnaires import get_method
from sipas.storage.engine import transaction
from sipas.storage.imports import ADD, REPLACE, import_history
from sipas.storage.profiles import load_profile
from sipas.storage.reference import units_frame
from sipas.storage.waves import find_wave

Command = Callable[[Engine, argparse.Namespace], None]


def add_commands(commands: Any) -> dict[str, Command]:
    """Register the subcommands on argparse's subparsers; returns name → function."""
    run = commands.add_parser("import", help=t("import.cli.help"))
    run.add_argument("file", help=t("import.cli.file"))
    run.add_argument("--wave", help=t("import.cli.wave"))
    run.add_argument(
        "--kind",
        choices=(s.RESPONDENT_KIND, s.AGGREGATE_KIND),
        default=s.RESPONDENT_KIND,
        help=t("import.cli.kind"),
    )
    run.add_argument("--method", default=DEFAULT_METHOD, help=t("import.cli.method"))
    run.add_argument("--year", type=int, help=t("import.cli.year"))
    run.add_argument("--mapping", help=t("import.cli.mapping"))
    run.add_argument("--sheet", help=t("import.cli.sheet"))
    run.add_argument("--header-row", type=int, help=t("import.cli.header_row"))
    run.add_argument("--replace", action="store_true", help=t("import.cli.replace"))
    run.add_argument("--dry-run", action="store_true", help=t("import.cli.dry_run"))
    run.add_argument("--accept-valid-rows", action="store_true", help=t("import.cli.accept"))
    run.add_argument("--report", help=t("import.cli.report"))
    run.add_argument("--weighting", help=t("cli.indices.weighting"))
    run.add_argument(
        "--survey-type", choices=s.SURVEY_TYPES, default=s.OFFICIAL, help=t("statistics.cli.type")
    )
    run.add_argument("--national", action="store_true", help=t("national.cli.flag"))
    wave_type = commands.add_parser("wave-type", help=t("statistics.cli.wave_type"))
    wave_type.add_argument("wave", help=t("import.cli.wave"))
    wave_type.add_argument("survey_type", choices=s.SURVEY_TYPES, help=t("statistics.cli.type"))
    commands.add_parser("imports", help=t("import.cli.imports_help"))
    undo = commands.add_parser("rollback", help=t("import.cli.rollback_help"))
    undo.add_argument("import_id", type=int, help=t("import.cli.import_id"))
    template = commands.add_parser("template", help=t("import.cli.template_help"))
    template.add_argument("output", help=t("import.cli.output"))
    template.add_argument(
        "--kind", choices=(s.RESPONDENT_KIND, s.AGGREGATE_KIND), default=s.RESPONDENT_KIND
    )
    template.add_argument("--method", default=DEFAULT_METHOD, help=t("import.cli.method"))
    template.add_argument("--year", type=int, default=clock.today().year, help=t("import.cli.year"))
    return {
        "import": run_import,
        "imports": run_imports,
        "rollback": run_rollback,
        "template": run_template,
        "wave-type": run_wave_type,
    }


def run_wave_type(engine: Engine, args: argparse.Namespace) -> None:
    wave = retype_wave(engine, args.wave, args.survey_type, actor())
    label = t(f"statistics.survey_type.{wave.survey_type}")
    print(t("statistics.survey_type.set", wave=wave.code, label=label), file=sys.stderr)


def run_import(engine: Engine, args: argparse.Namespace) -> None:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise IngestError(
            t("import.cli.unreadable", file=args.file, error=error.strerror)
        ) from error
    wave = args.wave or _wave_from_name(path.name)
    if args.national:
        # The provinces the table names (reference data, also on a dry run).
        ensure_provinces(engine, actor())
    with transaction(engine) as session:
        profile = load_profile(session, args.mapping) if args.mapping else None
        request = ImportRequest(
            content=content,
            file_name=path.name,
            wave_code=wave,
            kind=s.AGGREGATE_KIND if args.national else args.kind,
            method_code=args.method,
            year=args.year,
            sheet=args.sheet,
            header_row=args.header_row,
            columns=profile.columns if profile else {},
            fields=profile.fields if profile else {},
            mode=REPLACE if args.replace else ADD,
            weighting=args.weighting,
            survey_type=s.NATIONAL if args.national else args.survey_type,
        )
        prepared = prepare(session, request)
    _report(prepared, args.report)
    if prepared.problem:
        raise IngestError(prepared.problem)
    if prepared.duplicate is not None:
        raise IngestError(duplicate_message(prepared.duplicate))
    if args.dry_run:
        if prepared.rows_rejected:
            raise IngestError(t("import.cli.dry_run_errors", rejected=prepared.rows_rejected))
        print(t("import.cli.dry_run_ok", rows=prepared.rows_accepted), file=sys.stderr)
        return
    result = commit_import(engine, prepared, actor(), args.accept_valid_rows)
    print(
        t(
            "import.cli.done",
            id=result.import_id,
            wave=result.wave_code,
            rows=result.rows_accepted,
            rejected=result.rows_rejected,
        ),
        file=sys.stderr,
    )


def _wave_from_name(name: str) -> str:
    found = re.search(r"(?<!\d)(20\d\d)(?!\d)", name)
    if not found:
        raise IngestError(t("import.cli.no_wave", file=name))
    return found.group(1)


def _report(prepared: Prepared, report: str | None) -> None:
    for line in summary_lines(prepared):
        print(line, file=sys.stderr)
    if report and len(prepared.issues):
        from sipas.ingest.report import annotated_workbook

        Path(report).write_bytes(
            annotated_workbook(prepared.sheet, prepared.header, prepared.issues)
        )
        print(t("import.cli.report_written", file=report), file=sys.stderr)


def run_imports(engine: Engine, _args: argparse.Namespace) -> None:
    with transaction(engine) as session:
        history = import_history(session)
    write_csv(history, sys.stdout, index=False, lineterminator="\n")


def run_rollback(engine: Engine, args: argparse.Namespace) -> None:
    wave = rollback(engine, args.import_id, actor())
    print(t("import.cli.rolled_back", id=args.import_id, wave=wave), file=sys.stderr)


def run_template(engine: Engine, args: argparse.Namespace) -> None:
    method = get_method(args.method)
    with transaction(engine) as session:
        units = units_frame(session)
        wave = find_wave(session, str(args.year))
    day = wave.reference_date if wave else dt.date(args.year, 12, 31)
    names = units_on(units, day)
    build = respondent_template if args.kind == s.RESPONDENT_KIND else aggregate_template
    Path(args.output).write_bytes(build(method, names))
    print(t("import.cli.template_written", file=args.output), file=sys.stderr)
