"""Storage on SQLite and on a real PostgreSQL server: migrations, reference data, round trips."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, func, inspect, select

from sipas.core import schema as s
from sipas.method.batch import COMMENT, SURVEY_DATE, ResponseBatch
from sipas.method.counting import count_answers, decode_answers
from sipas.reference.questionnaires import get_method
from sipas.reference.units import UnitRecord
from sipas.setup.demo_units import read_demo_units
from sipas.storage.counts import read_answer_counts, read_respondent_counts
from sipas.storage.engine import transaction
from sipas.storage.migrate import current_revision, head_revision, is_up_to_date, upgrade_to_head
from sipas.storage.models.reference import Unit, UnitAlias
from sipas.storage.models.survey import Comment, ImportBatch, Response, Wave
from sipas.storage.reference import fields_frame, sync_units, units_frame
from sipas.storage.state import (
    bump_data_version,
    data_changed_at,
    data_version,
    raises_committed,
)
from sipas.storage.surveydata import UnknownUnitError, store_responses
from sipas.storage.waves import WaveError, create_wave, get_wave, list_waves
from tests.support.clock import FakeClock

TABLES = {
    "units",
    "unit_aliases",
    "fields",
    "waves",
    "imports",
    "responses",
    "comments",
    "answer_counts",
    "respondent_counts",
    "app_state",
    "audit_log",
}


def test_migrations_take_an_empty_database_to_head(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade_to_head(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    assert set(inspect(empty_engine).get_table_names()) >= TABLES
    upgrade_to_head(empty_engine)  # running again changes nothing
    assert is_up_to_date(empty_engine)


def test_reference_data_is_loaded_and_resync_does_not_duplicate(engine: Engine) -> None:
    with transaction(engine) as session:
        units = units_frame(session)
        assert len(units) == len(read_demo_units())
        bac_ai = units.set_index("code").loc["bac-ai"]
        assert (bac_ai["level"], bac_ai["parent_code"]) == ("district", "ninh-thuan")
        assert bac_ai["valid_to"] == dt.date(2025, 6, 30)
        assert "dat_dai" in set(fields_frame(session)["code"])
        aliases = session.scalar(select(func.count()).select_from(UnitAlias))
    renamed = [
        UnitRecord(**{**u.__dict__, "name": "Bác Ái mới"}) if u.code == "bac-ai" else u
        for u in read_demo_units()
    ]
    with transaction(engine) as session:
        sync_units(session, renamed)
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == len(renamed)
        assert session.scalar(select(Unit.name).where(Unit.code == "bac-ai")) == "Bác Ái mới"
        assert session.scalar(select(func.count()).select_from(UnitAlias)) >= aliases


def small_batch(rng: np.random.Generator, n: int = 300) -> ResponseBatch:
    method = get_method("qd2640")
    slices = pd.DataFrame(
        {
            s.UNIT: rng.choice(["bac-ai", "ninh-son", "ninh-hai"], n),
            s.FIELD: rng.choice(["dat_dai", "tu_phap"], n),
            s.CHANNEL: rng.choice(["truc_tiep", "truc_tuyen", None], n),
            s.GENDER: rng.choice(["nam", "nu"], n),
            SURVEY_DATE: [
                dt.date(2024, 9, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, n)
            ],
            COMMENT: rng.choice([None, "Cán bộ nhiệt tình", "  "], n),
        }
    )
    answers = rng.integers(0, 6, size=(n, len(method.item_codes))).astype(np.uint8)
    return ResponseBatch(slices, answers)


def test_a_committed_import_notes_when_the_data_changed(engine: Engine, clock: FakeClock) -> None:
    batch = small_batch(np.random.default_rng(2))
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    clock.advance(hours=2, seconds=7)
    with transaction(engine) as session:
        store_responses(session, wave, batch, file_name="b.xlsx", file_hash="h2")
    with transaction(engine) as session:
        assert data_changed_at(session) == dt.datetime(2025, 3, 10, 3, 30, 7)


def test_only_committed_version_raises_are_counted(engine: Engine) -> None:
    """Pages keep the version they read for one run; a raise this process commits (and only
    a committed one) tells them to read it again."""
    before = raises_committed()
    with transaction(engine) as session:
        data_version(session)  # a read-only transaction
    assert raises_committed() == before
    with pytest.raises(RuntimeError), transaction(engine) as session:
        bump_data_version(session)
        raise RuntimeError("rolled back")
    assert raises_committed() == before
    with transaction(engine) as session:
        raised_to = bump_data_version(session)
    assert raises_committed() == before + 1
    with transaction(engine) as session:
        assert data_version(session) == raised_to


def test_questionnaires_round_trip_into_counts(engine: Engine) -> None:
    batch = small_batch(np.random.default_rng(1))
    method = get_method("qd2640")
    with transaction(engine) as session:
        before = data_version(session)
        wave = create_wave(session, "2024", method)
        store_responses(session, wave, batch, file_name="a.xlsx", file_hash="h1", created_by="test")
    with transaction(engine) as session:
        assert data_version(session) == before + 1
        stored = read_answer_counts(session, wave.id).drop(columns=s.ATTRIBUTE_VALUE)
        respondents = read_respondent_counts(session, wave.id, s.CHANNEL)
        rows = session.execute(select(Response.answers).order_by(Response.id)).scalars().all()
        comments = session.scalars(select(Comment.text)).all()
    expected, expected_respondents = count_answers(
        batch.slices, batch.answers, method.item_codes, [s.CHANNEL]
    )
    expected = expected[expected[s.ATTRIBUTE] == ""].drop(columns=[s.ATTRIBUTE, s.ATTRIBUTE_VALUE])
    key = [s.UNIT, s.FIELD, s.ITEM]
    pd.testing.assert_frame_equal(
        stored.sort_values(key).reset_index(drop=True),
        expected.sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )
    assert (decode_answers(rows, len(method.item_codes)) == batch.answers).all()
    assert sorted(comments) == sorted(
        c for c in batch.slices[COMMENT] if isinstance(c, str) and c.strip()
    )
    online = expected_respondents[expected_respondents[s.ATTRIBUTE_VALUE] == "truc_tuyen"]
    assert (
        respondents.loc[respondents[s.ATTRIBUTE_VALUE] == "truc_tuyen", s.RESPONDENTS].sum()
        == online[s.RESPONDENTS].sum()
    )


def test_a_failed_store_leaves_nothing_behind(engine: Engine) -> None:
    batch = small_batch(np.random.default_rng(2), 20)
    bad = ResponseBatch(batch.slices.assign(**{s.UNIT: "khong-co"}), batch.answers)
    with transaction(engine) as session:
        version = data_version(session)  # seeding the default targets raised it already
    with (
        pytest.raises(UnknownUnitError, match=r"Không có đơn vị mã: khong-co"),
        transaction(engine) as session,
    ):
        wave = create_wave(session, "2024", get_method("qd2640"))
        store_responses(session, wave, bad, file_name="b.xlsx", file_hash="h2")
    with transaction(engine) as session:
        assert list_waves(session) == []
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert data_version(session) == version


def test_wave_codes_are_unique_and_checked(engine: Engine) -> None:
    with transaction(engine) as session:
        create_wave(session, "2024", get_method("qd2640"))
        with pytest.raises(WaveError, match=r"Đợt khảo sát '2024' đã tồn tại"):
            create_wave(session, "2024", get_method("qd2640"))
        with pytest.raises(WaveError, match=r"Không xác định được năm"):
            create_wave(session, "dot-mot", get_method("qd2640"))
        wave = create_wave(
            session, "2024-quy-1", get_method("qd1001"), period_end=dt.date(2024, 3, 31)
        )
        assert (wave.year, wave.item_codes[0], wave.method_code) == (2024, "C01", "qd1001")
    with transaction(engine) as session:
        assert get_wave(session, "2024").reference_date == dt.date(2024, 12, 31)
        with pytest.raises(WaveError, match=r"Các đợt hiện có: 2024-quy-1, 2024."):
            get_wave(session, "2030")
        assert session.scalar(select(func.count()).select_from(Wave)) == 2


def test_audit_events_are_appended_with_their_details(engine: Engine) -> None:
    from sipas.storage.audit import FAILED, audit_frame, record_event

    with transaction(engine) as session:
        record_event(session, "nguyen.van.a", "import", "khao_sat_2024.xlsx", details={"rows": 500})
        record_event(session, "tran.thi.b", "login", outcome=FAILED)
    with transaction(engine) as session:
        log = audit_frame(session)
    assert log["actor"].tolist() == ["tran.thi.b", "nguyen.van.a"]
    assert log.loc[1, "details"] == '{"rows": 500}'
    assert log.loc[0, "outcome"] == "failed"
