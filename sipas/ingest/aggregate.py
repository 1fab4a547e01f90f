"""Validating aggregate-level files: published result tables, one row per unit (optionally per
field or per element) with an index in percent, optionally n, a rank and the change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    """Published values per row (PUBLISHED_COLUMNS), which rows may be stored, and notes.
    `pillars` holds the pillar columns' values per row (percent; NaN where blank)."""

    published: pd.DataFrame
    accepted: np.ndarray
    notes: tuple[str, ...]
    field_review: pd.DataFrame
    pillars: dict[str, np.ndarray] = field(default_factory=dict)

    def stored(self, accepted: np.ndarray) -> pd.DataFrame:
        """The rows to store for the `accepted` source rows: the overall value of each row
        that has one, then one row per pillar value (ELEMENT = the pillar's code, same n)."""
        rows = self.published[accepted & self.published[INDEX].notna().to_numpy()]
        parts = [rows]
        for code, values in self.pillars.items():
            keep = accepted & ~np.isnan(values)
            part = self.published[keep].assign(**{s.ELEMENT: code, INDEX: values[keep]})
            parts.append(part.assign(**{RANK: None, CHANGE: None}))
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else rows


def check_aggregate(
    issues: Issues,
    mapping: Mapping[int, str],
    method: Method,
    resolver: UnitResolver,
    field_overrides: Mapping[str, str],
) -> AggregateCheck:
    """Parse and check every row of a results table; problems go to `issues`."""
    by_target = {target: column for column, target in mapping.items()}
    pillar_columns = {p.code: by_target[p.code] for p in method.pillars if p.code in by_target}
    if s.UNIT not in by_target:
        raise MissingColumnError(t("import.validate.no_unit_column"))
    if INDEX not in by_target and not pillar_columns:
        raise MissingColumnError(t("import.validate.no_index_column"))
    block = issues.block
    units = resolve_units(by_target[s.UNIT], issues, resolver)
    notes: tuple[str, ...] = ()
    index = np.full(len(block), np.nan)
    if INDEX in by_target:
        index, notes = _index(issues, by_target[INDEX])
    pillars = {
        code: _index(issues, column, blank_ok=True)[0] for code, column in pillar_columns.items()
    }
    if pillars and INDEX not in by_target:
        _without_pillars(issues, pillars, by_target[s.UNIT])
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
    published = frame[PUBLISHED_COLUMNS]
    return AggregateCheck(published, ~issues.rejected(), notes, field_review, pillars)


def _index(
    issues: Issues, column: int, blank_ok: bool = False
) -> tuple[np.ndarray, tuple[str, ...]]:
    values = issues.block.column(column)
    parsed, _ = column_map(values, parse_number)
    numbers = np.array([np.nan if p is None else p for p in parsed], dtype=float)
    notes: tuple[str, ...] = ()
    present = numbers[~np.isnan(numbers)]
    # Cells formatted as percentages hold shares (0,8548 shows as 85,48%).
    if len(present) and present.max() <= 1.0 and (present > 0).any():
        numbers = numbers * 100
        notes = (t("import.validate.index_as_share"),)
    unreadable = np.isnan(numbers)
    if blank_ok:
        blank, _ = column_map(values, is_blank)
        unreadable &= ~blank.astype(bool)
    issues.add(unreadable, column, t("import.validate.bad_index"))
    issues.add((numbers < 0) | (numbers > 100), column, t("import.validate.index_range"))
    return numbers, notes


def _without_pillars(issues: Issues, pillars: dict[str, np.ndarray], unit_column: int) -> None:
    """In a table of pillars without an overall column, a row needs at least one pillar."""
    empty = np.logical_and.reduce([np.isnan(values) for values in pillars.values()])
    issues.add(empty, unit_column, t("import.validate.bad_index"))


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
