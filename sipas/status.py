"""Status of a value against its target, one code for every chart and table.

meets: at or above the target; near: below by at most NEAR_POINTS percentage points;
below: further below. Missing value or target → no status.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.i18n import t

MEETS = "meets"
NEAR = "near"
BELOW = "below"
STATUSES = (MEETS, NEAR, BELOW)
NEAR_POINTS = 5.0

# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; every
# chart also writes the value or a symbol, so colour is never the only cue.
COLOURS = {MEETS: "#0072B2", NEAR: "#E69F00", BELOW: "#D55E00"}
SYMBOLS = {MEETS: "✔", NEAR: "▲", BELOW: "✖"}


def status_of(values: pd.Series, targets: pd.Series | float) -> pd.Series:
    """MEETS / NEAR / BELOW for each value (percent) against its target (percent); None when
    either is missing."""
    gap = np.asarray(values, dtype=float) - np.asarray(targets, dtype=float)
    result = np.select(
        [gap >= 0, gap >= -NEAR_POINTS, gap < -NEAR_POINTS], [MEETS, NEAR, BELOW], default=""
    )
    return pd.Series([code or None for code in result], index=values.index, dtype="object")


def status_label(status: str | None) -> str:
    """The Vietnamese label with its symbol: "✔ Đạt mục tiêu"."""
    if not status:
        return t("status.none")
    return f"{SYMBOLS[status]} {t(f'status.{status}')}"
