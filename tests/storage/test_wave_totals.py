"""The wave totals the dashboard reads equal the counts of the wave's active imports added
up, after every change of which imports count, on SQLite and PostgreSQL; older databases get
them from their migration."""

from __future__ import annotations

import numpy as np
import pandas as pd
from alembic import command
from sqlalchemy import Engine, func, select

from sipas.core import schema as s
from sipas.reference.questionnaires import get_method
from sipas.storage.counts import read_answer_counts, read_respondent_counts
from sipas.storage.engine import transaction
from sipas.storage.imports import rollback_import, supersede_active
from sipas.storage.migrate import alembic_config, upgrade_to_head
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import AnswerCount, ImportBatch, WaveAnswerCount
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave
from tests.storage.test_storage import small_batch

ANSWER_KEYS = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.ITEM]


def summed_over_active_imports(engine: Engine, wave_id: int, attribute: str) -> pd.DataFrame:
    """The reference: answer_counts of the wave's active imports added up in pandas."""
    with transaction(engine) as session:
        rows = session.execute(
            select(
                Unit.code,
                AnswerCount.field_code,
                AnswerCount.attribute_value,
                AnswerCount.item_code,
                *(getattr(AnswerCount, c) for c in s.COUNT_COLUMNS),
            )
            .join(Unit, Unit.id == AnswerCount.unit_id)
            .join(ImportBatch, ImportBatch.id == AnswerCount.import_id)
            .where(
                AnswerCount.wave_id == wave_id,
                AnswerCount.attribute == attribute,
                ImportBatch.status == "active",
            )
        ).all()
    frame = pd.DataFrame(rows, columns=[*ANSWER_KEYS, *s.COUNT_COLUMNS])
    return frame.groupby(ANSWER_KEYS, as_index=False)[list(s.COUNT_COLUMNS)].sum()


def read_totals(engine: Engine, wave_id: int, attribute: str) -> pd.DataFrame:
    with transaction(engine) as session:
        return read_answer_counts(session, wave_id, attribute)


def assert_totals_match(engine: Engine, wave_id: int) -> int:
    """Totals equal the reference for the totals and a split; returns the questionnaires."""
    for attribute in ("", s.CHANNEL):
        expected = summed_over_active_imports(engine, wave_id, attribute)
        got = read_totals(engine, wave_id, attribute)
        key = ANSWER_KEYS
        pd.testing.assert_frame_equal(
            got.sort_values(key).reset_index(drop=True),
            expected.sort_values(key).reset_index(drop=True),
            check_dtype=False,
        )
    with transaction(engine) as session:
        return int(read_respondent_counts(session, wave_id)[s.RESPONDENTS].sum())


def test_totals_follow_every_change_of_which_imports_count(engine: Engine) -> None:
    rng = np.random.default_rng(7)
    first, second, replacement = small_batch(rng, 300), small_batch(rng, 200), small_batch(rng, 50)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    with transaction(engine) as session:
        store_responses(session, wave, first, file_name="a.xlsx", file_hash="a")
    assert assert_totals_match(engine, wave.id) == 300
    with transaction(engine) as session:
        store_responses(session, wave, second, file_name="b.xlsx", file_hash="b")
    assert assert_totals_match(engine, wave.id) == 500  # two imports added up
    with transaction(engine) as session:
        replacing = store_responses(session, wave, replacement, file_name="c.xlsx", file_hash="c")
        assert supersede_active(session, wave.id, replacing) == 2
    assert assert_totals_match(engine, wave.id) == 50  # the replaced imports no longer count
    with transaction(engine) as session:
        rollback_import(session, replacing, "nguoi-kiem-tra")
    assert assert_totals_match(engine, wave.id) == 500  # the replaced ones count again
    with transaction(engine) as session:
        # one row per unit × field × item: what the dashboard reads, not per import
        rows = session.scalar(
            select(func.count())
            .select_from(WaveAnswerCount)
            .where(WaveAnswerCount.wave_id == wave.id, WaveAnswerCount.attribute == "")
        )
        per_import = session.scalar(
            select(func.count())
            .select_from(AnswerCount)
            .where(AnswerCount.wave_id == wave.id, AnswerCount.attribute == "")
        )
    assert rows == 3 * 2 * len(get_method("qd2640").item_codes)
    assert per_import is not None and per_import > rows


def test_a_failed_import_leaves_the_totals_as_they_were(engine: Engine) -> None:
    rng = np.random.default_rng(8)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
        store_responses(session, wave, small_batch(rng, 120), file_name="a.xlsx", file_hash="a")
    before = read_totals(engine, wave.id, "")
    try:
        with transaction(engine) as session:
            store_responses(session, wave, small_batch(rng, 80), file_name="b.xlsx", file_hash="b")
            raise RuntimeError("the import is abandoned after its counts were written")
    except RuntimeError:
        pass
    pd.testing.assert_frame_equal(read_totals(engine, wave.id, ""), before)


def test_the_migration_fills_the_totals_of_a_database_that_had_none(engine: Engine) -> None:
    rng = np.random.default_rng(9)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
        store_responses(session, wave, small_batch(rng, 150), file_name="a.xlsx", file_hash="a")
        store_responses(session, wave, small_batch(rng, 90), file_name="b.xlsx", file_hash="b")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")  # a database from before the totals existed
    upgrade_to_head(engine)
    assert assert_totals_match(engine, wave.id) == 240
