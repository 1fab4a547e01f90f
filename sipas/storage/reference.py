"""Reference data in the database: units (with aliases) and fields, kept in step with data/."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sipas.core.textnorm import match_key
from sipas.reference.fields import Field as FieldSpec
from sipas.reference.units import UnitRecord, name_key
from sipas.storage.models.reference import Field, Unit, UnitAlias

UNIT_COLUMNS = [
    "id",
    "code",
    "name",
    "full_name",
    "level",
    "unit_type",
    "parent_code",
    "valid_from",
    "valid_to",
    "sort_order",
    "official_code",
    "latitude",
    "longitude",
]


def sync_fields(session: Session, fields: Iterable[FieldSpec]) -> None:
    """Insert new fields and update the names and keywords of known ones (codes never change)."""
    existing = {f.code: f for f in session.scalars(select(Field))}
    for order, spec in enumerate(fields):
        row = existing.get(spec.code) or Field(code=spec.code)
        row.name_vi, row.name_en = spec.name_vi, spec.name_en
        row.keywords, row.sort_order = "|".join(spec.keywords), order
        session.add(row)
    session.flush()


def sync_units(session: Session, units: Iterable[UnitRecord]) -> None:
    """Insert new units and update known ones by code, with their aliases for name matching."""
    records = list(units)
    existing = {u.code: u for u in session.scalars(select(Unit))}
    for order, record in enumerate(records):
        row = existing.get(record.code) or Unit(code=record.code)
        row.name, row.full_name, row.level = record.name, record.full_name, record.level
        row.unit_type, row.sort_order = record.unit_type, order
        row.valid_from, row.valid_to = record.valid_from, record.valid_to
        if record.official_code:
            row.official_code = record.official_code
        session.add(row)
        existing[record.code] = row
    session.flush()
    for record in records:
        row = existing[record.code]
        row.parent_id = existing[record.parent_code].id if record.parent_code else None
        replace_aliases(session, row, record)
    session.flush()


def replace_aliases(session: Session, unit: Unit, record: UnitRecord) -> None:
    """The unit's aliases become its name, full name and the record's other spellings."""
    session.execute(delete(UnitAlias).where(UnitAlias.unit_id == unit.id))
    names = {record.name, record.full_name, *record.aliases}
    keys = {(name, key) for name in names for key in {match_key(name), name_key(name)} if key}
    session.add_all(UnitAlias(unit_id=unit.id, alias=name, alias_key=key) for name, key in keys)


def units_frame(session: Session) -> pd.DataFrame:
    """All units with their parent's code, in list order."""
    parent = Unit.__table__.alias("parent")
    units = Unit.__table__
    query = (
        select(*(units.c[c] for c in UNIT_COLUMNS if c != "parent_code"), parent.c.code)
        .outerjoin(parent, units.c.parent_id == parent.c.id)
        .order_by(units.c.sort_order, units.c.id)
    )
    rows = session.execute(query).all()
    columns = [c for c in UNIT_COLUMNS if c != "parent_code"] + ["parent_code"]
    return pd.DataFrame(rows, columns=columns)[UNIT_COLUMNS]


def unit_aliases_frame(session: Session) -> pd.DataFrame:
    """Every alias key with the unit code it names (several units may share a key)."""
    query = select(UnitAlias.alias_key, Unit.code).join(Unit, Unit.id == UnitAlias.unit_id)
    return pd.DataFrame(session.execute(query).all(), columns=["alias_key", "code"])


def fields_frame(session: Session) -> pd.DataFrame:
    rows = session.execute(
        select(Field.code, Field.name_vi, Field.name_en, Field.keywords).order_by(Field.sort_order)
    ).all()
    return pd.DataFrame(rows, columns=["code", "name_vi", "name_en", "keywords"])
