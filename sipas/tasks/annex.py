"""The directive's annex: the task list as the table a directive annexes (STT | Tồn tại, hạn
chế | Giải pháp | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Kết quả), written with openpyxl,
and read back from a spreadsheet to create tasks in bulk – all or nothing, with a Vietnamese
message per problem naming the row as Excel shows it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.cells import set_text
from sipas.core.formatting import format_date
from sipas.core.i18n import catalogue, t
from sipas.core.permissions import User
from sipas.core.textnorm import match_key
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import load_limits
from sipas.ingest.reading import read_sheet
from sipas.ingest.unitmatch import UnitResolver
from sipas.storage import tasks as store
from sipas.storage.reference import unit_aliases_frame, units_frame
from sipas.storage.tasks import TaskRecord, TaskSpec
from sipas.tasks.workflow import (
    ANNEX,
    CANCELLED,
    DONE,
    IN_PROGRESS,
    NEW,
    OVERDUE,
    TaskError,
    add_note,
    cancel_task,
    complete_task,
    create_task,
    shown_status,
    start_task,
    status_label,
)

COLUMNS = ("stt", "finding", "solution", "lead", "supporting", "deadline", "result")
REQUIRED = ("finding", "lead", "deadline")
WIDTHS = (6, 60, 50, 28, 34, 13, 40)
DATE_FORMAT = "DD/MM/YYYY"
SEPARATOR = "; "
HEADER_SEARCH_ROWS = 20
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def header(column: str) -> str:
    return t(f"tasks.annex.col_{column}")


def result_text(record: TaskRecord, today: dt.date) -> str:
    """ "Kết quả": the status a person sees, then what was achieved or why it was cancelled."""
    label = status_label(shown_status(record, today))
    if shown_status(record, today) == OVERDUE:  # and the stored status, so nothing is lost
        label = t("tasks.annex.overdue", status=status_label(record.status))
    return f"{label}{SEPARATOR}{record.result}" if record.result else label


def annex_xlsx(records: Sequence[TaskRecord], names: Mapping[str, str], today: dt.date) -> bytes:
    """The annex of `records`, in the order given."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = t("tasks.annex.sheet")
    _title_block(sheet, today)
    first = 5
    for column, name in enumerate(COLUMNS, start=1):
        cell = set_text(sheet.cell(first, column), header(name))
        cell.font, cell.border = Font(bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, record in enumerate(records, start=1):
        spec = record.spec
        values: list[Any] = [
            number,
            spec.finding,
            spec.solution,
            names.get(spec.lead_unit_code, spec.lead_unit_code),
            SEPARATOR.join(names.get(code, code) for code in spec.supporting_units),
            spec.deadline,
            result_text(record, today),
        ]
        for column, value in enumerate(values, start=1):
            cell = set_text(sheet.cell(first + number, column), value)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.cell(first + number, 6).number_format = DATE_FORMAT
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.freeze_panes = f"A{first + 1}"
    sheet.print_title_rows = f"{first}:{first}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title_block(sheet: Worksheet, today: dt.date) -> None:
    lines = (
        (t("tasks.annex.title_1"), 13),
        (t("tasks.annex.title_2"), 13),
        (t("tasks.annex.title_3", day=format_date(today)), 11),
    )
    for row, (text, size) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        cell = set_text(sheet.cell(row, 1), text)
        cell.font = Font(bold=row < 3, italic=row == 3, size=size)
        cell.alignment = Alignment(horizontal="center")


@dataclass(frozen=True)
class AnnexRow:
    """One task read from an annex, with the Excel row it came from."""

    row: int
    spec: TaskSpec
    status: str
    result: str


@dataclass(frozen=True)
class AnnexReading:
    rows: list[AnnexRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _header_keys() -> dict[str, str]:
    """Every accepted header (normalised) → column; Vietnamese names and English ones."""
    keys = {}
    for language in ("vi", "en"):
        texts = catalogue(language)
        for column in COLUMNS:
            text = texts.get(f"tasks.annex.col_{column}")
            if text:
                keys[match_key(text)] = column
        for column in COLUMNS:
            for alias in (texts.get(f"tasks.annex.alias_{column}") or "").split("|"):
                if alias.strip():
                    keys[match_key(alias)] = column
    return keys


def _find_header(cells: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    keys = _header_keys()
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        found = {}
        for position, value in enumerate(row):
            column = keys.get(match_key(value)) if str(value).strip() else None
            if column and column not in found:
                found[column] = position
        if all(column in found for column in REQUIRED):
            return index, found
    return None


def _statuses() -> dict[str, str]:
    """Status labels a "Kết quả" cell may start with → the stored status."""
    stored = (NEW, IN_PROGRESS, DONE, CANCELLED)
    labels = {match_key(status_label(code)): code for code in stored}
    for code in (NEW, IN_PROGRESS):
        labels[match_key(t("tasks.annex.overdue", status=status_label(code)))] = code
    labels[match_key(status_label(OVERDUE))] = NEW  # overdue is computed again from the date
    return labels


def _deadline(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def read_annex(
    content: bytes,
    file_name: str,
    resolver: UnitResolver,
    existing: Sequence[TaskRecord] = (),
) -> AnnexReading:
    """The tasks of an annex file and every problem found; nothing is written here."""
    try:
        sheet = read_sheet(content, file_name, load_limits())
    except IngestError as error:
        return AnnexReading(problems=[str(error)])
    located = _find_header(sheet.cells)
    if located is None:
        wanted = ", ".join(f"“{header(c)}”" for c in REQUIRED)
        return AnnexReading(problems=[t("tasks.annex.no_header", file=file_name, columns=wanted)])
    header_row, positions = located
    known = {(r.spec.finding, r.spec.lead_unit_code, r.spec.deadline): r.id for r in existing}
    rows: list[AnnexRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, dt.date], int] = {}
    for index in range(header_row + 1, len(sheet.cells)):
        cells = sheet.cells[index]
        values = {c: _text(cells[p]) if p < len(cells) else "" for c, p in positions.items()}
        raw_deadline = cells[positions["deadline"]] if positions["deadline"] < len(cells) else ""
        if not any(value for column, value in values.items() if column != "stt"):
            continue
        row, row_problems = _row(index + 1, values, raw_deadline, resolver)
        if row is not None:
            key = (row.spec.finding, row.spec.lead_unit_code, row.spec.deadline)
            if key in known:
                row_problems.append(t("tasks.annex.exists", row=index + 1, id=known[key]))
            elif key in seen:
                row_problems.append(t("tasks.annex.repeated", row=index + 1, first=seen[key]))
            seen.setdefault(key, index + 1)
        problems += row_problems
        if row is not None and not row_problems:
            rows.append(row)
    if not rows and not problems:
        problems.append(t("tasks.annex.no_rows", file=file_name))
    return AnnexReading(rows, problems)


def _row(
    number: int, values: Mapping[str, str], raw_deadline: Any, resolver: UnitResolver
) -> tuple[AnnexRow | None, list[str]]:
    problems = []
    if not values["finding"]:
        problems.append(t("tasks.annex.no_finding", row=number))
    lead = _unit(number, values["lead"], "lead", resolver, problems)
    supporting = [
        code
        for name in values.get("supporting", "").replace("\n", ";").split(";")
        if name.strip()
        for code in [_unit(number, name, "supporting", resolver, problems)]
        if code
    ]
    deadline = _deadline(raw_deadline)
    if deadline is None:
        problems.append(t("tasks.annex.bad_deadline", row=number, value=_text(raw_deadline)))
    status, result = _status(values.get("result", ""))
    if problems or lead is None or deadline is None:
        return None, problems
    spec = TaskSpec(
        finding=values["finding"],
        lead_unit_code=lead,
        deadline=deadline,
        solution=values.get("solution", ""),
        supporting_units=tuple(supporting),
    )
    if status in (DONE, CANCELLED) and not result:
        result = t("tasks.annex.default_result")
    return AnnexRow(number, spec, status, result), []


def _unit(
    number: int, name: str, role: str, resolver: UnitResolver, problems: list[str]
) -> str | None:
    if not name.strip():
        if role == "lead":
            problems.append(t("tasks.annex.no_lead", row=number))
        return None
    match = resolver.resolve(name)
    if match.code is None:
        problems.append(t(f"tasks.annex.unit_{role}", row=number, reason=match.reason))
    return match.code


def _status(text: str) -> tuple[str, str]:
    """The stored status and the result text of a "Kết quả" cell."""
    head, _, rest = text.partition(SEPARATOR.strip())
    status = _statuses().get(match_key(head))
    if status is None:
        return NEW, text
    return status, rest.strip()


def resolver_for(session: Session) -> UnitResolver:
    """Units by any of their names, on today's administrative map."""
    return UnitResolver(units_frame(session), unit_aliases_frame(session), None)


def import_annex(session: Session, content: bytes, file_name: str, user: User) -> list[TaskRecord]:
    """Create the annex's tasks (and their statuses) in the caller's transaction; raises
    TaskError with every problem, and writes nothing, when any row is wrong."""
    reading = read_annex(content, file_name, resolver_for(session), store.list_tasks(session))
    if reading.problems:
        raise TaskError(reading.problems)
    return [_create(session, row, user) for row in reading.rows]


def _create(session: Session, row: AnnexRow, user: User) -> TaskRecord:
    """One task with the status its "Kết quả" says; for an open task, what the cell says
    after the status becomes a progress note, so that nothing written there is lost."""
    record = create_task(session, row.spec, user, ANNEX)
    if row.status == IN_PROGRESS:
        record = start_task(session, record.id, user, record.version)
    elif row.status == DONE:
        record = complete_task(session, record.id, user, record.version, row.result)
    elif row.status == CANCELLED:
        record = cancel_task(session, record.id, user, record.version, row.result)
    if row.status in (NEW, IN_PROGRESS) and row.result:
        add_note(session, record.id, user, clock.today(), row.result)
    return record
