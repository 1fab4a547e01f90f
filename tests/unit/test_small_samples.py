"""Small n and missing pillars: n below 30 is flagged wherever a status is given, below 10
there is no pass/fail; a unit with no answer on a whole pillar is flagged and not ranked."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.dashboard import standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.gaps import table as g
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.texts import unit_caption
from sipas.method.measures import measures_for
from sipas.method.results import WaveCounts
from sipas.reference.questionnaires import get_method
from sipas.targets.registry import TargetSet
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import MEETS
from tests.support.builders import uniform_counts, units, wave

UNITS = units([("p", s.PROVINCE, None), *((f"d{i}", s.DISTRICT, "p") for i in range(1, 5))])
TARGET = ThresholdTarget(90.0, "chung", 2021, 2025)


def test_below_ten_questionnaires_there_is_no_pass_or_fail() -> None:
    info = wave("2024")
    counts = uniform_counts(
        info, {("d1", "dat_dai"): (6, 6), ("d2", "dat_dai"): (20, 21), ("d3", "dat_dai"): (95, 100)}
    )
    table = gap_table(GapInputs(counts, UNITS, TargetSet(thresholds=(TARGET,))))
    rows = table.set_index(g.UNIT_CODE)
    assert rows.loc["d1", g.VALUE] == 100.0 and rows.loc["d1", g.TARGET_STATUS] is None
    assert rows.loc["d1", g.SMALL_SAMPLE] and rows.loc["d2", g.SMALL_SAMPLE]
    assert rows.loc["d2", g.TARGET_STATUS] == MEETS and not rows.loc["d3", g.SMALL_SAMPLE]
    caption = unit_caption(rows.loc["d1"].to_dict() | {g.UNIT_CODE: "d1"}, {"d1": "Một"})
    assert "chỉ có 6 phiếu (dưới 10), chưa đủ để kết luận" in caption


def test_the_rankings_page_gives_no_status_below_ten_and_flags_below_thirty() -> None:
    info = wave("2024")
    counts = uniform_counts(info, {("d1", "dat_dai"): (6, 6), ("d2", "dat_dai"): (20, 21)})
    scope = resolve(FilterState(), info, counts, UNITS).scope
    assert scope is not None
    measure = measures_for(scope.method, {})[0]
    ranked = standings.rank_peers(counts, scope, {}, (TARGET,), measure).set_index(s.UNIT)
    assert ranked.loc["d1", s.TARGET_STATUS] is None and ranked.loc["d2", s.TARGET_STATUS] == MEETS
    assert ranked[s.SMALL_SAMPLE].all()


def one_pillar_counts() -> WaveCounts:
    """QĐ 1001: d1 and d2 answered everything (80% and 70%), d3 only the services pillar
    (95%): its SIPAS would be its services pillar alone."""
    info = wave("2025", "qd1001")
    counts = uniform_counts(
        info,
        {("d1", "dat_dai"): (80, 100), ("d2", "dat_dai"): (70, 100), ("d3", "dat_dai"): (95, 100)},
    )
    method = get_method("qd1001")
    policy = {item.code for pillar, _, item in method.walk() if pillar.code == "CS"}
    answers = counts.answers
    keep = ~((answers[s.UNIT] == "d3") & answers[s.ITEM].isin(policy))
    return WaveCounts(
        counts.wave, counts.method, counts.attribute, answers[keep], counts.respondents
    )


def test_a_unit_missing_a_whole_pillar_is_flagged_and_not_ranked_on_sipas() -> None:
    counts = one_pillar_counts()
    table = gap_table(GapInputs(counts, UNITS, TargetSet(thresholds=(TARGET,)))).set_index(
        g.UNIT_CODE
    )
    assert table.loc["d3", g.PILLAR_MISSING] and not table.loc["d1", g.PILLAR_MISSING]
    assert pd.isna(table.loc["d3", g.RANK])
    assert (table.loc["d1", g.RANK], table.loc["d2", g.RANK], table.loc["d1", g.OF]) == (1, 2, 2)
    scope = resolve(FilterState(), counts.wave, counts, UNITS).scope
    assert scope is not None
    measure = measures_for(scope.method, {})[0]
    ranked = standings.rank_peers(counts, scope, {}, (TARGET,), measure).set_index(s.UNIT)
    assert pd.isna(ranked.loc["d3", s.RANK])
    assert ranked.loc["d1", s.RANK] == 1 and ranked.loc["d2", s.RANK] == 2
    assert ranked.loc["d3", s.MARK_TEXT] == "†" and set(ranked[s.OF]) == {2}
