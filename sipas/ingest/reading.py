"""Reading a spreadsheet (.xlsx, .xls, .ods, .csv) into a grid of cells, once, with calamine.

The grid starts at cell A1 whatever the sheet's used range, so `cells[i][j]` is Excel row
i + 1, column j + 1, and every message can name the row and column as Excel shows them.
Merged cells are filled with the value of their top-left cell (as a reader sees them).
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sipas.core.i18n import t
from sipas.ingest import sandbox
from sipas.ingest.csvfile import read_csv
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import Limits
from sipas.ingest.sheetsize import check_archive, check_xlsx_sheet
from sipas.ingest.sniff import check_ole, refuse_disguised, text_encoding, zip_format
from sipas.ingest.workbook import Described, Failed, read_in_child

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', re.S)
_SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")


@dataclass(frozen=True)
class Sheet:
    """One sheet as a grid from A1: strings, numbers, dates; "" for an empty cell."""

    name: str
    sheet_names: tuple[str, ...]
    cells: list[list[Any]]
    file_format: str
    notes: tuple[str, ...] = ()
    sheet_index: int = 0
    uncalculated: tuple[str, ...] | None = None  # formulas without a value, when scanned
    # Merged ranges ((top, left), (bottom, right)), 0-based and inclusive: the header is
    # read as the block people merged (a title across, group headers down over two rows).
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()

    @property
    def width(self) -> int:
        return max((len(row) for row in self.cells), default=0)


def file_format(content: bytes, file_name: str) -> str:
    """XLSX, XLS, ODS or CSV from the file's first bytes (its name only decides for text);
    raises IngestError for a password-protected file or one that is no spreadsheet (a web
    page, PDF, image, archive or document renamed, sipas.ingest.sniff)."""
    refuse_disguised(content, file_name)
    if content.startswith(_OLE):
        if _ENCRYPTED in content:
            raise IngestError(t("import.read.password", file=file_name))
        check_ole(content, file_name)
        return XLS
    if content.startswith(_ZIP):
        return zip_format(content, file_name)
    if file_name.lower().endswith((".csv", ".txt", ".tsv")) or _looks_like_text(content):
        return CSV
    raise IngestError(t("import.read.not_spreadsheet", file=file_name))


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or text_encoding(content):
        return True
    return b"\x00" not in head and all(byte >= 32 or byte in b"\t\r\n" for byte in head)


def read_sheet(content: bytes, file_name: str, limits: Limits, sheet: str | None = None) -> Sheet:
    """The named sheet (default: the first) of a spreadsheet file's bytes.

    Raises IngestError (Vietnamese) for a file that is too large, password-protected, corrupt,
    not a spreadsheet, an unknown sheet name, an empty sheet or one with too many rows.
    """
    if len(content) > limits.max_bytes:
        size = f"{len(content) / 1024 / 1024:.1f}".replace(".", ",")
        raise IngestError(t("import.read.too_large", size=size, limit=_mb(limits.max_megabytes)))
    if not content:
        raise IngestError(t("import.read.empty_file", file=file_name))
    kind = file_format(content, file_name)
    if kind == CSV:
        cells, notes = read_csv(content, file_name)
        result = Sheet("", (), cells, CSV, notes)
    else:
        result = _read_workbook(content, file_name, kind, limits, sheet)
    _check_rows(result, limits)
    return result


def _mb(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _read_workbook(
    content: bytes, file_name: str, kind: str, limits: Limits, sheet: str | None
) -> Sheet:
    """calamine's read in a guarded child (sipas.ingest.sandbox); while it reads, what the
    file declares is checked here, and a file that declares too much is refused."""
    if kind in (XLSX, ODS):
        check_archive(content, limits)
    with tempfile.NamedTemporaryFile(prefix="sipas-import-") as handle:
        handle.write(content)  # calamine reads a file on disk 2× faster than a file object
        handle.flush()
        args = (handle.name, file_name, kind, sheet, limits.max_rows)
        try:
            with sandbox.child(read_in_child, args, limits.read_bytes, limits.read_seconds) as got:
                extent = None
                if kind == XLSX:  # while the child parses: this process would wait anyway
                    extent = check_xlsx_sheet(content, _named_sheet_path(content, sheet), limits)
                result = _received(got, kind)
        except sandbox.ChildDied as error:
            mb = _mb(limits.read_megabytes)
            raise IngestError(t("reading.child.too_large", file=file_name, mb=mb)) from error
        except sandbox.ChildTimedOut as error:
            seconds = f"{limits.read_seconds:g}".replace(".", ",")
            raise IngestError(
                t("reading.child.timeout", file=file_name, seconds=seconds)
            ) from error
    if extent is not None and extent.complete:
        result = dataclasses.replace(result, uncalculated=tuple(extent.uncalculated))
    return result


def _received(got: Iterator[Any], kind: str) -> Sheet:
    first = next(got, None)
    if isinstance(first, Failed):
        raise IngestError(first.message)
    if not isinstance(first, Described):
        raise sandbox.ChildDied
    cells: list[list[Any]] = []
    for batch in got:
        cells.extend(batch)
    _fill_merged(cells, first.merged)
    return Sheet(
        first.names[first.index],
        first.names,
        cells,
        kind,
        sheet_index=first.index,
        merged=tuple(
            ((top, left), (bottom, right)) for (top, left), (bottom, right) in first.merged
        ),
    )


def _named_sheet_path(content: bytes, sheet: str | None) -> str | None:
    """The XML part of the named sheet (the first when none is named), None if unknown."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            names = [
                html.unescape(name)
                for name in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', workbook)
            ]
            index = names.index(sheet) if sheet else 0
            return _sheet_path(archive, index)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        return None


def _fill_merged(
    cells: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Give every cell of a merged range the value of its top-left cell."""
    for (top, left), (bottom, right) in merged:
        if top >= len(cells) or left >= len(cells[top]):
            continue
        value = cells[top][left]
        for row in range(top, min(bottom, len(cells) - 1) + 1):
            line = cells[row]
            for column in range(left, min(right, len(line) - 1) + 1):
                line[column] = value


def check_formulas(sheet: Sheet, content: bytes) -> None:
    """Refuse formulas without a stored result (files written by programs that do not
    calculate): calamine reads them as empty cells and answers would vanish silently. Only
    .xlsx files can have them; callers check when the data has empty cells."""
    if sheet.file_format != XLSX:
        return
    if sheet.uncalculated is None:
        _check_formulas(content, sheet.sheet_index, sheet.name)
    elif sheet.uncalculated:
        _refuse_uncalculated(list(sheet.uncalculated), sheet.name)


def _check_formulas(content: bytes, index: int, sheet_name: str) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        path = _sheet_path(archive, index)
        if path is None or path not in archive.namelist():
            return
        xml = archive.read(path)
    if b"<f" not in xml:
        return
    missing = [
        ref.decode()
        for ref, body in _FORMULA_CELL.findall(xml)
        if b"<f" in body and not re.search(rb"<v>[^<]+</v>", body)
    ]
    if missing:
        _refuse_uncalculated(missing, sheet_name)


def _refuse_uncalculated(missing: list[str], sheet_name: str) -> None:
    cells = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
    raise IngestError(t("import.read.uncalculated", sheet=sheet_name, cells=cells))


def _sheet_path(archive: zipfile.ZipFile, index: int) -> str | None:
    """The XML part of the index-th sheet, following workbook.xml and its relationships."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return None
    ids = re.findall(r'<(?:\w+:)?sheet\b[^>]*?r:id="([^"]+)"', workbook)
    if index >= len(ids):
        return None
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        if f'Id="{ids[index]}"' in tag:
            target = re.search(r'Target="([^"]+)"', tag)
            if target:
                path = target.group(1)
                return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return None


def _check_rows(sheet: Sheet, limits: Limits) -> None:
    while sheet.cells and not any(_filled(value) for value in sheet.cells[-1]):
        sheet.cells.pop()
    if not sheet.cells:
        where = sheet.name or t("import.read.csv_sheet")
        raise IngestError(t("import.read.empty_sheet", sheet=where))
    if len(sheet.cells) > limits.max_rows:
        raise IngestError(
            t("import.read.too_many_rows", rows=len(sheet.cells), limit=limits.max_rows)
        )


def _filled(value: Any) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))
