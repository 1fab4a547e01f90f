"""The copy of an uploaded file with every problem marked: bad cells filled (red for errors,
yellow for warnings) with the reason as a comment, and a sheet listing all problems.

Cells keep their place (same rows and columns as the original), so the row numbers of the
on-screen report point at the same cells. Written in openpyxl's write-only mode (fast).
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from sipas.core.cells import guarded, text_cell
from sipas.core.i18n import t
from sipas.ingest.header import Header
from sipas.ingest.reading import Sheet
from sipas.ingest.table import COLUMN, ERROR, HEADER, REASON, ROW, SEVERITY, VALUE, column_letter

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
BOLD = Font(bold=True)
AUTHOR = "SIPAS Dashboard"


def annotated_workbook(sheet: Sheet, header: Header, issues: pd.DataFrame) -> bytes:
    """The .xlsx bytes of the marked copy (sheet 1) and the list of problems (sheet 2)."""
    book = Workbook(write_only=True)
    data = book.create_sheet(sheet.name[:31] or t("import.report.data_sheet"))
    for index in range(sheet.width):  # widths must be set before the first row is written
        data.column_dimensions[column_letter(index)].width = 16
    marks = _marks(issues)
    for number, row in enumerate(sheet.cells, start=1):
        data.append(_row(data, number, row, header, marks))
    _issue_sheet(book.create_sheet(t("import.report.issue_sheet")), issues)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _marks(issues: pd.DataFrame) -> dict[tuple[int, str], list[tuple[str, str]]]:
    marks: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for row, column, reason, severity in zip(
        issues[ROW], issues[COLUMN], issues[REASON], issues[SEVERITY], strict=True
    ):
        marks[(int(row), column or "A")].append((reason, severity))
    return marks


def _row(
    data: WriteOnlyWorksheet,
    number: int,
    row: list[Any],
    header: Header,
    marks: dict[tuple[int, str], list[tuple[str, str]]],
) -> list[Any]:
    in_header = header.first + 1 <= number <= header.last + 1
    cells: list[Any] = []
    for index, value in enumerate(row):
        found = marks.get((number, column_letter(index)))
        if not found and not in_header:
            cells.append(guarded(data, [value])[0] if value != "" else None)
            continue
        cell = text_cell(data, value if value != "" else None)
        if in_header:
            cell.font = BOLD
        if found:
            is_error = any(severity == ERROR for _, severity in found)
            cell.fill = ERROR_FILL if is_error else WARNING_FILL
            cell.comment = Comment("\n".join(reason for reason, _ in found), AUTHOR)
        cells.append(cell)
    return cells


def _issue_sheet(sheet: WriteOnlyWorksheet, issues: pd.DataFrame) -> None:
    for letter, width in zip("ABCDEF", (8, 8, 24, 20, 90, 30), strict=True):
        # a write-only sheet has column widths; the stub does not know it
        sheet.column_dimensions[letter].width = width  # type: ignore[attr-defined]
    titles = [t(f"import.report.{name}") for name in (ROW, COLUMN, HEADER, VALUE, REASON, SEVERITY)]
    sheet.append([_bold(sheet, title) for title in titles])
    severity = {ERROR: t("import.report.error"), "warning": t("import.report.warning")}
    columns = [issues[name].tolist() for name in (ROW, COLUMN, HEADER, VALUE, REASON, SEVERITY)]
    for row, column, label, value, reason, level in zip(*columns, strict=True):
        sheet.append(
            guarded(sheet, [int(row), column, label, value, reason, severity.get(level, level)])
        )


def _bold(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    cell = text_cell(sheet, value)
    cell.font = BOLD
    return cell
