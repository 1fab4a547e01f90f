"""`python -m sipas targets`: the target registry as CSV, retired targets included on request."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sipas.core.cells import write_csv
from sipas.core.i18n import t
from sipas.storage.engine import transaction
from sipas.storage.migrate import is_up_to_date
from sipas.storage.targets import SPEC_FIELDS, list_targets


class TargetCliError(ValueError):
    """The targets command cannot run; Vietnamese message."""


def add_targets_parser(commands: Any) -> None:
    targets = commands.add_parser("targets", help=t("cli.targets.help"))
    targets.add_argument("--all", action="store_true", help=t("cli.targets.all"))


def run_targets(engine: Engine, args: argparse.Namespace) -> None:
    if not is_up_to_date(engine):
        raise TargetCliError(t("errors.storage.not_initialised"))
    with transaction(engine) as session:
        records = list_targets(session)
    rows = [
        {
            "id": r.id,
            **asdict(r.spec),
            "retired_from": r.retired_from,
            "seed_key": r.seed_key,
            "version": r.version,
            "updated_by": r.updated_by,
        }
        for r in records
        if args.all or not r.is_retired
    ]
    columns = ["id", *SPEC_FIELDS, "retired_from", "seed_key", "version", "updated_by"]
    frame = pd.DataFrame(rows, columns=columns).astype({"rank_n": "Int64"})
    write_csv(frame, sys.stdout, index=False, lineterminator="\n")
