"""Preparing an import: read once, find the header, map columns, validate, preview.

`prepare` writes nothing; `sipas.ingest.commit` stores what it prepared, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.ingest.aggregate import AggregateCheck, check_aggregate
from sipas.ingest.columns import Targets
from sipas.ingest.errors import IngestError, MissingColumnError
from sipas.ingest.header import Header, find_header
from sipas.ingest.limits import Limits, load_limits
from sipas.ingest.mapping import ColumnMapping, build_mapping, mapping_table
from sipas.ingest.preview import aggregate_preview, respondent_preview, wave_change
from sipas.ingest.reading import Sheet, check_formulas, read_sheet
from sipas.ingest.respondents import RespondentCheck, check_respondents
from sipas.ingest.table import DataBlock, Issues, data_block, drop_header_repeats, drop_totals
from sipas.ingest.unitmatch import UnitResolver
from sipas.ingest.values import blank_cells
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import Method, get_method
from sipas.storage.counts import load_wave_counts
from sipas.storage.imports import ADD, REPLACE, StoredImport, find_duplicate, wave_has_data
from sipas.storage.reference import unit_aliases_frame, units_frame
from sipas.storage.waves import find_wave

DEFAULT_METHOD = "qd2640"


@dataclass(frozen=True)
class ImportRequest:
    """One file to import into one wave. `header_row` is Excel's row number of the header;
    `columns` maps header keys to targets (staff corrections or a saved profile); `fields`
    maps field-text keys to field codes."""

    content: bytes
    file_name: str
    wave_code: str
    kind: str = s.RESPONDENT_KIND
    method_code: str = DEFAULT_METHOD
    year: int | None = None
    sheet: str | None = None
    header_row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, str] = field(default_factory=dict)
    mode: str = ADD
    # Pillar weights of a wave the import creates: "equal", "item_count" or "CS:23,DV:16".
    weighting: str | None = None
    # What the wave an import creates was: official, supplementary, pilot or partial, or
    # national (a published table of the provinces, sipas.ingest.national).
    survey_type: str = s.OFFICIAL


@dataclass(frozen=True)
class Prepared:
    """Everything staff need to decide, and everything commit needs to store."""

    request: ImportRequest
    file_hash: str
    sheet: Sheet
    header: Header
    mapping: ColumnMapping
    columns: pd.DataFrame
    wave: WaveInfo | None
    method: Method
    issues: pd.DataFrame
    accepted: np.ndarray
    check: RespondentCheck | AggregateCheck | None
    preview: pd.DataFrame
    notes: tuple[str, ...]
    duplicate: StoredImport | None
    blank_rows: int
    totals_rows: int
    problem: str = ""  # a required column is not mapped: nothing can be imported yet
    # Per unit, SIPAS and n in the wave before and after (sipas.ingest.preview.wave_change);
    # empty for a new wave or a published table.
    change: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def rows_total(self) -> int:
        return len(self.accepted)

    @property
    def rows_accepted(self) -> int:
        return int(self.accepted.sum())

    @property
    def rows_rejected(self) -> int:
        return self.rows_total - self.rows_accepted

    @property
    def field_review(self) -> pd.DataFrame:
        if isinstance(self.check, RespondentCheck):
            return self.check.fields.review
        return self.check.field_review if self.check else pd.DataFrame()


def file_hash(content: bytes) -> str:
    """SHA-256 of the file's bytes: the same file uploaded twice has the same hash."""
    return hashlib.sha256(content).hexdigest()


def prepare(session: Session, request: ImportRequest, limits: Limits | None = None) -> Prepared:
    """Read, map and validate a file without writing anything. Raises IngestError for a file
    or request that cannot be imported at all (row problems are reported, not raised)."""
    _check_request(request)
    wave = find_wave(session, request.wave_code.strip())
    if wave is not None and request.survey_type == s.NATIONAL != wave.survey_type:
        raise IngestError(t("national.errors.not_national_wave", wave=wave.code))
    method = _method(wave, request)
    sheet = read_sheet(request.content, request.file_name, limits or load_limits(), request.sheet)
    targets = Targets(request.kind, method)
    header_row = request.header_row - 1 if request.header_row else None
    header = find_header(sheet.cells, targets, header_row, sheet.merged)
    mapping = build_mapping(header, targets, request.columns)
    unit_column = {x: c for c, x in mapping.targets.items()}.get(s.UNIT)
    block = data_block(sheet.cells, header, unit_column)
    if any(blank_cells(block.column(c)).any() for c in mapping.targets if c < len(block.columns)):
        check_formulas(sheet, request.content)
    columns = mapping_table(header, mapping, block)
    block, totals, skipped = _data_rows(block, header, unit_column)
    if not len(block):
        raise IngestError(t("import.validate.no_rows", row=header.last + 1))
    issues = Issues(block, header)
    notes = [*sheet.notes, *skipped]
    problem = ""
    change = pd.DataFrame()
    try:
        check, preview, check_notes = _check(session, request, wave, method, mapping, issues)
        if isinstance(check, RespondentCheck) and wave is not None:
            change = _change(session, request, wave, check)
    except MissingColumnError as error:
        check, preview, check_notes, problem = None, pd.DataFrame(), (), str(error)
    notes += [*check_notes, *_wave_notes(session, wave, request)]
    return Prepared(
        request=request,
        file_hash=file_hash(request.content),
        sheet=sheet,
        header=header,
        mapping=mapping,
        columns=columns,
        wave=wave,
        method=method,
        issues=issues.frame(),
        accepted=check.accepted if check else np.zeros(len(block), dtype=bool),
        check=check,
        preview=preview,
        notes=tuple(notes),
        duplicate=find_duplicate(session, file_hash(request.content)),
        blank_rows=block.blank_rows,
        totals_rows=totals,
        problem=problem,
        change=change,
    )


def _change(
    session: Session, request: ImportRequest, wave: WaveInfo, check: RespondentCheck
) -> pd.DataFrame:
    """Each unit's value in the wave before and after this import, as the pages will show."""
    units = units_frame(session)
    names = dict(zip(units["code"], units["full_name"], strict=True))
    current = load_wave_counts(session, wave.code)
    replaces = request.mode == REPLACE
    return wave_change(current, check.batch, check.accepted, replaces, names)


def _data_rows(
    block: DataBlock, header: Header, unit_column: int | None
) -> tuple[DataBlock, int, list[str]]:
    """The rows to check: without rows repeating the header (noted) and totals rows
    (counted); both are known by the unit column."""
    if unit_column is None:
        return block, 0, []
    block, repeated = drop_header_repeats(block, header, unit_column)
    block, totals = drop_totals(block, unit_column)
    if not repeated:
        return block, totals, []
    shown = ", ".join(str(r) for r in repeated[:5]) + (" …" if len(repeated) > 5 else "")
    return block, totals, [t("headers.repeated", count=len(repeated), rows=shown)]


def _check(
    session: Session,
    request: ImportRequest,
    wave: WaveInfo | None,
    method: Method,
    mapping: ColumnMapping,
    issues: Issues,
) -> tuple[RespondentCheck | AggregateCheck, pd.DataFrame, tuple[str, ...]]:
    """Validate every row of the kind of file; raises MissingColumnError. A national table
    names provinces only (a legacy city never stands for its province)."""
    units = units_frame(session)
    if (wave.survey_type if wave else request.survey_type) == s.NATIONAL:
        units = units[units["level"] == s.PROVINCE].reset_index(drop=True)
    resolver = UnitResolver(units, unit_aliases_frame(session), _reference_date(wave, request))
    names = dict(zip(units["code"], units["full_name"], strict=True))
    if request.kind == s.RESPONDENT_KIND:
        period = (wave.period_start, wave.period_end) if wave else (None, None)
        respondents = check_respondents(
            issues, mapping.targets, method, resolver, request.fields, period
        )
        preview = respondent_preview(respondents.batch, respondents.accepted, method, names)
        return respondents, preview, ()
    published = check_aggregate(issues, mapping.targets, method, resolver, request.fields)
    stored = published.stored(published.accepted)
    preview = aggregate_preview(stored, np.ones(len(stored), dtype=bool), names)
    return published, preview, published.notes


def _check_request(request: ImportRequest) -> None:
    if request.kind not in (s.RESPONDENT_KIND, s.AGGREGATE_KIND):
        raise IngestError(t("import.request.bad_kind", kind=request.kind))
    if request.survey_type == s.NATIONAL and request.kind != s.AGGREGATE_KIND:
        raise IngestError(t("national.errors.not_aggregate"))
    if request.mode not in (ADD, REPLACE):
        raise IngestError(t("import.request.bad_mode", mode=request.mode))
    code = request.wave_code.strip()
    if not code or len(code) > 32:
        raise IngestError(t("errors.wave.bad_code"))


def _method(wave: WaveInfo | None, request: ImportRequest) -> Method:
    if wave is None:
        new_wave_year(request)
        return get_method(request.method_code)
    if wave.kind != request.kind:
        raise IngestError(
            t("import.request.kind_mismatch", wave=wave.code, kind=t(f"import.kinds.{wave.kind}"))
        )
    return get_method(wave.method_code)


def new_wave_year(request: ImportRequest) -> int:
    """The year of a wave the import creates: given, or the code's first four digits."""
    if request.year:
        return request.year
    digits = request.wave_code.strip()[:4]
    if digits.isdigit() and 2000 <= int(digits) <= 2100:
        return int(digits)
    raise IngestError(t("errors.wave.no_year", code=request.wave_code.strip()))


def _reference_date(wave: WaveInfo | None, request: ImportRequest) -> dt.date:
    return wave.reference_date if wave else dt.date(new_wave_year(request), 12, 31)


def _wave_notes(session: Session, wave: WaveInfo | None, request: ImportRequest) -> list[str]:
    if wave is None:
        method = get_method(request.method_code).short_name
        return [t("import.notes.new_wave", wave=request.wave_code.strip(), method=method)]
    if not wave_has_data(session, wave.id):
        return []
    key = "replace_existing" if request.mode == REPLACE else "add_to_existing"
    return [t(f"import.notes.{key}", wave=wave.code)]
