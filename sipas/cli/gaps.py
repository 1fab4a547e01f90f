"""`python -m sipas gaps`: the gap table of a wave as CSV, to check and script the numbers
without a browser."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.core.cells import write_csv
from sipas.core.i18n import t
from sipas.gaps import table as g
from sipas.gaps.ranks import DRAWS, SEED
from sipas.gaps.table import GapInputs, gap_table
from sipas.method.measure_values import MEASURE
from sipas.method.measures import measure_kind
from sipas.method.waves import comparison_wave
from sipas.reference.fields import field_names
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from sipas.storage.migrate import is_up_to_date
from sipas.storage.reference import units_frame
from sipas.storage.waves import get_wave, list_waves
from sipas.targets.registry import load_targets

BY_CHOICES = ("unit", "unit,field")
ALL_MEASURES = "all"


class GapCliError(ValueError):
    """Bad arguments of the gaps command; Vietnamese message."""


def add_gaps_parser(commands: Any) -> None:
    gaps = commands.add_parser("gaps", help=t("cli.gaps.help"))
    gaps.add_argument("--wave", required=True, help=t("cli.gaps.wave"))
    gaps.add_argument("--by", default="unit", help=t("cli.gaps.by", choices=" | ".join(BY_CHOICES)))
    gaps.add_argument("--measure", default="sipas", help=t("cli.gaps.measure"))
    gaps.add_argument("--level", choices=s.UNIT_LEVELS, help=t("cli.gaps.level"))
    gaps.add_argument("--draws", type=int, default=DRAWS, help=t("cli.gaps.draws"))
    gaps.add_argument("--seed", type=int, default=SEED, help=t("cli.gaps.seed"))


def run_gaps(engine: Engine, args: argparse.Namespace) -> None:
    by = ",".join(part.strip() for part in args.by.split(",") if part.strip())
    if by not in BY_CHOICES:
        raise GapCliError(t("cli.gaps.bad_by", value=args.by, choices=" | ".join(BY_CHOICES)))
    if args.draws < 1:
        raise GapCliError(t("cli.gaps.bad_draws"))
    if not is_up_to_date(engine):
        raise GapCliError(t("errors.storage.not_initialised"))
    with transaction(engine) as session:
        wave = get_wave(session, args.wave)
        counts = load_wave_counts(session, wave.code)
        before = comparison_wave(list_waves(session), wave.code)
        previous = load_wave_counts(session, before.code) if before else None
        units = units_frame(session)
        targets = load_targets(session)
    measures = _measures(args.measure, counts.method)
    table = gap_table(
        GapInputs(counts, units, targets, previous),
        measures=measures,
        by_field=by == "unit,field",
        level=args.level,
        draws=args.draws,
        seed=args.seed,
    )
    names = dict(zip(units["code"], units["name"], strict=True))
    frame = gap_csv_frame(table, wave.code, names) if not table.empty else None
    if frame is None:
        print(t("cli.gaps.no_data", wave=wave.code), file=sys.stderr)
        return
    write_csv(frame, sys.stdout, index=False, float_format="%.4f", lineterminator="\n")


def _measures(text: str, method: Any) -> list[str]:
    """The measures asked for: "all" is SIPAS, the pillars (when several) and the elements."""
    if text.strip() == ALL_MEASURES:
        pillars = [p.code for p in method.pillars] if len(method.pillars) > 1 else []
        return ["sipas", *pillars, *(e.code for e in method.elements)]
    codes = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [code for code in codes if measure_kind(code, method) is None]
    if unknown or not codes:
        raise GapCliError(
            t("cli.gaps.bad_measure", value=", ".join(unknown) or text, method=method.short_name)
        )
    return codes


CSV_COLUMNS = [
    "wave",
    "unit",
    "field",
    g.UNIT_CODE,
    g.FIELD_CODE,
    g.LEVEL,
    MEASURE,
    g.VALUE,
    g.N,
    g.TARGET,
    g.COMPARISON,
    g.GAP_PP,
    g.GAP_PEOPLE,
    g.TARGET_STATUS,
    g.RANK,
    g.OF,
    g.RANK_TARGET,
    g.RANK_KIND,
    g.PREVIOUS_RANK,
    g.NTH_VALUE,
    g.POINTS_TO_RANK,
    g.MARGIN,
    g.P_RANK,
    g.TARGET_SOURCE,
    g.RANK_SOURCE,
    g.LEVEL_UNITS,
    g.PARTIAL,
    g.COMPARED_WAVE,
    g.SMALL_SAMPLE,
    g.PILLAR_MISSING,
    g.RANK_LOW,
    g.RANK_HIGH,
]


def gap_csv_frame(
    table: pd.DataFrame, wave_code: str, unit_names: Mapping[str, str]
) -> pd.DataFrame:
    """The gap table with the CSV columns: wave, unit and field names, then codes and numbers
    (percent 0–100, percentage points, P_RANK as a share 0–1)."""
    fields = field_names()
    frame = table.copy()
    frame["wave"] = wave_code
    frame["unit"] = frame[g.UNIT_CODE].map(lambda code: unit_names.get(code, code))
    frame["field"] = frame[g.FIELD_CODE].map(lambda code: fields.get(code, code) if code else "")
    frame[g.FIELD_CODE] = frame[g.FIELD_CODE].fillna("")
    return frame[CSV_COLUMNS]
