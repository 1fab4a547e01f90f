"""Administrative units as data: reading unit lists and recognising unit names."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sipas.core import schema as s
from sipas.core.config import UNITS_DIR
from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.core.textnorm import match_key

# Prefixes that name a unit's type rather than the unit ("Huyện Bác Ái" is "Bác Ái").
# Longest first, compared on match keys (no diacritics, lower case).
_TYPE_PREFIXES = sorted(
    (
        "tinh",
        "thanh pho",
        "tp",
        "thi xa",
        "tx",
        "huyen",
        "h",
        "quan",
        "q",
        "xa",
        "phuong",
        "p",
        "thi tran",
        "tt",
        "dac khu",
        "so",
        "ubnd",
        "ubnd huyen",
        "ubnd xa",
        "ubnd phuong",
        "ubnd thanh pho",
        "ubnd thi xa",
        "ubnd thi tran",
    ),
    key=len,
    reverse=True,
)
_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _TYPE_PREFIXES) + r")\s+")
# The unit type a prefix names, as a match key of the units' unit_type ("H." is a huyện).
_PREFIX_TYPES = {
    "h": "huyen",
    "tp": "thanh pho",
    "tx": "thi xa",
    "q": "quan",
    "p": "phuong",
    "tt": "thi tran",
    "x": "xa",
}


def typed_unit_type(name: object) -> str:
    """The unit type a name's prefix says, as a match key: "H. Ninh Sơn" → "huyen",
    "Thị xã Ninh Hòa" → "thi xa", "UBND xã Lâm Sơn" → "xa"; "" for a bare name."""
    key = match_key(name)
    found = _PREFIX.match(key)
    if not found:
        return ""
    prefix = found.group(0).strip().removeprefix("ubnd").strip()
    return _PREFIX_TYPES.get(prefix, prefix)


class UnitListError(ValueError):
    """A unit list that cannot be loaded; the message is Vietnamese."""


@dataclass(frozen=True)
class UnitRecord:
    code: str
    name: str
    full_name: str
    level: str
    unit_type: str = ""
    parent_code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    official_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    area_km2: float | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the unit existed on `day` (the 2025 reform ended districts on 30/06/2025)."""
        starts = self.valid_from is None or self.valid_from <= day
        return starts and (self.valid_to is None or day <= self.valid_to)


def name_key(name: object) -> str:
    """Match key of a unit name without its type prefix: "H. Bác Ái" → "bac ai"."""
    key = match_key(name)
    stripped = _PREFIX.sub("", key, count=1)
    return stripped or key


def read_unit_file(path: Path) -> list[UnitRecord]:
    """Units from a CSV (code,name,full_name,level,unit_type,parent_code,valid_from,valid_to,
    aliases with "|" between aliases, and optionally official_code: the statistics office's
    code, which lets `units load` recognise the unit); raises UnitListError on a bad row."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    units = [_unit_from_row(row, path.name, number) for number, row in enumerate(rows, start=2)]
    _check_rows(units, path.name)
    _check_parents(units, path.name)
    return units


def _check_rows(units: list[UnitRecord], source: str) -> None:
    """Refuse a list with a code twice, a period that ends before it starts, or two units of
    one name under one parent at the same time (which would make names ambiguous)."""
    codes: dict[str, int] = {}
    names: dict[tuple[str, str | None], list[tuple[int, UnitRecord]]] = {}
    for number, unit in enumerate(units, start=2):
        where = t("errors.units.row", file=source, row=number)
        if unit.code in codes:
            raise UnitListError(
                t(
                    "errors.units.duplicate_code",
                    where=where,
                    code=unit.code,
                    first=codes[unit.code],
                )
            )
        codes[unit.code] = number
        if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
            start, end = format_date(unit.valid_from), format_date(unit.valid_to)
            raise UnitListError(t("errors.units.bad_period", where=where, start=start, end=end))
        same = names.setdefault((match_key(unit.name), unit.parent_code), [])
        for first, other in same:
            if other.level == unit.level and _overlap(other, unit):
                raise UnitListError(
                    t("errors.units.duplicate_name", where=where, name=unit.name, first=first)
                )
        same.append((number, unit))


def _overlap(one: UnitRecord, other: UnitRecord) -> bool:
    first, last = dt.date.min, dt.date.max
    return (one.valid_from or first) <= (other.valid_to or last) and (
        other.valid_from or first
    ) <= (one.valid_to or last)


# The standard departments and vertical agencies of a province: a template that
# `units load` fills in for the province chosen, not a unit list of its own.
STANDARD_AGENCIES_FILE = "standard_agencies.csv"


def read_unit_lists(directory: Path = UNITS_DIR) -> list[UnitRecord]:
    """Every unit list under data/units (the standard agencies' template excepted)."""
    paths = sorted(p for p in directory.glob("*.csv") if p.name != STANDARD_AGENCIES_FILE)
    return [unit for path in paths for unit in read_unit_file(path)]


def _unit_from_row(row: dict[str, str], source: str, number: int) -> UnitRecord:
    where = t("errors.units.row", file=source, row=number)
    code, name, level = (row.get(k, "").strip() for k in ("code", "name", "level"))
    if not code or not name:
        raise UnitListError(t("errors.units.missing_code", where=where))
    if level not in s.UNIT_LEVELS:
        allowed = ", ".join(s.UNIT_LEVELS)
        raise UnitListError(t("errors.units.bad_level", where=where, level=level, allowed=allowed))
    return UnitRecord(
        code=code,
        name=name,
        full_name=row.get("full_name", "").strip() or name,
        level=level,
        unit_type=row.get("unit_type", "").strip(),
        parent_code=row.get("parent_code", "").strip() or None,
        valid_from=_date(row.get("valid_from", ""), where),
        valid_to=_date(row.get("valid_to", ""), where),
        aliases=tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip()),
        official_code=(row.get("official_code") or "").strip() or None,
    )


def _date(text: str, where: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise UnitListError(t("errors.units.bad_date", where=where, value=text)) from error


def _check_parents(units: list[UnitRecord], source: str) -> None:
    codes = {unit.code for unit in units}
    for unit in units:
        if unit.parent_code and unit.parent_code not in codes:
            raise UnitListError(
                t(
                    "errors.units.unknown_parent",
                    file=source,
                    code=unit.code,
                    parent=unit.parent_code,
                )
            )


def valid_on(units: pd.DataFrame, day: dt.date) -> pd.Series:
    """Which rows of a unit table (valid_from / valid_to columns, empty for open) exist on
    `day`: True from the first to the last day of their validity."""
    starts = units["valid_from"].map(lambda start: start is None or pd.isna(start) or start <= day)
    ends = units["valid_to"].map(lambda end: end is None or pd.isna(end) or day <= end)
    return (starts & ends).astype(bool)
