"""The overview's cards: pooled SIPAS and its change, rank, n, units meeting their target and
coverage; numbers worked out by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard import overview, standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import previous_units, resolve
from sipas.method.measures import SIPAS_INDEX
from sipas.targets.rules import ThresholdTarget
from tests.support.builders import uniform_counts, units, wave

UNITS = units(
    [
        ("d1", s.DISTRICT, "p"),
        ("d2", s.DISTRICT, "p"),
        ("d3", s.DISTRICT, "p"),
        ("p", s.PROVINCE, None),
    ]
)
TARGETS = (ThresholdTarget(90.0, "NQ 76", 2021, 2025),)
NOW = wave("2024", wave_id=2)
COUNTS = uniform_counts(NOW, {("d1", "dat_dai"): (95, 100), ("d2", "dat_dai"): (255, 300)})
BEFORE = uniform_counts(
    wave("2023", wave_id=1), {("d1", "dat_dai"): (80, 100), ("d2", "dat_dai"): (240, 300)}
)


def cards_for(state: FilterState, before=BEFORE) -> tuple[overview.Cards, list]:
    scope = resolve(state, NOW, COUNTS, UNITS).scope
    assert scope is not None
    peers, compared = previous_units(scope, before, UNITS) if before else ((), ())
    ranking = standings.rank_with_previous(COUNTS, scope, {}, TARGETS, SIPAS_INDEX, before, peers)
    cards = overview.overview_cards(COUNTS, scope, ranking, UNITS, TARGETS, before, compared)
    return cards, overview.card_texts(cards, scope, standings.rank_change_of(ranking, "d2"))


def test_cards_for_the_whole_level() -> None:
    cards, texts = cards_for(FilterState())
    # pooled: (95 + 255) of (100 + 300) answers on every item = 87.5%; before (80+240)/400 = 80%
    assert cards.value == pytest.approx(87.5)
    assert cards.change == pytest.approx(7.5)
    assert cards.n == 400
    assert cards.rank is None  # two units chosen: no single rank
    assert (cards.meeting, cards.judged) == (1, 2)  # d1 95% meets 90%, d2 85% does not
    # d3 exists but has no answers: 2 of 3 district units covered
    assert (cards.covered, cards.expected) == (2, 3)
    assert [c.value for c in texts] == ["87,50%", "–", "400", "1/2", "67%"]
    assert (texts[0].delta, texts[0].description) == ("+7,50 điểm %", "so với 2023")
    assert texts[0].direction == 1
    assert texts[1].delta == "chọn 1 đơn vị"
    assert texts[4].delta == "2/3 đơn vị"


def test_cards_for_one_unit_show_its_rank_and_rank_change() -> None:
    cards, texts = cards_for(FilterState(units=("d2",)))
    assert cards.value == pytest.approx(85.0)
    assert cards.change == pytest.approx(5.0)  # 240/300 = 80% before
    assert (cards.rank, cards.of) == (2, 2)
    assert texts[1].value == "2/2"
    # in 2023 d1 and d2 both had 80%: tied first; now d2 is second
    assert texts[1].delta == "giảm 1 bậc"
    assert texts[1].direction == -1


def test_no_change_across_methods() -> None:
    other = uniform_counts(wave("2023", "qd1001"), {("d1", "dat_dai"): (1, 2)})
    cards, texts = cards_for(FilterState(), other)
    assert cards.change is None
    assert "QĐ 1001" in cards.change_note
    assert (texts[0].delta, texts[0].direction) == ("khác phương pháp", 0)


def test_expected_units_follow_the_wave_date() -> None:
    dated = UNITS.copy()
    dated.loc[dated["code"] == "d3", "valid_to"] = dt.date(2023, 12, 31)  # merged before 2024
    scope = resolve(FilterState(), NOW, COUNTS, dated).scope
    assert scope is not None
    assert overview.expected_units(dated, scope) == ["d1", "d2"]


def test_expected_units_are_those_under_the_parents_surveyed() -> None:
    """A merged neighbour's districts of the same years (the official map holds them) are not
    units the wave was expected to cover; a district of the surveyed province without data is."""
    merged = units(
        [
            ("d1", s.DISTRICT, "p"),
            ("d2", s.DISTRICT, "p"),
            ("d3", s.DISTRICT, "p"),
            ("p", s.PROVINCE, None),
            ("q1", s.DISTRICT, "q"),
            ("q2", s.DISTRICT, "q"),
            ("q", s.PROVINCE, None),
        ]
    )
    scope = resolve(FilterState(), NOW, COUNTS, merged).scope
    assert scope is not None
    assert overview.expected_units(merged, scope) == ["d1", "d2", "d3"]


def test_a_million_questionnaires_and_more_fit_the_card_in_millions() -> None:
    counts = uniform_counts(NOW, {("d1", "dat_dai"): (1_575_000, 1_750_000)})
    scope = resolve(FilterState(), NOW, counts, UNITS).scope
    assert scope is not None
    ranking = standings.rank_with_previous(counts, scope, {}, TARGETS, SIPAS_INDEX, None, ())
    cards = overview.overview_cards(counts, scope, ranking, UNITS, TARGETS, None, ())
    count = overview.card_texts(cards, scope, None)[2]
    assert (count.value, count.delta, count.direction) == ("1,75", "triệu phiếu", 0)
    assert count.help is not None and count.help.startswith("1.750.000 phiếu")


def test_target_note_names_the_target_and_its_source_or_its_absence() -> None:
    cards, _ = cards_for(FilterState())
    assert "90%" in overview.target_note(cards) and "NQ 76" in overview.target_note(cards)
    without = dataclasses.replace(cards, target=None)
    assert overview.target_note(without) == t("overview.no_target")


def test_unit_codes_of_a_ranking_keep_its_order() -> None:
    scope = resolve(FilterState(), NOW, COUNTS, UNITS).scope
    assert scope is not None
    ranking = standings.rank_with_previous(COUNTS, scope, {}, TARGETS, SIPAS_INDEX, None, ())
    shown = standings.shown_units(ranking)
    assert standings.unit_codes(shown) == ["d1", "d2"]  # 95% before 85%
