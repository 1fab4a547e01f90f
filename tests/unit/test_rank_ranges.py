"""Rank ranges in plain words, from the gap table's columns (no simulation of their own)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.gaps import table as g
from sipas.gaps.ranges import RANGE_WORDS, rank_range_words, rank_ranges, with_rank_ranges


def gap_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            g.UNIT_CODE: ["a", "b", "c", "b"],
            g.FIELD_CODE: [None, None, None, "dat_dai"],
            g.RANK: pd.array([1, 2, 3, 1], dtype="Int64"),
            g.OF: [3, 3, 3, 3],
            g.RANK_LOW: pd.array([1, 1, None, 1], dtype="Int64"),
            g.RANK_HIGH: pd.array([1, 3, None, 2], dtype="Int64"),
        }
    )


def test_words_only_for_a_range_of_several_places() -> None:
    assert rank_range_words({g.RANK_LOW: 3, g.RANK_HIGH: 5}) == "hạng có thể từ 3 đến 5"
    assert rank_range_words({g.RANK_LOW: 3, g.RANK_HIGH: 5}, "short") == "từ 3 đến 5"
    assert rank_range_words({g.RANK_LOW: 4, g.RANK_HIGH: 4}) == ""
    assert rank_range_words({g.RANK_LOW: None, g.RANK_HIGH: np.nan}) == ""
    assert rank_range_words({}) == ""


def test_ranges_are_the_unit_rows_that_span_places() -> None:
    found = rank_ranges(gap_rows())
    assert found[g.UNIT_CODE].tolist() == ["b"]  # a: one place; c: no draws; b × field: a cell
    assert found[RANGE_WORDS].tolist() == ["từ 1 đến 3"]  # under the header "Hạng có thể"


def test_the_table_gets_the_words_only_where_the_ranking_is_the_gap_table_s() -> None:
    ranking = pd.DataFrame({s.UNIT: ["a", "b", "c"], s.RANK: [1, 2, 3], s.OF: [3, 3, 3]})
    display = pd.DataFrame({"Hạng": ["1/3", "2/3", "3/3"], "Đơn vị": ["A", "B", "C"]})
    shown = with_rank_ranges(display, ranking, rank_ranges(gap_rows()))
    assert shown.columns.tolist() == ["Hạng", "Hạng có thể", "Đơn vị"]
    assert shown["Hạng có thể"].tolist() == ["", "từ 1 đến 3", ""]
    # ranked among other peers (another parent: b is 1st of 2 there): not the same ranks
    other = pd.DataFrame({s.UNIT: ["b", "c"], s.RANK: [1, 2], s.OF: [2, 2]})
    alone = with_rank_ranges(display.iloc[1:], other, rank_ranges(gap_rows()))
    assert alone.columns.tolist() == ["Hạng", "Đơn vị"]
