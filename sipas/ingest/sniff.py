"""What a file really is, from its first bytes: files renamed as spreadsheets are refused by
what they are (a web page, a PDF, an image, an archive), and text without a byte order mark
is recognised as UTF-16 or UTF-32 by where its NUL bytes fall."""

from __future__ import annotations

import io
import zipfile

from sipas.core.i18n import t
from sipas.ingest.errors import IngestError

# Magic numbers of files that staff upload by mistake, and their kind in reading.yaml.
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\x1f\x8b", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"BZh", "archive"),
    (b"\xfd7zXZ\x00", "archive"),
)
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<!--", b"<?xml")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OLE_SHEETS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def refuse_disguised(content: bytes, file_name: str) -> None:
    """Raise IngestError ("… không phải tệp bảng tính") for a web page, PDF, image or
    compressed archive, whatever the file's name says."""
    for magic, kind in _MAGIC:
        if content.startswith(magic):
            _refuse(file_name, kind)
    head = content[:1024]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.lstrip().lower().startswith(_MARKUP):
        _refuse(file_name, "html")


def zip_format(content: bytes, file_name: str) -> str:
    """ "xlsx" or "ods" for a zip that is a workbook; raises IngestError for any other zip
    (a Word document, a folder compressed as .zip, …)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
                return "ods"
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IngestError(t("import.read.corrupt", file=file_name)) from None
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    if _ODS_MIME in content[:200]:
        return "ods"
    _refuse(file_name, "archive")
    raise AssertionError  # _refuse raises


def check_ole(content: bytes, file_name: str) -> None:
    """An OLE file (.xls, but also .doc, .msg) must hold a workbook stream."""
    if not any(name in content for name in _OLE_SHEETS):
        _refuse(file_name, "document")


def text_encoding(content: bytes) -> str | None:
    """ "utf-32-le", "utf-32-be", "utf-16-le" or "utf-16-be" for text without a byte order
    mark whose NUL bytes fall where those encodings put them (mostly Latin text: every
    ASCII letter, digit, comma and line break has them); None otherwise."""
    head = content[:4096]
    head = head[: len(head) - len(head) % 4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    zeros = [head[i::4].count(0) / (len(head) // 4) for i in range(4)]
    if min(zeros[2], zeros[3]) > 0.9 and zeros[1] > 0.5 and zeros[0] < 0.5:
        return "utf-32-le"
    if min(zeros[0], zeros[1]) > 0.9 and zeros[2] > 0.5 and zeros[3] < 0.5:
        return "utf-32-be"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _refuse(file_name: str, kind: str) -> None:
    raise IngestError(
        t("reading.disguised.message", file=file_name, kind=t(f"reading.disguised.{kind}"))
    )
