"""A unit's elements and criteria against the pooled average of its level, and the diverging
distribution of answers; numbers worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.dashboard import criteria
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.method.results import WaveCounts
from sipas.reference.questionnaires import get_method
from sipas.targets.seeds import default_thresholds
from sipas.targets.status import MEETS, NEAR
from tests.support.builders import units, wave

UNITS = units([("d1", s.DISTRICT, "p"), ("d2", s.DISTRICT, "p")])
INFO = wave("2024")
METHOD = get_method("qd2640")


def counts() -> WaveCounts:
    """d1: criterion number i has 70 + i satisfied of 100; d2: 50 of 100 everywhere."""
    rows = []
    for item in METHOD.items:
        rows.append(("d1", item.code, 30 - item.number, 70 + item.number))
        rows.append(("d2", item.code, 50, 50))
    answers = pd.DataFrame(
        [
            {
                s.UNIT: u,
                s.FIELD: "tu_phap",
                s.ATTRIBUTE_VALUE: "",
                s.ITEM: i,
                "n1": low,
                "n2": 0,
                "n3": 0,
                "n4": high,
                "n5": 0,
            }
            for u, i, low, high in rows
        ]
    )
    respondents = pd.DataFrame(
        {s.UNIT: ["d1", "d2"], s.FIELD: "tu_phap", s.ATTRIBUTE_VALUE: "", s.RESPONDENTS: 100}
    )
    return WaveCounts(INFO, METHOD, "", answers, respondents)


def test_elements_against_the_pooled_average_and_the_target() -> None:
    data = counts()
    scope = resolve(FilterState(), INFO, data, UNITS).scope
    assert scope is not None
    elements = criteria.element_comparison(data, scope, "d1", default_thresholds()).set_index(
        s.ELEMENT
    )
    # YT1 = criteria 1–4: d1 mean(71..74) = 72.5; pooled item i = (70 + i + 50) / 200
    assert elements.loc["YT1", s.VALUE] == pytest.approx(72.5)
    assert elements.loc["YT1", criteria.AVERAGE] == pytest.approx((121 + 122 + 123 + 124) / 8)
    assert elements.loc["YT1", criteria.DIFF] == pytest.approx(72.5 - 61.25)
    assert elements.loc["YT1", s.LABEL] == "1. Tiếp cận dịch vụ"
    # YT5 = criteria 20–22: mean(90, 91, 92) = 91 ≥ 90 meets; YT4 = 17–19: 88, near
    assert elements.loc["YT5", s.TARGET_STATUS] == MEETS
    assert elements.loc["YT4", s.TARGET_STATUS] == NEAR


def test_weakest_criteria_and_their_labels() -> None:
    data = counts()
    scope = resolve(FilterState(), INFO, data, UNITS).scope
    assert scope is not None
    items = criteria.item_comparison(data, scope, "d1")
    assert len(items) == 22
    weakest = criteria.weakest_items(items)
    assert weakest[s.ITEM].tolist() == ["TC01", "TC02", "TC03", "TC04", "TC05"]
    assert weakest[s.VALUE].tolist() == pytest.approx([71, 72, 73, 74, 75])
    assert weakest[criteria.AVERAGE].iloc[0] == pytest.approx(60.5)
    assert weakest[s.LABEL].iloc[0] == "1. Nơi ngồi chờ có đủ chỗ ngồi"
    shown = criteria.weakest_display(weakest)
    assert shown.iloc[0]["Chênh lệch"] == "+10,50 điểm %"


def test_unit_without_answers_gives_empty_frames() -> None:
    data = counts()
    scope = resolve(FilterState(), INFO, data, UNITS).scope
    assert scope is not None
    assert criteria.element_comparison(data, scope, "nowhere", default_thresholds()).empty
    assert criteria.item_comparison(data, scope, "nowhere").empty


def test_comparing_a_unit_at_once_gives_the_three_separate_results() -> None:
    data = counts()
    scope = resolve(FilterState(), INFO, data, UNITS).scope
    assert scope is not None
    together = criteria.compare_unit(data, scope, "d1", default_thresholds())
    expected = criteria.element_comparison(data, scope, "d1", default_thresholds())
    pd.testing.assert_frame_equal(together.elements, expected)
    pd.testing.assert_frame_equal(together.items, criteria.item_comparison(data, scope, "d1"))
    assert together.respondents == criteria.respondents(data, scope, "d1") == 100
    assert not together.empty
    nowhere = criteria.compare_unit(data, scope, "nowhere", default_thresholds())
    assert nowhere.empty and nowhere.items.empty and nowhere.respondents == 0


def test_diverging_positions_of_answers() -> None:
    items = pd.DataFrame(
        {s.ITEM: ["A"], s.LABEL: ["A"], "n1": [1], "n2": [1], "n3": [2], "n4": [3], "n5": [3]}
    )
    long = criteria.answer_distribution(items).set_index(criteria.ANSWER)
    # shares 10, 10, 20, 30, 30: answers 1–2 and half of 3 left of zero
    assert long[criteria.SHARE].tolist() == pytest.approx([10, 10, 20, 30, 30])
    assert long[criteria.START].tolist() == pytest.approx([-30, -20, -10, 10, 40])
    assert long[criteria.END].tolist() == pytest.approx([-20, -10, 10, 40, 70])
    assert long[criteria.ANSWER_LABEL].tolist()[0] == "Rất không hài lòng"
    assert long[criteria.SHARE_TEXT].tolist() == ["10%", "10%", "20%", "30%", "30%"]


def test_qd1001_elements_are_named_with_their_pillar() -> None:
    labels = criteria.element_labels(get_method("qd1001"))
    assert labels["CSA"] == "Chính sách – 1. Thông tin chính sách"
    assert labels["YT3"].startswith("Dịch vụ hành chính công – 3.")
