"""Reading comments in SQL on SQLite and PostgreSQL: filters, word search without diacritics,
theme counts equal to the Python matcher, paging, inactive imports left out, and the 0006
migration filling the search key of comments stored before it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from alembic import command
from sqlalchemy import Engine, select, text

from sipas.core import schema as s
from sipas.dashboard import comments
from sipas.method.batch import COMMENT, SURVEY_DATE, ResponseBatch
from sipas.reference import comment_themes
from sipas.reference.questionnaires import get_method
from sipas.storage.comments import CommentFilter, count_by_theme, count_comments, read_comments
from sipas.storage.engine import transaction
from sipas.storage.imports import rollback_import
from sipas.storage.migrate import alembic_config
from sipas.storage.models.survey import ImportBatch
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave
from tests.support.demo import initialise_with_demo_units

TEXTS = [
    "Thái độ công chức cộc lốc, phải chờ lâu.",  # thai_do, thoi_gian
    "THÁI ĐỘ nhiệt tình, chu đáo",  # thai_do
    "Chưa niêm yết rõ mức phí, lệ phí.",  # phi
    "Phiếu khảo sát quá dài",  # none: "phiếu" is not "phí"
    "<script>alert('x')</script> 100% **hồ sơ**",  # ho_so; stored and found as written
    "Tha\u0301i đo\u0323\u0302 tốt",  # NFD spelling of "Thái độ": thai_do
    "Hồ sơ bị trả về_nhiều lần",  # ho_so
]


def store(
    engine: Engine,
    code: str = "2024",
    file_hash: str = "h",
    dates: list[dt.date | None] | None = None,
) -> int:
    method = get_method("qd2640")
    n = len(TEXTS)
    slices = pd.DataFrame(
        {
            s.UNIT: ["ninh-son", "ninh-son", "bac-ai", "bac-ai", "ninh-hai", "ninh-son", "bac-ai"],
            s.FIELD: ["dat_dai", "tu_phap", "dat_dai", "dat_dai", "tu_phap", "dat_dai", "tu_phap"],
            s.CHANNEL: [
                "truc_tiep",
                "truc_tuyen",
                None,
                "truc_tiep",
                "truc_tuyen",
                "truc_tiep",
                None,
            ],
            SURVEY_DATE: dates or [dt.date(2024, 9, day) for day in range(1, n + 1)],
            COMMENT: TEXTS,
        }
    )
    answers = np.full((n, len(method.item_codes)), 4, dtype=np.uint8)
    with transaction(engine) as session:
        wave = create_wave(session, code, method)
        store_responses(
            session, wave, ResponseBatch(slices, answers), file_name="f", file_hash=file_hash
        )
    return wave.id


def test_filters_search_and_paging(engine: Engine) -> None:
    wave_id = store(engine)
    with transaction(engine) as session:
        everything = CommentFilter(wave_id)
        assert count_comments(session, everything) == 7
        newest = read_comments(session, everything, limit=3)
        assert newest["survey_date"].tolist() == [dt.date(2024, 9, d) for d in (7, 6, 5)]
        second = read_comments(session, everything, limit=3, offset=3)
        assert second["survey_date"].tolist() == [dt.date(2024, 9, d) for d in (4, 3, 2)]
        # search without diacritics or case finds NFC, NFD and upper-case spellings
        found = read_comments(session, CommentFilter(wave_id, words=("thai", "do")))
        assert sorted(found["text"]) == sorted([TEXTS[0], TEXTS[1], TEXTS[5]])
        # the comment is stored exactly as written
        script = read_comments(session, CommentFilter(wave_id, words=("script",)))
        assert script["text"].tolist() == [TEXTS[4]]
        # "%" and "_" are letters to search for, not SQL wildcards
        assert count_comments(session, CommentFilter(wave_id, words=("100%",))) == 0
        units = CommentFilter(wave_id, units=("bac-ai",), fields=("dat_dai",))
        assert read_comments(session, units)["text"].tolist() == [TEXTS[3], TEXTS[2]]
        online = CommentFilter(wave_id, channels=("truc_tuyen",))
        assert set(read_comments(session, online)["unit"]) == {"ninh-son", "ninh-hai"}


def test_comments_without_a_date_come_after_the_dated_ones(engine: Engine) -> None:
    day = dt.date(2024, 9, 1)
    dates = [None, day, None, day + dt.timedelta(days=2), day + dt.timedelta(days=1), None, day]
    wave_id = store(engine, dates=dates)
    with transaction(engine) as session:
        page = read_comments(session, CommentFilter(wave_id))
    # newest first, the same day by newest comment, undated ones last (by newest comment)
    assert page["text"].tolist() == [TEXTS[i] for i in (3, 4, 6, 1, 5, 2, 0)]
    assert page["survey_date"].isna().tolist() == [False] * 4 + [True] * 3


def test_theme_counts_equal_the_python_matcher(engine: Engine) -> None:
    wave_id = store(engine)
    themes = dict(comment_themes.theme_phrases())
    with transaction(engine) as session:
        total, counts = count_by_theme(session, CommentFilter(wave_id), themes)
        phi = comments.load_themes()[[t.code for t in comments.load_themes()].index("phi")]
        only_fees = read_comments(session, CommentFilter(wave_id, phrases=phi.phrases))
    expected = {code: sum(code in comments.themes_of(text) for text in TEXTS) for code in themes}
    assert total == 7
    assert counts == expected
    assert (counts["thai_do"], counts["phi"], counts["ho_so"]) == (3, 1, 2)
    assert only_fees["text"].tolist() == [TEXTS[2]]


def test_comments_of_inactive_imports_are_not_read(engine: Engine) -> None:
    wave_id = store(engine)
    with transaction(engine) as session:
        rollback_import(session, session.scalars(select(ImportBatch.id)).one(), "test")
    with transaction(engine) as session:
        assert count_comments(session, CommentFilter(wave_id)) == 0
        assert count_comments(session, CommentFilter(wave_id, words=("thai",))) == 0
        assert count_by_theme(session, CommentFilter(wave_id), {"phi": (" phi ",)}) == (
            0,
            {"phi": 0},
        )


def test_migration_fills_the_key_of_older_comments(empty_engine: Engine) -> None:
    initialise_with_demo_units(empty_engine)
    wave_id = store(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(text("UPDATE comments SET text_key = NULL"))
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        command.upgrade(config, "head")
    with transaction(empty_engine) as session:
        found = read_comments(session, CommentFilter(wave_id, words=("le", "phi")))
    assert found["text"].tolist() == [TEXTS[2]]
