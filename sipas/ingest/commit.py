"""Committing a prepared import: one transaction, all or nothing, recorded in the history and
the audit log; a second import waits for the first, and the same file is never stored twice."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.ingest.aggregate import AggregateCheck
from sipas.ingest.display import vietnam_time
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import Prepared, new_wave_year
from sipas.ingest.respondents import RespondentCheck
from sipas.method.batch import ResponseBatch
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import MethodError, get_method
from sipas.storage.audit import FAILED, record_event
from sipas.storage.engine import transaction
from sipas.storage.imports import (
    REPLACE,
    find_duplicate,
    lock_imports,
    mark_created_wave,
    supersede_active,
)
from sipas.storage.models.survey import ImportBatch
from sipas.storage.published import store_published
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave, find_wave

IMPORT_ACTION = "import"
ROLLBACK_ACTION = "import_rollback"


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    wave_code: str
    created_wave: bool
    rows_accepted: int
    rows_rejected: int


def commit(
    session: Session, prepared: Prepared, actor: str, valid_rows_only: bool = False
) -> ImportResult:
    """Store the accepted rows as one new import, inside the caller's transaction.

    Raises IngestError when rows were rejected and `valid_rows_only` was not chosen, when no
    row can be imported, when the file was imported already, or the wave changed kind.
    """
    _check_choice(prepared, valid_rows_only)
    lock_imports(session)
    duplicate = find_duplicate(session, prepared.file_hash)
    if duplicate is not None:
        raise IngestError(duplicate_message(duplicate))
    wave, created = _wave(session, prepared)
    import_id = _store(session, prepared, wave, actor)
    _record_details(session, prepared, import_id, valid_rows_only)
    if created:
        mark_created_wave(session, wave.id, import_id)
    superseded = (
        supersede_active(session, wave.id, import_id) if prepared.request.mode == REPLACE else 0
    )
    record_event(
        session,
        actor,
        IMPORT_ACTION,
        prepared.request.file_name,
        details={
            "import_id": import_id,
            "wave": wave.code,
            "kind": prepared.request.kind,
            "mode": prepared.request.mode,
            "hash": prepared.file_hash,
            "rows_total": prepared.rows_total,
            "rows_accepted": prepared.rows_accepted,
            "rows_rejected": prepared.rows_rejected,
            "valid_rows_only": valid_rows_only,
            "superseded": superseded,
            "created_wave": created,
        },
    )
    return ImportResult(
        import_id, wave.code, created, prepared.rows_accepted, prepared.rows_rejected
    )


def commit_import(
    engine: Engine, prepared: Prepared, actor: str, valid_rows_only: bool = False
) -> ImportResult:
    """commit() in a transaction of its own; a refusal is recorded in the audit log."""
    try:
        with transaction(engine) as session:
            return commit(session, prepared, actor, valid_rows_only)
    except IngestError as error:
        record_failure(engine, actor, prepared.request.file_name, str(error))
        raise


def record_failure(engine: Engine, actor: str, file_name: str, reason: str) -> None:
    """Record a refused import in a transaction of its own (nothing else was written)."""
    with transaction(engine) as session:
        record_event(session, actor, IMPORT_ACTION, file_name, FAILED, {"reason": reason})


def duplicate_message(duplicate: object) -> str:
    return t(
        "import.commit.duplicate",
        id=getattr(duplicate, "id", ""),
        wave=getattr(duplicate, "wave_code", ""),
        file=getattr(duplicate, "file_name", ""),
        at=vietnam_time(getattr(duplicate, "created_at", None)),
        by=getattr(duplicate, "created_by", ""),
    )


def _check_choice(prepared: Prepared, valid_rows_only: bool) -> None:
    if prepared.problem:
        raise IngestError(prepared.problem)
    if prepared.rows_accepted == 0:
        raise IngestError(t("import.commit.nothing_valid", rows=prepared.rows_total))
    if prepared.rows_rejected and not valid_rows_only:
        raise IngestError(
            t(
                "import.commit.has_errors",
                rejected=prepared.rows_rejected,
                total=prepared.rows_total,
            )
        )


def _wave(session: Session, prepared: Prepared) -> tuple[WaveInfo, bool]:
    request = prepared.request
    wave = find_wave(session, request.wave_code.strip())
    if wave is not None:
        changed = request.weighting not in (None, wave.weighting)
        if wave.kind != request.kind or wave.method_code != prepared.method.code or changed:
            raise IngestError(t("import.commit.wave_changed", wave=wave.code))
        return wave, False
    method = get_method(prepared.method.code)
    try:
        method.pillar_weights(request.weighting)
    except MethodError as error:
        raise IngestError(str(error)) from error
    created = create_wave(
        session,
        request.wave_code.strip(),
        method,
        year=new_wave_year(request),
        kind=request.kind,
        weighting=request.weighting,
        survey_type=request.survey_type,
    )
    return created, True


def _store(session: Session, prepared: Prepared, wave: WaveInfo, actor: str) -> int:
    check, accepted = prepared.check, prepared.accepted
    name, digest, total = prepared.request.file_name, prepared.file_hash, prepared.rows_total
    if isinstance(check, RespondentCheck):
        batch = ResponseBatch(
            check.batch.slices[accepted].reset_index(drop=True), check.batch.answers[accepted]
        )
        return store_responses(
            session,
            wave,
            batch,
            file_name=name,
            file_hash=digest,
            created_by=actor,
            rows_total=total,
        )
    assert isinstance(check, AggregateCheck)
    return store_published(
        session,
        wave,
        check.stored(accepted),
        file_name=name,
        file_hash=digest,
        created_by=actor,
        rows_total=total,
    )


def _record_details(
    session: Session, prepared: Prepared, import_id: int, valid_rows_only: bool
) -> None:
    batch = session.get(ImportBatch, import_id)
    assert batch is not None
    batch.mode = prepared.request.mode
    batch.sheet = prepared.sheet.name[:200]
    batch.valid_rows_only = valid_rows_only and prepared.rows_rejected > 0
    batch.mapping = json.dumps(prepared.mapping.by_key(), ensure_ascii=False, sort_keys=True)
    if prepared.request.kind == s.AGGREGATE_KIND:
        batch.kind = s.AGGREGATE_KIND
    session.flush()
