"""The published national tables as one frame: each province's value, rank and pillars."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.storage.models.base import ACTIVE
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import ImportBatch, PublishedResult
from sipas.storage.waves import list_waves

NATIONAL_COLUMNS = ["wave", "year", "demo", s.UNIT, "measure", "value", "published_rank"]


def national_results(session: Session) -> pd.DataFrame:
    """Every active value of the national waves (NATIONAL_COLUMNS): measure "sipas" for a
    province's overall value, a pillar's code for a pillar; rank as published (or None);
    `demo` for the demo's invented tables."""
    waves = {wave.id: wave for wave in list_waves(session, national=True)}
    if not waves:
        return pd.DataFrame(columns=NATIONAL_COLUMNS)
    table = PublishedResult
    query = (
        select(
            table.wave_id, Unit.code, table.element_code, table.index_value, table.published_rank
        )
        .join(Unit, Unit.id == table.unit_id)
        .join(ImportBatch, ImportBatch.id == table.import_id)
        .where(
            table.wave_id.in_(list(waves)),
            table.field_code.is_(None),
            ImportBatch.status == ACTIVE,
        )
        .order_by(table.id)
    )
    rows = [
        (w.code, w.year, w.is_demo, unit, element or s.SIPAS, float(value), rank)
        for wave, unit, element, value, rank in session.execute(query).all()
        if (w := waves[wave])
    ]
    return pd.DataFrame(rows, columns=NATIONAL_COLUMNS)
