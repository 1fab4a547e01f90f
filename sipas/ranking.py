"""Ranking units the way reports do: "xếp thứ 4/7", ties share a place (1, 2, 2, 4)."""

from __future__ import annotations

import pandas as pd

RANK = "rank"
OF = "of"


def competition_rank(values: pd.Series) -> pd.Series:
    """Rank 1 for the highest value; equal values share the better rank, the next rank skips
    (1, 2, 2, 4). Values are compared after rounding to 2 decimals, as published. Missing
    values get no rank."""
    rounded = values.astype(float).round(2)
    return rounded.rank(method="min", ascending=False).astype("Int64")


def rank_table(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """`frame` sorted best first with RANK (competition rank of `value`) and OF (units ranked)."""
    ranked = frame.assign(**{RANK: competition_rank(frame[value])})
    ranked[OF] = int(ranked[RANK].notna().sum())
    return ranked.sort_values([RANK, value], ascending=[True, False], na_position="last")
