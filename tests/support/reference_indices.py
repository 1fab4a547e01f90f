"""The first (pandas groupby/pivot) implementation of the index engine, kept as an independent
computation that tests compare the vectorised engine of sipas.indices with.

Original docstring: the SIPAS index engine: answer counts in, item / element / pillar / SIPAS
indices out.

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
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.stats import wilson_interval
from sipas.reference.questionnaires import Method

# Grouping key standing in for "no grouping", so one code path serves the overall result.
_ALL = "_all"


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
    items = _with_structure(item_indices(counts, by), method)
    keys = [*by, s.PILLAR, s.ELEMENT]
    grouped = items.groupby(keys, sort=False, observed=True)
    result = grouped.agg(
        **{s.INDEX: (s.INDEX, "mean"), s.N: (s.N, "max"), s.MEAN_SCORE: (s.MEAN_SCORE, "mean")}
    ).reset_index()
    low, high = wilson_interval(result[s.INDEX] / 100, result[s.N])
    result[s.LOW], result[s.HIGH] = 100 * low, 100 * high
    return _in_method_order(result, method, by)


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
    weights = pd.Series(method.pillar_weights(weighting))
    keys = list(by) or [_ALL]
    if not by:
        counts = counts.assign(**{_ALL: 0})
        respondents = None if respondents is None else respondents.assign(**{_ALL: 0})
    elements = element_indices(counts, method, keys)
    if elements.empty:
        return pd.DataFrame(columns=_result_columns(method, list(by)))
    pillars = elements.pivot_table(index=keys, columns=s.PILLAR, values=s.INDEX, observed=True)
    weights = weights.reindex(pillars.columns)
    sipas = (pillars.fillna(0) * weights).sum(axis=1) / (pillars.notna() * weights).sum(axis=1)
    per_element = elements.pivot_table(index=keys, columns=s.ELEMENT, values=s.INDEX, observed=True)
    result = pd.concat(
        [
            sipas.rename(s.SIPAS),
            pillars.reindex(columns=[p.code for p in method.pillars]),
            per_element.reindex(columns=[e.code for e in method.elements]),
            _mean_scores(counts, keys),
        ],
        axis=1,
    )
    n = _questionnaires(elements, respondents, keys).reindex(result.index).fillna(0)
    result[s.N] = n.astype("int64")
    low, high = wilson_interval(result[s.SIPAS] / 100, result[s.N])
    result[s.SIPAS_LOW], result[s.SIPAS_HIGH] = 100 * low, 100 * high
    result = result.reset_index()
    return result[_result_columns(method, list(by))].reset_index(drop=True)


def _with_structure(items: pd.DataFrame, method: Method) -> pd.DataFrame:
    """Item rows joined to their element and pillar; items unknown to the method are dropped."""
    structure = pd.DataFrame(
        [(i.code, e.code, p.code) for p, e, i in method.walk()],
        columns=[s.ITEM, s.ELEMENT, s.PILLAR],
    )
    return items.merge(structure, on=s.ITEM, how="inner")


def _in_method_order(frame: pd.DataFrame, method: Method, by: Sequence[str]) -> pd.DataFrame:
    order = {e.code: position for position, e in enumerate(method.elements)}
    ranked = frame.assign(_order=frame[s.ELEMENT].map(order))
    return ranked.sort_values([*by, "_order"]).drop(columns="_order").reset_index(drop=True)


def _mean_scores(counts: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Mean answer 1–5 over every valid answer of the group (a separate measure, not SIPAS)."""
    sums = counts.groupby(keys, observed=True)[list(s.COUNT_COLUMNS)].sum()
    answers = sums.to_numpy(dtype=float)
    points = answers @ np.array(s.ANSWER_VALUES, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(points / answers.sum(axis=1), index=sums.index, name=s.MEAN_SCORE)


def _questionnaires(
    elements: pd.DataFrame, respondents: pd.DataFrame | None, keys: list[str]
) -> pd.Series:
    if respondents is None:
        return elements.groupby(keys, observed=True)[s.N].max()
    return respondents.groupby(keys, observed=True)[s.RESPONDENTS].sum()


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
