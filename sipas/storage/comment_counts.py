"""Comment counts per wave, kept with the data: what the comments page counts from.

For each wave, the comments of its active imports are counted per unit, field and channel, in
all and per theme (data/comment_themes.yaml), whenever the imports that count change (with the
answer counts, surveydata.refresh_wave_totals) and, for counts made with other theme keywords
than the file's, when the app starts (bootstrap.initialise). Counts made with other keywords
are never read: the page then counts in the comments themselves, slower but right.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, case, delete, false, func, insert, or_, select
from sqlalchemy.orm import Session

from sipas.reference.comment_themes import ThemePhrases, theme_phrases, themes_key
from sipas.storage.models.base import ACTIVE
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import (
    Comment,
    ImportBatch,
    Wave,
    WaveCommentCount,
    WaveCommentThemes,
)

# The theme of the rows that count every comment, and the channel of comments without one.
EVERY_COMMENT = ""
NO_CHANNEL = ""


def any_phrase(phrases: Sequence[str]) -> ColumnElement[bool]:
    """The comment's search key contains one of the padded phrases (" thai do ")."""
    if not phrases:
        return false()
    return or_(*(Comment.text_key.contains(phrase, autoescape=True) for phrase in phrases))


def refresh_comment_counts(
    session: Session, wave_id: int, themes: ThemePhrases | None = None
) -> None:
    """Count the wave's comments again, inside the caller's transaction."""
    themes = theme_phrases() if themes is None else themes
    session.flush()
    channel = func.coalesce(Comment.channel, NO_CHANNEL)
    sums = [func.sum(case((any_phrase(phrases), 1), else_=0)) for _, phrases in themes]
    groups = session.execute(
        select(Comment.unit_id, Comment.field_code, channel, func.count(Comment.id), *sums)
        .join(ImportBatch, ImportBatch.id == Comment.import_id)
        .where(Comment.wave_id == wave_id, ImportBatch.status == ACTIVE)
        .group_by(Comment.unit_id, Comment.field_code, channel)
    ).all()
    codes = [EVERY_COMMENT, *(code for code, _ in themes)]
    rows = [
        {
            "wave_id": wave_id,
            "unit_id": unit_id,
            "field_code": field_code,
            "channel": channel_code,
            "theme": code,
            "comments": int(count),
        }
        for unit_id, field_code, channel_code, *counts in groups
        for code, count in zip(codes, counts, strict=True)
        if count
    ]
    session.execute(delete(WaveCommentCount).where(WaveCommentCount.wave_id == wave_id))
    session.execute(delete(WaveCommentThemes).where(WaveCommentThemes.wave_id == wave_id))
    if rows:
        session.execute(insert(WaveCommentCount), rows)
    session.add(WaveCommentThemes(wave_id=wave_id, themes_key=themes_key(themes)))
    session.flush()


def refresh_stale_comment_counts(session: Session, themes: ThemePhrases | None = None) -> list[int]:
    """Count again the waves whose counts were made with other theme keywords than `themes`
    (the file's by default) or never made; returns their ids."""
    themes = theme_phrases() if themes is None else themes
    current = select(WaveCommentThemes.wave_id).where(
        WaveCommentThemes.themes_key == themes_key(themes)
    )
    stale = list(session.scalars(select(Wave.id).where(Wave.id.not_in(current)).order_by(Wave.id)))
    for wave_id in stale:
        refresh_comment_counts(session, wave_id, themes)
    return stale


def counts_are_current(session: Session, wave_id: int, themes: ThemePhrases) -> bool:
    """Whether the wave's stored counts were made with these theme keywords."""
    stored = session.scalar(
        select(WaveCommentThemes.themes_key).where(WaveCommentThemes.wave_id == wave_id)
    )
    return stored == themes_key(themes)


def stored_counts(
    session: Session,
    wave_id: int,
    units: Sequence[str],
    fields: Sequence[str],
    channels: Sequence[str],
) -> dict[str, int]:
    """theme ("" for every comment) → comments of the wave's chosen units, fields and
    channels (all when none is chosen), from the stored counts."""
    query: Select[str, int] = select(
        WaveCommentCount.theme, func.sum(WaveCommentCount.comments)
    ).where(WaveCommentCount.wave_id == wave_id)
    if units:
        chosen = select(Unit.id).where(Unit.code.in_(units))
        query = query.where(WaveCommentCount.unit_id.in_(chosen))
    if fields:
        query = query.where(WaveCommentCount.field_code.in_(fields))
    if channels:
        query = query.where(WaveCommentCount.channel.in_(channels))
    rows = session.execute(query.group_by(WaveCommentCount.theme)).all()
    return {theme: int(count) for theme, count in rows}
