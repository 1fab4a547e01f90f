"""Cells of the files we write (xlsx through openpyxl, CSV) that hold text as text.

Every writer of a workbook or CSV file goes through these helpers, so that a value a person
typed (a comment, a unit name, a file's own cell) is never run by a spreadsheet: openpyxl stores
any string starting with "=" as a formula unless the cell is told it holds a string, and Excel
runs a CSV field starting with "=", "+", "-", "@", a tab or a carriage return (OWASP "CSV
injection"). Numbers stay numbers: only strings are guarded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

# Cell starts a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether `value` is text that a spreadsheet would run (a negative number is not text)."""
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


def inert(value: object) -> object:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe (for CSV);
    numbers and other text unchanged (a negative number stays a number)."""
    return f"'{value}" if looks_like_formula(value) else value


def set_text(cell: Any, value: object) -> Any:
    """Put `value` into an openpyxl cell (a worksheet's or a write-only one); a string is
    stored as a string, never as a formula. Returns the cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
    return cell


def text_cell(sheet: Any, value: object) -> Cell:
    """A write-only cell holding `value`, a string kept as a string."""
    cell: Cell = set_text(WriteOnlyCell(sheet), value)
    return cell


def guarded(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `sheet.append` in write-only mode: text that looks like a formula becomes a
    text cell; numbers, dates, other text (openpyxl stores it as text) and cells already made
    are left as they are (a plain value costs a tenth of a cell object)."""
    return [text_cell(sheet, value) if looks_like_formula(value) else value for value in values]


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)` on an ordinary worksheet with every string kept as a string."""
    row = list(values)
    sheet.append(row)
    for cell, value in zip(sheet[sheet.max_row], row, strict=False):
        if looks_like_formula(value):
            cell.data_type = "s"


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell made inert; number columns untouched."""
    positions = [
        i for i, dtype in enumerate(frame.dtypes) if not pd.api.types.is_numeric_dtype(dtype)
    ]
    if not positions:
        return frame
    guarded_frame = frame.copy()
    for i in positions:
        guarded_frame.isetitem(i, frame.iloc[:, i].map(inert).array)
    return guarded_frame


def write_csv(frame: pd.DataFrame, stream: IO[str], **options: Any) -> None:
    """`frame.to_csv(stream, **options)` with text that would become a formula made inert
    (the command line's tables: a target's source or a file name is typed by people)."""
    inert_frame(frame).to_csv(stream, **options)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a byte order mark (Excel needs it for diacritics), without
    the index; text that would become a formula is made inert."""
    return inert_frame(frame).to_csv(index=False).encode("utf-8-sig")
