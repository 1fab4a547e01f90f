"""The SIPAS index engine: answer counts in, item / element / pillar / SIPAS indices out.

Every function takes answer counts (one row per slice × item, columns n1 … n5 for the
number of answers 1 … 5), never respondent rows, so its cost does not depend on how many
questionnaires were stored.
All indices are percentages 0–100; n is the number of valid answers (items) or of
questionnaires (elements, pillars, SIPAS).

Method (QĐ 2640 / QĐ 1001):
- item index = 100 × answers 4–5 / valid answers 1–5 (blank, 0, "Không ý kiến" are not answers);
- element index = unweighted mean of the indices of its items that have answers;
- pillar index = unweighted mean of its elements that have a value;
- SIPAS = weighted mean of the pillars that have a value (weights renormalised over them).

SIPAS's 95% interval comes from the design (sipas.method.design: Σq, Σq² of the
questionnaires' satisfied scores) where the counts keep them, else Wilson on n (conservative).
Elements get Wilson here; sipas.method.results replaces it, and the pillars' Wilson, by the
design's interval from the moments the wave keeps (sipas.method.moments).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.design import design_interval
from sipas.method.stats import wilson_interval
from sipas.reference.questionnaires import Method


def item_indices(counts: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group × item: n1 … n5, n, satisfied, index %, its 95% Wilson interval, mean score.

    `counts` has the columns of `by` plus ITEM and n1 … n5 (answers 1–5).
    """
    keys = [*by, s.ITEM]
    summed = counts.groupby(keys, sort=True, observed=True)[list(s.COUNT_COLUMNS)].sum()
    answers = summed.to_numpy(dtype=float)
    result = summed.reset_index()
    result[s.N] = answers.sum(axis=1).astype("int64")
    result[s.SATISFIED] = answers[:, 3:].sum(axis=1).astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = result[s.SATISFIED] / result[s.N]
        result[s.MEAN_SCORE] = (answers @ np.array(s.ANSWER_VALUES, dtype=float)) / result[s.N]
    low, high = wilson_interval(share, result[s.N])
    result[s.INDEX] = 100 * share
    result[s.LOW] = 100 * low
    result[s.HIGH] = 100 * high
    return result[result[s.N] > 0].reset_index(drop=True)


def element_indices(counts: pd.DataFrame, method: Method, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group × element: index % (mean of its items), n (most answers on any of its items),
    the Wilson interval on that n, mean score, and the pillar the element belongs to."""
    cube = _Cube.of(counts, method, list(by))
    present = cube.element_items > 0
    groups, elements = np.nonzero(present)
    codes = [e.code for e in method.elements]
    pillar_of = [p.code for p in method.pillars for _ in p.elements]
    columns: dict[str, object] = {k: cube.keys[k].to_numpy()[groups] for k in by}
    columns.update(
        {
            s.PILLAR: np.asarray(pillar_of, dtype=object)[elements],
            s.ELEMENT: np.asarray(codes, dtype=object)[elements],
            s.INDEX: cube.element_index[groups, elements],
            s.N: cube.element_n[groups, elements].astype("int64"),
            s.MEAN_SCORE: cube.element_mean_score[groups, elements],
        }
    )
    result = pd.DataFrame(columns)
    low, high = wilson_interval(result[s.INDEX] / 100, result[s.N])
    result[s.LOW], result[s.HIGH] = 100 * low, 100 * high
    return result


def compute_indices(
    counts: pd.DataFrame,
    method: Method,
    by: Sequence[str] = (),
    respondents: pd.DataFrame | None = None,
    weighting: str | None = None,
) -> pd.DataFrame:
    """One row per group: SIPAS %, its interval, n, mean score, one column per element and,
    when the method has several pillars, one per pillar.

    `respondents` (columns of `by` plus RESPONDENTS) gives n as the number of questionnaires;
    without it n is the largest number of answers on any item of the group.
    `weighting` overrides the method's pillar weighting ("equal" or "item_count").
    Raises MethodError for an unknown weighting.
    """
    weights = np.array(list(method.pillar_weights(weighting).values()))
    keys = list(by)
    cube = _Cube.of(counts, method, keys)
    rows: np.ndarray = np.asarray((cube.element_items > 0).any(axis=1))
    if not rows.any():
        return pd.DataFrame(columns=_result_columns(method, keys))
    pillars = cube.pillar_index[rows]
    valid = ~np.isnan(pillars)
    with np.errstate(invalid="ignore", divide="ignore"):
        sipas = np.where(valid, pillars, 0) @ weights / (valid @ weights)
    columns: dict[str, object] = {k: cube.keys[k].to_numpy()[rows] for k in keys}
    n = _questionnaires(cube, rows, respondents, keys)
    low, high = wilson_interval(sipas / 100, n)
    low, high = 100 * low, 100 * high
    moments = _score_sums(cube, rows, respondents, keys)
    if moments is not None:  # the design's interval where every slice kept its Σq, Σq²
        design_low, design_high = design_interval(sipas, n, *moments)
        known = np.isfinite(design_low)
        low, high = np.where(known, design_low, low), np.where(known, design_high, high)
    columns.update(
        {
            s.SIPAS: sipas,
            s.SIPAS_LOW: low,
            s.SIPAS_HIGH: high,
            s.N: n,
            s.MEAN_SCORE: cube.mean_score[rows],
        }
    )
    columns.update({p.code: pillars[:, i] for i, p in enumerate(method.pillars)})
    columns.update({e.code: cube.element_index[rows, i] for i, e in enumerate(method.elements)})
    result = pd.DataFrame(columns)
    return result[_result_columns(method, keys)]


class _Cube:
    """Answer counts of a grouping as arrays: groups × the method's items × answers 1–5,
    with the item, element and pillar results derived from them. Group keys are sorted."""

    def __init__(self, keys: pd.DataFrame, answers: np.ndarray, method: Method, scores: np.ndarray):
        self.keys = keys
        n = answers.sum(axis=2)
        satisfied = answers[:, :, 3:].sum(axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            items = np.where(n > 0, 100 * satisfied / n, np.nan)
            item_scores = np.where(n > 0, answers @ _VALUES / n, np.nan)
        starts = _starts([len(e.items) for e in method.elements])
        answered = n > 0
        self.element_items = np.add.reduceat(answered, starts, axis=1)
        self.element_index = _mean_over(items, answered, starts, self.element_items)
        self.element_mean_score = _mean_over(item_scores, answered, starts, self.element_items)
        self.element_n = np.maximum.reduceat(n, starts, axis=1)
        has_element = self.element_items > 0
        pillar_starts = _starts([len(p.elements) for p in method.pillars])
        pillar_elements = np.add.reduceat(has_element, pillar_starts, axis=1)
        self.pillar_index = _mean_over(
            self.element_index, has_element, pillar_starts, pillar_elements
        )
        self.mean_score = scores

    @classmethod
    def of(cls, counts: pd.DataFrame, method: Method, keys: list[str]) -> _Cube:
        """Sum `counts` (rows of the `keys` columns, ITEM, n1 … n5) into the cube."""
        groups, key_frame = _group_codes(counts, keys)
        position = {code: i for i, code in enumerate(method.item_codes)}
        items = counts[s.ITEM].map(position).to_numpy(dtype=float)
        values = counts[list(s.COUNT_COLUMNS)].to_numpy(dtype=float)
        known = ~np.isnan(items) & (groups >= 0)
        size = len(key_frame) * len(position)
        cells = groups[known] * len(position) + items[known].astype(np.int64)
        answers = np.stack(
            [np.bincount(cells, weights=values[known, k], minlength=size) for k in range(5)],
            axis=1,
        ).reshape(len(key_frame), len(position), 5)
        # The mean score counts every answer of the group, also on items the method lacks.
        counted = groups >= 0
        points = np.bincount(groups[counted], values[counted] @ _VALUES, len(key_frame))
        total = np.bincount(groups[counted], values[counted].sum(axis=1), len(key_frame))
        with np.errstate(invalid="ignore", divide="ignore"):
            scores = np.where(total > 0, points / total, np.nan)
        return cls(key_frame, answers, method, scores)


_VALUES = np.array(s.ANSWER_VALUES, dtype=float)


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """A group number per row (−1 for a missing key) and the sorted group keys."""
    if not keys:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=[0])
    grouped = frame.groupby(keys, sort=True, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    found = grouped.size().index
    key_frame = found.to_frame(index=False) if len(keys) > 1 else pd.DataFrame({keys[0]: found})
    return codes, key_frame


def _starts(sizes: list[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)


def _mean_over(
    values: np.ndarray, present: np.ndarray, starts: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """Mean of the present values of each consecutive block of columns; NaN for none."""
    sums = np.add.reduceat(np.where(present, values, 0.0), starts, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, sums / count, np.nan)


def _questionnaires(
    cube: _Cube, rows: np.ndarray, respondents: pd.DataFrame | None, keys: list[str]
) -> np.ndarray:
    """n per group: questionnaires when given, else the most answers on any element."""
    if respondents is None:
        return np.asarray(cube.element_n[rows].max(axis=1), dtype="int64")
    if not keys:
        return np.array([respondents[s.RESPONDENTS].sum()], dtype="int64")
    totals = respondents.groupby(keys, observed=True)[s.RESPONDENTS].sum()
    chosen = cube.keys[rows]
    index = pd.MultiIndex.from_frame(chosen) if len(keys) > 1 else pd.Index(chosen[keys[0]])
    position = totals.index.get_indexer(index)
    found = totals.to_numpy(dtype="int64")
    return np.where(position >= 0, found[np.maximum(position, 0)], 0).astype("int64")


def _score_sums(
    cube: _Cube, rows: np.ndarray, respondents: pd.DataFrame | None, keys: list[str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Σq and Σq² per group (NaN where a slice lacks them), or None without them at all."""
    if respondents is None or s.SCORE_SUM not in respondents:
        return None
    columns = [s.SCORE_SUM, s.SCORE_SUMSQ]
    if not keys:
        sums = respondents[columns].sum(min_count=len(respondents))
        return np.array([sums[s.SCORE_SUM]]), np.array([sums[s.SCORE_SUMSQ]])
    totals = respondents.groupby(keys, observed=True)[columns].sum()
    lacking = respondents[columns].isna().any(axis=1)
    lacking_by_group = lacking.groupby([respondents[k] for k in keys], observed=True).any()
    totals = totals.where(~lacking_by_group.reindex(totals.index, fill_value=False), np.nan)
    chosen = cube.keys[rows]
    index = pd.MultiIndex.from_frame(chosen) if len(keys) > 1 else pd.Index(chosen[keys[0]])
    found = totals.reindex(index)
    return found[s.SCORE_SUM].to_numpy(dtype=float), found[s.SCORE_SUMSQ].to_numpy(dtype=float)


def _result_columns(method: Method, keys: list[str]) -> list[str]:
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


def missing_pillar(indices: pd.DataFrame, method: Method) -> pd.Series:
    """True where a row of compute_indices has SIPAS but no value for one of the method's
    pillars (a unit whose policy questions nobody answered): its SIPAS is one pillar alone,
    so rankings of SIPAS leave it out and say so."""
    pillars = [p.code for p in method.pillars]
    if len(pillars) < 2 or indices.empty:
        return pd.Series(False, index=indices.index, dtype=bool)
    present = indices[s.SIPAS].notna()
    lacking = indices.reindex(columns=pillars).isna().any(axis=1)
    return (present & lacking).astype(bool)
