"""Downloadable .xlsx templates: a data sheet with Vietnamese headers and drop-down lists
(unit, field, attributes, answers 1–5), an instructions sheet with an example row, and a
hidden sheet of lists. A template filled in with the drop-downs always imports."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Literal

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sipas.core import clock
from sipas.core import schema as s
from sipas.core.cells import append_row, set_text
from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.core.schema import CHANGE, INDEX, RANK
from sipas.ingest.columns import Targets
from sipas.ingest.mapping import target_label
from sipas.method.batch import COMMENT, EXTERNAL_ID, PROCEDURE, SURVEY_DATE
from sipas.reference.fields import load_attributes, load_fields
from sipas.reference.questionnaires import Method
from sipas.reference.units import valid_on

TEMPLATE_ROWS = 20_000
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
BOLD = Font(bold=True)
LISTS_SHEET = "DanhMuc"


# Surveys from 2025 on (after the reform of the administrative map) follow QĐ 1001/QĐ-BNV.
QD1001_FROM_YEAR = 2025


def method_for_year(year: int) -> str:
    """The questionnaire a template for `year` should follow by default: "qd1001" from 2025,
    "qd2640" before (a user may still pick the other)."""
    return "qd1001" if year >= QD1001_FROM_YEAR else "qd2640"


def units_on(units: pd.DataFrame, day: dt.date) -> list[str]:
    """Full names of the units that exist on `day`, in list order (province first)."""
    return [str(name) for name in units.loc[valid_on(units, day), "full_name"]]


def respondent_template(method: Method, unit_names: Sequence[str]) -> bytes:
    """The template for questionnaires of `method` (one row per questionnaire)."""
    targets = Targets(s.RESPONDENT_KIND, method)
    columns = [EXTERNAL_ID, s.UNIT, s.FIELD, PROCEDURE, SURVEY_DATE, *s.ATTRIBUTES]
    columns += [*method.item_codes, COMMENT]
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = t("import.template.data_sheet")
    lists = _lists_sheet(book, unit_names)
    headers = [target_label(c, targets) for c in columns]
    _header(data, headers)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column in lists:
            _list_validation(data, letter, lists[column], column)
        elif column in method.item_codes:
            _answer_validation(data, letter)
        elif column == SURVEY_DATE:
            for row in range(2, 200):
                data[f"{letter}{row}"].number_format = "DD/MM/YYYY"
    example = _respondent_example(method, unit_names)
    _instructions(book, "respondents", headers, example, method)
    return _save(book)


def aggregate_template(method: Method, unit_names: Sequence[str]) -> bytes:
    """The template for a published results table (one row per unit, field or element)."""
    targets = Targets(s.AGGREGATE_KIND, method)
    columns = [s.UNIT, s.FIELD, s.ELEMENT, INDEX, s.N, RANK, CHANGE]
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = t("import.template.data_sheet")
    lists = _lists_sheet(book, unit_names, method)
    headers = [target_label(c, targets) for c in columns]
    _header(data, headers)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column in lists:
            _list_validation(data, letter, lists[column], column)
    _number_validation(data, "D", "decimal", 0, 100, "index")
    _number_validation(data, "E", "whole", 1, 10_000_000, "n")
    _number_validation(data, "F", "whole", 1, 100_000, "rank")
    first = unit_names[1] if len(unit_names) > 1 else (unit_names[0] if unit_names else "")
    example = [first, "", "", 85.48, 500, 1, ""]
    _instructions(book, "aggregate", headers, example, method)
    return _save(book)


def _header(sheet: Worksheet, headers: list[str]) -> None:
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"


def _lists_sheet(
    book: Workbook, unit_names: Sequence[str], method: Method | None = None
) -> dict[str, str]:
    """The hidden sheet of drop-down values; returns target → range formula."""
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    attributes = load_attributes()
    lists: dict[str, list[str]] = {
        s.UNIT: list(unit_names),
        s.FIELD: [f.name_vi for f in load_fields()],
        **{a: [v.name_vi for v in attributes[a].values] for a in s.ATTRIBUTES},
    }
    if method is not None:
        lists = {s.UNIT: lists[s.UNIT], s.FIELD: lists[s.FIELD]}
        lists[s.ELEMENT] = [e.name for e in method.elements]
    ranges: dict[str, str] = {}
    for index, (target, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        set_text(sheet.cell(row=1, column=index), target)
        for row, value in enumerate(values, start=2):
            set_text(sheet.cell(row=row, column=index), value)
        ranges[target] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return ranges


def _list_validation(sheet: Worksheet, letter: str, formula: str, target: str) -> None:
    rule = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
    rule.error = t("import.template.pick_from_list")
    rule.errorTitle = t(f"import.columns.{target}")
    rule.showErrorMessage = True
    rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(rule)


def _answer_validation(sheet: Worksheet, letter: str) -> None:
    rule = DataValidation(type="list", formula1='"1,2,3,4,5"', allow_blank=True)
    rule.error = t("import.template.answer_error")
    rule.errorTitle = t("import.template.answer_title")
    rule.showErrorMessage = True
    rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(rule)


def _number_validation(
    sheet: Worksheet,
    letter: str,
    kind: Literal["decimal", "whole"],
    low: float,
    high: float,
    target: str,
) -> None:
    rule = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
    rule.allow_blank = True
    rule.error = t(f"import.template.{target}_error")
    rule.showErrorMessage = True
    rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(rule)


def _respondent_example(method: Method, unit_names: Sequence[str]) -> list[object]:
    attributes = load_attributes()
    unit = unit_names[1] if len(unit_names) > 1 else (unit_names[0] if unit_names else "")
    answers = [4 if i % 3 else 5 for i in range(len(method.item_codes))]
    return [
        "P0001",
        unit,
        load_fields()[0].name_vi,
        t("import.template.example_procedure"),
        format_date(clock.today()),
        *(attributes[a].values[0].name_vi for a in s.ATTRIBUTES),
        *answers,
        t("import.template.example_comment"),
    ]


def _instructions(
    book: Workbook, kind: str, headers: list[str], example: list[object], method: Method
) -> None:
    sheet = book.create_sheet(t("import.template.guide_sheet"), 1)
    sheet.column_dimensions["A"].width = 110
    lines = t(f"import.template.guide_{kind}", method=method.short_name).splitlines()
    for line in lines:
        append_row(sheet, [line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    append_row(sheet, [t("import.template.example_title")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    append_row(sheet, headers)
    append_row(sheet, example)
    if kind == "respondents":
        sheet.append([])
        append_row(sheet, [t("import.template.items_title", method=method.short_name)])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        for _, element, item in method.walk():
            label = t("import.columns.item", number=item.number, code=item.code)
            append_row(sheet, [f"{label}: {item.text} ({element.short_name})"])


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
