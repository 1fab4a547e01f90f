"""Merged cells of .ods sheets, which calamine does not report (it does for .xlsx and .xls).

A merged cell is a `table:table-cell` with `table:number-columns-spanned` and/or
`table:number-rows-spanned`; rows and cells may repeat (`…-repeated`), which moves the
position of everything after them.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TABLE = f"{{{TABLE_NS}}}table"
_ROW = f"{{{TABLE_NS}}}table-row"
_CELLS = (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell")
_ROWS_REPEATED = f"{{{TABLE_NS}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{TABLE_NS}}}number-columns-repeated"
_ROWS_SPANNED = f"{{{TABLE_NS}}}number-rows-spanned"
_COLUMNS_SPANNED = f"{{{TABLE_NS}}}number-columns-spanned"

Range = tuple[tuple[int, int], tuple[int, int]]


def ods_merged_ranges(content: bytes, sheet_index: int) -> list[Range]:
    """((top, left), (bottom, right)) of every merged cell of the sheet (0-based, inclusive),
    as calamine gives them for .xlsx; [] when the file has none or cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if not _has_spans(archive):
                return []
            with archive.open("content.xml") as xml:
                return _ranges(xml, sheet_index)
    except (zipfile.BadZipFile, KeyError, ET.ParseError):
        return []


def _has_spans(archive: zipfile.ZipFile) -> bool:
    with archive.open("content.xml") as xml:
        tail = b""
        while chunk := xml.read(1 << 20):
            if b"-spanned=" in tail + chunk:
                return True
            tail = chunk[-20:]
    return False


def _ranges(xml: io.BufferedIOBase | object, sheet_index: int) -> list[Range]:
    ranges: list[Range] = []
    table, row, column = -1, 0, 0
    for event, element in ET.iterparse(xml, events=("start", "end")):  # type: ignore[arg-type]
        tag = element.tag
        if event == "start" and tag == _TABLE:
            table, row = table + 1, 0
        elif table != sheet_index:
            if event == "end":
                element.clear()
            continue
        elif event == "start" and tag == _ROW:
            column = 0
        elif event == "end" and tag == _ROW:
            row += int(element.get(_ROWS_REPEATED, "1"))
            element.clear()
        elif event == "end" and tag in _CELLS:
            rows = int(element.get(_ROWS_SPANNED, "1"))
            columns = int(element.get(_COLUMNS_SPANNED, "1"))
            if rows > 1 or columns > 1:
                ranges.append(((row, column), (row + rows - 1, column + columns - 1)))
            column += int(element.get(_COLUMNS_REPEATED, "1"))
        elif event == "end" and tag == _TABLE:
            break
    return ranges
