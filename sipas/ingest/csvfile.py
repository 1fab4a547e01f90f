"""CSV files: the encoding (UTF-8 with or without BOM, UTF-16 and UTF-32 with or without BOM,
Windows-1258, Windows-1252)
and the delimiter are detected; what was assumed is reported to the user."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from typing import Any

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.ingest.errors import IngestError
from sipas.ingest.sniff import text_encoding

_DELIMITERS = ",;\t|"
# Bytes that are Vietnamese letters or tone marks in CP1258 (Ă Đ Ơ Ư ă đ ơ ư, five tones) and
# rarely used letters in CP1252 (Ã Ð Õ Ý ã ð õ ý Ì Ò Þ ì ò).
_CP1258_ONLY = [
    bytes([b])
    for b in (0xC3, 0xD0, 0xD5, 0xDD, 0xE3, 0xF0, 0xF5, 0xFD, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2)
]


def read_csv(content: bytes, file_name: str) -> tuple[list[list[Any]], tuple[str, ...]]:
    """Rows of text cells and Vietnamese notes on how the file was read; raises IngestError
    when no encoding fits."""
    text, note = decode(content, file_name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [list(row) for row in reader]
    except csv.Error as error:
        raise IngestError(_csv_problem(str(error), reader.line_num, file_name)) from error
    notes = (note,) if note else ()
    return rows, notes


def _csv_problem(error: str, line: int, file_name: str) -> str:
    """The csv module's complaint as a Vietnamese sentence naming the line."""
    if "field larger than field limit" in error:
        limit = format_int(csv.field_size_limit())
        return t("reading.csv.field_too_long", file=file_name, row=line, limit=limit)
    return t("reading.csv.unreadable", file=file_name, row=line)


def decode(content: bytes, file_name: str) -> tuple[str, str]:
    """The text in NFC and a note naming the encoding when it was not UTF-8."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark begins it
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if content.startswith(bom):
            return _nfc(content[len(bom) :].decode(codec, errors="replace")), ""
    wide = text_encoding(content)
    if wide is not None:
        return _wide(content, wide, file_name)
    try:
        return _nfc(content.decode("utf-8")), ""
    except UnicodeDecodeError:
        pass
    vietnamese = _try(content, "cp1258")
    if vietnamese is not None and _is_vietnamese(content, vietnamese):
        return vietnamese, t("import.read.encoding_cp1258")
    western = _try(content, "cp1252")
    if western is not None:
        return western, t("import.read.encoding_cp1252")
    raise IngestError(t("import.read.unknown_encoding", file=file_name))


def _wide(content: bytes, codec: str, file_name: str) -> tuple[str, str]:
    """UTF-16 or UTF-32 text without a byte order mark, and the note that says so."""
    try:
        text = _nfc(content.decode(codec))
    except UnicodeDecodeError as error:
        raise IngestError(t("reading.csv.bad_wide", file=file_name, codec=codec)) from error
    return text, t(
        "reading.csv.wide_note", codec=codec.upper().replace("-LE", " LE").replace("-BE", " BE")
    )


def _try(content: bytes, codec: str) -> str | None:
    try:
        return _nfc(content.decode(codec))
    except UnicodeDecodeError:
        return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_vietnamese(content: bytes, text: str) -> bool:
    """Bytes that only Vietnamese text uses in CP1258 (đ, ă, ơ, ư, separate tone marks) are
    present, and every tone mark joined its vowel when read as CP1258."""
    signature = sum(content.count(byte) for byte in _CP1258_ONLY)
    stray = any(unicodedata.combining(ch) for ch in text)
    return signature > 0 and not stray


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(_DELIMITERS, key=first.count) if first else ","
