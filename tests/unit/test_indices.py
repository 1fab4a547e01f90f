"""The index maths, on counts built here, with every expected number worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.core.formatting import format_percent
from sipas.method.indices import compute_indices, element_indices, item_indices
from sipas.reference.questionnaires import Element, Item, Method, Pillar, get_method


def counts(rows: list[tuple]) -> pd.DataFrame:
    """Counts from (unit, item, n1, n2, n3, n4, n5) tuples."""
    return pd.DataFrame(rows, columns=[s.UNIT, s.ITEM, *s.COUNT_COLUMNS])


def tiny_method(weighting: str = "equal") -> Method:
    """Two pillars: P1 = element E1 (items A, B) and E2 (item C); P2 = element E3 (item D)."""
    item = lambda code, n: Item(code, n, code)  # noqa: E731
    return Method(
        code="tiny",
        name="tiny",
        short_name="tiny",
        version=1,
        pillar_weighting=weighting,
        pillars=(
            Pillar(
                "P1",
                "P1",
                "P1",
                (
                    Element("E1", 1, "E1", "E1", (item("A", 1), item("B", 2))),
                    Element("E2", 2, "E2", "E2", (item("C", 3),)),
                ),
            ),
            Pillar("P2", "P2", "P2", (Element("E3", 3, "E3", "E3", (item("D", 4),)),)),
        ),
    )


def test_item_index_is_share_of_answers_four_or_five() -> None:
    # 3 answers of 5, 2 of 4, 1 of 3, 4 of 1: 5 satisfied of 10 valid answers.
    result = item_indices(counts([("u", "A", 4, 0, 1, 2, 3)]))
    row = result.iloc[0]
    assert row[s.N] == 10
    assert row[s.SATISFIED] == 5
    assert row[s.INDEX] == pytest.approx(50.0)
    # mean score: (4·1 + 1·3 + 2·4 + 3·5) / 10 = 30 / 10
    assert row[s.MEAN_SCORE] == pytest.approx(3.0)


def test_wilson_interval_of_an_item() -> None:
    # 5 of 10: centre (0.5 + 1.92/10)/(1 + 3.84/10), half-width 1.96·sqrt(0.025 + 0.0096)/1.384
    row = item_indices(counts([("u", "A", 5, 0, 0, 5, 0)])).iloc[0]
    assert row[s.LOW] == pytest.approx(23.66, abs=0.01)
    assert row[s.HIGH] == pytest.approx(76.34, abs=0.01)


def test_item_without_valid_answers_is_left_out() -> None:
    result = item_indices(counts([("u", "A", 0, 0, 0, 0, 0), ("u", "B", 0, 0, 0, 1, 0)]))
    assert result[s.ITEM].tolist() == ["B"]


def test_element_is_mean_of_items_and_skips_items_without_answers() -> None:
    method = tiny_method()
    data = counts(
        [
            ("u", "A", 1, 0, 0, 3, 0),  # 3/4 = 75 %
            ("u", "B", 0, 0, 2, 0, 2),  # 2/4 = 50 %
            ("u", "C", 0, 0, 0, 0, 0),  # no answer: E2 has no value
            ("u", "D", 0, 1, 0, 0, 9),  # 9/10 = 90 %
        ]
    )
    elements = element_indices(data, method, [s.UNIT]).set_index(s.ELEMENT)
    assert elements.loc["E1", s.INDEX] == pytest.approx(62.5)
    assert "E2" not in elements.index
    assert elements.loc["E3", s.INDEX] == pytest.approx(90.0)
    # n of an element: the most answers any of its items got
    assert elements.loc["E1", s.N] == 4


def test_pillars_and_sipas_with_equal_and_item_count_weights() -> None:
    data = counts(
        [
            ("u", "A", 0, 0, 1, 3, 0),  # 75 %
            ("u", "B", 0, 0, 2, 2, 0),  # 50 %   → E1 = 62.5
            ("u", "C", 0, 0, 0, 1, 0),  # 100 %  → E2 = 100
            ("u", "D", 0, 0, 1, 1, 0),  # 50 %   → E3 = 50
        ]
    )
    # P1 = mean(62.5, 100) = 81.25; P2 = 50
    equal = compute_indices(data, tiny_method("equal")).iloc[0]
    assert equal["P1"] == pytest.approx(81.25)
    assert equal["P2"] == pytest.approx(50.0)
    assert equal[s.SIPAS] == pytest.approx((81.25 + 50) / 2)
    # item counts: P1 has 3 items, P2 has 1
    by_items = compute_indices(data, tiny_method("item_count")).iloc[0]
    assert by_items[s.SIPAS] == pytest.approx((3 * 81.25 + 1 * 50) / 4)
    # the weighting can be overridden per call
    overridden = compute_indices(data, tiny_method("equal"), weighting="item_count").iloc[0]
    assert overridden[s.SIPAS] == pytest.approx(by_items[s.SIPAS])


def test_qd1001_equal_pillars_reproduce_the_2022_national_figure() -> None:
    """Policy 79,72 and services 80,43 give SIPAS 80,08 as published; counts are built so
    that every item of a pillar has exactly that share."""
    method = get_method("qd1001")
    rows = []
    for pillar, _element, item in method.walk():
        share = 79.72 if pillar.code == "CS" else 80.43
        satisfied = round(share * 100)  # out of 10,000 answers: share exact to 0.01
        rows.append(("u", item.code, 0, 0, 10_000 - satisfied, satisfied, 0))
    result = compute_indices(counts(rows), method).iloc[0]
    assert result["CS"] == pytest.approx(79.72)
    assert result["DV"] == pytest.approx(80.43)
    assert round(result[s.SIPAS], 2) == 80.08
    weighted = compute_indices(counts(rows), method, weighting="item_count").iloc[0]
    assert weighted[s.SIPAS] == pytest.approx((14 * 79.72 + 19 * 80.43) / 33)


def test_the_2024_national_figure_needs_the_national_forms_23_16_weights() -> None:
    """2024: policy 83,84, services 84,09, published as 83,94. The national form's item counts
    (23 policy, 16 service) give it; this product's QĐ 1001 questionnaire has 14 and 19 items,
    so its item_count weighting gives 83,98, and equal weights 83,965 (shown 83,97)."""
    method = get_method("qd1001")
    rows = []
    for pillar, _element, item in method.walk():
        satisfied = 8384 if pillar.code == "CS" else 8409  # of 10,000: the pillar's share
        rows.append(("u", item.code, 0, 0, 10_000 - satisfied, satisfied, 0))
    national = compute_indices(counts(rows), method, weighting="CS:23,DV:16").iloc[0]
    assert format_percent(national[s.SIPAS]) == "83,94%"
    equal = compute_indices(counts(rows), method).iloc[0][s.SIPAS]
    assert equal == pytest.approx(83.965) and format_percent(equal) == "83,97%"
    by_items = compute_indices(counts(rows), method, weighting="item_count").iloc[0][s.SIPAS]
    assert by_items == pytest.approx((14 * 83.84 + 19 * 84.09) / 33)
    assert format_percent(by_items) == "83,98%"


def test_qd2640_sipas_is_mean_of_five_elements() -> None:
    method = get_method("qd2640")
    shares = {"YT1": 80, "YT2": 85, "YT3": 90, "YT4": 95, "YT5": 70}
    rows = [
        ("u", item.code, 0, 0, 100 - shares[element.code], shares[element.code], 0)
        for _pillar, element, item in method.walk()
    ]
    result = compute_indices(counts(rows), method).iloc[0]
    assert result[s.SIPAS] == pytest.approx(84.0)
    assert [result[code] for code in shares] == pytest.approx(list(shares.values()))


def test_grouping_by_unit_and_n_from_questionnaires() -> None:
    method = tiny_method()
    data = counts(
        [
            ("a", "A", 0, 0, 0, 2, 0),
            ("a", "D", 0, 0, 2, 0, 0),
            ("b", "A", 0, 0, 1, 0, 0),
            ("b", "D", 0, 0, 0, 0, 1),
        ]
    )
    respondents = pd.DataFrame({s.UNIT: ["a", "b"], s.RESPONDENTS: [2, 1]})
    result = compute_indices(data, method, [s.UNIT], respondents).set_index(s.UNIT)
    # a: P1 = E1 = A = 100, P2 = 0 → 50; b: P1 = 0, P2 = 100 → 50
    assert result.loc["a", s.SIPAS] == pytest.approx(50.0)
    assert result.loc["b", s.SIPAS] == pytest.approx(50.0)
    assert result.loc["a", s.N] == 2
    assert result.loc["b", s.N] == 1
    # interval of SIPAS: Wilson on n questionnaires; with n = 1 it is [5.5 %, 94.5 %]
    assert result.loc["b", s.SIPAS_LOW] == pytest.approx(5.46, abs=0.01)


def test_pillar_without_any_answer_is_left_out_of_sipas() -> None:
    data = counts([("u", "A", 0, 0, 1, 3, 0)])  # only P1 has data: 75 %
    result = compute_indices(data, tiny_method()).iloc[0]
    assert result[s.SIPAS] == pytest.approx(75.0)
    assert math.isnan(result["P2"])


def test_no_counts_give_an_empty_result_with_the_usual_columns() -> None:
    result = compute_indices(counts([]), tiny_method(), [s.UNIT])
    assert result.empty
    assert {s.UNIT, s.SIPAS, s.N, "E1"} <= set(result.columns)


def test_mean_score_is_a_separate_measure() -> None:
    # all answers 3: nobody satisfied (SIPAS 0) but the mean score is 3
    data = counts([("u", "A", 0, 0, 4, 0, 0)])
    result = compute_indices(data, tiny_method()).iloc[0]
    assert result[s.SIPAS] == 0
    assert result[s.MEAN_SCORE] == pytest.approx(3.0)
