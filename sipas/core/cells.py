"""Tables as CSV files that Excel opens with Vietnamese intact."""

from __future__ import annotations

import pandas as pd

# Cell starts a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe; numbers and
    other text unchanged (a negative number stays a number)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return f"'{value}"
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a byte order mark (Excel needs it for diacritics), without
    the index; text that would become a formula is made inert."""
    return frame.map(inert).to_csv(index=False).encode("utf-8-sig")
