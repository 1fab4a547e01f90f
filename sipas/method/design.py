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

A pillar and an element get the same: q_i is the questionnaire's satisfied share over the
items of that pillar (weights 1/elements × 1/items of the element, as the pillar index weighs
them) or of that element (items equal) it answered; n counts the questionnaires that answered
one of its items at least. Imports keep n, Σq, Σq² per slice × measure (measure_moments).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sipas.core import schema as s
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


def measure_item_weights(method: Method, item_codes: Sequence[str]) -> dict[str, np.ndarray]:
    """Each item's weight within every pillar and element of the method, keyed by pillar or
    element code, in the order of `item_codes` (0 for an item outside it): within a pillar
    1/elements × 1/items of the element, within an element 1/items."""
    position = {code: i for i, code in enumerate(item_codes)}
    weights: dict[str, np.ndarray] = {}
    for pillar in method.pillars:
        in_pillar = np.zeros(len(item_codes))
        for element in pillar.elements:
            in_element = np.zeros(len(item_codes))
            for item in element.items:
                if item.code in position:
                    in_element[position[item.code]] = 1 / len(element.items)
            weights[element.code] = in_element
            in_pillar += in_element / len(pillar.elements)
        weights[pillar.code] = in_pillar
    return weights


def measure_scores(
    method: Method, item_codes: Sequence[str], weighting: str | None, answers: np.ndarray
) -> dict[str, np.ndarray]:
    """q_i (share 0–1, NaN where the questionnaire answered none of its items) per
    questionnaire for SIPAS (key s.SIPAS), every pillar and every element. Raises MethodError
    for a bad weighting."""
    scores = {s.SIPAS: questionnaire_scores(answers, item_weights(method, item_codes, weighting))}
    for code, weights in measure_item_weights(method, item_codes).items():
        scores[code] = questionnaire_scores(answers, weights)
    return scores


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
