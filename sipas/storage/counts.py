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
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import WaveAnswerCount, WaveRespondentCount


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
    """Questionnaires of one wave: UNIT (code), FIELD, ATTRIBUTE_VALUE, RESPONDENTS."""
    table = WaveRespondentCount
    query = (
        select(Unit.code, table.field_code, table.attribute_value, table.respondents)
        .join(Unit, Unit.id == table.unit_id)
        .where(table.wave_id == wave_id, table.attribute == attribute)
    )
    columns = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.RESPONDENTS]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    return frame.astype({s.RESPONDENTS: "int64"})
