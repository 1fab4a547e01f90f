"""SIPAS intervals from the design (sipas.method.design) against a bootstrap over
questionnaires, and against the Wilson interval on n that the product used before.

    .venv/bin/python bench/intervals.py [--draws 1000]

Two data sets: the demo's 2024 wave (7 districts, 500 questionnaires each, read back from a
temporary SQLite demo database) and a synthetic wave with real-shaped correlation (each
respondent has a latent satisfaction that moves all their answers, a unit effect, and 15% of
items left blank). For every unit it prints the 95% half-width of the three intervals (points)
and the ratio design / bootstrap; the figures go to docs/METHOD.md. Touches nothing else.
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
from sipas.method.counting import count_answers, decode_answers
from sipas.method.design import item_weights, questionnaire_scores
from sipas.method.indices import compute_indices
from sipas.reference.questionnaires import Method, get_method
from sipas.setup.bootstrap import ensure_demo
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import Response
from sipas.storage.waves import get_wave


def sipas_of(answers: np.ndarray, method: Method) -> float:
    """SIPAS (percent) of an answer matrix in the method's item order, the product's way."""
    n = (answers > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        items = np.where(n > 0, (answers >= 4).sum(axis=0) / n, np.nan)
    pillars = []
    position = 0
    for pillar in method.pillars:
        elements = []
        for element in pillar.elements:
            part = items[position : position + len(element.items)]
            position += len(element.items)
            if np.isfinite(part).any():
                elements.append(np.nanmean(part))
        pillars.append(np.mean(elements))
    return 100 * float(np.mean(pillars))


def bootstrap_half(answers: np.ndarray, method: Method, draws: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    values = [
        sipas_of(answers[rng.integers(0, len(answers), len(answers))], method) for _ in range(draws)
    ]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(high - low) / 2


def product_halves(frame: pd.DataFrame, answers: np.ndarray, method: Method) -> pd.DataFrame:
    """Design and Wilson half-widths per unit, through the product's own counting and indices."""
    weights = item_weights(method, method.item_codes, None)
    scores = questionnaire_scores(answers, weights)
    counts, respondents = count_answers(frame, answers, method.item_codes, (), scores)
    design = compute_indices(counts, method, [s.UNIT], respondents=respondents)
    wilson = compute_indices(
        counts, method, [s.UNIT], respondents=respondents.drop(columns=[s.SCORE_SUM, s.SCORE_SUMSQ])
    )
    result = design.set_index(s.UNIT)[[s.SIPAS]].copy()
    result["design"] = (
        design.set_index(s.UNIT)[s.SIPAS_HIGH] - design.set_index(s.UNIT)[s.SIPAS_LOW]
    ) / 2
    result["wilson"] = (
        wilson.set_index(s.UNIT)[s.SIPAS_HIGH] - wilson.set_index(s.UNIT)[s.SIPAS_LOW]
    ) / 2
    return result


def compare(
    name: str, frame: pd.DataFrame, answers: np.ndarray, method: Method, draws: int
) -> None:
    halves = product_halves(frame, answers, method)
    print(f"\n{name}: unit, n, SIPAS, half-width design / bootstrap / Wilson, design÷bootstrap")
    ratios = []
    for i, (unit, row) in enumerate(halves.iterrows()):
        chosen = (frame[s.UNIT] == unit).to_numpy()
        boot = bootstrap_half(answers[chosen], method, draws, seed=i)
        ratios.append(row["design"] / boot)
        print(
            f"  {unit:24s} {chosen.sum():5d} {row[s.SIPAS]:6.2f}  "
            f"{row['design']:5.2f} / {boot:5.2f} / {row['wilson']:5.2f}  {ratios[-1]:.3f}"
        )
    print(
        f"  ratio design÷bootstrap: {min(ratios):.3f}–{max(ratios):.3f}; "
        f"Wilson÷design {np.mean(halves['wilson'] / halves['design']):.2f} on average"
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
