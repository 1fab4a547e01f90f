"""Reading answer counts: the only survey data the dashboard reads per rerun.

Queries sum over a wave's active imports and touch at most units × fields × items × 5 rows
per attribute value, however many questionnaires were stored.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sipas import schema as s
from sipas.storage.models import AnswerCount, ImportBatch, RespondentCount, Unit
from sipas.storage.surveydata import ACTIVE


def read_answer_counts(session: Session, wave_id: int, attribute: str = "") -> pd.DataFrame:
    """Counts of one wave: UNIT (code), FIELD, ATTRIBUTE_VALUE, ITEM, n1 … n5.

    `attribute` "" gives the totals; "channel" etc. gives counts split by that attribute.
    """
    table = AnswerCount
    query = (
        select(
            Unit.code,
            table.field_code,
            table.attribute_value,
            table.item_code,
            *(func.sum(getattr(table, c)) for c in s.COUNT_COLUMNS),
        )
        .join(Unit, Unit.id == table.unit_id)
        .join(ImportBatch, ImportBatch.id == table.import_id)
        .where(table.wave_id == wave_id, table.attribute == attribute, ImportBatch.status == ACTIVE)
        .group_by(Unit.code, table.field_code, table.attribute_value, table.item_code)
    )
    columns = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.ITEM, *s.COUNT_COLUMNS]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    return frame.astype(dict.fromkeys(s.COUNT_COLUMNS, "int64"))


def read_respondent_counts(session: Session, wave_id: int, attribute: str = "") -> pd.DataFrame:
    """Questionnaires of one wave: UNIT (code), FIELD, ATTRIBUTE_VALUE, RESPONDENTS."""
    table = RespondentCount
    query = (
        select(Unit.code, table.field_code, table.attribute_value, func.sum(table.respondents))
        .join(Unit, Unit.id == table.unit_id)
        .join(ImportBatch, ImportBatch.id == table.import_id)
        .where(table.wave_id == wave_id, table.attribute == attribute, ImportBatch.status == ACTIVE)
        .group_by(Unit.code, table.field_code, table.attribute_value)
    )
    columns = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.RESPONDENTS]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    return frame.astype({s.RESPONDENTS: "int64"})
