"""What the exports of a selection hold, computed by the same domain functions the pages use
(overview cards, the unit ranking, fields, a unit's criteria, the gap table), so a report can
never disagree with the screen it was taken from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sipas.dashboard import criteria, field_results, overview, standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.overview import Cards
from sipas.dashboard.scope import Scope, previous_units
from sipas.gaps import table as g
from sipas.method.measures import SIPAS_INDEX
from sipas.method.results import WaveCounts
from sipas.targets.rules import ThresholdTarget


@dataclass(frozen=True)
class ReportInputs:
    """A selection as the dashboard pages see it: the filter state and its scope, the wave's
    counts (split like the pages split them), the previous wave's, the units list, unit names,
    threshold targets, the gap table's inputs (whole units, every field) and the data version."""

    state: FilterState
    scope: Scope
    counts: WaveCounts
    previous: WaveCounts | None
    units: pd.DataFrame
    labels: dict[str, str]
    targets: tuple[ThresholdTarget, ...]
    gap_inputs: g.GapInputs
    data_version: int


@dataclass(frozen=True)
class ReportData:
    """The numbers of a report (percent 0–100, differences in percentage points).

    `ranking` holds every peer (the overview shows the chosen ones), `unit` is the unit of the
    criteria sheet and the PDF brief, `gaps` the gap table's rows of the peers (SIPAS)."""

    cards: Cards
    ranking: pd.DataFrame
    fields: pd.DataFrame
    unit: str
    elements: pd.DataFrame
    items: pd.DataFrame
    gaps: pd.DataFrame


def focus_unit(scope: Scope) -> str:
    """The unit a unit-level export is about: the one in focus, else the only chosen one, else
    the first peer (as the criteria page opens)."""
    if scope.focus in scope.peers:
        return scope.focus
    if len(scope.units) == 1 and scope.units[0] in scope.peers:
        return scope.units[0]
    return scope.peers[0]


def report_data(inputs: ReportInputs, unit: str | None = None) -> ReportData:
    """Every table of the report for the selection; `unit` overrides the focus unit."""
    scope = inputs.scope
    chosen = unit or focus_unit(scope)
    peers, compared = (
        previous_units(scope, inputs.previous, inputs.units) if inputs.previous else ((), ())
    )
    ranking = standings.rank_with_previous(
        inputs.counts, scope, inputs.labels, inputs.targets, SIPAS_INDEX, inputs.previous, peers
    )
    cards = overview.overview_cards(
        inputs.counts, scope, ranking, inputs.units, inputs.targets, inputs.previous, compared
    )
    comparison = criteria.compare_unit(inputs.counts, scope, chosen, inputs.targets)
    return ReportData(
        cards=cards,
        ranking=ranking,
        fields=field_results.field_summary(inputs.counts, scope, inputs.targets),
        unit=chosen,
        elements=comparison.elements,
        items=comparison.items,
        gaps=peer_gaps(inputs),
    )


def peer_gaps(inputs: ReportInputs) -> pd.DataFrame:
    """The gap page's table (SIPAS, the scope's level) restricted to the scope's peers, best
    ranked first."""
    table = g.gap_table(inputs.gap_inputs, measures=["sipas"], level=inputs.scope.level)
    if table.empty:
        return table
    peers = table[table[g.UNIT_CODE].isin(inputs.scope.peers)]
    return peers.sort_values([g.RANK, g.UNIT_CODE], na_position="last").reset_index(drop=True)
