"""Models of reference data: administrative units (with their other spellings) and fields."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sipas.storage.models.base import Base


class Unit(Base):
    """An administrative unit (province, district, department, commune/ward) and its lifetime."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20), index=True)
    unit_type: Mapped[str] = mapped_column(String(50), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The statistics office's code (mã đơn vị hành chính), for units of the official map; the
    # 2025 map reuses legacy codes, so it is unique only together with the unit's period.
    official_code: Mapped[str | None] = mapped_column(String(16), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    area_km2: Mapped[float | None] = mapped_column(Float)


class UnitSuccessor(Base):
    """A unit of the 2025 map that (part of) a legacy unit's territory went into.

    `weight` is the number of the legacy unit's former communes that went into the successor
    (1 for a commune; a commune split between several successors counts once in each).
    """

    __tablename__ = "unit_successors"
    __table_args__ = (UniqueConstraint("unit_id", "successor_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    weight: Mapped[int] = mapped_column(Integer, default=1)


class UnitAlias(Base):
    """Another spelling of a unit's name; `alias_key` is the normalised form used for matching."""

    __tablename__ = "unit_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class Field(Base):
    """A field of administrative procedures (lĩnh vực)."""

    __tablename__ = "fields"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
