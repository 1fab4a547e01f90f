"""Writing tables into openpyxl sheets the way the report wants them: a title and a source
line above bold Vietnamese headers, frozen header rows, numbers stored as numbers with a
number format (Excel shows the separators of its own locale: 85,48 in a Vietnamese Excel),
status cells in the status colours, and text that never becomes a formula."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Number
from typing import Any

import pandas as pd
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sipas.core.cells import set_text
from sipas.targets.status import COLOURS, status_label

# Number formats (codes as Excel stores them; a Vietnamese Excel shows a decimal comma).
PERCENT = '0.00"%"'  # a percentage stored 0–100, as the dashboard computes it: 85,48%
TARGET = '0"%"'
POINTS = "+0.00;-0.00;0.00"  # percentage points, signed
NUMBER = "0.00"
INTEGER = "#,##0"
SHARE = "0%"  # a share stored 0–1
TEXT = "@"
STATUS_CELL = "status"  # not a format: a status code written as its label in its colour

HEADER_FILL = PatternFill("solid", fgColor="E5E7EB")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
MUTED = Font(italic=True, color="4B5563")
WHITE_BOLD = Font(bold=True, color="FFFFFF")
HEADER_ROW = 4  # title, source line, a blank row, then the headers
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Vietnamese header, its values and how to show them."""

    header: str
    values: Sequence[Any] | pd.Series
    format: str = TEXT
    width: float = 14


def set_value(cell: Cell | MergedCell, value: Any, number_format: str = TEXT) -> None:
    """Write `value` into `cell`: missing values blank, numbers as numbers with the format,
    a status code as its coloured label, anything else as text (never a formula)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return
    if number_format == STATUS_CELL:
        set_text(cell, status_label(str(value)))
        cell.font = WHITE_BOLD
        cell.fill = PatternFill("solid", fgColor=COLOURS[str(value)].lstrip("#"))
        return
    if number_format != TEXT and isinstance(value, Number) and not isinstance(value, bool):
        number = float(value)  # type: ignore[arg-type]
        cell.value = number if number_format != INTEGER else round(number)
        cell.number_format = number_format
        return
    set_text(cell, str(value))


def write_title(sheet: Worksheet, title: str, source: str) -> None:
    """The sheet's title (row 1) and the source line under it (row 2); printed landscape,
    one page wide, with the rows down to the headers repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"1:{HEADER_ROW}"
    set_value(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = TITLE
    set_value(sheet.cell(2, 1), source)
    sheet.cell(2, 1).font = MUTED


def write_table(
    sheet: Worksheet, columns: Sequence[Column], bold_rows: Sequence[bool] = ()
) -> None:
    """The columns from HEADER_ROW on, headers frozen; `bold_rows` marks rows to stress."""
    for position, column in enumerate(columns, start=1):
        header = sheet.cell(HEADER_ROW, position)
        set_value(header, column.header)
        header.font, header.fill = BOLD, HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(position)].width = column.width
        for offset, value in enumerate(column.values, start=1):
            cell = sheet.cell(HEADER_ROW + offset, position)
            set_value(cell, value, column.format)
            if (
                offset - 1 < len(bold_rows)
                and bold_rows[offset - 1]
                and column.format != STATUS_CELL
            ):
                cell.font = BOLD
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
