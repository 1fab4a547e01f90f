"""A unit's rank as a range in plain words ("hạng có thể từ 3 đến 5"): the 95% range of its
rank in the gap table's simulation (sipas.gaps.table RANK_LOW, RANK_HIGH, drawn with the
probability of the rank target), for the unit page and the rankings table. Nothing is
simulated here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.gaps import table as g

RANGE_WORDS = "rank_range_words"


def rank_range_words(row: Mapping[Any, Any], form: str = "words") -> str:
    """ "hạng có thể từ 3 đến 5": the rank_range_text range in plain words, only when it is
    wider than one place ("" otherwise, and without a simulation). `form` "short" gives
    "từ 3 đến 5" (under a rank card), "sentence" the unit page's sentence."""
    low, high = row.get(g.RANK_LOW), row.get(g.RANK_HIGH)
    if low is None or high is None or pd.isna(low) or pd.isna(high) or int(low) == int(high):
        return ""
    return t(f"statistics.ranks.range_{form}", low=int(low), high=int(high))


def rank_ranges(table: pd.DataFrame) -> pd.DataFrame:
    """The gap table's units (over all fields) whose simulated rank spans several places:
    UNIT_CODE, RANK, OF and RANGE_WORDS (rank_range_words)."""
    rows = table[table[g.RANK_LOW].notna() & table[g.RANK_HIGH].notna()]
    if g.FIELD_CODE in rows:
        rows = rows[rows[g.FIELD_CODE].isna() | (rows[g.FIELD_CODE] == "")]
    words = [rank_range_words(row, "short") for row in rows.to_dict("records")]
    found = pd.DataFrame(
        {
            g.UNIT_CODE: rows[g.UNIT_CODE].to_numpy(),
            g.RANK: rows[g.RANK].to_numpy(),
            g.OF: rows[g.OF].to_numpy(),
            RANGE_WORDS: words,
        }
    )
    return found[found[RANGE_WORDS] != ""].reset_index(drop=True)


def with_rank_ranges(
    display: pd.DataFrame, ranking: pd.DataFrame, ranges: pd.DataFrame
) -> pd.DataFrame:
    """The rankings table (`display`, standings_display of `ranking`, same rows) with a column
    of rank_ranges' words after the rank, for the units ranked there as in the gap table (same
    rank among as many units: the same peers); no column when no unit has a range."""
    found = {
        (str(unit), int(rank), int(of)): str(words)
        for unit, rank, of, words in zip(
            ranges[g.UNIT_CODE], ranges[g.RANK], ranges[g.OF], ranges[RANGE_WORDS], strict=True
        )
    }
    words = [
        "" if pd.isna(rank) else found.get((str(unit), int(rank), int(of)), "")
        for unit, rank, of in zip(ranking[s.UNIT], ranking[s.RANK], ranking[s.OF], strict=True)
    ]
    if not any(words):
        return display
    shown = display.copy()
    shown.insert(1, t("rankings.col_range"), words)
    return shown
