"""Ranking units: competition ranks, change since the previous wave, statistical ties, small
samples, each unit's own target; numbers worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.core.schema import OF, PREVIOUS_RANK, RANK, RANK_CHANGE, SMALL_SAMPLE, TIED
from sipas.dashboard import standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.method.measures import ELEMENT, FIELD, Measure, measures_by_key, measures_for
from sipas.method.ranking import rank_units
from sipas.reference.questionnaires import get_method
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import BELOW, MEETS, NEAR, TARGET
from tests.support.builders import uniform_counts, units, wave


def values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["a", "b", "c", "d"],
            "value": [90.0, 85.0, 85.004, 70.0],
            "low": [88.0, 82.0, 83.0, 65.0],
            "high": [92.0, 88.5, 87.0, 75.0],
            "n": [400, 400, 400, 20],
        }
    )


def test_competition_ranks_ties_and_small_samples() -> None:
    previous = pd.DataFrame({"unit": ["a", "b", "d", "e"], "value": [80.0, 90.0, 70.0, 60.0]})
    ranked = rank_units(values(), previous).set_index("unit")
    # c (85.004) and b (85.00) are equal after rounding to 2 decimals: 1, 2, 2, 4
    assert ranked[RANK].to_dict() == {"a": 1, "c": 2, "b": 2, "d": 4}
    assert set(ranked[OF]) == {4}
    # previous ranks: b 1, a 2, d 3, e 4; c was not ranked
    assert ranked.loc["a", RANK_CHANGE] == 1
    assert ranked.loc["b", RANK_CHANGE] == -1
    assert ranked.loc["d", RANK_CHANGE] == -1
    assert pd.isna(ranked.loc["c", PREVIOUS_RANK])
    # order a, c, b, d: c's interval [83, 87] reaches a's low 88? no; b's high 88.5 ≥ c's low 83
    assert ranked[TIED].to_dict() == {"a": False, "c": False, "b": True, "d": False}
    assert ranked[SMALL_SAMPLE].to_dict() == {"a": False, "c": False, "b": False, "d": True}


def test_rank_change_and_remarks_as_text() -> None:
    assert standings.rank_change_text(2) == "↑ 2"
    assert standings.rank_change_text(-1) == "↓ 1"
    assert standings.rank_change_text(0) == "→"
    assert standings.rank_change_text(pd.NA) == "mới"
    assert standings.notes_text(True, True) == "≈ ngang bằng đơn vị trên · * dưới 30 phiếu"
    assert standings.status_short("below") == "✖ Thiếu từ 5 điểm"


UNITS = units([("d1", s.DISTRICT, "p"), ("d2", s.DISTRICT, "p"), ("d3", s.DISTRICT, "p")])
TARGETS = (
    ThresholdTarget(90.0, "chung", 2021, 2025),
    ThresholdTarget(85.0, "đất đai", 2021, 2025, field="dat_dai"),
    ThresholdTarget(95.0, "riêng d3", 2021, 2025, unit="d3"),
)


def test_peers_ranked_with_their_own_targets() -> None:
    info = wave("2024")
    counts = uniform_counts(
        info,
        {("d1", "dat_dai"): (92, 100), ("d2", "dat_dai"): (86, 100), ("d3", "dat_dai"): (93, 100)},
    )
    scope = resolve(FilterState(units=("d1", "d3")), info, counts, UNITS).scope
    assert scope is not None
    ranked = standings.rank_peers(
        counts,
        scope,
        {"d1": "Một", "d2": "Hai", "d3": "Ba"},
        TARGETS,
        measures_for(scope.method, {})[0],
    ).set_index(s.UNIT)
    assert ranked[s.VALUE].to_dict() == pytest.approx({"d3": 93.0, "d1": 92.0, "d2": 86.0})
    # d3 has its own 95% target (2 points short: near); the others serve land alone and are
    # judged by the land target, 85% (sipas.targets.judging), which d2's 86% meets
    assert ranked[TARGET].to_dict() == {"d3": 95.0, "d1": 85.0, "d2": 85.0}
    assert ranked[s.TARGET_STATUS].to_dict() == {"d3": NEAR, "d1": MEETS, "d2": MEETS}
    # only the chosen units are shown, with their rank among all three
    shown = standings.shown_units(ranked.reset_index())
    assert shown[s.UNIT].tolist() == ["d3", "d1"]
    assert shown[RANK].tolist() == [1, 2]
    assert set(shown[OF]) == {3}


def test_field_measure_uses_that_field_and_its_target() -> None:
    info = wave("2024")
    counts = uniform_counts(
        info,
        {
            ("d1", "dat_dai"): (80, 100),  # land: 80% against 85% → near? 5 points short: near
            ("d1", "tu_phap"): (99, 100),
            ("d2", "dat_dai"): (70, 100),  # 15 points short: below
        },
    )
    scope = resolve(FilterState(), info, counts, UNITS).scope
    assert scope is not None
    measure = Measure(FIELD, "dat_dai", "Lĩnh vực: Đất đai")
    ranked = standings.rank_peers(counts, scope, {}, TARGETS, measure).set_index(s.UNIT)
    assert ranked[s.VALUE].to_dict() == pytest.approx({"d1": 80.0, "d2": 70.0})
    assert ranked[TARGET].to_dict() == {"d1": 85.0, "d2": 85.0}
    assert ranked[s.TARGET_STATUS].to_dict() == {"d1": NEAR, "d2": BELOW}


def test_element_measure_and_previous_wave_of_another_method() -> None:
    info = wave("2025", "qd1001")
    counts = uniform_counts(info, {("d1", "tu_phap"): (9, 10), ("d2", "tu_phap"): (7, 10)})
    before = uniform_counts(wave("2024"), {("d1", "tu_phap"): (5, 10), ("d2", "tu_phap"): (8, 10)})
    scope = resolve(FilterState(), info, counts, UNITS).scope
    assert scope is not None
    keys = [m.key for m in measures_for(get_method("qd1001"), {})]
    assert keys[:3] == ["sipas", "pillar:CS", "pillar:DV"]
    assert list(measures_by_key(get_method("qd1001"), {})) == keys
    measure = Measure(ELEMENT, "YT3", "Yếu tố 3")
    ranked = standings.rank_with_previous(counts, scope, {}, TARGETS, measure, before, ("d1", "d2"))
    ranked = ranked.set_index(s.UNIT)
    # YT3 exists in both methods: d1 was 2nd (50%) and is 1st now; d2 went from 1st to 2nd
    assert ranked[RANK_CHANGE].to_dict() == {"d1": 1, "d2": -1}
    notes = standings.ranking_notes(ranked.reset_index(), scope, before)
    assert any("QĐ 2640" in note for note in notes)
