"""Validating aggregate-level files: published result tables, one row per unit (optionally per
field or per element) with an index in percent, optionally n, a rank and the change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.schema import CHANGE, INDEX, RANK, ROW_NO
from sipas.core.textnorm import match_key
from sipas.ingest.columns import N
from sipas.ingest.errors import MissingColumnError
from sipas.ingest.resolve import resolve_fields, resolve_units
from sipas.ingest.table import Issues
from sipas.ingest.unitmatch import UnitResolver
from sipas.ingest.values import cell_text, column_map, is_blank, parse_count, parse_number
from sipas.reference.questionnaires import Method

PUBLISHED_COLUMNS = [s.UNIT, s.FIELD, s.ELEMENT, INDEX, N, RANK, CHANGE, ROW_NO]
# Words in an element column that mean "the overall index", not an element.
_OVERALL = {"sipas", "chung", "tong hop", "chi so chung", "chi so hai long", "tong the"}


@dataclass(frozen=True)
class AggregateCheck:
    """Published values per row (PUBLISHED_COLUMNS), which rows may be stored, and notes."""

    published: pd.DataFrame
    accepted: np.ndarray
    notes: tuple[str, ...]
    field_review: pd.DataFrame


def check_aggregate(
    issues: Issues,
    mapping: Mapping[int, str],
    method: Method,
    resolver: UnitResolver,
    field_overrides: Mapping[str, str],
) -> AggregateCheck:
    """Parse and check every row of a results table; problems go to `issues`."""
    by_target = {target: column for column, target in mapping.items()}
    for required, key in ((s.UNIT, "no_unit_column"), (INDEX, "no_index_column")):
        if required not in by_target:
            raise MissingColumnError(t(f"import.validate.{key}"))
    block = issues.block
    units = resolve_units(by_target[s.UNIT], issues, resolver)
    index, notes = _index(issues, by_target[INDEX])
    frame = pd.DataFrame({s.UNIT: units, INDEX: index, ROW_NO: block.rows})
    field_review = pd.DataFrame()
    if s.FIELD in by_target:
        resolved = resolve_fields(block.column(by_target[s.FIELD]), len(block), field_overrides)
        blank, _ = column_map(block.column(by_target[s.FIELD]), is_blank)
        codes = resolved.codes.copy()
        codes[blank.astype(bool)] = None
        frame[s.FIELD] = codes
        field_review = resolved.review
    else:
        frame[s.FIELD] = None
    frame[s.ELEMENT] = _elements(issues, by_target.get(s.ELEMENT), method)
    frame[N] = _counts(issues, by_target.get(N), minimum=1, key="bad_n")
    frame[RANK] = _counts(issues, by_target.get(RANK), minimum=1, key="bad_rank")
    frame[CHANGE] = _change(block.column(by_target[CHANGE])) if CHANGE in by_target else None
    _duplicates(issues, frame, by_target[s.UNIT])
    return AggregateCheck(frame[PUBLISHED_COLUMNS], ~issues.rejected(), notes, field_review)


def _index(issues: Issues, column: int) -> tuple[np.ndarray, tuple[str, ...]]:
    values = issues.block.column(column)
    parsed, _ = column_map(values, parse_number)
    numbers = np.array([np.nan if p is None else p for p in parsed], dtype=float)
    notes: tuple[str, ...] = ()
    present = numbers[~np.isnan(numbers)]
    # Cells formatted as percentages hold shares (0,8548 shows as 85,48%).
    if len(present) and present.max() <= 1.0 and (present > 0).any():
        numbers = numbers * 100
        notes = (t("import.validate.index_as_share"),)
    issues.add(np.isnan(numbers), column, t("import.validate.bad_index"))
    issues.add((numbers < 0) | (numbers > 100), column, t("import.validate.index_range"))
    return numbers, notes


def _counts(issues: Issues, column: int | None, minimum: int, key: str) -> np.ndarray:
    if column is None:
        return np.full(len(issues.block), None, dtype=object)
    values = issues.block.column(column)
    parsed, _ = column_map(values, lambda v: None if is_blank(v) else parse_count(v))
    blank, _ = column_map(values, is_blank)
    bad = np.array([p is None or p < minimum for p in parsed], dtype=bool) & ~blank.astype(bool)
    issues.add(bad, column, t(f"import.validate.{key}"))
    return np.array(
        [None if p is None or b else int(p) for p, b in zip(parsed, bad, strict=True)], dtype=object
    )


def _elements(issues: Issues, column: int | None, method: Method) -> np.ndarray:
    if column is None:
        return np.full(len(issues.block), None, dtype=object)
    known: dict[str, str] = {}
    for element in method.elements:
        for word in (element.code, str(element.number), element.name, element.short_name):
            known[match_key(word)] = element.code
        known[f"yeu to {element.number}"] = element.code
    values = issues.block.column(column)

    def element_of(value: object) -> str | None:
        key = match_key(cell_text(value))
        return None if not key or key in _OVERALL else known.get(key, "")

    codes, _ = column_map(values, element_of)
    unknown = np.array([c == "" for c in codes], dtype=bool)
    names = ", ".join(f"{e.code} ({e.short_name})" for e in method.elements)
    issues.add(unknown, column, t("import.validate.unknown_element", known=names))
    codes[unknown] = None
    return codes


def _change(values: np.ndarray) -> np.ndarray:
    texts, _ = column_map(values, lambda v: cell_text(v)[:100] or None)
    return texts


def _duplicates(issues: Issues, frame: pd.DataFrame, unit_column: int) -> None:
    """Two rows for the same unit, field and element: the second is an error."""
    keys = frame[[s.UNIT, s.FIELD, s.ELEMENT]].astype(str)
    repeated = keys.duplicated(keep="first").to_numpy() & frame[s.UNIT].notna().to_numpy()
    issues.add(repeated, unit_column, t("import.validate.duplicate_unit"))
