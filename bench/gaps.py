"""How long gap computations take: the demo waves, then synthetic waves of many units, and
many targets in the registry.

    .venv/bin/python bench/gaps.py

Prints one line per case (median of several runs, seconds). Builds its data in memory and in
a temporary SQLite file; touches nothing else.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipas.core import schema as s
from sipas.gaps.ranks import rank_draws
from sipas.gaps.table import GapInputs, gap_table
from sipas.method.results import WaveCounts
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import get_method
from sipas.setup.bootstrap import ensure_demo
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.targets.registry import TargetSet, load_targets
from sipas.targets.rules import ThresholdTarget


def timed(label: str, action: Callable[[], object], runs: int = 5) -> None:
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    print(f"{label:<62} {statistics.median(durations):8.3f} s")


def synthetic_wave(units: int, fields: int = 7, seed: int = 1) -> tuple[WaveCounts, pd.DataFrame]:
    """A QĐ 2640 wave of `units` communes × `fields` fields, answer counts drawn at random."""
    method = get_method("qd2640")
    rng = np.random.default_rng(seed)
    codes = [f"x-{i:03d}" for i in range(units)]
    field_codes = [f"f{i}" for i in range(fields)]
    index = pd.MultiIndex.from_product([codes, field_codes, method.item_codes])
    answers = pd.DataFrame(index=index).reset_index()
    answers.columns = [s.UNIT, s.FIELD, s.ITEM]
    answers[s.ATTRIBUTE_VALUE] = ""
    # 30 answers per item and slice, spread over 1–5 around 85% satisfied.
    counts = rng.multinomial(30, [0.02, 0.04, 0.09, 0.5, 0.35], size=len(answers))
    for position, column in enumerate(s.COUNT_COLUMNS):
        answers[column] = counts[:, position]
    respondents = answers[[s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE]].drop_duplicates()
    respondents[s.RESPONDENTS] = 30
    wave = WaveInfo(
        0,
        "bench",
        "bench",
        2025,
        "qd2640",
        s.RESPONDENT_KIND,
        None,
        None,
        method.item_codes,
        None,
        False,
    )
    unit_rows = pd.DataFrame(
        {
            "id": range(units),
            "code": codes,
            "name": codes,
            "full_name": codes,
            "level": s.COMMUNE,
            "unit_type": "",
            "parent_code": "tinh",
            "valid_from": None,
            "valid_to": None,
            "sort_order": range(units),
        }
    )
    return WaveCounts(wave, method, "", answers, respondents), unit_rows


def demo_cases(directory: Path) -> None:
    engine = make_engine(f"sqlite:///{directory / 'demo.db'}")
    ensure_demo(engine)
    with transaction(engine) as session:
        inputs = {
            code: GapInputs(
                load_wave_counts(session, code),
                units_frame(session),
                load_targets(session),
                load_wave_counts(session, previous),
            )
            for code, previous in (("2024", "2023"), ("2025", "2024"))
        }
    engine.dispose()
    timed("demo 2024: 7 districts, SIPAS", lambda: gap_table(inputs["2024"]))
    timed(
        "demo 2024: 7 districts × 7 fields, SIPAS", lambda: gap_table(inputs["2024"], by_field=True)
    )
    timed(
        "demo 2025: 30 units, SIPAS + 2 pillars + 10 elements",
        lambda: gap_table(
            inputs["2025"],
            measures=[
                "sipas",
                "CS",
                "DV",
                "CSA",
                "CSB",
                "CSC",
                "CSD",
                "YT0",
                "YT1",
                "YT2",
                "YT3",
                "YT4",
                "YT5",
            ],
        ),
        runs=3,
    )


def synthetic_cases() -> None:
    national = (ThresholdTarget(90, "NQ 76", 2021, 2025),)
    for units in (100, 300):
        counts, unit_rows = synthetic_wave(units)
        inputs = GapInputs(counts, unit_rows, TargetSet(national))
        timed(f"synthetic: {units} communes, SIPAS", partial(gap_table, inputs), runs=3)
        timed(
            f"synthetic: {units} communes × 7 fields, SIPAS",
            partial(gap_table, inputs, by_field=True),
            runs=3,
        )
    many = tuple(
        ThresholdTarget(90, f"KH {i}", 2025, 2025, unit=f"x-{i:03d}", id=i) for i in range(300)
    )
    counts, unit_rows = synthetic_wave(300)
    inputs = GapInputs(counts, unit_rows, TargetSet(national + many))
    timed("synthetic: 300 communes, 301 targets in the registry", lambda: gap_table(inputs), runs=3)
    values = pd.Series(np.linspace(80, 95, 300), index=[f"u{i}" for i in range(300)])
    errors = pd.Series(2.0, index=values.index)
    timed("Monte Carlo alone: 300 units × 10 000 draws", lambda: rank_draws(values, errors), runs=3)


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        demo_cases(Path(directory))
    synthetic_cases()


if __name__ == "__main__":
    main()
