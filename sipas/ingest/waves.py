"""Correcting a wave's survey type (chính thức / bổ sung / thí điểm / công bố một phần), recorded
in the audit log in the same transaction: the CLI's `wave-type` and the import history page."""

from __future__ import annotations

from sqlalchemy import Engine

from sipas.method.waves import WaveInfo
from sipas.storage.audit import record_event
from sipas.storage.engine import transaction
from sipas.storage.waves import get_wave, set_survey_type

WAVE_TYPE_ACTION = "wave_type"


def retype_wave(engine: Engine, code: str, survey_type: str, actor: str) -> WaveInfo:
    """Set the survey type of the wave `code` (one of sipas.core.schema.SURVEY_TYPES) and
    record who did it, with the type before and after. Raises WaveError (Vietnamese) for an
    unknown wave or type; nothing is written then."""
    with transaction(engine) as session:
        before = get_wave(session, code).survey_type
        wave = set_survey_type(session, code, survey_type)
        details = {"type": survey_type, "from": before}
        record_event(session, actor, WAVE_TYPE_ACTION, wave.code, details=details)
    return wave
