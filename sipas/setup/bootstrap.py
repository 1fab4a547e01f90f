"""Bringing a database to a usable state: schema, reference data, and the embedded demo."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sipas.reference.fields import load_fields
from sipas.reference.units import read_unit_lists
from sipas.setup.demo import load_demo
from sipas.setup.demo_accounts import ensure_demo_accounts
from sipas.setup.demo_national import ensure_demo_national
from sipas.storage.comment_counts import refresh_stale_comment_counts
from sipas.storage.engine import transaction
from sipas.storage.migrate import upgrade_to_head
from sipas.storage.reference import sync_fields, sync_units
from sipas.storage.waves import list_waves
from sipas.targets.registry import seed_targets


def initialise(engine: Engine) -> None:
    """Create or upgrade the schema, refresh fields and the unit lists staff put under
    data/units (none ship: a province loads its units with `units load`, the demo with the
    demo), add the default targets that were never seeded (staff changes to targets are
    kept), and count comments again where the theme keywords changed since they were counted."""
    upgrade_to_head(engine)
    with transaction(engine) as session:
        sync_fields(session, load_fields())
        sync_units(session, read_unit_lists())
        seed_targets(session)
        refresh_stale_comment_counts(session)


def ensure_demo(engine: Engine) -> bool:
    """Initialise, then load the demo data if the database has no wave yet, and the demo
    accounts if it has no account yet.

    Returns True when the demo data was loaded by this call.
    """
    initialise(engine)
    with transaction(engine) as session:
        loaded = not list_waves(session)
        if loaded:
            load_demo(session)  # its units first: the demo leader is bound to one
        ensure_demo_accounts(session)
        seed_demo_targets(session)
    ensure_demo_national(engine)
    return loaded


def seed_demo_targets(session: Session) -> int:
    """Add the example targets of data/targets.yaml (plans of Ninh Thuận's districts) when the
    database holds the demo; returns how many were added."""
    if not any(wave.is_demo for wave in list_waves(session)):
        return 0
    return seed_targets(session, examples=True)
