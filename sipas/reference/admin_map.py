"""The official administrative map, read from the data files of `vietnamadminunits`.

The library ships the statistics office's units as SQLite (`data/dataset.db`: the legacy map
of 63 provinces, 696 districts and 10.035 communes, and the 2025 map of 34 provinces and 3.321
communes, wards and special zones, with codes and coordinates) and the legacy → 2025 commune
mapping (`data/converter_2025.json`). Both are read from the installed package, offline; the
package itself is never imported (its import parses megabytes of JSON we do not need).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from sipas.core import schema as s
from sipas.core.config import UNITS_DIR
from sipas.core.i18n import t
from sipas.core.textnorm import match_key
from sipas.reference.units import STANDARD_AGENCIES_FILE, UnitListError, UnitRecord, name_key

LIBRARY = "vietnamadminunits"
REFORM_DAY = dt.date.fromisoformat(s.REFORM_DAY)
LEGACY_LAST_DAY = dt.date.fromisoformat(s.LEGACY_LAST_DAY)
# Unit codes: the era of the map and the official code. Official codes have 2 digits for a
# province, 3 for a district and 5 for a commune, so one era never repeats a code; the 2025 map
# reuses legacy codes, hence the era.
LEGACY_PREFIX = "vn63-"
NEW_PREFIX = "vn34-"
CLOSEST = 3


class UnknownProvinceError(UnitListError):
    """No 2025 province answers to the name or code given; the message lists the closest."""


@dataclass(frozen=True)
class Province:
    """A province of the 2025 map and the library keys of the legacy provinces merged into it."""

    official_code: str
    name: str
    full_name: str
    key: str
    legacy_keys: tuple[str, ...]
    latitude: float | None = None
    longitude: float | None = None

    @property
    def code(self) -> str:
        return NEW_PREFIX + self.official_code


@dataclass(frozen=True)
class Successor:
    """Legacy unit → 2025 unit; `weight` is the number of former communes it contributed."""

    unit_code: str
    successor_code: str
    weight: int


@dataclass(frozen=True)
class ProvinceMap:
    province: Province
    units: tuple[UnitRecord, ...]
    successors: tuple[Successor, ...]
    agencies: tuple[UnitRecord, ...]


def library_dir() -> Path:
    """The installed package's data folder; raises UnitListError when it is not installed."""
    spec = importlib.util.find_spec(LIBRARY)
    if spec is None or not spec.submodule_search_locations:
        raise UnitListError(t("units.errors.no_library", library=LIBRARY))
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(query: str, *params: str) -> Iterator[dict[str, Any]]:
    with closing(sqlite3.connect(f"file:{library_dir() / 'dataset.db'}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        yield from (dict(row) for row in db.execute(query, params))


@cache
def _converter() -> dict[str, Any]:
    with (library_dir() / "converter_2025.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces of the 2025 map, by official code."""
    query = (
        "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey, provinceLat, "
        "provinceLon FROM admin_units ORDER BY provinceCode"
    )
    merged = _converter()["DICT_PROVINCE"]
    return tuple(
        Province(
            official_code=row["provinceCode"],
            name=row["provinceShort"],
            full_name=row["province"],
            key=row["provinceKey"],
            legacy_keys=tuple(merged.get(row["provinceKey"], [row["provinceKey"]])),
            latitude=row["provinceLat"],
            longitude=row["provinceLon"],
        )
        for row in _rows(query)
    )


def find_province(query: str) -> Province:
    """The 2025 province named (with or without diacritics, "Tỉnh" or not) or coded by `query`;
    raises UnknownProvinceError listing the closest names."""
    wanted = match_key(query)
    bare = {wanted.replace(" ", ""), name_key(query).replace(" ", "")}
    keys = {f"{kind}{name}" for name in bare for kind in ("", "tinh", "thanhpho")}
    for province in provinces():
        codes = {province.official_code, province.official_code.lstrip("0")}
        if wanted in codes or keys & {province.key, *province.legacy_keys}:
            return province
    choices = {p.name: name_key(p.name) for p in provinces()}
    found = process.extract(name_key(query), choices, scorer=fuzz.WRatio, limit=CLOSEST)
    closest = ", ".join(name for _key, _score, name in found)
    raise UnknownProvinceError(t("units.errors.unknown_province", name=query, closest=closest))


def province_map(province: Province) -> ProvinceMap:
    """Every unit of `province` on both maps, the successors of its legacy units and its
    standard departments and agencies (data/units/standard_agencies.csv)."""
    legacy_rows = [row for key in province.legacy_keys for row in _legacy_rows(key)]
    new_rows = list(_rows("SELECT * FROM admin_units WHERE provinceKey = ?", province.key))
    units = (_new_province(province), *_new_communes(province, new_rows), *_legacy(legacy_rows))
    successors = _successors(province, legacy_rows, new_rows)
    return ProvinceMap(province, units, successors, tuple(standard_agencies(province)))


def _legacy_rows(province_key: str) -> list[dict[str, Any]]:
    query = "SELECT * FROM admin_units_legacy WHERE provinceKey = ? ORDER BY districtCode, wardCode"
    return list(_rows(query, province_key))


def _new_province(province: Province) -> UnitRecord:
    return UnitRecord(
        code=province.code,
        name=province.name,
        full_name=province.full_name,
        level=s.PROVINCE,
        unit_type=province.full_name.removesuffix(province.name).strip(),
        valid_from=REFORM_DAY,
        official_code=province.official_code,
        latitude=province.latitude,
        longitude=province.longitude,
    )


def _new_communes(province: Province, rows: list[dict[str, Any]]) -> Iterator[UnitRecord]:
    for row in sorted(rows, key=lambda r: r["wardCode"]):
        yield UnitRecord(
            code=NEW_PREFIX + row["wardCode"],
            name=row["wardShort"],
            full_name=row["ward"],
            level=s.COMMUNE,
            unit_type=row["wardType"],
            parent_code=province.code,
            valid_from=REFORM_DAY,
            official_code=row["wardCode"],
            latitude=row["wardLat"],
            longitude=row["wardLon"],
            area_km2=row["wardAreaKm2"],
        )


def _legacy(rows: list[dict[str, Any]]) -> Iterator[UnitRecord]:
    """Legacy provinces, districts and communes, each once, parents before children."""
    seen: set[str] = set()
    for level, prefix in ((s.PROVINCE, "province"), (s.DISTRICT, "district"), (s.COMMUNE, "ward")):
        for row in rows:
            official = row[f"{prefix}Code"]
            if official is None or official in seen:
                continue
            seen.add(official)
            yield _legacy_unit(row, level, prefix)


def _legacy_unit(row: dict[str, Any], level: str, prefix: str) -> UnitRecord:
    parent = {s.DISTRICT: "provinceCode", s.COMMUNE: "districtCode"}.get(level)
    full_name, short = row[prefix], row[f"{prefix}Short"]
    unit_type = row.get(f"{prefix}Type") or full_name.removesuffix(short).strip()
    return UnitRecord(
        code=LEGACY_PREFIX + row[f"{prefix}Code"],
        name=short,
        full_name=full_name,
        level=level,
        unit_type=unit_type,
        parent_code=LEGACY_PREFIX + row[parent] if parent else None,
        valid_to=LEGACY_LAST_DAY,
        official_code=row[f"{prefix}Code"],
        latitude=row[f"{prefix}Lat"],
        longitude=row[f"{prefix}Lon"],
    )


def _successors(
    province: Province, legacy_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]
) -> tuple[Successor, ...]:
    """Commune → commune(s) from the converter; a district's and a legacy province's successors
    are the communes their communes went into, weighted by how many of them went."""
    new_code = {row["wardKey"]: NEW_PREFIX + row["wardCode"] for row in new_rows}
    targets = _commune_targets(province)
    weights: Counter[tuple[str, str]] = Counter()
    for row in legacy_rows:
        key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        for ward_key in targets.get(key, ()):
            successor = new_code[ward_key]
            if row["wardCode"]:
                weights[(LEGACY_PREFIX + row["wardCode"], successor)] += 1
            weights[(LEGACY_PREFIX + row["districtCode"], successor)] += 1
        weights[(LEGACY_PREFIX + row["provinceCode"], province.code)] += 1
    return tuple(Successor(unit, successor, n) for (unit, successor), n in weights.items())


def _commune_targets(province: Province) -> dict[str, list[str]]:
    """Legacy commune key ("province_district_ward") → keys of the 2025 communes it went into."""
    converter = _converter()
    targets: dict[str, list[str]] = defaultdict(list)
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province.key, {})
    for new_key, legacy_keys in whole.items():
        for legacy_key in legacy_keys:
            targets[legacy_key].append(new_key)
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(province.key, {})
    for legacy_key, parts in divided.items():
        targets[legacy_key].extend(part["newWardKey"] for part in parts)
    return targets


def standard_agencies(province: Province, directory: Path = UNITS_DIR) -> list[UnitRecord]:
    """The standard departments and vertical agencies, named for `province`."""
    city = province.full_name.startswith("Thành phố")
    where = ("thành phố " if city else "tỉnh ") + province.name
    with (directory / STANDARD_AGENCIES_FILE).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        UnitRecord(
            code=f"{province.code}-{row['slug']}",
            name=_for_city(row["name"]) if city else row["name"],
            full_name=row["full_name"].format(province=where),
            level=row["level"],
            unit_type=row["unit_type"],
            parent_code=province.code,
            valid_from=REFORM_DAY,
        )
        for row in rows
    ]


def _for_city(name: str) -> str:
    return name[: -len("tỉnh")] + "thành phố" if name.endswith(" tỉnh") else name


@dataclass(frozen=True)
class NationalMap:
    """Every province of both maps (34 of 2025, 63 legacy ones ending 30/06/2025) and each
    legacy province's successor, weighted as `province_map` weighs it (its former communes)."""

    units: tuple[UnitRecord, ...]
    successors: tuple[Successor, ...]


@cache
def national_map() -> NationalMap:
    """The provinces of the country on both maps, read from the library, offline."""
    query = (
        "SELECT provinceCode, province, provinceShort, provinceKey, provinceLat, provinceLon, "
        "COUNT(*) AS rows FROM admin_units_legacy GROUP BY provinceCode ORDER BY provinceCode"
    )
    legacy = list(_rows(query))
    owner = {key: p for p in provinces() for key in p.legacy_keys}
    units = [_new_province(p) for p in provinces()]
    units += [_legacy_unit(row, s.PROVINCE, "province") for row in legacy]
    successors = tuple(
        Successor(LEGACY_PREFIX + row["provinceCode"], owner[row["provinceKey"]].code, row["rows"])
        for row in legacy
        if row["provinceKey"] in owner
    )
    return NationalMap(tuple(units), successors)
