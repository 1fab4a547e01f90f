"""Sampling error from the survey design: SIPAS is a mean of item rates answered by the same
people, not one proportion on n questionnaires.

Each questionnaire i gets its satisfied score q_i = Σ_j w_j y_ij / Σ_j w_j a_ij over the items
it answered (y: answer 4–5, a: a valid answer, w: the item's weight in SIPAS: pillar weight ×
1/elements of the pillar × 1/items of the element). With complete answers SIPAS is exactly
the mean of q_i, so its standard error is the one of a mean: s_q / √n (the linearisation of
the mean of item rates, where each questionnaire is one cluster of correlated answers). With
item non-response it is an approximation; bench/intervals.py compares it with a bootstrap over
questionnaires (docs/METHOD.md). Imports keep n, Σq and Σq² per slice (respondent_counts), so
views add slices up and never read questionnaires.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sipas.method.stats import Z95
from sipas.reference.questionnaires import Method


def item_weights(method: Method, item_codes: Sequence[str], weighting: str | None) -> np.ndarray:
    """Each item's weight in SIPAS (summing to 1 over the method's items), in the order of
    `item_codes`; 0 for an item the method does not have. Raises MethodError for a bad
    weighting."""
    pillars = method.pillar_weights(weighting)
    weight: dict[str, float] = {}
    for pillar in method.pillars:
        for element in pillar.elements:
            for item in element.items:
                share = pillars[pillar.code] / len(pillar.elements) / len(element.items)
                weight[item.code] = share
    return np.array([weight.get(code, 0.0) for code in item_codes], dtype=float)


def questionnaire_scores(answers: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """q_i (share 0–1) per questionnaire of an answer matrix (rows × items, 0 = no answer);
    NaN for a questionnaire without any weighted answer."""
    answered = (answers > 0) @ weights
    satisfied = (answers >= 4) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(answered > 0, satisfied / answered, np.nan)


def design_interval(
    centre: np.ndarray, n: np.ndarray, score_sum: np.ndarray, score_sumsq: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """95% interval (percent 0–100) around `centre` (percent) from n, Σq and Σq² (shares):
    centre ± 1,96 × 100 × s_q/√n, clipped to 0–100; NaN where n < 2 or the sums are missing."""
    size = np.asarray(n, dtype=float)
    total, squares = np.asarray(score_sum, dtype=float), np.asarray(score_sumsq, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = np.maximum(squares - total * total / size, 0.0) / (size - 1)
        half = Z95 * 100 * np.sqrt(variance / size)
    half = np.where(size >= 2, half, np.nan)
    centre = np.asarray(centre, dtype=float)
    return np.clip(centre - half, 0.0, 100.0), np.clip(centre + half, 0.0, 100.0)
