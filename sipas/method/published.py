"""Indices of aggregate waves: published values served in the shape of computed ones.

A published table gives a unit's index (and maybe per field, per element), perhaps n and a
rank, never answers. Where several published rows fall into one group they are combined as
an n-weighted mean when every row has n; otherwise the group has no value (a mean of
percentages without sizes would be a number nobody published). Intervals need n: without it
they are NaN, and so is the mean score, which a table never gives.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.schema import INDEX, PUBLISHED_COLUMNS
from sipas.method.stats import wilson_interval
from sipas.reference.questionnaires import Method

_ALL = "_all"


def empty_published() -> pd.DataFrame:
    return pd.DataFrame(columns=list(PUBLISHED_COLUMNS))


def published_indices(
    published: pd.DataFrame,
    method: Method,
    by: Sequence[str],
    fields_selected: bool,
    weighting: str | None = None,
) -> pd.DataFrame:
    """One row per group, with the columns of sipas.indices.compute_indices (percent 0–100;
    N is NaN where the table gives no n).

    A group with a province's own row takes that row (its published total), never a mean of
    it with its units. A group whose table gives pillars but no overall value gets SIPAS as
    the mean of its pillars with the wave's `weighting` (sipas.reference.questionnaires)."""
    keys = list(by) or [_ALL]
    rows = _at_level(published, s.FIELD in by or fields_selected).assign(**{_ALL: 0})
    rows = _totals_alone(rows, keys)
    overall = _combine(rows[rows[s.ELEMENT].isna()], keys)
    parts = _combine(rows[rows[s.ELEMENT].notna()], [*keys, s.ELEMENT])
    wide = parts.pivot_table(index=keys, columns=s.ELEMENT, values=INDEX, observed=True)
    result = overall.set_index(keys).rename(columns={INDEX: s.SIPAS})
    pillar_parts = parts[parts[s.ELEMENT].isin([p.code for p in method.pillars])]
    if len(method.pillars) > 1 and not pillar_parts.empty:
        result = _with_pillar_groups(result, pillar_parts, keys)
    result = result.join(wide, how="left")
    if len(method.pillars) > 1:
        result[s.SIPAS] = result[s.SIPAS].fillna(_from_pillars(result, method, weighting))
    low, high = wilson_interval(result[s.SIPAS] / 100, result[s.N].astype(float))
    result[s.SIPAS_LOW], result[s.SIPAS_HIGH] = 100 * low, 100 * high
    result[s.MEAN_SCORE] = np.nan
    for column in [*(p.code for p in method.pillars), *(e.code for e in method.elements)]:
        if column not in result:
            result[column] = np.nan
    result = result.reset_index()
    return result[_columns(method, list(by))].reset_index(drop=True)


def published_element_indices(
    published: pd.DataFrame, method: Method, by: Sequence[str], fields_selected: bool
) -> pd.DataFrame:
    """Per group × element: ELEMENT, PILLAR, INDEX, LOW, HIGH, N (NaN without n), MEAN_SCORE."""
    keys = list(by)
    rows = _totals_alone(_at_level(published, s.FIELD in by or fields_selected), keys)
    elements = rows[s.ELEMENT].isin([e.code for e in method.elements])
    combined = _combine(rows[elements].assign(**{_ALL: 0}), [*keys, s.ELEMENT])
    pillars = {e.code: p.code for p, e, _ in method.walk()}
    combined[s.PILLAR] = combined[s.ELEMENT].map(pillars)
    low, high = wilson_interval(combined[INDEX] / 100, combined[s.N].astype(float))
    combined[s.LOW], combined[s.HIGH] = 100 * low, 100 * high
    combined[s.MEAN_SCORE] = np.nan
    order = {e.code: i for i, e in enumerate(method.elements)}
    combined = combined.assign(_order=combined[s.ELEMENT].map(order))
    combined = combined.sort_values([*keys, "_order"]).drop(columns="_order")
    columns = [*keys, s.PILLAR, s.ELEMENT, INDEX, s.N, s.MEAN_SCORE, s.LOW, s.HIGH]
    return combined[columns].reset_index(drop=True)


def _totals_alone(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows pooled over units (no UNIT in `keys`) where a province's own row is among them:
    that row alone, for it is the province's published value, not one more unit."""
    if s.UNIT in keys or s.PUBLISHED_TOTAL not in rows or not rows[s.PUBLISHED_TOTAL].any():
        return rows
    group = [k for k in keys if k in rows] + [s.ELEMENT]
    totals = rows[s.PUBLISHED_TOTAL].astype(bool)
    has_total = totals.groupby([rows[k] for k in group], dropna=False).transform("any")
    return rows[~has_total.to_numpy() | totals.to_numpy()]


def _with_pillar_groups(
    result: pd.DataFrame, pillar_parts: pd.DataFrame, keys: list[str]
) -> pd.DataFrame:
    """`result` with a row for every group that has pillar values but no overall value, its n
    the largest n of its pillar rows."""
    pillar_n = pillar_parts.groupby(keys, observed=True)[s.N].max()
    result = result.reindex(result.index.union(pillar_n.index))
    result[s.N] = result[s.N].astype(float).fillna(pillar_n.astype(float))
    return result


def _from_pillars(result: pd.DataFrame, method: Method, weighting: str | None) -> pd.Series:
    """SIPAS from the pillar columns: weighted mean of the pillars present (renormalised)."""
    weights = method.pillar_weights(weighting)
    values = pd.DataFrame({code: result.get(code, np.nan) for code in weights}, index=result.index)
    present = values.notna()
    weighted = (values.fillna(0) * pd.Series(weights)).sum(axis=1)
    total = (present * pd.Series(weights)).sum(axis=1)
    return (weighted / total.where(total > 0)).astype(float)


def _at_level(published: pd.DataFrame, by_field: bool) -> pd.DataFrame:
    """Rows per field when fields matter, else the rows for all fields together."""
    return published[published[s.FIELD].notna() if by_field else published[s.FIELD].isna()]


def _combine(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """INDEX and N per group: the row itself, or an n-weighted mean when all rows have n."""
    if rows.empty:
        return pd.DataFrame(columns=[*keys, INDEX, s.N])
    frame = rows.assign(
        _n=rows[s.N].astype(float),
        _weighted=rows[INDEX].astype(float) * rows[s.N].astype(float),
    )
    grouped = frame.groupby(keys, observed=True, dropna=False)
    result = grouped.agg(
        rows=(INDEX, "size"),
        single=(INDEX, "first"),
        weighted=("_weighted", "sum"),
        n=("_n", "sum"),
        n_missing=("_n", lambda n: n.isna().any()),
    ).reset_index()
    one = result["rows"] == 1
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(result["n_missing"], np.nan, result["weighted"] / result["n"])
    result[INDEX] = np.where(one, result["single"], mean)
    result[s.N] = np.where(result["n_missing"], np.nan, result["n"])
    return result[[*keys, INDEX, s.N]]


def _columns(method: Method, keys: list[str]) -> list[str]:
    pillars = [p.code for p in method.pillars] if len(method.pillars) > 1 else []
    return [
        *keys,
        s.SIPAS,
        s.SIPAS_LOW,
        s.SIPAS_HIGH,
        s.N,
        s.MEAN_SCORE,
        *pillars,
        *(e.code for e in method.elements),
    ]
