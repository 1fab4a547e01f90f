"""Numbers of a result table written as text the Vietnamese way, once, for every chart and table
that shows them (value, interval, n, status, target)."""

from __future__ import annotations

import pandas as pd

from sipas.core.formatting import format_int, format_interval, format_percent
from sipas.core.schema import (
    HIGH,
    INTERVAL_TEXT,
    LOW,
    N_TEXT,
    STATUS_TEXT,
    TARGET_STATUS,
    TARGET_TEXT,
    VALUE,
    VALUE_TEXT,
    N,
)
from sipas.targets import status


def with_display_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the formatted text columns the charts show (value, interval, n, status, target)."""
    shown = frame.copy()
    shown[VALUE_TEXT] = shown[VALUE].map(format_percent)
    shown[INTERVAL_TEXT] = [
        format_interval(lo, hi) for lo, hi in zip(shown[LOW], shown[HIGH], strict=True)
    ]
    shown[N_TEXT] = shown[N].map(format_int)
    shown[STATUS_TEXT] = (
        shown[TARGET_STATUS].map(status.status_label) if TARGET_STATUS in shown else ""
    )
    if "target" in shown:
        shown[TARGET_TEXT] = shown["target"].map(lambda v: format_percent(v, 0))
    return shown
