"""The vectorised index engine against the first (pandas groupby) implementation, kept in
tests/support as an independent computation, on the demo's questionnaires counted here."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.method import indices
from sipas.method.counting import count_answers
from sipas.setup.demo import generate_demo
from tests.support import reference_indices as reference


@cache
def demo_counts() -> list[tuple[str, object, pd.DataFrame, pd.DataFrame]]:
    found = []
    for wave in generate_demo():
        answers, respondents = count_answers(
            wave.batch.slices, wave.batch.answers, wave.method.item_codes, s.ATTRIBUTES
        )
        found.append((wave.code, wave.method, answers, respondents))
    return found


GROUPINGS = [[], [s.UNIT], [s.FIELD], [s.UNIT, s.FIELD], [s.UNIT, "channel"], ["age_group"]]


@pytest.mark.parametrize("by", GROUPINGS, ids=lambda by: "+".join(by) or "all")
def test_same_results_as_the_reference_engine(by: list[str]) -> None:
    for _code, method, answers, respondents in demo_counts()[-2:]:
        attribute = next((b for b in by if b in s.ATTRIBUTES), "")
        part = answers[answers[s.ATTRIBUTE] == attribute].rename(
            columns={s.ATTRIBUTE_VALUE: attribute or "_unused"}
        )
        people = respondents[respondents[s.ATTRIBUTE] == attribute].rename(
            columns={s.ATTRIBUTE_VALUE: attribute or "_unused"}
        )
        for weighting in ("equal", "item_count"):
            fast = indices.compute_indices(part, method, by, people, weighting)
            slow = reference.compute_indices(part, method, by, people, weighting)
            pd.testing.assert_frame_equal(fast, slow.reset_index(drop=True), check_dtype=False)
        fast_elements = indices.element_indices(part, method, by)
        slow_elements = reference.element_indices(part, method, by)
        pd.testing.assert_frame_equal(fast_elements, slow_elements, check_dtype=False)


def test_unknown_items_count_in_the_mean_score_only() -> None:
    method = demo_counts()[0][1]
    rows = [
        {s.UNIT: "u", s.ITEM: "TC01", "n1": 0, "n2": 0, "n3": 0, "n4": 1, "n5": 0},
        {s.UNIT: "u", s.ITEM: "OLD99", "n1": 1, "n2": 0, "n3": 0, "n4": 0, "n5": 0},
    ]
    frame = pd.DataFrame(rows)
    fast = indices.compute_indices(frame, method, [s.UNIT]).iloc[0]
    slow = reference.compute_indices(frame, method, [s.UNIT]).iloc[0]
    assert fast[s.SIPAS] == slow[s.SIPAS] == 100.0
    assert fast[s.MEAN_SCORE] == slow[s.MEAN_SCORE] == 2.5  # (4 + 1) / 2
