"""Reading citizens' comments: filtered, searched, counted and paged in SQL.

Only comments of active imports are read. Searching uses `comments.text_key` (the text without
diacritics or punctuation, padded with spaces: sipas.textnorm.search_key), so "thai do" finds
"Thái độ" on SQLite and PostgreSQL alike; a page never reads more rows than it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, case, func, nulls_last, select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.reference.comment_themes import ThemePhrases, theme_phrases
from sipas.storage.comment_counts import (
    EVERY_COMMENT,
    any_phrase,
    counts_are_current,
    stored_counts,
)
from sipas.storage.models.base import ACTIVE
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import Comment, ImportBatch

ID = "id"
DATE = "survey_date"
TEXT = "text"
COMMENT_COLUMNS = [ID, s.UNIT, s.FIELD, s.CHANNEL, DATE, TEXT]
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class CommentFilter:
    """Which comments: one wave, optionally some units (codes), fields and channels; every
    one of `words` (search keys, matched anywhere) and at least one of `phrases` (padded
    search keys such as " thai do ", matched as whole words) when given."""

    wave_id: int
    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


def _filtered(query: _Query, wanted: CommentFilter) -> _Query:
    query = (
        query.join(Unit, Unit.id == Comment.unit_id)
        .join(ImportBatch, ImportBatch.id == Comment.import_id)
        .where(Comment.wave_id == wanted.wave_id, ImportBatch.status == ACTIVE)
    )
    if wanted.units:
        query = query.where(Unit.code.in_(wanted.units))
    if wanted.fields:
        query = query.where(Comment.field_code.in_(wanted.fields))
    if wanted.channels:
        query = query.where(Comment.channel.in_(wanted.channels))
    for word in wanted.words:
        query = query.where(Comment.text_key.contains(word, autoescape=True))
    if wanted.phrases:
        query = query.where(any_phrase(wanted.phrases))
    return query


def count_comments(session: Session, wanted: CommentFilter) -> int:
    """How many comments match: from the stored counts unless words are searched."""
    themes = theme_phrases()
    theme = _theme_of(wanted.phrases, themes)
    if (
        theme is not None
        and not wanted.words
        and counts_are_current(session, wanted.wave_id, themes)
    ):
        return _stored(session, wanted).get(theme, 0)
    query = _filtered(select(func.count(Comment.id)), wanted)
    return int(session.scalar(query) or 0)


def _theme_of(phrases: Sequence[str], themes: ThemePhrases) -> str | None:
    """The theme whose phrases these are ("" for none), None for other phrases."""
    if not phrases:
        return EVERY_COMMENT
    return next((code for code, own in themes if tuple(own) == tuple(phrases)), None)


def _stored(session: Session, wanted: CommentFilter) -> dict[str, int]:
    return stored_counts(session, wanted.wave_id, wanted.units, wanted.fields, wanted.channels)


def read_comments(
    session: Session, wanted: CommentFilter, limit: int = 50, offset: int = 0
) -> pd.DataFrame:
    """One page of matching comments, newest survey date first and undated ones last: ID,
    UNIT (code), FIELD, CHANNEL, DATE, TEXT (as stored)."""
    rows = session.execute(page_query(wanted, limit, offset)).all()
    return pd.DataFrame(rows, columns=COMMENT_COLUMNS)


def page_query(wanted: CommentFilter, limit: int, offset: int) -> Select[*tuple[Any, ...]]:
    """The query of read_comments: in the order of ix_comments_wave_date, so that a page
    reads about as many comments as it shows."""
    query = _filtered(
        select(
            Comment.id,
            Unit.code,
            Comment.field_code,
            Comment.channel,
            Comment.survey_date,
            Comment.text,
        ),
        wanted,
    )
    # NULLS LAST spelled out: PostgreSQL puts NULLs first in a descending order, SQLite last.
    query = query.order_by(nulls_last(Comment.survey_date.desc()), Comment.id.desc())
    return query.limit(limit).offset(offset)


def count_by_theme(
    session: Session, wanted: CommentFilter, themes: Mapping[str, Sequence[str]]
) -> tuple[int, dict[str, int]]:
    """(all matching comments, matching comments per theme); a theme is a list of padded
    search keys, and a comment counts for every theme one of whose phrases it contains.
    Without search words or a theme filter, read from the stored counts when they were made
    with these themes."""
    codes = list(themes)
    phrases = tuple((code, tuple(themes[code])) for code in codes)
    plain = not wanted.words and not wanted.phrases
    if plain and counts_are_current(session, wanted.wave_id, phrases):
        stored = _stored(session, wanted)
        return stored.get(EVERY_COMMENT, 0), {code: stored.get(code, 0) for code in codes}
    sums = [
        func.coalesce(func.sum(case((any_phrase(themes[code]), 1), else_=0)), 0) for code in codes
    ]
    query = _filtered(select(func.count(Comment.id), *sums), wanted)
    row = session.execute(query).one()
    return int(row[0]), {code: int(value) for code, value in zip(codes, row[1:], strict=True)}
