"""Published national tables (Bộ Nội vụ's SIPAS of every province): the provinces they name.

A national table is an aggregate import into a wave of survey type `national` (its own code,
e.g. "2024-toan-quoc"). Its rows name provinces as people write them ("Tỉnh Khánh Hòa",
"khanh hoa", the official code), matched among the provinces only, on the map of the wave's
date: the 63 legacy provinces for a table of 2024 or before, the 34 of 2025 after 1/7/2025.
The provinces come from the official map (sipas.reference.admin_map), loaded before the table
is read; loading them is idempotent and adopts the provinces data/units already holds.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sipas.reference.admin_map import national_map
from sipas.storage.engine import transaction
from sipas.storage.units import LoadReport, load_national_map


def load_provinces(session: Session, actor: str) -> LoadReport:
    """Every province of both maps as a unit at level province (official codes, validity,
    each legacy province's successor); changes nothing when they are all there."""
    return load_national_map(session, national_map(), actor)


def ensure_provinces(engine: Engine, actor: str) -> LoadReport:
    """`load_provinces` in a transaction of its own."""
    with transaction(engine) as session:
        return load_provinces(session, actor)
