"""Bringing a database to a usable state: schema, reference data, and the embedded demo."""

from __future__ import annotations

from sqlalchemy import Engine

from sipas.demo import load_demo
from sipas.demo_accounts import ensure_demo_accounts
from sipas.fields import load_fields
from sipas.storage.engine import transaction
from sipas.storage.migrate import upgrade_to_head
from sipas.storage.reference import sync_fields, sync_units
from sipas.storage.waves import list_waves
from sipas.units import read_unit_lists


def initialise(engine: Engine) -> None:
    """Create or upgrade the schema and refresh units and fields from data/."""
    upgrade_to_head(engine)
    with transaction(engine) as session:
        sync_fields(session, load_fields())
        sync_units(session, read_unit_lists())


def ensure_demo(engine: Engine) -> bool:
    """Initialise, then load the demo data if the database has no wave yet, and the demo
    accounts if it has no account yet.

    Returns True when the demo data was loaded by this call.
    """
    initialise(engine)
    with transaction(engine) as session:
        ensure_demo_accounts(session)
        if list_waves(session):
            return False
        load_demo(session)
        return True
