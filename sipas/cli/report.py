"""`python -m sipas report`: the survey report of a wave (or the directive draft to the units
below their targets) as an editable Word file, the same document as the overview's button."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sipas.core import clock
from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.filterstate import FilterState
from sipas.export.official.documents import directive_docx, report_docx
from sipas.export.official.sources import read_sources
from sipas.export.word.template import DIRECTIVE, KINDS, REPORT
from sipas.storage.engine import transaction
from sipas.storage.migrate import is_up_to_date


class ReportCliError(ValueError):
    """Bad arguments of the report command; Vietnamese message."""


def add_report_parser(commands: Any) -> None:
    report = commands.add_parser("report", help=t("word.cli.help"))
    report.add_argument("--wave", required=True, help=t("word.cli.wave"))
    report.add_argument("--level", choices=s.UNIT_LEVELS, default="", help=t("word.cli.level"))
    report.add_argument("--parent", default="", help=t("word.cli.parent"))
    report.add_argument("--kind", choices=KINDS, default=REPORT, help=t("word.cli.kind"))
    report.add_argument("-o", "--output", required=True, type=Path, help=t("word.cli.output"))


def run_report(engine: Engine, args: argparse.Namespace) -> None:
    if args.output.suffix.lower() != ".docx":
        raise ReportCliError(t("word.cli.bad_output", path=args.output))
    if not is_up_to_date(engine):
        raise ReportCliError(t("errors.storage.not_initialised"))
    state = FilterState(wave=args.wave, level=args.level, parent=args.parent)
    with transaction(engine) as session:
        sources = read_sources(session, state)
    make = directive_docx if args.kind == DIRECTIVE else report_docx
    content = make(sources, clock.today())
    try:
        args.output.write_bytes(content)
    except OSError as error:
        raise ReportCliError(t("word.cli.unwritable", path=args.output, error=error)) from error
    print(
        t("word.cli.done", path=args.output, kind=t(f"word.cli.kind_{args.kind}")), file=sys.stderr
    )
