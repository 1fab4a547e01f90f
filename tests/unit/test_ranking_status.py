"""Competition ranking and status against a target."""

from __future__ import annotations

import pandas as pd

from sipas.core.schema import OF, RANK
from sipas.method.ranking import competition_rank, rank_table
from sipas.targets.status import BELOW, MEETS, NEAR, status_label, status_of


def test_ties_share_a_rank_and_the_next_rank_is_skipped() -> None:
    values = pd.Series([90.0, 85.004, 85.0, 80.0, None])
    assert competition_rank(values).tolist() == [1, 2, 2, 4, pd.NA]


def test_rank_table_sorts_best_first_and_counts_ranked_units() -> None:
    frame = pd.DataFrame({"unit": ["a", "b", "c"], "v": [80.0, 90.0, None]})
    ranked = rank_table(frame, "v")
    assert ranked["unit"].tolist() == ["b", "a", "c"]
    assert ranked[RANK].tolist()[:2] == [1, 2]
    assert set(ranked[OF]) == {2}


def test_status_against_target() -> None:
    values = pd.Series([90.0, 89.99, 85.0, 84.99, None])
    assert status_of(values, 90.0).tolist() == [MEETS, NEAR, NEAR, BELOW, None]
    assert status_label(MEETS) == "✔ Đạt mục tiêu"
    assert status_label(None) == "Chưa có mục tiêu"
