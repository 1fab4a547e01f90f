"""CSV files: the encoding (UTF-8 with or without BOM, UTF-16, Windows-1258, Windows-1252)
and the delimiter are detected; what was assumed is reported to the user."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from typing import Any

from sipas.core.i18n import t
from sipas.ingest.errors import IngestError

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
    delimiter = _delimiter(text)
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    notes = (note,) if note else ()
    return rows, notes


def decode(content: bytes, file_name: str) -> tuple[str, str]:
    """The text in NFC and a note naming the encoding when it was not UTF-8."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if content.startswith(bom):
            return _nfc(content[len(bom) :].decode(codec, errors="replace")), ""
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
