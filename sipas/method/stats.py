"""Sampling error: Wilson score intervals for shares of satisfied answers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.core.config import sample_limits

Z95 = 1.959963984540054
# Fewer valid answers than SMALL_SAMPLE_N (SIPAS_SMALL_N, default 30): flagged as unreliable,
# never hidden; fewer than MIN_STATUS_N (SIPAS_MIN_STATUS_N, default 10): no pass/fail status.
SMALL_SAMPLE_N, MIN_STATUS_N = sample_limits()


def wilson_interval(
    share: pd.Series | np.ndarray | float, n: pd.Series | np.ndarray | float, z: float = Z95
) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval (default 95%) for a share 0–1 observed on n answers.

    Returns (low, high) as shares 0–1; NaN where n is 0 or missing.
    """
    p = np.asarray(share, dtype=float)
    size = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z2n = z * z / size
        centre = (p + z2n / 2) / (1 + z2n)
        half = z * np.sqrt(p * (1 - p) / size + z2n / (4 * size)) / (1 + z2n)
        low = np.where(size > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(size > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high
