"""Design-based intervals of pillars and elements from the moments imports keep: n, Σq and Σq²
per slice × measure (sipas.method.design.measure_scores, counting.count_moments).

A slice's moments are complete when its SIPAS moments count every questionnaire of the slice;
an import made before migration 0017 wrote none, so a group holding any of its slices keeps
the Wilson interval on n (conservative), as SIPAS does for imports made before 0015.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sipas.core import schema as s
from sipas.method.design import design_interval

SLICE = [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE]
SUMS = [s.RESPONDENTS, s.SCORE_SUM, s.SCORE_SUMSQ]
COLUMNS = [*SLICE, s.MEASURE_CODE, *SUMS]


def empty_moments() -> pd.DataFrame:
    """A moments frame without rows: what published tables and old counts have."""
    dtypes = {c: "int64" if c == s.RESPONDENTS else object for c in COLUMNS}
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


def summed_moments(
    moments: pd.DataFrame, respondents: pd.DataFrame, keys: Sequence[str]
) -> pd.DataFrame:
    """n, Σq, Σq² per group of `keys` × measure code (index: keys, MEASURE_CODE), for the
    groups whose every slice has complete moments."""
    keys = list(keys)
    sipas = moments[moments[s.MEASURE_CODE] == s.SIPAS].groupby(SLICE)[s.RESPONDENTS].sum()
    given = respondents.groupby(SLICE)[s.RESPONDENTS].sum()
    kept = (sipas.reindex(given.index).fillna(-1) == given).rename("kept").reset_index()
    summed = moments.groupby([*keys, s.MEASURE_CODE])[SUMS].sum()
    if not keys:
        return summed if bool(kept["kept"].all()) else summed.iloc[:0]
    complete = kept.groupby(keys)["kept"].all()
    frame = summed.index.to_frame(index=False)[keys]
    groups = pd.MultiIndex.from_frame(frame) if len(keys) > 1 else pd.Index(frame[keys[0]])
    return summed[complete.reindex(groups, fill_value=False).to_numpy(dtype=bool)]


def design_bounds(
    summed: pd.DataFrame,
    groups: pd.DataFrame,
    keys: Sequence[str],
    codes: ArrayLike,
    centre: ArrayLike,
) -> tuple[np.ndarray, np.ndarray]:
    """95% interval (percent 0–100) around `centre` for each row of `groups` (its `keys`
    columns) and measure `codes` (one per row), from summed_moments; NaN where the group has
    no complete moments for that measure."""
    rows = groups[list(keys)].copy()
    rows[s.MEASURE_CODE] = np.asarray(codes, dtype=object)
    index = pd.MultiIndex.from_frame(rows) if len(rows.columns) > 1 else pd.Index(rows.iloc[:, 0])
    if summed.empty:
        nan = np.full(len(rows), np.nan)
        return nan, nan.copy()
    found = summed.reindex(index)
    return design_interval(
        np.asarray(centre, dtype=float),
        found[s.RESPONDENTS].to_numpy(dtype=float),
        found[s.SCORE_SUM].to_numpy(dtype=float),
        found[s.SCORE_SUMSQ].to_numpy(dtype=float),
    )


def prefer_design(
    wilson: tuple[ArrayLike, ArrayLike], design: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The design's interval where it is known, else the Wilson interval (percent)."""
    known = np.isfinite(design[0])
    return (
        np.where(known, design[0], np.asarray(wilson[0], dtype=float)),
        np.where(known, design[1], np.asarray(wilson[1], dtype=float)),
    )
