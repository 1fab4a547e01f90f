"""Levers: the criteria that, raised to a reference, close a gap fastest (QĐ 2640 structure:
YT1 4 items, YT2 5, YT3 6, YT4 3, YT5 4; SIPAS = mean of the 5 element means)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.gaps.levers import (
    measure_from_items,
)
from sipas.method.indices import compute_indices, item_indices
from sipas.reference.questionnaires import get_method

QD2640 = get_method("qd2640")


def flat(value: float) -> pd.Series:
    return pd.Series(value, index=list(QD2640.item_codes))


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
