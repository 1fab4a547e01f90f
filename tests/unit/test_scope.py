"""Resolving a filter state against a wave's data: levels, parents, units and fields come
from the data; anything the wave lacks is dropped with a note."""

from __future__ import annotations

from sipas.core import schema as s
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, previous_units, resolve, units_at
from sipas.method.waves import comparison_wave
from tests.support.builders import uniform_counts, units, wave

UNITS = units(
    [
        ("prov", s.PROVINCE, None),
        ("d1", s.DISTRICT, "prov"),
        ("d2", s.DISTRICT, "prov"),
        ("d3", s.DISTRICT, "prov"),  # no answers in the wave below
        ("c1", s.COMMUNE, "d1"),
        ("c2", s.COMMUNE, "d2"),
    ]
)
WAVE = wave("2024")
COUNTS = uniform_counts(
    WAVE,
    {
        ("d1", "dat_dai"): (9, 10),
        ("d2", "tu_phap"): (8, 10),
        ("c1", "dat_dai"): (7, 10),
        ("c2", "dat_dai"): (6, 10),
    },
)


def test_levels_and_default_level_come_from_the_data() -> None:
    resolved = resolve(FilterState(), WAVE, COUNTS, UNITS)
    assert resolved.choices.levels == (s.DISTRICT, s.COMMUNE)  # no province answers
    assert resolved.scope is not None
    assert resolved.scope.level == s.DISTRICT
    assert resolved.scope.peers == ("d1", "d2")  # d3 has no answers
    assert resolved.state.wave == "2024"
    assert resolved.notes == ()


def test_a_unit_not_in_the_wave_is_dropped_with_a_note() -> None:
    resolved = resolve(FilterState(units=("d1", "d3")), WAVE, COUNTS, UNITS)
    assert resolved.state.units == ("d1",)
    assert len(resolved.notes) == 1
    assert "D3" in resolved.notes[0] and "2024" in resolved.notes[0]


def test_level_follows_the_chosen_unit_when_not_given() -> None:
    resolved = resolve(FilterState(units=("c2",)), WAVE, COUNTS, UNITS)
    assert resolved.scope is not None
    assert (resolved.scope.level, resolved.scope.units) == (s.COMMUNE, ("c2",))
    assert resolved.scope.focus == "c2"


def test_parent_narrows_the_peers() -> None:
    state = FilterState(level=s.COMMUNE, parent="d2")
    resolved = resolve(state, WAVE, COUNTS, UNITS)
    assert resolved.choices.parents == {"d1": "D1", "d2": "D2"}
    assert resolved.scope is not None
    assert resolved.scope.peers == ("c2",)


def test_fields_without_answers_in_the_wave_are_dropped() -> None:
    resolved = resolve(FilterState(fields=("dat_dai", "y_te")), WAVE, COUNTS, UNITS)
    assert resolved.state.fields == ("dat_dai",)
    assert "Y tế" in resolved.notes[0]
    assert set(resolved.choices.fields) == {"dat_dai", "tu_phap"}


def test_selection_carries_fields_and_channels() -> None:
    state = FilterState(fields=("dat_dai",), channels=("truc_tuyen", "unknown"))
    scope = resolve(state, WAVE, COUNTS, UNITS).scope
    assert scope is not None
    selection = scope.selection()
    assert selection.units == ("d1", "d2")
    assert selection.fields == ("dat_dai",)
    assert (selection.attribute, selection.attribute_values) == (s.CHANNEL, ("truc_tuyen",))
    assert scope.single_field == "dat_dai"
    assert scope.single_unit is None  # both units
    one = resolve(FilterState(units=("d2",)), WAVE, COUNTS, UNITS).scope
    assert one is not None and one.single_unit == "d2"


def test_a_wave_without_answers_has_no_scope() -> None:
    empty = uniform_counts(WAVE, {})
    resolved = resolve(FilterState(), WAVE, empty, UNITS)
    assert resolved.scope is None
    assert resolved.choices.levels == ()


def test_waves_newest_by_default_and_previous_in_time() -> None:
    waves = [wave("2022", wave_id=1), wave("2023", wave_id=2), wave("2024", wave_id=3)]
    assert choose_wave("", waves) == waves[2]
    assert choose_wave("2023", waves) == waves[1]
    assert choose_wave("1999", waves) == waves[2]
    assert comparison_wave(waves, waves[2]) == waves[1]
    assert comparison_wave(waves, waves[0]) is None


def test_previous_units_for_comparisons() -> None:
    before = uniform_counts(wave("2023"), {("d1", "dat_dai"): (5, 10), ("d3", "dat_dai"): (5, 10)})
    scope = resolve(FilterState(), WAVE, COUNTS, UNITS).scope
    assert scope is not None
    assert units_at(before, UNITS, s.DISTRICT) == ("d1", "d3")
    assert previous_units(scope, before, UNITS) == (("d1", "d3"), ("d1", "d3"))
    chosen = resolve(FilterState(units=("d2",)), WAVE, COUNTS, UNITS).scope
    assert chosen is not None
    assert previous_units(chosen, before, UNITS) == (("d1", "d3"), ())


def test_the_focus_never_contradicts_the_selection() -> None:
    one = resolve(FilterState(units=("d1",), focus="d2"), WAVE, COUNTS, UNITS)
    assert one.scope is not None and one.scope.focus == "d1"
    assert one.state.focus == "d1"  # the address no longer says d2
    several = resolve(FilterState(units=("d1", "d2"), focus="d2"), WAVE, COUNTS, UNITS)
    assert several.scope is not None and several.scope.focus == "d2"
    outside = resolve(FilterState(units=("d2",), focus="d1"), WAVE, COUNTS, UNITS)
    assert outside.scope is not None and outside.scope.focus == "d2"
    free = resolve(FilterState(focus="d2"), WAVE, COUNTS, UNITS)
    assert free.scope is not None and free.scope.focus == "d2"


def test_a_click_on_a_unit_outside_the_selection_adds_it() -> None:
    state = FilterState(units=("d1",), focus="d1")
    assert state.focused_on("d2") == FilterState(units=("d1", "d2"), focus="d2")
    assert FilterState().focused_on("d2") == FilterState(focus="d2")
    assert state.focused_on("d1") == state
