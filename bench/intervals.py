"""SIPAS, pillar and element intervals from the design (sipas.method.design, moments) against
a bootstrap over questionnaires, and against the Wilson interval on n that the product used
before.

    .venv/bin/python bench/intervals.py [--draws 1000]

Two data sets: the demo's 2024 wave (7 districts, 500 questionnaires each, read back from a
temporary SQLite demo database) and a synthetic wave with real-shaped correlation (each
respondent has a latent satisfaction that moves all their answers, a unit effect, and 15% of
items left blank). For every unit it prints SIPAS's 95% half-width of the three intervals
(points) and the ratio design / bootstrap, then the ratios of every pillar and element over
the units; the figures go to docs/METHOD.md. Touches nothing else.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipas.core import schema as s
from sipas.method.counting import count_answers, count_moments, decode_answers
from sipas.method.design import measure_scores
from sipas.method.measure_values import MEASURE, measure_values
from sipas.method.results import WaveCounts
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import Method, get_method
from sipas.setup.bootstrap import ensure_demo
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import Response
from sipas.storage.waves import get_wave


def measures_of(answers: np.ndarray, method: Method) -> dict[str, float]:
    """SIPAS, every pillar and every element (percent) of an answer matrix in the method's
    item order, the product's way: items → elements (mean of items with answers) → pillars
    (mean of elements with a value) → SIPAS (the method's pillar weights)."""
    n = (answers > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        items = np.where(n > 0, (answers >= 4).sum(axis=0) / n, np.nan)
    values: dict[str, float] = {}
    position = 0
    for pillar in method.pillars:
        elements = []
        for element in pillar.elements:
            part = items[position : position + len(element.items)]
            position += len(element.items)
            if np.isfinite(part).any():
                values[element.code] = 100 * float(np.nanmean(part))
                elements.append(values[element.code])
        values[pillar.code] = float(np.mean(elements))
    weights = method.pillar_weights(None)
    values[s.SIPAS] = sum(weights[p.code] * values[p.code] for p in method.pillars)
    return values


def bootstrap_halves(answers: np.ndarray, method: Method, draws: int, seed: int) -> pd.Series:
    """Half the 2,5–97,5% percentile range of each measure over resamples of questionnaires."""
    rng = np.random.default_rng(seed)
    drawn = pd.DataFrame(
        [
            measures_of(answers[rng.integers(0, len(answers), len(answers))], method)
            for _ in range(draws)
        ]
    )
    return (drawn.quantile(0.975) - drawn.quantile(0.025)) / 2


def wave_counts(
    frame: pd.DataFrame, answers: np.ndarray, method: Method, design: bool
) -> WaveCounts:
    """Counts as an import stores them (through the product's counting); without `design`,
    as an import made before the sums (no Σq, no moments: Wilson on n)."""
    scores = measure_scores(method, method.item_codes, None, answers)
    counts, respondents = count_answers(frame, answers, method.item_codes, (), scores[s.SIPAS])
    moments = count_moments(frame, scores)
    moments = moments[moments[s.ATTRIBUTE] == ""].drop(columns=s.ATTRIBUTE)
    if not design:
        respondents = respondents.drop(columns=[s.SCORE_SUM, s.SCORE_SUMSQ])
        moments = moments.iloc[:0]
    info = WaveInfo(
        0,
        "bench",
        "bench",
        2024,
        method.code,
        s.RESPONDENT_KIND,
        None,
        None,
        method.item_codes,
        None,
        False,
    )
    return WaveCounts(info, method, "", counts, respondents, moments=moments)


def product_halves(frame: pd.DataFrame, answers: np.ndarray, method: Method) -> pd.DataFrame:
    """Value, design and Wilson half-widths per unit × measure, through the product's engine."""
    pillars = [p.code for p in method.pillars] if len(method.pillars) > 1 else []
    codes = [s.SIPAS, *pillars, *(e.code for e in method.elements)]
    result = {}
    for name, design in (("design", True), ("wilson", False)):
        values = measure_values(wave_counts(frame, answers, method, design), codes)
        values = values.set_index([s.UNIT, MEASURE])
        result[name] = (values[s.HIGH] - values[s.LOW]) / 2
        result[s.INDEX] = values[s.INDEX]
    return pd.DataFrame(result)


def compare(
    name: str, frame: pd.DataFrame, answers: np.ndarray, method: Method, draws: int
) -> None:
    halves = product_halves(frame, answers, method)
    boot = pd.concat(
        {
            unit: bootstrap_halves(answers[(frame[s.UNIT] == unit).to_numpy()], method, draws, i)
            for i, unit in enumerate(sorted(frame[s.UNIT].unique()))
        }
    )
    halves["bootstrap"] = boot.reindex(halves.index)
    halves["ratio"] = halves["design"] / halves["bootstrap"]
    print(f"\n{name}: SIPAS per unit, n, value, half-width design / bootstrap / Wilson, ratio")
    print_sipas(halves, frame)
    print_measures(halves)
    print_kinds(halves, method)


def print_sipas(halves: pd.DataFrame, frame: pd.DataFrame) -> None:
    for unit, row in halves.xs(s.SIPAS, level=MEASURE).iterrows():
        n = int((frame[s.UNIT] == unit).sum())
        print(
            f"  {unit:24s} {n:5d} {row[s.INDEX]:6.2f}  {row['design']:5.2f} / "
            f"{row['bootstrap']:5.2f} / {row['wilson']:5.2f}  {row['ratio']:.3f}"
        )


def print_measures(halves: pd.DataFrame) -> None:
    print("  measure: design÷bootstrap min–max (mean) over units; Wilson÷design; design half")
    for code, part in halves.groupby(level=MEASURE, sort=False):
        ratio = part["ratio"]
        print(
            f"  {code:8s} {ratio.min():.3f}–{ratio.max():.3f} ({ratio.mean():.3f})  "
            f"{(part['wilson'] / part['design']).mean():.2f}  {part['design'].mean():.2f}"
        )


def print_kinds(halves: pd.DataFrame, method: Method) -> None:
    kinds = halves.index.get_level_values(MEASURE)
    groups = {
        "SIPAS": kinds == s.SIPAS,
        "pillars": kinds.isin([p.code for p in method.pillars]),
        "elements": kinds.isin([e.code for e in method.elements]),
    }
    for label, chosen in groups.items():
        if not chosen.any():
            continue
        ratio = halves.loc[chosen, "ratio"]
        within = float((abs(ratio - 1) <= 0.10).mean())
        wilson = float((halves.loc[chosen, "wilson"] / halves.loc[chosen, "design"]).mean())
        print(
            f"  {label:8s} design÷bootstrap {ratio.min():.3f}–{ratio.max():.3f}, "
            f"{100 * within:.0f}% of {len(ratio)} within 10%; Wilson÷design {wilson:.2f}"
        )


def demo_wave() -> tuple[pd.DataFrame, np.ndarray, Method]:
    folder = tempfile.mkdtemp()
    engine = make_engine(f"sqlite:///{folder}/demo.db")
    ensure_demo(engine)
    with transaction(engine) as session:
        wave = get_wave(session, "2024")
        rows = session.execute(
            select(Unit.code, Response.field_code, Response.answers)
            .join(Unit, Unit.id == Response.unit_id)
            .where(Response.wave_id == wave.id)
        ).all()
        load_wave_counts(session, "2024")
    engine.dispose()
    frame = pd.DataFrame(rows, columns=[s.UNIT, s.FIELD, "answers"])
    method = get_method(wave.method_code)
    answers = decode_answers(list(frame["answers"]), len(wave.item_codes))
    return frame[[s.UNIT, s.FIELD]], answers, method


def correlated_wave(seed: int = 7) -> tuple[pd.DataFrame, np.ndarray, Method]:
    """8 units × 400 respondents; answers = unit effect + respondent effect + item noise."""
    method = get_method("qd1001")
    rng = np.random.default_rng(seed)
    units, per_unit, items = 8, 400, len(method.item_codes)
    unit_effect = rng.normal(0, 0.4, units)
    person = rng.normal(0, 0.9, units * per_unit)  # respondents differ a lot: strong correlation
    item_effect = rng.normal(0, 0.3, items)
    latent = (
        3.7 + np.repeat(unit_effect, per_unit)[:, None] + person[:, None] + item_effect[None, :]
    )
    answers = np.clip(np.rint(latent + rng.normal(0, 0.7, latent.shape)), 1, 5).astype(np.uint8)
    answers[rng.random(answers.shape) < 0.15] = 0
    frame = pd.DataFrame(
        {s.UNIT: np.repeat([f"u{i}" for i in range(units)], per_unit), s.FIELD: "dat_dai"}
    )
    return frame, answers, method


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=1000)
    draws = parser.parse_args().draws
    compare("Demo 2024 (QĐ 2640)", *demo_wave(), draws)
    compare("Synthetic, correlated (QĐ 1001)", *correlated_wave(), draws)


if __name__ == "__main__":
    main()
