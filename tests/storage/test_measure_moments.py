"""Pillar and element intervals from the moments imports store (measure_moments, summed into
wave_measure_moments): after import, replace and rollback they equal the SE of the mean of
per-questionnaire shares computed from the active imports' questionnaires, on SQLite and
PostgreSQL; an import made before the moments keeps Wilson."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, delete, select

from sipas.core import schema as s
from sipas.method.batch import SURVEY_DATE, ResponseBatch
from sipas.method.counting import decode_answers
from sipas.method.measure_values import measure_values
from sipas.method.stats import Z95, wilson_interval
from sipas.reference.questionnaires import Method, get_method
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from sipas.storage.imports import rollback_import, supersede_active
from sipas.storage.migrate import alembic_config, upgrade_to_head
from sipas.storage.models.base import Base
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import ImportBatch, MeasureMoment, Response
from sipas.storage.surveydata import refresh_wave_totals, store_responses
from sipas.storage.waves import create_wave

METHOD = get_method("qd1001")
MEASURES = ["CS", "DV", "CSC", "YT3"]


def correlated_batch(rng: np.random.Generator, n: int) -> ResponseBatch:
    """qd1001 answers moved by a respondent effect, with 20% blanks."""
    slices = pd.DataFrame(
        {
            s.UNIT: rng.choice(["bac-ai", "ninh-son"], n),
            s.FIELD: rng.choice(["dat_dai", "tu_phap"], n),
            s.CHANNEL: rng.choice(["truc_tiep", "truc_tuyen"], n),
            SURVEY_DATE: [dt.date(2024, 9, 1)] * n,
        }
    )
    latent = 3.6 + rng.normal(0, 0.9, (n, 1)) + rng.normal(0, 0.8, (n, len(METHOD.item_codes)))
    answers = np.clip(np.rint(latent), 1, 5).astype(np.uint8)
    answers[rng.random(answers.shape) < 0.2] = 0
    return ResponseBatch(slices, answers)


def item_weights_within(code: str, method: Method) -> np.ndarray:
    """Written out here: 1/elements × 1/items within a pillar, 1/items within an element."""
    weights = np.zeros(len(method.item_codes))
    for pillar in method.pillars:
        for element in pillar.elements:
            for item in element.items:
                if code == pillar.code:
                    weights[method.item_codes.index(item.code)] = 1 / (
                        len(pillar.elements) * len(element.items)
                    )
                elif code == element.code:
                    weights[method.item_codes.index(item.code)] = 1 / len(element.items)
    return weights


def halves_from_questionnaires(engine: Engine, wave_id: int) -> pd.Series:
    """1,96 × 100 × s_q/√n per unit × measure, from the active imports' stored answers."""
    with transaction(engine) as session:
        rows = session.execute(
            select(Unit.code, Response.answers)
            .join(Unit, Unit.id == Response.unit_id)
            .join(ImportBatch, ImportBatch.id == Response.import_id)
            .where(Response.wave_id == wave_id, ImportBatch.status == "active")
        ).all()
    units = np.array([unit for unit, _ in rows])
    answers = decode_answers([a for _, a in rows], len(METHOD.item_codes))
    halves = {}
    for code in MEASURES:
        weights = item_weights_within(code, METHOD)
        answered, satisfied = (answers > 0) @ weights, (answers >= 4) @ weights
        for unit in sorted(set(units)):
            chosen = (units == unit) & (answered > 0)
            q = satisfied[chosen] / answered[chosen]
            halves[(unit, code)] = Z95 * 100 * np.std(q, ddof=1) / np.sqrt(len(q))
    return pd.Series(halves)


def stored_halves(engine: Engine, wave_code: str) -> pd.DataFrame:
    with transaction(engine) as session:
        counts = load_wave_counts(session, wave_code)
    values = measure_values(counts, MEASURES).set_index([s.UNIT, "measure"])
    return values.assign(half=(values[s.HIGH] - values[s.LOW]) / 2)


def assert_design_intervals(engine: Engine, wave_id: int) -> None:
    expected = halves_from_questionnaires(engine, wave_id)
    got = stored_halves(engine, "2024")
    assert len(got) == len(expected) == 2 * len(MEASURES)
    for key, half in expected.items():
        assert got.loc[key, "half"] == pytest.approx(half, rel=1e-9)
        index = got.loc[key, s.INDEX]
        assert got.loc[key, s.LOW] == pytest.approx(index - half, rel=1e-9)


def test_moments_survive_import_replace_and_rollback(engine: Engine) -> None:
    rng = np.random.default_rng(23)
    first, second, replacement = (correlated_batch(rng, n) for n in (300, 200, 120))
    with transaction(engine) as session:
        wave = create_wave(session, "2024", METHOD)
        store_responses(session, wave, first, file_name="a.xlsx", file_hash="a")
    assert_design_intervals(engine, wave.id)
    with transaction(engine) as session:
        store_responses(session, wave, second, file_name="b.xlsx", file_hash="b")
    assert_design_intervals(engine, wave.id)  # two imports added up
    with transaction(engine) as session:
        replacing = store_responses(session, wave, replacement, file_name="c.xlsx", file_hash="c")
        assert supersede_active(session, wave.id, replacing) == 2
    assert_design_intervals(engine, wave.id)  # only the replacement counts
    replaced = stored_halves(engine, "2024")
    with transaction(engine) as session:
        rollback_import(session, replacing, "nguoi-kiem-tra")
    assert_design_intervals(engine, wave.id)  # the replaced ones count again
    restored = stored_halves(engine, "2024")
    assert (restored["half"] < replaced["half"]).all()  # 500 questionnaires, not 120


def test_a_split_by_channel_reads_its_own_moments(engine: Engine) -> None:
    rng = np.random.default_rng(24)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", METHOD)
        store_responses(session, wave, correlated_batch(rng, 200), file_name="a", file_hash="a")
    with transaction(engine) as session:
        split = load_wave_counts(session, "2024", s.CHANNEL)
        total = load_wave_counts(session, "2024")
    assert set(split.moments[s.ATTRIBUTE_VALUE]) == {"truc_tiep", "truc_tuyen"}
    per_measure = split.moments.groupby([s.UNIT, s.FIELD, s.MEASURE_CODE])[s.RESPONDENTS].sum()
    overall = total.moments.set_index([s.UNIT, s.FIELD, s.MEASURE_CODE])[s.RESPONDENTS]
    pd.testing.assert_series_equal(per_measure.sort_index(), overall.sort_index())


def test_an_import_made_before_the_moments_keeps_wilson(engine: Engine) -> None:
    rng = np.random.default_rng(25)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", METHOD)
        old = store_responses(
            session, wave, correlated_batch(rng, 150), file_name="a", file_hash="a"
        )
        store_responses(session, wave, correlated_batch(rng, 150), file_name="b", file_hash="b")
        # as migration 0017 leaves an older import: no moments of its own
        session.execute(delete(MeasureMoment).where(MeasureMoment.import_id == old))
        refresh_wave_totals(session, wave.id)
    got = stored_halves(engine, "2024")
    for (_, _code), row in got.iterrows():
        low, high = wilson_interval(row[s.INDEX] / 100, row[s.N])
        assert (row[s.LOW], row[s.HIGH]) == (pytest.approx(100 * low), pytest.approx(100 * high))


def test_migration_0017_leaves_older_imports_on_wilson(engine: Engine) -> None:
    rng = np.random.default_rng(26)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", METHOD)
        store_responses(session, wave, correlated_batch(rng, 150), file_name="a", file_hash="a")
    assert_design_intervals(engine, wave.id)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")  # a database from before the moments
    upgrade_to_head(engine)
    for _, row in stored_halves(engine, "2024").iterrows():
        low, _ = wilson_interval(row[s.INDEX] / 100, row[s.N])
        assert row[s.LOW] == pytest.approx(100 * low)


def test_the_moment_tables_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert [d for d in diff if "measure_moments" in str(d)] == []
