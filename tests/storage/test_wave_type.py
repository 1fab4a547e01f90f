"""Correcting a wave's type is one audited change, whoever makes it (CLI or import page)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sipas.ingest.waves import retype_wave
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.system import AuditEvent
from sipas.storage.waves import WaveError, list_waves


def wave_type_events(url: str) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    with transaction(engine) as session:
        rows = session.execute(
            select(AuditEvent.actor, AuditEvent.object, AuditEvent.details).where(
                AuditEvent.action == "wave_type"
            )
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_type_changes_and_the_audit_says_from_what_and_by_whom(demo_url: str) -> None:
    engine = make_engine(demo_url)
    changed = retype_wave(engine, "2022", "partial", "canbo")
    assert changed.code == "2022" and changed.survey_type == "partial"
    with transaction(engine) as session:
        assert next(w for w in list_waves(session) if w.code == "2022").survey_type == "partial"
    retype_wave(engine, "2022", "official", "quantri")
    engine.dispose()
    events = wave_type_events(demo_url)
    assert [(actor, code) for actor, code, _ in events] == [("canbo", "2022"), ("quantri", "2022")]
    assert [json.loads(details) for *_, details in events] == [
        {"type": "partial", "from": "official"},
        {"type": "official", "from": "partial"},
    ]


def test_an_unknown_wave_or_type_writes_nothing(demo_url: str) -> None:
    engine = make_engine(demo_url)
    with pytest.raises(WaveError):
        retype_wave(engine, "1999", "pilot", "canbo")
    with pytest.raises(WaveError):
        retype_wave(engine, "2022", "draft", "canbo")
    engine.dispose()
    assert wave_type_events(demo_url) == []
