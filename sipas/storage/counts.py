"""Reading answer counts: the only survey data the dashboard reads per rerun.

Queries read a wave's totals (wave_answer_counts, wave_respondent_counts: the counts of its
active imports added up when an import is stored, replaced or rolled back), so they touch at
most units × fields × items rows per attribute value, however many questionnaires and imports
were stored. The totals' primary key starts with (wave, attribute): one index range per read.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.moments import COLUMNS as MOMENT_COLUMNS
from sipas.method.published import empty_published
from sipas.method.results import SelectionError, WaveCounts
from sipas.reference.questionnaires import get_method
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import WaveAnswerCount, WaveMeasureMoment, WaveRespondentCount
from sipas.storage.published import read_published
from sipas.storage.waves import get_wave


def read_answer_counts(session: Session, wave_id: int, attribute: str = "") -> pd.DataFrame:
    """Counts of one wave: UNIT (code), FIELD, ATTRIBUTE_VALUE, ITEM, n1 … n5.

    `attribute` "" gives the totals; "channel" etc. gives counts split by that attribute.
    """
    table = WaveAnswerCount
    query = (
        select(
            Unit.code,
            table.field_code,
            table.attribute_value,
            table.item_code,
            *(getattr(table, c) for c in s.COUNT_COLUMNS),
        )
        .join(Unit, Unit.id == table.unit_id)
        .where(table.wave_id == wave_id, table.attribute == attribute)
    )
    columns = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.ITEM, *s.COUNT_COLUMNS]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    return frame.astype(dict.fromkeys(s.COUNT_COLUMNS, "int64"))


def read_respondent_counts(session: Session, wave_id: int, attribute: str = "") -> pd.DataFrame:
    """Questionnaires of one wave: UNIT (code), FIELD, ATTRIBUTE_VALUE, RESPONDENTS, and
    SCORE_SUM, SCORE_SUMSQ (NaN for imports made before migration 0015)."""
    table = WaveRespondentCount
    query = (
        select(
            Unit.code,
            table.field_code,
            table.attribute_value,
            table.respondents,
            table.score_sum,
            table.score_sumsq,
        )
        .join(Unit, Unit.id == table.unit_id)
        .where(table.wave_id == wave_id, table.attribute == attribute)
    )
    columns = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.RESPONDENTS, s.SCORE_SUM, s.SCORE_SUMSQ]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    return frame.astype({s.RESPONDENTS: "int64", s.SCORE_SUM: float, s.SCORE_SUMSQ: float})


def read_measure_moments(session: Session, wave_id: int, attribute: str = "") -> pd.DataFrame:
    """n, Σq, Σq² per slice × measure of one wave (sipas.method.moments.COLUMNS): UNIT (code),
    FIELD, ATTRIBUTE_VALUE, MEASURE_CODE, RESPONDENTS, SCORE_SUM, SCORE_SUMSQ; no rows for
    imports made before migration 0017."""
    table = WaveMeasureMoment
    query = (
        select(
            Unit.code,
            table.field_code,
            table.attribute_value,
            table.measure_code,
            table.respondents,
            table.score_sum,
            table.score_sumsq,
        )
        .join(Unit, Unit.id == table.unit_id)
        .where(table.wave_id == wave_id, table.attribute == attribute)
    )
    frame = pd.DataFrame(session.execute(query).all(), columns=MOMENT_COLUMNS)
    return frame.astype({s.RESPONDENTS: "int64", s.SCORE_SUM: float, s.SCORE_SUMSQ: float})


def load_wave_counts(session: Session, wave_code: str, attribute: str = "") -> WaveCounts:
    """Read one wave's counts (totals, or split by `attribute`); raises WaveError, MethodError."""
    if attribute and attribute not in s.ATTRIBUTES:
        raise SelectionError(t("errors.selection.unknown_attribute", name=attribute))
    wave = get_wave(session, wave_code)
    published = read_published(session, wave.id) if wave.kind == s.AGGREGATE_KIND else None
    if published is not None and attribute:
        published = published.iloc[:0]  # published tables are never split by respondents
    return WaveCounts(
        wave=wave,
        method=get_method(wave.method_code),
        attribute=attribute,
        answers=read_answer_counts(session, wave.id, attribute),
        respondents=read_respondent_counts(session, wave.id, attribute),
        published=empty_published() if published is None else published,
        moments=read_measure_moments(session, wave.id, attribute),
    )
