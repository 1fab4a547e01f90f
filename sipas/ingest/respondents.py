"""Validating respondent-level files (one row per questionnaire) into a ResponseBatch.

Nothing is written here: the result says, per row, whether it can be imported and why not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.core.schema import ROW_NO
from sipas.ingest.errors import MissingColumnError
from sipas.ingest.resolve import FieldResolution, resolve_attribute, resolve_fields, resolve_units
from sipas.ingest.table import WARNING, Issues
from sipas.ingest.unitmatch import UnitResolver
from sipas.ingest.values import (
    BAD,
    NO_ANSWER,
    cell_text,
    column_map,
    is_blank,
    parse_answers,
    parse_date,
)
from sipas.method.batch import (
    COMMENT,
    EXTERNAL_ID,
    EXTERNAL_ID_LENGTH,
    PROCEDURE,
    SURVEY_DATE,
    ResponseBatch,
)
from sipas.reference.questionnaires import Method


@dataclass(frozen=True)
class RespondentCheck:
    """The outcome of validating a respondent-level file."""

    batch: ResponseBatch  # every row that is not skipped; `accepted` says which may be stored
    accepted: np.ndarray
    fields: FieldResolution


def check_respondents(
    issues: Issues,
    mapping: Mapping[int, str],
    method: Method,
    resolver: UnitResolver,
    field_overrides: Mapping[str, str],
    period: tuple[dt.date | None, dt.date | None],
) -> RespondentCheck:
    """Parse and check every data row; problems go to `issues`. Raises IngestError when the
    mapping lacks the unit column or every item column."""
    by_target = {target: column for column, target in mapping.items()}
    if s.UNIT not in by_target:
        raise MissingColumnError(t("import.validate.no_unit_column"))
    items = [code for code in method.item_codes if code in by_target]
    if not items:
        raise MissingColumnError(t("import.validate.no_item_column", method=method.short_name))
    block = issues.block
    units = resolve_units(by_target[s.UNIT], issues, resolver)
    answers = _answers(issues, by_target, method)
    field_values = block.column(by_target[s.FIELD]) if s.FIELD in by_target else None
    fields = resolve_fields(field_values, len(block), field_overrides)
    slices = pd.DataFrame({s.UNIT: units, s.FIELD: fields.codes, ROW_NO: block.rows})
    for attribute in s.ATTRIBUTES:
        if attribute in by_target:
            slices[attribute] = resolve_attribute(by_target[attribute], attribute, issues)
    if SURVEY_DATE in by_target:
        slices[SURVEY_DATE] = _dates(issues, by_target[SURVEY_DATE], period)
    for name in (PROCEDURE, COMMENT, EXTERNAL_ID):
        if name in by_target:
            slices[name] = _texts(block.column(by_target[name]))
    if EXTERNAL_ID in by_target:
        _long_ids(issues, by_target[EXTERNAL_ID], slices[EXTERNAL_ID].to_numpy())
        _duplicate_ids(issues, by_target[EXTERNAL_ID], slices[EXTERNAL_ID].to_numpy())
    _unanswered(issues, answers)
    return RespondentCheck(ResponseBatch(slices, answers), ~issues.rejected(), fields)


def _answers(issues: Issues, by_target: Mapping[str, int], method: Method) -> np.ndarray:
    block = issues.block
    matrix = np.zeros((len(block), len(method.item_codes)), dtype=np.uint8)
    # An answer outside the scale is no answer for that item, not a reason to lose the
    # questionnaire: the cell gets a warning and the row keeps its other answers.
    reason = t("statistics.answers.out_of_scale")
    for position, code in enumerate(method.item_codes):
        if code not in by_target:
            continue
        parsed = parse_answers(block.column(by_target[code]))
        bad = parsed == BAD
        issues.add(bad, by_target[code], reason, WARNING)
        matrix[:, position] = np.where(bad, NO_ANSWER, parsed)
    return matrix


def _unanswered(issues: Issues, answers: np.ndarray) -> None:
    """A questionnaire without a single valid answer is not a questionnaire."""
    empty = ~(answers > 0).any(axis=1) & ~issues.errors
    issues.add(empty, None, t("import.validate.no_answers"))


def _dates(
    issues: Issues, column: int, period: tuple[dt.date | None, dt.date | None]
) -> np.ndarray:
    values = issues.block.column(column)
    dates, _ = column_map(values, parse_date)
    blank, _ = column_map(values, is_blank)
    unreadable = np.array([d is None for d in dates], dtype=bool) & ~blank.astype(bool)
    issues.add(unreadable, column, t("import.validate.bad_date"), WARNING)
    start, end = period
    if start or end:
        outside = np.array(
            [d is not None and ((start and d < start) or (end and d > end)) for d in dates],
            dtype=bool,
        )
        span = t(
            "import.validate.period",
            start=format_date(start) if start else "…",
            end=format_date(end) if end else "…",
        )
        issues.add(outside, column, t("import.validate.date_outside", period=span), WARNING)
    return dates


def _texts(values: np.ndarray) -> np.ndarray:
    texts, _ = column_map(values, lambda v: cell_text(v) or None)
    return texts


def _long_ids(issues: Issues, column: int, ids: np.ndarray) -> None:
    """A questionnaire number longer than the database keeps is an error: PostgreSQL refuses
    it (and with it the whole import), SQLite would keep it whole."""
    long = np.array([isinstance(v, str) and len(v) > EXTERNAL_ID_LENGTH for v in ids], dtype=bool)
    issues.add(long, column, t("import.validate.long_id", n=EXTERNAL_ID_LENGTH))


def _duplicate_ids(issues: Issues, column: int, ids: np.ndarray) -> None:
    """A questionnaire number used twice in the file: every repeat after the first is an error."""
    series = pd.Series(ids, dtype=object)
    present = series.notna().to_numpy()
    repeated = series.duplicated(keep="first").to_numpy() & present
    if not repeated.any():
        return
    first_row = dict(zip(series[present][::-1], issues.block.rows[present][::-1], strict=True))
    reasons = np.array(
        [
            t("import.validate.duplicate_id", row=first_row.get(v, "")) if r else ""
            for v, r in zip(ids, repeated, strict=True)
        ],
        dtype=object,
    )
    issues.add(repeated, column, reasons)
