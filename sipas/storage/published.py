"""Published results of aggregate waves (result tables without questionnaires)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.waves import WaveInfo
from sipas.storage.bulk import bulk_insert
from sipas.storage.models.base import ACTIVE
from sipas.storage.models.reference import Unit
from sipas.storage.models.survey import ImportBatch, PublishedResult
from sipas.storage.state import bump_data_version
from sipas.storage.surveydata import UnknownUnitError


def store_published(
    session: Session,
    wave: WaveInfo,
    frame: pd.DataFrame,
    *,
    file_name: str,
    file_hash: str,
    created_by: str = "",
    rows_total: int | None = None,
) -> int:
    """Store published values (PUBLISHED_COLUMNS + ROW_NO, unit codes) as a new active
    import of `wave`; returns the import's id. Raises UnknownUnitError for unknown unit codes."""
    wanted = set(frame[s.UNIT])
    ids = dict(session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(wanted))).all())
    missing = sorted(wanted - set(ids))
    if missing:
        raise UnknownUnitError(t("errors.units.unknown_codes", codes=", ".join(missing)))
    total = len(frame) if rows_total is None else rows_total
    batch = ImportBatch(
        wave_id=wave.id,
        kind=s.AGGREGATE_KIND,
        file_name=file_name,
        file_hash=file_hash,
        status=ACTIVE,
        rows_total=total,
        rows_accepted=len(frame),
        rows_rejected=total - len(frame),
        created_by=created_by,
    )
    session.add(batch)
    session.flush()
    rows = pd.DataFrame(
        {
            "import_id": batch.id,
            "wave_id": wave.id,
            "unit_id": frame[s.UNIT].map(ids).to_numpy(),
            "field_code": frame[s.FIELD].to_numpy(),
            "element_code": frame[s.ELEMENT].to_numpy(),
            "index_value": frame[s.INDEX].astype(float).to_numpy(),
            "n": frame[s.N].to_numpy(),
            "published_rank": frame[s.RANK].to_numpy(),
            "change_text": frame[s.CHANGE].to_numpy(),
            "row_no": frame[s.ROW_NO].to_numpy() if s.ROW_NO in frame else None,
        }
    )
    bulk_insert(session, PublishedResult.__tablename__, rows)
    bump_data_version(session)
    return batch.id


def read_published(session: Session, wave_id: int) -> pd.DataFrame:
    """The active published values of a wave: list(s.PUBLISHED_COLUMNS) (unit codes; None for "all
    fields" / "the overall index"; n and rank may be missing) and PUBLISHED_TOTAL (the row
    of a province: its published total)."""
    table = PublishedResult
    query = (
        select(
            Unit.code,
            table.field_code,
            table.element_code,
            table.index_value,
            table.n,
            table.published_rank,
            table.change_text,
            Unit.level == s.PROVINCE,
        )
        .join(Unit, Unit.id == table.unit_id)
        .join(ImportBatch, ImportBatch.id == table.import_id)
        .where(table.wave_id == wave_id, ImportBatch.status == ACTIVE)
        .order_by(table.id)
    )
    columns = [*s.PUBLISHED_COLUMNS, s.PUBLISHED_TOTAL]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    frame[s.PUBLISHED_TOTAL] = frame[s.PUBLISHED_TOTAL].astype(bool)
    frame[s.INDEX] = frame[s.INDEX].astype(float)
    frame[s.N] = frame[s.N].astype("Int64")
    frame[s.RANK] = frame[s.RANK].astype("Int64")
    return frame
