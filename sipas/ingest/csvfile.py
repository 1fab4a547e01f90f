"""CSV files: the encoding (UTF-8 with or without BOM, UTF-16, Windows-1258, Windows-1252)
and the delimiter are detected; what was assumed is reported to the user."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from typing import Any

from sipas.i18n import t
from sipas.ingest.errors import IngestError

_DELIMITERS = ",;\t|"
# Letters only Vietnamese uses: a CP1258 reading that produces them is almost surely right.
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


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
    if vietnamese is not None and _is_vietnamese(vietnamese):
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


def _is_vietnamese(text: str) -> bool:
    """Vietnamese letters appear and no tone mark is left uncombined (CP1258 writes tones as
    separate combining marks; NFC joins them to their vowel when the reading is right)."""
    stray = any(ch in _TONES for ch in text)
    letters = any(ch in _VIETNAMESE for ch in text) or any(
        any(part in _TONES for part in unicodedata.normalize("NFD", ch)) for ch in set(text)
    )
    return letters and not stray


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(_DELIMITERS, key=first.count) if first else ","
