"""Levers: the criteria that, raised to a reference, close a gap fastest (QĐ 2640 structure:
YT1 4 items, YT2 5, YT3 6, YT4 3, YT5 4; SIPAS = mean of the 5 element means)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.gaps.levers import (
    CLOSES,
    CUMULATIVE,
    ELEMENT_CODE,
    GAIN,
    ITEM_CODE,
    levers,
    levers_to_close,
    measure_from_items,
)
from sipas.method.indices import compute_indices, item_indices
from sipas.reference.questionnaires import get_method

QD2640 = get_method("qd2640")


def flat(value: float) -> pd.Series:
    return pd.Series(value, index=list(QD2640.item_codes))


def test_levers_are_ordered_by_what_they_add_to_sipas() -> None:
    unit = flat(80.0)
    unit["TC09"], unit["TC21"], unit["TC01"] = 60.0, 70.0, 72.0
    reference = flat(80.0)
    table = levers(unit, reference, QD2640, "sipas", gap=1.2)
    # TC09: +20 on 1 of YT2's 5 items → YT2 +4 → SIPAS +0,8
    # TC21: +10 on 1 of YT5's 4 items → YT5 +2,5 → SIPAS +0,5
    # TC01: +8 on 1 of YT1's 4 items → YT1 +2 → SIPAS +0,4
    assert table[ITEM_CODE].tolist() == ["TC09", "TC21", "TC01"]
    assert table[ELEMENT_CODE].tolist() == ["YT2", "YT5", "YT1"]
    assert table[GAIN].tolist() == pytest.approx([0.8, 0.5, 0.4])
    assert table[CUMULATIVE].tolist() == pytest.approx([0.8, 1.3, 1.7])
    assert table[CLOSES].tolist() == [False, True, True]
    assert levers_to_close(table) == 2


def test_only_criteria_below_the_reference_and_of_the_measure_are_levers() -> None:
    unit = flat(80.0)
    unit["TC09"], unit["TC10"] = 60.0, 90.0
    reference = flat(85.0)
    element = levers(unit, reference, QD2640, "YT2")
    # within YT2 (5 items): TC09 +25 → +5, each other item +5 → +1
    assert element[ITEM_CODE].tolist() == ["TC09", "TC05", "TC06", "TC07", "TC08"]
    assert element[GAIN].tolist() == pytest.approx([5.0, 1.0, 1.0, 1.0, 1.0])
    assert not element[CLOSES].any() and levers_to_close(element) is None
    assert levers(unit, unit, QD2640, "sipas").empty


def test_a_criterion_without_answers_is_left_out_of_its_element() -> None:
    unit = flat(80.0).drop("TC05")
    # YT2 is the mean of its 4 answered items
    assert measure_from_items(dict(unit), QD2640, "YT2") == pytest.approx(80.0)
    assert measure_from_items({}, QD2640, "sipas") != measure_from_items({}, QD2640, "sipas")


@pytest.mark.parametrize(("method_code", "weighting"), [("qd2640", None), ("qd1001", "item_count")])
def test_the_measure_from_items_is_the_index_engine_s(method_code: str, weighting: str) -> None:
    method = get_method(method_code)
    rng = np.random.default_rng(5)
    counts = pd.DataFrame(
        rng.integers(0, 40, size=(len(method.item_codes), 5)), columns=list(s.COUNT_COLUMNS)
    )
    counts.insert(0, s.ITEM, list(method.item_codes))
    counts.loc[3, list(s.COUNT_COLUMNS)] = 0  # one item without answers
    engine = compute_indices(counts, method, weighting=weighting)
    items = item_indices(counts).set_index(s.ITEM)[s.INDEX]
    assert measure_from_items(dict(items), method, "sipas", weighting) == pytest.approx(
        engine[s.SIPAS].iloc[0]
    )
    first = method.elements[0].code
    assert measure_from_items(dict(items), method, first) == pytest.approx(engine[first].iloc[0])
