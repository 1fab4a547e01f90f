"""The comment counts kept with the data equal the comments counted one by one, after every
change of which imports count, on SQLite and PostgreSQL; counts made with other theme keywords
are not read and are made again when the app starts; a page of comments is read in index order.
"""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select, text, update

from sipas.core import schema as s
from sipas.core.textnorm import search_key
from sipas.dashboard import comments
from sipas.method.batch import COMMENT, SURVEY_DATE, ResponseBatch
from sipas.method.waves import WaveInfo
from sipas.reference import comment_themes
from sipas.reference.questionnaires import get_method
from sipas.setup.bootstrap import initialise
from sipas.storage.comment_counts import refresh_stale_comment_counts
from sipas.storage.comments import (
    CommentFilter,
    count_by_theme,
    count_comments,
    page_query,
    read_comments,
)
from sipas.storage.engine import transaction
from sipas.storage.imports import rollback_import, supersede_active
from sipas.storage.models.base import Base
from sipas.storage.models.survey import WaveCommentThemes
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave
from tests.storage.test_comments import TEXTS

UNITS = ["ninh-son", "bac-ai", "ninh-hai"]
FIELDS = ["dat_dai", "tu_phap", "y_te"]
CHANNELS = ["truc_tiep", "truc_tuyen", None]
THEMES = dict(comment_themes.theme_phrases())
START = dt.date(2024, 9, 1)


def batch(rng: np.random.Generator, n: int) -> ResponseBatch:
    """`n` questionnaires, each with a comment drawn from TEXTS (or none)."""
    method = get_method("qd2640")
    texts = [*TEXTS, None]
    slices = pd.DataFrame(
        {
            s.UNIT: rng.choice(UNITS, n),
            s.FIELD: rng.choice(FIELDS, n),
            s.CHANNEL: [CHANNELS[i] for i in rng.integers(0, len(CHANNELS), n)],
            SURVEY_DATE: [
                dt.date(2024, 9, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, n)
            ],
            COMMENT: [texts[i] for i in rng.integers(0, len(texts), n)],
        }
    )
    answers = np.full((n, len(method.item_codes)), 4, dtype=np.uint8)
    return ResponseBatch(slices, answers)


def store(engine: Engine, wave: WaveInfo, rng: np.random.Generator, n: int, name: str) -> int:
    with transaction(engine) as session:
        return store_responses(
            session, wave, batch(rng, n), file_name=f"{name}.xlsx", file_hash=name
        )


def one_by_one(engine: Engine, wanted: CommentFilter) -> tuple[int, dict[str, int]]:
    """The reference: every matching comment read and matched in Python."""
    with transaction(engine) as session:
        found = read_comments(session, wanted, limit=100_000)
    per_theme = {code: 0 for code in THEMES}
    for comment in found["text"]:
        for code in comments.themes_of(comment):
            per_theme[code] += 1
    return len(found), per_theme


def search_keys(engine: Engine, wave_id: int) -> list[str]:
    with transaction(engine) as session:
        found = read_comments(session, CommentFilter(wave_id), limit=100_000)
    return [search_key(comment) for comment in found["text"]]


def filters(wave_id: int) -> list[CommentFilter]:
    """Every wave filter a page can ask: all, some units, fields, channels and mixes."""
    choices = list(
        itertools.product(
            [(), ("bac-ai",), ("ninh-son", "ninh-hai")], [(), ("y_te",)], [(), ("truc_tuyen",)]
        )
    )
    return [CommentFilter(wave_id, units=u, fields=f, channels=c) for u, f, c in choices]


def assert_counts_match(engine: Engine, wave_id: int) -> int:
    for wanted in filters(wave_id):
        expected = one_by_one(engine, wanted)
        with transaction(engine) as session:
            assert count_by_theme(session, wanted, THEMES) == expected, wanted
            assert count_comments(session, wanted) == expected[0]
            for theme in comments.load_themes():
                themed = CommentFilter(**{**wanted.__dict__, "phrases": theme.phrases})
                assert count_comments(session, themed) == expected[1][theme.code]
    return one_by_one(engine, CommentFilter(wave_id))[0]


def test_counts_follow_every_change_of_which_imports_count(engine: Engine) -> None:
    rng = np.random.default_rng(11)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    store(engine, wave, rng, 120, "a")
    alone = assert_counts_match(engine, wave.id)
    assert alone > 0
    store(engine, wave, rng, 80, "b")
    both = assert_counts_match(engine, wave.id)
    assert both > alone  # two imports added up
    with transaction(engine) as session:
        third = store_responses(session, wave, batch(rng, 30), file_name="c.xlsx", file_hash="c")
        supersede_active(session, wave.id, third)  # "c" replaces "a" and "b"
    replaced = assert_counts_match(engine, wave.id)
    assert replaced < both
    with transaction(engine) as session:
        rollback_import(session, third, "test")
    assert assert_counts_match(engine, wave.id) == both  # "a" and "b" count again


def test_the_page_counts_from_the_stored_numbers(engine: Engine) -> None:
    """Proof of where the numbers come from: a stored number changed by hand shows, unless
    words are searched (then the comments themselves are counted)."""
    rng = np.random.default_rng(3)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    store(engine, wave, rng, 60, "a")
    everything = CommentFilter(wave.id)
    total, _ = one_by_one(engine, everything)
    with transaction(engine) as session:
        session.execute(text("UPDATE wave_comment_counts SET comments = comments + 1000"))
    with transaction(engine) as session:
        assert count_comments(session, everything) > total + 1000
        assert count_by_theme(session, everything, THEMES)[0] > total + 1000
        searched = CommentFilter(wave.id, words=("thai",))
        assert count_comments(session, searched) < total


def test_counts_made_with_other_keywords_are_not_read_and_made_again_at_start(
    engine: Engine,
) -> None:
    rng = np.random.default_rng(5)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    store(engine, wave, rng, 60, "a")
    everything = CommentFilter(wave.id)
    expected = one_by_one(engine, everything)
    other = {"phi": (" phi ",), "cho": (" cho ",)}
    with transaction(engine) as session:
        total, counts = count_by_theme(session, everything, other)  # counted one by one
    keys = search_keys(engine, wave.id)
    assert total == expected[0]
    assert counts == {
        code: sum(any(p in k for p in ph) for k in keys) for code, ph in other.items()
    }
    with transaction(engine) as session:  # as if the keywords file had changed since
        session.execute(update(WaveCommentThemes).values(themes_key="older-keywords"))
        session.execute(text("UPDATE wave_comment_counts SET comments = comments + 1000"))
    with transaction(engine) as session:
        assert count_by_theme(session, everything, THEMES) == expected  # not the stale rows
    initialise(engine)  # the app's start
    with transaction(engine) as session:
        assert session.scalar(select(WaveCommentThemes.themes_key)) == comment_themes.themes_key(
            comment_themes.theme_phrases()
        )
        assert refresh_stale_comment_counts(session) == []  # nothing left to count again
    assert assert_counts_match(engine, wave.id) == expected[0]


def test_a_page_of_comments_is_read_in_index_order(engine: Engine) -> None:
    rng = np.random.default_rng(9)
    with transaction(engine) as session:
        wave = create_wave(session, "2024", get_method("qd2640"))
    store(engine, wave, rng, 200, "a")
    query = page_query(CommentFilter(wave.id), 20, 0)
    with engine.connect() as connection:
        sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
        if connection.dialect.name == "sqlite":
            plan = " ".join(
                row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            )
            assert "ix_comments_wave_date" in plan and "TEMP B-TREE" not in plan, plan
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table otherwise
            plan = " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {sql}"))
            assert "ix_comments_wave_date" in plan and "Sort" not in plan, plan


def test_the_tables_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        index = connection.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_comments_wave_date'")
            if connection.dialect.name == "postgresql"
            else text("SELECT sql FROM sqlite_master WHERE name = 'ix_comments_wave_date'")
        )
    # Alembic cannot compare PostgreSQL's index on expressions (DESC NULLS LAST); read it.
    assert [d for d in diff if "comment" in str(d) and "ix_comments_wave_date" not in str(d)] == []
    if engine.dialect.name == "postgresql":
        assert "(wave_id, survey_date DESC NULLS LAST, id DESC)" in index
    else:
        assert "(wave_id, survey_date, id)" in index
