"""Numbers and dates written the Vietnamese way: 85,48% · 36.525 · +3,47 điểm % · 27/02/2024."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from sipas.core.i18n import t

# A value within this many units of the last shown digit from an exact half is a half: float
# arithmetic gives 60,62499999999999 for a mean that is 60,625 on paper.
_HALF_TOLERANCE = 1e-6


def round_half(value: float, decimals: int = 2) -> float:
    """`value` rounded to `decimals` decimals with exact halves away from zero, as published
    tables and Excel do (60,625 → 60,63; −0,125 → −0,13), not to even as Python's round.
    NaN and infinities come back unchanged."""
    if not math.isfinite(value):
        return value
    scale = 10.0**decimals
    rounded = math.floor(abs(value) * scale + 0.5 + _HALF_TOLERANCE) / scale
    return math.copysign(rounded, value) if rounded else 0.0


def round_half_array(values: pd.Series, decimals: int = 2) -> pd.Series:
    """`round_half` on every value of a Series (index and name kept, float dtype); missing
    values stay missing."""
    scale = 10.0**decimals
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    rounded = np.sign(numbers) * np.floor(np.abs(numbers) * scale + 0.5 + _HALF_TOLERANCE) / scale
    return pd.Series(rounded + 0.0, index=values.index, name=values.name)  # + 0.0: no −0,0


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, digits: int = 2) -> str:
    """A number with a decimal comma and dots between thousands; "–" when missing."""
    if _is_missing(value):
        return "–"
    assert value is not None
    text = f"{round_half(float(value), digits):,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def format_int(value: float | None) -> str:
    """A whole number with dots between thousands: 36525 → "36.525"."""
    return format_number(value, 0)


def format_millions(value: float | None) -> str:
    """A count in millions to 3 significant digits: 1.750.000 → "1,75", 12.345.678 → "12,3"."""
    if _is_missing(value):
        return "–"
    assert value is not None
    millions = value / 1_000_000
    digits = 2 if abs(millions) < 10 else 1 if abs(millions) < 100 else 0
    return format_number(millions, digits)


def format_percent(value: float | None, digits: int = 2) -> str:
    """A percentage 0–100 as "85,48%"; "–" when missing."""
    return "–" if _is_missing(value) else f"{format_number(value, digits)}%"


def format_points(value: float | None, digits: int = 2, signed: bool = True) -> str:
    """A difference in percentage points: "+3,47 điểm %", "−1,20 điểm %"."""
    if _is_missing(value):
        return "–"
    assert value is not None
    sign = ("+" if value > 0 else "−" if value < 0 else "±") if signed else ""
    return f"{sign}{format_number(abs(value), digits)} {t('terms.points')}"


def format_interval(low: float | None, high: float | None, digits: int = 1) -> str:
    """A confidence interval as "83,1–87,4%"."""
    if _is_missing(low) or _is_missing(high):
        return "–"
    return f"{format_number(low, digits)}–{format_number(high, digits)}%"


def format_rank(rank: int | None, of: int) -> str:
    """A rank in the way reports write it: "4/7"."""
    return "–" if rank is None else f"{rank}/{of}"


def format_date(day: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy; "–" when missing."""
    return "–" if day is None else day.strftime("%d/%m/%Y")


def format_datetime(moment: dt.datetime | None, *, seconds: bool = False) -> str:
    """hh:mm dd/mm/yyyy (hh:mm:ss dd/mm/yyyy with `seconds`); "–" when missing."""
    if moment is None:
        return "–"
    return moment.strftime("%H:%M:%S %d/%m/%Y" if seconds else "%H:%M %d/%m/%Y")


def format_time(moment: dt.datetime) -> str:
    """hh:mm."""
    return moment.strftime("%H:%M")


def format_file_date(day: dt.date) -> str:
    """dd-mm-yyyy: a date in a file name, where "/" cannot stand."""
    return day.strftime("%d-%m-%Y")
