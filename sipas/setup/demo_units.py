"""The demo's units: its own list (data/demo/units.csv: Ninh Thuận's 7 former districts, 24 of
Khánh Hòa's communes and wards and 6 departments, under the short codes the demo's targets and
accounts use) and, behind it, the official map of its 2025 province (Khánh Hòa). Both are
loaded with the demo only, never by `init`: a province's own database starts without units.

The list is synced first, so the map's load adopts its units by official code (communes,
districts, provinces) or by name under the province (departments): "Sở Y tế" stays `so-y-te`,
and the standard list adds only the departments and agencies the demo list lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.config import DEMO_UNITS_FILE
from sipas.core.i18n import t
from sipas.reference.admin_map import REFORM_DAY, ProvinceMap, find_province, province_map
from sipas.reference.units import UnitListError, UnitRecord, read_unit_file
from sipas.storage.reference import sync_units, units_frame
from sipas.storage.units import LoadReport, load_province_map

DEMO_ACTOR = "demo"


def read_demo_units(path: Path = DEMO_UNITS_FILE) -> list[UnitRecord]:
    """The demo's own unit list."""
    return read_unit_file(path)


def sync_demo_units(session: Session) -> None:
    """Store the demo's own unit list (what the tests that import Ninh Thuận workbooks need).

    Raises UnitListError, writing nothing, on a database whose units came from the official
    map under their own codes (a province's database): the list would add each unit twice."""
    units = read_demo_units()
    stored = units_frame(session)
    if len(stored):
        codes = set(stored["code"])
        mapped = set(zip(stored["official_code"], stored["level"], strict=True))
        clash = [
            u
            for u in units
            if u.official_code and u.code not in codes and (u.official_code, u.level) in mapped
        ]
        if clash:
            raise UnitListError(t("errors.demo.units_exist", unit=clash[0].full_name))
    sync_units(session, units)


def load_demo_units(session: Session, province: str) -> LoadReport:
    """The demo's list, then the official map of `province` (name or official code), which
    adopts the list's units; idempotent."""
    sync_demo_units(session)
    return load_province_map(session, demo_map(province), DEMO_ACTOR)


@cache
def demo_map(province: str) -> ProvinceMap:
    """The official map of the demo's province (read once per process)."""
    return province_map(find_province(province))


def post_reform_communes(units: list[UnitRecord]) -> list[UnitRecord]:
    """The list's communes and wards of the 2025 map, in the list's order."""
    return [u for u in units if u.level == s.COMMUNE and _is_post_reform(u)]


def added_communes(province: str, units: list[UnitRecord]) -> list[UnitRecord]:
    """The 2025 communes and wards of `province` that the list lacks (by official code), in
    the order of their official codes."""
    known = {u.official_code for u in post_reform_communes(units) if u.official_code}
    return [
        u
        for u in demo_map(province).units
        if u.level == s.COMMUNE and _is_post_reform(u) and u.official_code not in known
    ]


def standard_unit_code(province: str, slug: str) -> str:
    """The code a standard department or agency (data/units/standard_agencies.csv) gets when
    the demo's province is loaded; raises KeyError for a slug the standard list lacks."""
    mapped = demo_map(province)
    code = f"{mapped.province.code}-{slug}"
    if code not in {u.code for u in mapped.agencies}:
        raise KeyError(slug)
    return code


def _is_post_reform(unit: UnitRecord) -> bool:
    return unit.valid_from is not None and unit.valid_from >= REFORM_DAY
