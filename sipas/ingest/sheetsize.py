"""What a workbook declares about its size, read from its own metadata before any reading.

A reader allocates the rectangle from A1 to a sheet's farthest cell: one cell at XFD199999
in a 5 KB file asks for 3.276.783.616 cells (about 100 GB). So, while calamine reads a file
in its guarded child: the zip's declared unpacked sizes are checked (zip bombs), and an
.xlsx sheet's XML is streamed in 1 MB chunks, never loaded, for its `<dimension ref=…>`, its
row numbers, its cell references (the far ones, and the last of each chunk's first and last
rows) and its count of cells, up to _SCAN_BYTES of XML.
.xls files cannot declare more than 65.536 × 256 cells, and .ods files repeat empty rows and
cells by design; both are bounded by the child process's memory limit (sipas.ingest.sandbox).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import Limits
from sipas.ingest.table import column_letter

_CHUNK = 1 << 20
# The scan reads at most this much of a sheet's XML: all of any small hostile file (a far
# cell or a sparse sheet takes kilobytes), the dimension and first rows of a big one. Past
# it, the child's memory limit is the guard; scanning a 100.000-row sheet whole (120 MB of
# XML) took longer than a quarter of calamine's read on a loaded machine.
_SCAN_BYTES = 16 << 20
_LONGEST_CARRY = 16 << 20  # a row longer than 16 MB is no survey
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>")


@dataclass
class Extent:
    """The rectangle a sheet declares from A1 (rows, columns), its count of cells, and the
    first cells holding a formula without a stored result."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    uncalculated: list[str] = field(default_factory=list)  # formulas without a value, 6 at most
    complete: bool = False  # the XML was read to its end (for the formulas)

    def widen(self, rows: int, columns: int) -> None:
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)


def check_archive(content: bytes, limits: Limits) -> None:
    """Refuse a zip (.xlsx, .ods) whose parts declare more unpacked bytes than the limit;
    raises IngestError."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the reader reports a corrupt file
    if unpacked > limits.max_unzipped_bytes:
        raise IngestError(
            t(
                "reading.declared.unzipped",
                size=format_int(unpacked // (1024 * 1024)),
                limit=format_int(int(limits.max_unzipped_megabytes)),
            )
        )


def check_xlsx_sheet(content: bytes, part: str | None, limits: Limits) -> Extent:
    """The extent the sheet's XML part declares; raises IngestError (Vietnamese) when rows,
    columns or cells exceed the limits."""
    if part is None:
        return Extent()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive, archive.open(part) as stream:
            extent = _scan(stream, limits.max_columns)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError):
        return Extent()  # the reader reports a corrupt file
    check_extent(extent, limits)
    return extent


def check_extent(extent: Extent, limits: Limits) -> None:
    """Raises IngestError naming the declared size and the limit that it exceeds."""
    rectangle = extent.rows * extent.columns
    wide = extent.columns > limits.max_columns or max(rectangle, extent.cells) > limits.max_cells
    if extent.rows > limits.max_rows and not wide:
        raise IngestError(t("import.read.too_many_rows", rows=extent.rows, limit=limits.max_rows))
    if wide or extent.rows > limits.max_rows:
        raise IngestError(
            t(
                "reading.declared.too_large",
                rows=format_int(extent.rows),
                columns=format_int(extent.columns),
                cells=format_int(max(rectangle, extent.cells)),
                max_rows=format_int(limits.max_rows),
                max_columns=format_int(limits.max_columns),
                max_cells=format_int(limits.max_cells),
            )
        )


def _scan(stream: IO[bytes], max_columns: int) -> Extent:
    """Parts of whole rows: a chunk is cut after its last </row>, the rest is carried on."""
    letters = len(column_letter(max(max_columns - 1, 0)))
    wide = re.compile(rb'r="([A-Z]{%d,})([0-9]+)"' % letters)
    extent, tags = Extent(), _Tags(wide)
    carry, scanned = b"", 0
    while chunk := stream.read(_CHUNK):
        scanned += len(chunk)
        if scanned > _SCAN_BYTES:  # past the scan, only formulas are looked for
            carry = _formulas_only(carry + chunk, extent, tags)
            continue
        data = carry + chunk
        tags.learn(data)
        found = data.rfind(tags.row_end) if tags.prefix is not None else -1
        cut = found + len(tags.row_end) if found >= 0 else 0
        if not cut and len(data) > _LONGEST_CARRY:
            cut = _tag_boundary(data)  # long content without rows (after sheetData)
        carry = data[cut:]
        if len(carry) > _LONGEST_CARRY:
            raise IngestError(t("reading.declared.bad_xml"))
        _scan_part(data[:cut], extent, tags)
    if scanned > _SCAN_BYTES:
        _find_uncalculated(carry, extent)
    else:
        _scan_part(carry, extent, tags)
    extent.widen(tags.rows_seen, 0)
    extent.complete = True
    return extent


def _formulas_only(data: bytes, extent: Extent, tags: _Tags) -> bytes:
    """Look for formulas in the whole rows of `data`; the rest is carried on."""
    found = data.rfind(tags.row_end)
    cut = found + len(tags.row_end) if found >= 0 else 0
    if not cut and len(data) > _LONGEST_CARRY:
        cut = _tag_boundary(data)
    _find_uncalculated(data[:cut], extent)
    return data[cut:]


def _find_uncalculated(data: bytes, extent: Extent) -> None:
    """Cells with a formula and no stored value (the reading's check_formulas reports them);
    a part holds whole rows, so every cell is whole."""
    if b"<f" not in data or len(extent.uncalculated) > 5:
        return
    for ref, body in _FORMULA_CELL.findall(data):
        if b"<f" in body and not _VALUE.search(body):
            extent.uncalculated.append(ref.decode())
            if len(extent.uncalculated) > 5:
                return


def _tag_boundary(data: bytes) -> int:
    cut = data.rfind(b"<")
    return len(data) if cut < 0 or b">" in data[cut:] else cut


@dataclass
class _Tags:
    """The sheet's namespace prefix ("" or e.g. "x:"), found once; the candidates for a
    column beyond the limit (references with at least as many letters as the limit's); the
    count of row tags (rows without a number follow the one before)."""

    wide: re.Pattern[bytes]
    prefix: bytes | None = None
    rows_seen: int = 0

    def learn(self, data: bytes) -> None:
        if self.prefix is None and (found := _SHEET_DATA.search(data)):
            self.prefix = found.group(1) or b""

    @property
    def row_end(self) -> bytes:
        return b"</" + (self.prefix or b"") + b"row>"


def _scan_part(data: bytes, extent: Extent, tags: _Tags) -> None:
    """Only C-speed searches (bytes.count, rfind, a rare pattern): a Python step per row or
    cell takes seconds on a 100.000-row sheet. The first and last rows of every part are
    measured (rows come in ascending order; the header is usually the widest); a cell far
    to the right in a middle row is left to the child's memory limit."""
    if extent.rows == 0 and (found := _DIMENSION.search(data)):
        extent.widen(*_range_size(found.group(1).decode("ascii", "replace")))
    if tags.prefix is None or not data:
        return
    _find_uncalculated(data, extent)
    row = b"<" + tags.prefix + b"row"
    extent.cells += data.count(b"<" + tags.prefix + b"c")  # also <col>, <cfRule>: a few
    tags.rows_seen += data.count(row + b" ") + data.count(row + b">")
    for letters, number in tags.wide.findall(data):
        extent.widen(int(number), _column_number(letters.decode()))
    last_end = data.rfind(tags.row_end)
    for start, end in (
        (data.find(row), data.find(tags.row_end)),
        (data.rfind(row, 0, last_end), last_end),
    ):
        if 0 <= start < end:
            _measure_row(data, start, end, extent)


def _measure_row(data: bytes, start: int, end: int, extent: Extent) -> None:
    number = _ROW_NUMBER.search(data, start, data.find(b">", start))
    last = data.rfind(b' r="', start, end)
    ref = _CELL_REF.match(data, last + 1) if last >= 0 else None
    rows = max(int(number.group(1)) if number else 0, int(ref.group(2)) if ref else 0)
    columns = _column_number(ref.group(1).decode()) if ref else data.count(b"<c", start, end)
    extent.widen(rows, columns)


def _range_size(ref: str) -> tuple[int, int]:
    """(rows, columns) from A1 to the far corner of "A1:XFD199999" (or of one cell)."""
    corner = ref.split(":")[-1].replace("$", "")
    found = re.fullmatch(r"([A-Za-z]{1,7})(\d{1,12})", corner)
    if not found:
        return 0, 0
    return int(found.group(2)), _column_number(found.group(1).upper())


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
