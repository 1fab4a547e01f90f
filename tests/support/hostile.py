"""Files built to hurt a reader: workbooks whose sheet XML declares huge rectangles (written
as zip XML directly, as an attacker would), zip bombs, and files renamed as spreadsheets."""

from __future__ import annotations

import gzip
import io
import zipfile

from sipas.ingest.table import column_letter

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)


def workbook_xml(rows: str, dimension: str | None = None, prefix: str = "") -> bytes:
    """An .xlsx whose one sheet ("Dữ liệu") has `rows` (the XML inside <sheetData>) and, if
    given, a <dimension ref=…>; `prefix` ("x:") writes SpreadsheetML with a namespace prefix."""
    p = prefix
    xmlns = f'xmlns:{p[:-1]}="{_MAIN}"' if p else f'xmlns="{_MAIN}"'
    declared = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}>{declared}'
        f"<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            '<sheet name="Dữ liệu" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def text_cell(ref: str, text: str, prefix: str = "") -> str:
    p = prefix
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c>'


def far_cell() -> bytes:
    """A header in A1 and one number at XFD199999: about 1,5 KB that asks a reader for
    16.384 × 199.999 cells (100 GB)."""
    rows = f'<row r="1">{text_cell("A1", "Đơn vị")}</row>'
    rows += '<row r="199999"><c r="XFD199999"><v>1</v></c></row>'
    return workbook_xml(rows, "A1:XFD199999")


def sparse(columns: int = 1000, rows: int = 150_000, every: int = 1000) -> bytes:
    """A header of `columns` cells, then one answer every `every` rows down to row `rows`, with
    no <dimension>: 150.000.000 cells from A1 for a file of about 20 KB."""
    header = "".join(
        text_cell(f"{column_letter(j)}1", "Đơn vị" if j == 0 else f"Câu {j}")
        for j in range(columns)
    )
    body = "".join(
        f'<row r="{row}"><c r="B{row}"><v>4</v></c></row>' for row in range(every, rows + 1, every)
    )
    return workbook_xml(f'<row r="1">{header}</row>{body}')


def zip_bomb(megabytes: int) -> bytes:
    """A small valid-looking .xlsx whose sheet XML unpacks to `megabytes` MB (spaces)."""
    padding = " " * (megabytes * 1024 * 1024)
    return workbook_xml(f'<row r="1">{text_cell("A1", "Đơn vị")}</row>{padding}')


def disguised() -> dict[str, bytes]:
    """Files that are not spreadsheets, by what they really are."""
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("notes.txt", "Đơn vị,Câu 1\n")
    return {
        "html": b"<!DOCTYPE html><html><body><table><tr><td>Don vi</td></tr></table></body></html>",
        "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32,
        "gif": b"GIF89a" + b"\x00" * 32,
        "zip": plain_zip.getvalue(),
        "gzip": gzip.compress("Đơn vị,Câu 1\n".encode()),
        "rar": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 32,
        "7z": b"7z\xbc\xaf\x27\x1c" + b"\x00" * 32,
    }
