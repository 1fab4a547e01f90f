"""Cell values to typed values, vectorised: each distinct value of a column is parsed once.

Columns hold what calamine or the CSV reader gives: str, float, int, bool, date, datetime,
"" for empty. Every parser returns the parsed array and a mask of cells it could not read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from sipas.core.formatting import format_date
from sipas.core.textnorm import match_key
from sipas.ingest.vocabulary import load_vocabulary

NO_ANSWER = 0
BAD = 255
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (1900 date system, with its leap bug)
_LEADING_NUMBER = re.compile(r"^([1-5])\s+\S")
_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"), ("day", "month", "year")),
    (re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})"), ("year", "month", "day")),
)


def is_blank(value: Any) -> bool:
    """Empty cell, whitespace only, or a missing value."""
    if type(value) is str:
        return not value.strip()
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def column_map(values: np.ndarray, parse: Callable[[Any], Any]) -> tuple[np.ndarray, np.ndarray]:
    """Apply `parse` to each distinct value; returns (parsed object array, codes of the
    distinct values per cell) so callers can also report per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    parsed = np.empty(len(uniques), dtype=object)
    parsed[:] = [parse(u) for u in uniques]
    return parsed[codes], codes


def answer_code(value: Any) -> int | None:
    """An answer 1–5, NO_ANSWER for blank / "Không ý kiến" / 0, None when unreadable."""
    if is_blank(value):
        return NO_ANSWER
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        if number == 0:
            return NO_ANSWER
        return int(number) if number.is_integer() and 1 <= number <= 5 else None
    return _answer_text(str(value))


def _answer_text(raw: str) -> int | None:
    words = load_vocabulary()
    key = match_key(raw)
    if key in words.no_answer:
        return NO_ANSWER
    if key in words.answers:
        return words.answers[key]
    number = parse_number(raw)
    if number is not None:
        return answer_code(number)
    leading = _LEADING_NUMBER.match(key)  # "5 - Rất hài lòng", "4. Hài lòng"
    return int(leading.group(1)) if leading else None


def parse_answers(values: np.ndarray) -> np.ndarray:
    """uint8 answers per cell: 1–5, NO_ANSWER (0), or BAD (255) where unreadable."""
    numeric = as_floats(values)
    if numeric is not None:
        return _numeric_answers(numeric)
    parsed, _ = column_map(values, answer_code)
    return np.array([BAD if p is None else p for p in parsed], dtype=np.uint8)


_TYPE_OF = np.frompyfunc(type, 1, 1)


def blank_cells(values: np.ndarray) -> np.ndarray:
    """Cells that are "" (calamine, CSV) or None; whitespace-only text is not included.

    Comparing a number with "" is a slow path in Python, so only text cells are compared.
    """
    if values.dtype.kind != "O":
        return np.zeros(len(values), dtype=bool)
    kinds = _TYPE_OF(values)
    empty: np.ndarray = kinds == type(None)  # noqa: E721 - elementwise, on an array
    text = kinds == str  # noqa: E721 - elementwise, on an array
    if text.any():
        empty[text] = values[text] == ""
    return empty


def as_floats(values: np.ndarray) -> np.ndarray | None:
    """The column as floats (NaN where empty) when every filled cell is a number, else None:
    the fast path for the usual file, where answers are numbers."""
    if values.dtype.kind == "f":
        return values
    blank = blank_cells(values)
    try:
        return np.where(blank, np.nan, values).astype(float)
    except (TypeError, ValueError):
        return None


def _numeric_answers(values: np.ndarray) -> np.ndarray:
    whole = np.isfinite(values) & (values == np.round(values))
    valid = whole & (values >= 1) & (values <= 5)
    blank = np.isnan(values) | (values == 0)
    return np.where(valid, values, np.where(blank, NO_ANSWER, BAD)).astype(np.uint8)


def parse_number(value: Any) -> float | None:
    """A number from a cell: 85.48, "85,48", "85,48%", "1.234", "+3,47"; None if none."""
    if isinstance(value, bool) or is_blank(value):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    raw = (
        value.strip().replace("\u2212", "-").replace("%", "").replace(" ", "").replace("\u00a0", "")
    )
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".") if raw.count(",") == 1 else raw.replace(",", "")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3}){2,}", raw):
        raw = raw.replace(".", "")  # 1.234.567: dots between thousands
    try:
        number = float(raw)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_count(value: Any) -> float | None:
    """A whole count (n, rank): "1.234" is one thousand two hundred and thirty-four."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}(\.\d{3})+\s*", value):
        return float(value.replace(".", ""))
    number = parse_number(value)
    return number if number is not None and number.is_integer() and number >= 0 else None


def parse_date(value: Any) -> dt.date | None:
    """A date from a date cell, an Excel serial number, or text dd/mm/yyyy (also yyyy-mm-dd,
    with "-" or "." and an optional time after it); None when unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _serial_date(float(value))
    if isinstance(value, str):
        return _text_date(value.strip())
    return None


def _serial_date(serial: float) -> dt.date | None:
    if not 1 <= serial < 2_958_466:  # 01/01/1900 – 31/12/9999
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _text_date(raw: str) -> dt.date | None:
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return dt.date(parts["year"], parts["month"], parts["day"])
            except ValueError:
                return None
    number = parse_number(raw)
    return _serial_date(number) if number is not None and number.is_integer() else None


def cell_text(value: Any) -> str:
    """A cell as the text a person reads: whole numbers without ".0", dates dd/mm/yyyy."""
    if type(value) is str:
        return value.strip()
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    return str(value).strip()
