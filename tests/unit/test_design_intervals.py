"""Intervals from the survey design: per-slice Σq and Σq² of the questionnaires' satisfied
scores give SIPAS's standard error (s_q/√n) without reading questionnaires; ties need a
difference test with both errors; rank ranges come from the rank-probability draws."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.gaps.ranks import rank_draws, standard_errors
from sipas.gaps.texts import rank_range_text
from sipas.method.counting import count_answers, count_moments
from sipas.method.design import (
    design_interval,
    item_weights,
    measure_scores,
    questionnaire_scores,
)
from sipas.method.indices import compute_indices
from sipas.method.measure_values import measure_values, values_of
from sipas.method.ranking import rank_units
from sipas.method.results import WaveCounts
from sipas.method.stats import Z95, wilson_interval
from sipas.reference.questionnaires import Method, get_method
from tests.support import builders


def test_item_weights_follow_the_method_structure() -> None:
    method = get_method("qd2640")
    weights = item_weights(method, method.item_codes, None)
    assert weights.sum() == pytest.approx(1.0)
    first = method.elements[0]
    assert weights[0] == pytest.approx(1 / 5 / len(first.items))  # 5 elements, equal
    assert item_weights(method, ["XX", method.item_codes[0]], None).tolist()[0] == 0.0


def test_the_design_interval_is_the_standard_error_of_the_mean_score() -> None:
    # Four questionnaires answering every item: all satisfied, all not, two half-and-half by
    # element (elements 1–2 satisfied, …). Their scores q = 1, 0, and the element shares.
    method = get_method("qd2640")
    items = len(method.item_codes)
    answers = np.zeros((4, items), dtype=np.uint8)
    answers[0], answers[1] = 5, 1
    answers[2] = [5 if method.element_of(c).number <= 2 else 1 for c in method.item_codes]
    answers[3] = [5 if method.element_of(c).number <= 4 else 1 for c in method.item_codes]
    q = questionnaire_scores(answers, item_weights(method, method.item_codes, None))
    assert q.tolist() == pytest.approx([1.0, 0.0, 0.4, 0.8])
    frame = pd.DataFrame({s.UNIT: ["u"] * 4, s.FIELD: ["f"] * 4})
    counts, respondents = count_answers(frame, answers, method.item_codes, (), q)
    assert respondents[s.SCORE_SUM].iloc[0] == pytest.approx(2.2)
    assert respondents[s.SCORE_SUMSQ].iloc[0] == pytest.approx(1 + 0.16 + 0.64)
    row = compute_indices(counts, method, [s.UNIT], respondents=respondents).iloc[0]
    assert row[s.SIPAS] == pytest.approx(55.0)  # complete answers: SIPAS = mean of q
    half = Z95 * 100 * float(np.std(q, ddof=1)) / 2  # s_q / √4
    assert (row[s.SIPAS_LOW], row[s.SIPAS_HIGH]) == (
        pytest.approx(55 - half),
        pytest.approx(55 + half),
    )
    # without the sums (an import made before them) the Wilson interval on n stays
    plain = compute_indices(
        counts, method, [s.UNIT], respondents=respondents[[s.UNIT, s.FIELD, s.RESPONDENTS]]
    ).iloc[0]
    low, _ = wilson_interval(0.55, 4)
    assert plain[s.SIPAS_LOW] == pytest.approx(100 * float(low))


def test_sums_add_up_over_slices_like_the_counts() -> None:
    # 100 questionnaires, half satisfied on everything (q = 1), half on nothing (q = 0), kept
    # as two slices of 50: the sums add up, s_q² = (50 − 50²/100) / 99.
    slices = pd.DataFrame({"n": [50, 50], "sum": [25.0, 25.0], "sumsq": [25.0, 25.0]})
    total = slices.sum()
    low, high = design_interval(
        np.array([50.0]),
        np.array([total["n"]]),
        np.array([total["sum"]]),
        np.array([total["sumsq"]]),
    )
    half = Z95 * 100 * math.sqrt(25 / 99 / 100)
    assert (low[0], high[0]) == (pytest.approx(50 - half), pytest.approx(50 + half))
    one = design_interval(np.array([50.0]), np.array([1]), np.array([1.0]), np.array([1.0]))
    assert np.isnan(one[0][0])  # one questionnaire: no error to estimate


def test_overlapping_intervals_that_differ_significantly_are_not_tied() -> None:
    # b's interval (81,8–84,0) overlaps a's (83,9–86,1), yet the two differ significantly
    values = pd.DataFrame(
        {
            "unit": ["a", "b", "c"],
            "value": [85.0, 82.9, 82.8],
            "low": [83.9, 81.8, 81.7],
            "high": [86.1, 84.0, 83.9],
            "n": [500, 500, 500],
        }
    )
    ranked = rank_units(values).set_index("unit")
    # a−b = 2,1; both se ≈ 0,56: z = 2,1 / 0,79 ≈ 2,65 > 1,96 although 84,0 ≥ 83,9 overlaps
    assert not ranked.loc["b", s.TIED]
    assert ranked.loc["c", s.TIED]  # 0,1 apart: cannot be told apart


def test_a_rank_range_comes_from_the_same_draws_as_the_probability() -> None:
    values = pd.Series({"a": 90.0, "b": 89.5, "c": 89.0, "d": 80.0})
    errors = standard_errors(values - 1.0, values + 1.0)
    drawn = rank_draws(values, errors, 4000, 1)
    spread = drawn["b"].quantile([0.025, 0.975])
    row = {"rank_range_low": int(spread.iloc[0]), "rank_range_high": int(np.ceil(spread.iloc[1]))}
    assert rank_range_text(row) == "hạng 1–3"
    assert rank_range_text({"rank_range_low": 4, "rank_range_high": 4}) == "hạng 4"


# Pillars and elements: per questionnaire the satisfied share over the items of that pillar
# (weights 1/elements × 1/items, as the pillar index weighs them) or element (items equal).

QD1001 = get_method("qd1001")


def hand_share(row: np.ndarray, codes: set[str], method: Method) -> float:
    """An independent q_i: loops over the method's structure, weights written out here."""
    satisfied = answered = 0.0
    for pillar in method.pillars:
        for element in pillar.elements:
            for item in element.items:
                if item.code not in codes:
                    continue
                value = row[method.item_codes.index(item.code)]
                if element.code in codes and pillar.code not in codes:
                    weight = 1 / len(element.items)
                else:
                    weight = 1 / len(pillar.elements) / len(element.items)
                answered += weight * (value > 0)
                satisfied += weight * (value >= 4)
    return satisfied / answered if answered else math.nan


def items_of(code: str, method: Method) -> set[str]:
    found = {i.code for p, e, i in method.walk() if code in (p.code, e.code)}
    return found | {code}


def design_counts(frame: pd.DataFrame, answers: np.ndarray, method: Method) -> WaveCounts:
    """WaveCounts as an import stores them: answers, questionnaires and the moments."""
    scores = measure_scores(method, method.item_codes, None, answers)
    counts, respondents = count_answers(frame, answers, method.item_codes, (), scores[s.SIPAS])
    moments = count_moments(frame, scores)
    totals = moments[moments[s.ATTRIBUTE] == ""].drop(columns=s.ATTRIBUTE)
    info = builders.wave("2024", "qd1001")
    return WaveCounts(info, method, "", counts, respondents, moments=totals)


def random_answers(rows: int, blanks: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    answers = rng.integers(1, 6, (rows, len(QD1001.item_codes))).astype(np.uint8)
    answers[rng.random(answers.shape) < blanks] = 0
    return answers


@pytest.mark.parametrize("code", ["CS", "DV", "CSC", "YT0", "YT3"])
def test_pillar_and_element_intervals_are_the_se_of_the_mean_of_shares(code: str) -> None:
    answers = random_answers(12, 0.3, 11)
    answers[0, :] = 0  # a questionnaire with no answer at all
    frame = pd.DataFrame({s.UNIT: ["u"] * 12, s.FIELD: ["f"] * 12})
    counts = design_counts(frame, answers, QD1001)
    row = measure_values(counts, [code]).iloc[0]
    codes = items_of(code, QD1001)
    q = np.array([hand_share(r, codes, QD1001) for r in answers])
    q = q[np.isfinite(q)]  # the questionnaires that answered one of its items
    half = Z95 * 100 * float(np.std(q, ddof=1)) / math.sqrt(len(q))
    assert row[s.LOW] > 0 and row[s.HIGH] < 100
    assert (row[s.LOW], row[s.HIGH]) == (
        pytest.approx(row[s.INDEX] - half),
        pytest.approx(row[s.INDEX] + half),
    )
    wilson = wilson_interval(row[s.INDEX] / 100, row[s.N])
    assert row[s.HIGH] - row[s.LOW] != pytest.approx(100 * float(wilson[1] - wilson[0]))


def test_with_complete_answers_a_pillar_is_the_mean_of_the_shares() -> None:
    answers = random_answers(9, 0.0, 12)
    frame = pd.DataFrame({s.UNIT: ["u"] * 9, s.FIELD: ["f"] * 9})
    values = measure_values(design_counts(frame, answers, QD1001), ["CS", "DV", "CSC"])
    for code, index in values.set_index("measure")[s.INDEX].items():
        shares = [hand_share(r, items_of(str(code), QD1001), QD1001) for r in answers]
        assert index == pytest.approx(100 * float(np.mean(shares)))


def test_a_group_with_a_slice_without_moments_keeps_wilson() -> None:
    # two units; unit b's import came before the moments (none stored): b and the pooled
    # value keep Wilson on n, a gets the design's interval
    answers = random_answers(40, 0.2, 13)
    frame = pd.DataFrame({s.UNIT: ["a"] * 20 + ["b"] * 20, s.FIELD: ["f"] * 40})
    full = design_counts(frame, answers, QD1001)
    older = replace(full, moments=full.moments[full.moments[s.UNIT] == "a"])
    by_unit = measure_values(older, ["CS", "YT2"]).set_index([s.UNIT, "measure"])
    design = measure_values(full, ["CS", "YT2"]).set_index([s.UNIT, "measure"])
    for code in ("CS", "YT2"):
        b = by_unit.loc[("b", code)]
        low, high = wilson_interval(b[s.INDEX] / 100, b[s.N])
        assert (b[s.LOW], b[s.HIGH]) == (pytest.approx(100 * low), pytest.approx(100 * high))
        assert by_unit.loc[("a", code), s.LOW] == pytest.approx(design.loc[("a", code), s.LOW])
    pooled = values_of(older, ["CS"], [])
    low, _ = wilson_interval(pooled[s.INDEX].iloc[0] / 100, pooled[s.N].iloc[0])
    assert pooled[s.LOW].iloc[0] == pytest.approx(100 * low)
