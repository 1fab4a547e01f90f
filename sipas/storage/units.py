"""Units in the database beyond data/units: a province loaded from the official map, its
successors, and the departments and agencies staff add, rename and retire (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.reference.admin_map import LEGACY_LAST_DAY, NationalMap, ProvinceMap, Successor
from sipas.reference.units import UnitListError, UnitRecord, name_key
from sipas.storage.audit import record_event
from sipas.storage.models.reference import Unit, UnitAlias, UnitSuccessor
from sipas.storage.reference import replace_aliases
from sipas.storage.state import bump_data_version

LOAD = "unit.load"
NATIONAL_TARGET = "provinces"  # the audit target of loading the country's provinces
ADD = "unit.add"
RENAME = "unit.rename"
RETIRE = "unit.retire"
_COMPARED = (
    "name",
    "full_name",
    "level",
    "unit_type",
    "valid_from",
    "valid_to",
    "official_code",
    "latitude",
    "longitude",
    "area_km2",
)
LIST_COLUMNS = [
    "code",
    "official_code",
    "name",
    "full_name",
    "level",
    "unit_type",
    "parent_code",
    "valid_from",
    "valid_to",
    "successors",
]


class UnitChangeError(UnitListError):
    """A unit change refused (nothing written); the message says why, in Vietnamese."""


@dataclass(frozen=True)
class LoadReport:
    """What `load_province_map` changed: units added and updated, successor links written."""

    added: int
    updated: int
    unchanged: int
    successors: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.successors)


def load_province_map(session: Session, mapped: ProvinceMap, actor: str) -> LoadReport:
    """Insert or update the map's units (by code, or by official code and period for a unit
    that data/units already holds under another code), add the standard agencies that are
    missing (never overwriting staff's renames), and write the successors. Idempotent."""
    rows = _known_rows(session)
    added, updated = _upsert(session, rows, mapped.units, overwrite=True)
    more, _ = _upsert(session, rows, mapped.agencies, overwrite=False)
    links = _write_successors(session, rows, mapped.successors)
    report = LoadReport(added + more, updated, len(mapped.units) - added - updated, links)
    if report.changed:
        details = {"added": report.added, "updated": report.updated, "successors": links}
        record_event(session, actor, LOAD, mapped.province.code, details=details)
        bump_data_version(session)
    return report


def load_national_map(session: Session, mapped: NationalMap, actor: str) -> LoadReport:
    """Every province of both maps and the legacy provinces' successors, like
    `load_province_map` (a province data/units holds is adopted by its official code and
    keeps its code). Idempotent."""
    rows = _known_rows(session)
    added, updated = _upsert(session, rows, mapped.units, overwrite=True)
    links = _write_successors(session, rows, mapped.successors)
    report = LoadReport(added, updated, len(mapped.units) - added - updated, links)
    if report.changed:
        details = {"added": added, "updated": updated, "successors": links}
        record_event(session, actor, LOAD, NATIONAL_TARGET, details=details)
        bump_data_version(session)
    return report


def _known_rows(session: Session) -> dict[str, Unit]:
    """Units by code and by (official code, level, legacy or not)."""
    rows: dict[str, Unit] = {}
    for unit in session.scalars(select(Unit)):
        rows[unit.code] = unit
        if unit.official_code:
            rows.setdefault(_identity(unit.official_code, unit.level, unit.valid_to), unit)
    return rows


def _identity(official_code: str, level: str, valid_to: dt.date | None) -> str:
    era = "legacy" if valid_to is not None and valid_to <= LEGACY_LAST_DAY else "2025"
    return f"{official_code}|{level}|{era}"


def _upsert(
    session: Session, rows: dict[str, Unit], records: tuple[UnitRecord, ...], overwrite: bool
) -> tuple[int, int]:
    """Add the records' units that are missing; with `overwrite`, update those that differ.
    Returns (added, updated)."""
    added = updated = 0
    order = session.scalar(select(func.coalesce(func.max(Unit.sort_order), 0))) or 0
    for record in records:
        row = _find(rows, record) if overwrite else _find_sibling(session, rows, record)
        if row is None:
            order += 1
            row = Unit(code=record.code, sort_order=order)
            _fill(session, row, record, rows)
            added += 1
        elif overwrite and row.code != record.code:
            updated += _adopt(row, record)
        elif overwrite and _differs(row, record, rows):
            _fill(session, row, record, rows)
            updated += 1
        rows[record.code] = row
    session.flush()
    return added, updated


def _adopt(row: Unit, record: UnitRecord) -> int:
    """A unit of data/units that the map also holds: the list keeps its code, names and
    period (staff edit it; `init` reads it again), the map adds what the list lacks."""
    changed = 0
    for name in ("official_code", "latitude", "longitude", "area_km2"):
        if getattr(row, name) is None and getattr(record, name) is not None:
            setattr(row, name, getattr(record, name))
            changed = 1
    return changed


def _find_sibling(session: Session, rows: dict[str, Unit], record: UnitRecord) -> Unit | None:
    """The unit with the record's code, or of the same level and parent with the same name
    (a department the list already holds under another code)."""
    if record.code in rows:
        return rows[record.code]
    parent = rows[record.parent_code].id if record.parent_code else None
    key = name_key(record.name)
    for unit in session.scalars(
        select(Unit).where(Unit.level == record.level, Unit.parent_id == parent)
    ):
        if name_key(unit.name) == key:
            return unit
    return None


def _find(rows: dict[str, Unit], record: UnitRecord) -> Unit | None:
    if record.code in rows:
        return rows[record.code]
    if record.official_code:
        return rows.get(_identity(record.official_code, record.level, record.valid_to))
    return None


def _differs(row: Unit, record: UnitRecord, rows: dict[str, Unit]) -> bool:
    parent = rows[record.parent_code].id if record.parent_code else None
    return parent != row.parent_id or any(
        getattr(row, name) != getattr(record, name) for name in _COMPARED
    )


def _fill(session: Session, row: Unit, record: UnitRecord, rows: dict[str, Unit]) -> None:
    for name in _COMPARED:
        setattr(row, name, getattr(record, name))
    row.parent_id = rows[record.parent_code].id if record.parent_code else None
    session.add(row)
    session.flush()
    replace_aliases(session, row, record)


def _write_successors(
    session: Session, rows: dict[str, Unit], successors: tuple[Successor, ...]
) -> int:
    """Make the stored successors of these legacy units exactly `successors`; returns how
    many links were added, changed or removed."""
    wanted = {(rows[x.unit_code].id, rows[x.successor_code].id): x.weight for x in successors}
    owners = {unit for unit, _ in wanted}
    stored = {
        (link.unit_id, link.successor_id): link
        for link in session.scalars(select(UnitSuccessor).where(UnitSuccessor.unit_id.in_(owners)))
    }
    changes = 0
    for pair, link in stored.items():
        if pair not in wanted:
            session.delete(link)
            changes += 1
        elif link.weight != wanted[pair]:
            link.weight = wanted[pair]
            changes += 1
    for (unit, successor), weight in wanted.items():
        if (unit, successor) not in stored:
            session.add(UnitSuccessor(unit_id=unit, successor_id=successor, weight=weight))
            changes += 1
    session.flush()
    return changes


def successors_frame(session: Session) -> pd.DataFrame:
    """Every successor link: unit_code, successor_code, successor_name, weight (number of
    former communes), heaviest first within a unit."""
    successor = Unit.__table__.alias("successor")
    query = (
        select(Unit.code, successor.c.code, successor.c.full_name, UnitSuccessor.weight)
        .join(Unit, Unit.id == UnitSuccessor.unit_id)
        .join(successor, successor.c.id == UnitSuccessor.successor_id)
        .order_by(Unit.code, UnitSuccessor.weight.desc(), successor.c.code)
    )
    columns = ["unit_code", "successor_code", "successor_name", "weight"]
    return pd.DataFrame(session.execute(query).all(), columns=columns)


def list_units(
    session: Session, level: str | None = None, on: dt.date | None = None
) -> pd.DataFrame:
    """Units (of `level`, valid on `on`) with their successors as "code:weight; …"."""
    parent = Unit.__table__.alias("parent")
    query = select(
        *(Unit.__table__.c[c] for c in LIST_COLUMNS[:6]),
        parent.c.code,
        Unit.valid_from,
        Unit.valid_to,
    ).outerjoin(parent, Unit.parent_id == parent.c.id)
    if level:
        query = query.where(Unit.level == level)
    if on:
        query = query.where(
            (Unit.valid_from.is_(None)) | (Unit.valid_from <= on),
            (Unit.valid_to.is_(None)) | (Unit.valid_to >= on),
        )
    rows = session.execute(query.order_by(Unit.sort_order, Unit.id)).all()
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS[:-1])
    links = successors_frame(session)
    joined = (links["successor_code"] + ":" + links["weight"].astype(str)).groupby(
        links["unit_code"]
    )
    by_unit = joined.agg("; ".join).to_dict()
    frame["successors"] = frame["code"].map(lambda code: by_unit.get(code, ""))
    return frame


def add_unit(session: Session, actor: str, record: UnitRecord) -> None:
    """Add a unit the map does not hold (a department, an agency); raises UnitChangeError for
    a duplicate code, an unknown level or parent, a period that ends before it starts, or a
    name that a unit of the same parent already has in an overlapping period."""
    if session.scalar(select(Unit.id).where(Unit.code == record.code)) is not None:
        raise UnitChangeError(t("units.errors.duplicate_code", code=record.code))
    if record.level not in s.UNIT_LEVELS:
        allowed = ", ".join(s.UNIT_LEVELS)
        raise UnitChangeError(t("units.errors.bad_level", level=record.level, allowed=allowed))
    parent = _parent(session, record.parent_code)
    _check_period(record.valid_from, record.valid_to)
    _check_name_free(session, record, parent)
    order = session.scalar(select(func.coalesce(func.max(Unit.sort_order), 0))) or 0
    row = Unit(code=record.code, sort_order=order + 1)
    _fill(
        session, row, record, {record.parent_code: parent} if parent and record.parent_code else {}
    )
    record_event(session, actor, ADD, record.code, details={"name": record.name})
    bump_data_version(session)


def rename_unit(
    session: Session, actor: str, code: str, name: str, full_name: str | None = None
) -> None:
    """Give a unit a new name; the old one stays an alias so older files still match."""
    row = _unit(session, code)
    record = _record(row)
    renamed = replace(record, name=name.strip(), full_name=(full_name or name).strip())
    if not renamed.name:
        raise UnitChangeError(t("units.errors.no_name"))
    _check_name_free(session, renamed, row.parent_id, exclude=row.id)
    old = [n for n in _aliases(session, row) if n not in {renamed.name, renamed.full_name}]
    row.name, row.full_name = renamed.name, renamed.full_name
    replace_aliases(session, row, replace(renamed, aliases=tuple(old)))
    record_event(session, actor, RENAME, code, details={"from": record.name, "to": row.name})
    bump_data_version(session)


def retire_unit(session: Session, actor: str, code: str, last_day: dt.date) -> None:
    """End a unit's period on `last_day`; its data and history stay."""
    row = _unit(session, code)
    _check_period(row.valid_from, last_day)
    previous = row.valid_to
    row.valid_to = last_day
    session.flush()
    record_event(session, actor, RETIRE, code, details={"valid_to": last_day, "was": previous})
    bump_data_version(session)


def _unit(session: Session, code: str) -> Unit:
    row = session.scalar(select(Unit).where(Unit.code == code))
    if row is None:
        raise UnitChangeError(t("units.errors.unknown_code", code=code))
    return row


def _parent(session: Session, code: str | None) -> Unit | None:
    if not code:
        return None
    row = session.scalar(select(Unit).where(Unit.code == code))
    if row is None:
        raise UnitChangeError(t("units.errors.unknown_parent", code=code))
    return row


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise UnitChangeError(t("units.errors.bad_period", start=start, end=end))


def _check_name_free(
    session: Session, record: UnitRecord, parent: Unit | int | None, exclude: int | None = None
) -> None:
    parent_id = parent.id if isinstance(parent, Unit) else parent
    siblings = session.scalars(
        select(Unit).where(
            Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id
        )
    )
    key = name_key(record.name)
    for other in siblings:
        if other.id != exclude and name_key(other.name) == key and _overlaps(other, record):
            raise UnitChangeError(
                t("units.errors.duplicate_name", name=record.name, code=other.code)
            )


def _overlaps(row: Unit, record: UnitRecord) -> bool:
    starts_before_end = (
        record.valid_to is None or row.valid_from is None or row.valid_from <= record.valid_to
    )
    ends_after_start = (
        record.valid_from is None or row.valid_to is None or row.valid_to >= record.valid_from
    )
    return starts_before_end and ends_after_start


def _aliases(session: Session, row: Unit) -> list[str]:
    return sorted(set(session.scalars(select(UnitAlias.alias).where(UnitAlias.unit_id == row.id))))


def _record(row: Unit) -> UnitRecord:
    return UnitRecord(
        code=row.code,
        name=row.name,
        full_name=row.full_name,
        level=row.level,
        unit_type=row.unit_type,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        official_code=row.official_code,
    )
