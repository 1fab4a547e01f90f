"""Resolving the text columns every kind of file shares: units, fields, respondent attributes.

Each works per distinct value, so 100.000 rows naming 7 units cost 7 look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.textnorm import match_key
from sipas.ingest.table import WARNING, Issues
from sipas.ingest.unitmatch import UnitMatch, UnitResolver
from sipas.ingest.values import cell_text, column_map, is_blank
from sipas.reference.fields import field_for_text, load_attributes, load_fields

# How a field text was recognised (shown to staff for review).
BY_CODE, BY_NAME, BY_KEYWORD, BY_STAFF, NOT_FOUND, EMPTY = (
    "code",
    "name",
    "keyword",
    "staff",
    "not_found",
    "empty",
)
FIELD_TEXT, FIELD_CODE, FIELD_ROWS, FIELD_HOW = "text", "field_code", "rows", "how"


def resolve_units(column: int, issues: Issues, resolver: UnitResolver) -> np.ndarray:
    """Unit codes per row (None where there is none). Blank, unknown, ambiguous and
    not-yet/no-longer existing units are errors on their cells."""
    values = issues.block.column(column)
    found, _ = column_map(values, lambda v: None if is_blank(v) else resolver.resolve(v))
    matches = _same_level(list(found), resolver)
    blank = np.array([m is None for m in matches], dtype=bool)
    codes = np.array([m.code if m is not None else None for m in matches], dtype=object)
    unknown = ~blank & np.array([c is None for c in codes], dtype=bool)
    issues.add(blank, column, t("import.units.missing"))
    reasons = np.array([m.reason if m is not None else "" for m in matches], dtype=object)
    issues.add(unknown, column, reasons)
    settled = np.array([m is not None and bool(m.code and m.reason) for m in matches])
    issues.add(settled, column, reasons, WARNING)
    return codes


def _same_level(matches: list[UnitMatch | None], resolver: UnitResolver) -> list[UnitMatch | None]:
    """A bare name that fits units of several levels ("Ninh Sơn": the huyện, and a xã of
    Khánh Hòa's former Ninh Hòa) is the one at the level every other recognised row of the
    file names, with a warning saying so; otherwise it stays an error."""
    distinct = {id(m): m for m in matches if m is not None}.values()  # one per cell text
    levels = {resolver.level_of(m.code) for m in distinct if m.code}
    if len(levels) != 1 or not any(m.candidates for m in distinct):
        return matches
    (level,) = levels
    settled: dict[int, UnitMatch] = {}
    for match in (m for m in distinct if m.candidates):
        fits = [code for code in match.candidates if resolver.level_of(code) == level]
        if len(fits) == 1:
            reason = t(
                "import.units.same_level",
                units=resolver.label(fits[0]),
                level=t(f"levels.{level}").lower(),
            )
            settled[id(match)] = UnitMatch(fits[0], reason)
    return [settled.get(id(m), m) if m is not None else None for m in matches]


@dataclass(frozen=True)
class FieldResolution:
    """Field code per row and the review table: each distinct text, its code, how it was
    recognised and on how many rows."""

    codes: np.ndarray
    review: pd.DataFrame


def resolve_fields(
    values: np.ndarray | None, rows: int, overrides: Mapping[str, str]
) -> FieldResolution:
    """Field codes from free text (codes, names or keywords); `overrides` (text key → code)
    are staff corrections and win. Unrecognised or blank text becomes "Lĩnh vực khác" and is
    listed for review, never dropped."""
    if values is None:
        codes = np.full(rows, s.OTHER_FIELD, dtype=object)
        review = pd.DataFrame(
            {FIELD_TEXT: [""], FIELD_CODE: [s.OTHER_FIELD], FIELD_ROWS: [rows], FIELD_HOW: [EMPTY]}
        )
        return FieldResolution(codes, review if rows else review.iloc[:0])
    shown, _ = column_map(values, cell_text)
    found = {text: _field_of(text, overrides) for text in pd.unique(pd.Series(shown, dtype=object))}
    codes, _ = column_map(shown, lambda text: found[text][0])
    counts = pd.Series(shown, dtype=object).value_counts()
    review = pd.DataFrame(
        {
            FIELD_TEXT: list(found),
            FIELD_CODE: [found[x][0] for x in found],
            FIELD_ROWS: [int(counts.get(x, 0)) for x in found],
            FIELD_HOW: [found[x][1] for x in found],
        }
    )
    return FieldResolution(
        codes, review.sort_values(FIELD_ROWS, ascending=False, ignore_index=True)
    )


def _field_of(text: str, overrides: Mapping[str, str]) -> tuple[str, str]:
    key = match_key(text)
    if key in overrides:
        return overrides[key], BY_STAFF
    if not key:
        return s.OTHER_FIELD, EMPTY
    for field in load_fields():
        if key == match_key(field.code):
            return field.code, BY_CODE
        if key == match_key(field.name_vi):
            return field.code, BY_NAME
    code = field_for_text(text)
    return (code, BY_KEYWORD) if code else (s.OTHER_FIELD, NOT_FOUND)


def resolve_attribute(column: int, attribute: str, issues: Issues) -> np.ndarray:
    """Attribute value codes per row; an unknown value is a warning and stored as missing."""
    spec = load_attributes()[attribute]
    known = {}
    for value in spec.values:
        for word in (value.code, value.name_vi, value.name_en, *value.aliases):
            known[match_key(word)] = value.code
    values = issues.block.column(column)
    codes, _ = column_map(values, lambda v: None if is_blank(v) else known.get(match_key(v), ""))
    unknown = np.array([c == "" for c in codes], dtype=bool)
    allowed = ", ".join(v.name_vi for v in spec.values)
    issues.add(unknown, column, t("import.validate.unknown_attribute", allowed=allowed), WARNING)
    codes[unknown] = None
    return codes
