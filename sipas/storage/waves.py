"""Survey waves: create, find and list them."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import nulls_last, select
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import Method
from sipas.storage.models.survey import Wave
from sipas.storage.state import bump_data_version
from sipas.storage.textorder import by_code_point


class WaveError(ValueError):
    """A wave that cannot be created or found; the message is Vietnamese."""


def _info(row: Wave) -> WaveInfo:
    return WaveInfo(
        id=row.id,
        code=row.code,
        name=row.name,
        year=row.year,
        method_code=row.method_code,
        kind=row.kind,
        period_start=row.period_start,
        period_end=row.period_end,
        item_codes=tuple(json.loads(row.item_codes)),
        weighting=row.weighting,
        is_demo=row.is_demo,
        survey_type=row.survey_type or s.OFFICIAL,
    )


def create_wave(
    session: Session,
    code: str,
    method: Method,
    *,
    name: str | None = None,
    year: int | None = None,
    kind: str = s.RESPONDENT_KIND,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    is_demo: bool = False,
    weighting: str | None = None,
    survey_type: str = s.OFFICIAL,
) -> WaveInfo:
    """A new wave using `method` (pillar `weighting` None: the method's); raises WaveError
    when the code is taken or malformed."""
    code = code.strip()
    if not code or len(code) > 32:
        raise WaveError(t("errors.wave.bad_code"))
    if find_wave(session, code) is not None:
        raise WaveError(t("errors.wave.exists", code=code))
    if kind not in (s.RESPONDENT_KIND, s.AGGREGATE_KIND):
        raise WaveError(t("errors.wave.bad_kind", kind=kind))
    if survey_type != s.NATIONAL:
        _check_survey_type(survey_type)
    elif kind != s.AGGREGATE_KIND:
        raise WaveError(t("national.errors.not_aggregate"))
    year = year or _year_from(code, period_end)
    row = Wave(
        code=code,
        name=name or _default_name(code, year, survey_type),
        year=year,
        method_code=method.code,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        item_codes=json.dumps(list(method.item_codes)),
        is_demo=is_demo,
        note="",
        weighting=weighting,
        survey_type=survey_type,
    )
    session.add(row)
    session.flush()
    return _info(row)


def _default_name(code: str, year: int, survey_type: str) -> str:
    if survey_type == s.NATIONAL:
        return t("national.wave_name", year=year)
    return t("terms.wave_name", code=code)


def _year_from(code: str, period_end: dt.date | None) -> int:
    if period_end is not None:
        return period_end.year
    digits = code[:4]
    if digits.isdigit() and 2000 <= int(digits) <= 2100:
        return int(digits)
    raise WaveError(t("errors.wave.no_year", code=code))


ACTIVE_WAVE = "active"
WITHDRAWN_WAVE = "withdrawn"


def find_wave(session: Session, code: str) -> WaveInfo | None:
    """The active wave with this code, or None (withdrawn waves are history only)."""
    row = session.scalar(select(Wave).where(Wave.code == code, Wave.status == ACTIVE_WAVE))
    return _info(row) if row else None


def get_wave(session: Session, code: str) -> WaveInfo:
    """The wave with this code; raises WaveError listing the known codes."""
    wave = find_wave(session, code)
    if wave is None:
        known = ", ".join(w.code for w in list_waves(session)) or t("errors.wave.none_yet")
        raise WaveError(t("errors.wave.unknown", code=code, known=known))
    return wave


def list_waves(session: Session, national: bool = False) -> list[WaveInfo]:
    """All waves of the province's own surveys (with `national`, only the published national
    tables instead), oldest first; within a year a wave without an end date counts as ending
    on 31/12, and codes of the same year and end are ordered by code point (the same order on
    SQLite and PostgreSQL, whatever the database's collation)."""
    rows = session.scalars(
        select(Wave)
        .where(
            Wave.status == ACTIVE_WAVE,
            (Wave.survey_type == s.NATIONAL) if national else (Wave.survey_type != s.NATIONAL),
        )
        .order_by(Wave.year, nulls_last(Wave.period_end), by_code_point(session, Wave.code))
    )
    return [_info(row) for row in rows]


def set_survey_type(session: Session, code: str, survey_type: str) -> WaveInfo:
    """Say what the wave `code` was (official, supplementary, pilot, partial); staff correct
    it when an import guessed wrong. Raises WaveError for an unknown wave or type."""
    _check_survey_type(survey_type)
    row = session.scalar(select(Wave).where(Wave.code == code, Wave.status == ACTIVE_WAVE))
    if row is None:
        get_wave(session, code)  # raises with the known codes
    assert row is not None
    if row.survey_type == s.NATIONAL:
        raise WaveError(t("national.errors.retype", wave=code))
    row.survey_type = survey_type
    session.flush()
    bump_data_version(session)
    return _info(row)


def _check_survey_type(survey_type: str) -> None:
    if survey_type not in s.SURVEY_TYPES:
        known = ", ".join(
            f"{code} ({t(f'statistics.survey_type.{code}')})" for code in s.SURVEY_TYPES
        )
        raise WaveError(t("statistics.survey_type.unknown", value=survey_type, known=known))
