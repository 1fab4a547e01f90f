"""The rankings table with each unit's rank range from the gap table's simulation (the one the
rank probability comes from; sipas.gaps.ranges), when the ranking is the gap table's."""

from __future__ import annotations

import pandas as pd

from sipas.dashboard import standings
from sipas.gaps.ranges import rank_ranges, with_rank_ranges
from sipas.method.measures import SIPAS_INDEX, Measure
from sipas.ui.dashboard import filters
from sipas.ui.dashboard import gap_data as gapdata


def ranking_table(
    view: filters.View, ranking: pd.DataFrame, measure: Measure, intervals: bool = True
) -> pd.DataFrame:
    """standings_display of `ranking`, with "Hạng có thể" for the units whose simulated rank
    spans several places. The gap table simulates SIPAS over every field and channel: for
    another measure or a narrower selection the ranks are not the same, and no range is
    shown."""

    def build() -> pd.DataFrame:
        shown = standings.standings_display(ranking, measure.label, intervals)
        scope = view.scope
        if measure.key != SIPAS_INDEX.key or scope.fields or scope.channels:
            return shown
        table = gapdata.gaps(view.wave.code, measure.key, scope.level, compare=view.state.compare)
        return with_rank_ranges(shown, ranking, rank_ranges(table))

    return view.memo("rankings.table", build, measure.key, intervals)
