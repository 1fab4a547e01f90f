"""Setting up a province: its units from the official map, in one transaction."""

from __future__ import annotations

from sqlalchemy import Engine

from sipas.reference.admin_map import Province, find_province, national_map, province_map
from sipas.storage.engine import transaction
from sipas.storage.units import LoadReport, load_national_map, load_province_map


def load_province(engine: Engine, query: str, actor: str) -> tuple[Province, LoadReport]:
    """Load the 2025 province named or coded by `query` (its communes, the legacy provinces,
    districts and communes merged into it, their successors, the standard departments and
    agencies), then the other provinces of both maps, which national tables rank (not counted
    in the report); raises UnknownProvinceError listing the closest names. Idempotent."""
    province = find_province(query)
    mapped = province_map(province)
    with transaction(engine) as session:
        report = load_province_map(session, mapped, actor)
        load_national_map(session, national_map(), actor)
        return province, report
