"""From a filter state to what the pages compute on: the wave, the level, the peer units and
the chosen units, fields and channels, checked against the wave's data.

Unit level and parent are data: they come from the units table for the units that have answers
in the wave (districts up to 2024; departments and communes/wards from 2025). Values that the
wave does not have are dropped with a Vietnamese note, never silently kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.filterstate import FilterState
from sipas.method.results import Selection, WaveCounts
from sipas.method.waves import WaveInfo
from sipas.reference.fields import field_names, load_attributes
from sipas.reference.questionnaires import Method, get_method


@dataclass(frozen=True)
class Choices:
    """What the filter bar offers for one wave (code → Vietnamese label, in display order)."""

    levels: tuple[str, ...]
    parents: dict[str, str]
    units: dict[str, str]
    fields: dict[str, str]
    channels: dict[str, str]


@dataclass(frozen=True)
class Scope:
    """A resolved selection in one wave. `peers` are the units of the level (under the parent)
    with answers: the group units are ranked in and the "province average" pools."""

    wave: WaveInfo
    method: Method
    level: str
    parent: str
    peers: tuple[str, ...]
    units: tuple[str, ...]
    fields: tuple[str, ...]
    channels: tuple[str, ...]
    focus: str

    @property
    def unit_codes(self) -> tuple[str, ...]:
        """The chosen units, or every peer when none is chosen."""
        return self.units or self.peers

    @property
    def attribute(self) -> str:
        """The respondent attribute the counts must be split by ("" for totals)."""
        return s.CHANNEL if self.channels else ""

    @property
    def single_unit(self) -> str | None:
        """The unit when exactly one is chosen (its rank change is shown), else None."""
        return self.unit_codes[0] if len(self.unit_codes) == 1 else None

    @property
    def single_field(self) -> str | None:
        """The field when exactly one is chosen (its own target applies), else None."""
        return self.fields[0] if len(self.fields) == 1 else None

    def selection(self, units: Sequence[str] | None = None) -> Selection:
        """The results.Selection for `units` (default: the chosen units) with the scope's
        fields and channels."""
        return Selection(
            units=tuple(units if units is not None else self.unit_codes),
            fields=self.fields,
            attribute=self.attribute,
            attribute_values=self.channels,
        )

    def peer_selection(self) -> Selection:
        return self.selection(self.peers)


@dataclass(frozen=True)
class Resolved:
    """The cleaned filter state, the scope (None when the wave has no answers at any level),
    the filter bar's choices and notes about values that were dropped."""

    state: FilterState
    scope: Scope | None
    choices: Choices
    notes: tuple[str, ...]


def level_name(level: str, lower: bool = False) -> str:
    """The level's Vietnamese name ("Cấp huyện"; "cấp huyện" inside a sentence)."""
    name = t(f"levels.{level}")
    return name.lower() if lower else name


def unit_labels(units: pd.DataFrame) -> dict[str, str]:
    """Display name per unit code: communes and wards by full name ("Xã Bác Ái"), since a
    commune may share its name with a former district; other units by short name."""
    labels = units["full_name"].where(units["level"] == s.COMMUNE, units["name"])
    return dict(zip(units["code"].tolist(), labels.tolist(), strict=True))


def levels_in(counts: WaveCounts, units: pd.DataFrame) -> list[str]:
    """The unit levels that have data in this wave, from the top down."""
    present = set(units.loc[units["code"].isin(list(counts.unit_codes)), "level"])
    return [level for level in s.UNIT_LEVELS if level in present]


def units_at(
    counts: WaveCounts, units: pd.DataFrame, level: str, parent: str = ""
) -> tuple[str, ...]:
    """Units of `level` (under `parent` when given) with answers in `counts`, in list order."""
    rows = _units_with_data(units, counts, level)
    if parent:
        rows = rows[rows["parent_code"] == parent]
    return tuple(rows["code"])


def previous_units(
    scope: Scope, previous: WaveCounts, units: pd.DataFrame
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """In the previous wave: the scope's peers (same level and parent) with answers, and the
    units to compare the selection with (the chosen units found there, else those peers)."""
    peers = units_at(previous, units, scope.level, scope.parent)
    if not scope.units:
        return peers, peers
    present = previous.unit_codes
    return peers, tuple(code for code in scope.units if code in present)


def choose_wave(code: str, waves: Sequence[WaveInfo]) -> WaveInfo | None:
    """The wave with `code`, else the newest wave; None when there is no wave."""
    for wave in waves:
        if wave.code == code:
            return wave
    return max(waves, key=_wave_order, default=None) if waves else None


def _wave_order(wave: WaveInfo) -> tuple[int, str]:
    return (wave.year, wave.reference_date.isoformat())


def resolve(
    state: FilterState, wave: WaveInfo, counts: WaveCounts, units: pd.DataFrame
) -> Resolved:
    """Check `state` against the wave's answers (`counts`: the wave's totals) and the units
    table; drop what the wave does not have, with a note for each dropped value."""
    notes: list[str] = []
    levels = levels_in(counts, units)
    labels = unit_labels(units)
    level = _level(state, levels, units, counts)
    level_units = _units_with_data(units, counts, level)
    parents = _parents(level_units, labels)
    parent = state.parent if state.parent in parents else ""
    if state.parent and not parent:
        notes.append(t("filters.note_parent", name=labels.get(state.parent, state.parent)))
    if parent:
        level_units = level_units[level_units["parent_code"] == parent]
    peers = tuple(level_units["code"])
    chosen = _kept(state.units, peers, labels, "filters.note_unit", wave, notes)
    present_fields = set(counts.answers[s.FIELD]) | set(counts.published[s.FIELD].dropna())
    all_fields = {c: n for c, n in field_names().items() if c in present_fields}
    fields = _kept(
        state.fields, tuple(all_fields), field_names(), "filters.note_field", wave, notes
    )
    channel_names = load_attributes()[s.CHANNEL].value_names()
    channels = tuple(c for c in state.channels if c in channel_names)
    focus = _focus(state.focus, chosen, peers)
    choices = Choices(
        levels=tuple(levels),
        parents=parents,
        units={code: labels.get(code, code) for code in peers},
        fields=all_fields,
        channels=channel_names,
    )
    clean = state.with_changes(
        wave=wave.code,
        level=level,
        parent=parent,
        units=chosen,
        fields=fields,
        channels=channels,
        focus=focus if state.focus else state.focus,
    )
    scope = None
    if level:
        method = get_method(wave.method_code)
        scope = Scope(wave, method, level, parent, peers, chosen, fields, channels, focus)
    return Resolved(clean, scope, choices, tuple(notes))


def _focus(wanted: str, chosen: tuple[str, ...], peers: tuple[str, ...]) -> str:
    """The unit in focus never contradicts the selection: the chosen unit when one is chosen;
    among several, the wanted one if it is chosen, else the first; without a choice, the
    wanted peer, else the first peer."""
    if chosen:
        return wanted if wanted in chosen else chosen[0]
    return wanted if wanted in peers else (peers or ("",))[0]


def _level(state: FilterState, levels: list[str], units: pd.DataFrame, counts: WaveCounts) -> str:
    """The state's level if the wave has it, else the level of its first chosen unit with
    data, else the top level present; "" when the wave has no answers."""
    if state.level in levels:
        return state.level
    with_data = counts.unit_codes
    unit_level = dict(zip(units["code"], units["level"], strict=True))
    for code in (state.focus, *state.units):
        if code in with_data and unit_level.get(code) in levels:
            return str(unit_level[code])
    return levels[0] if levels else ""


def _units_with_data(units: pd.DataFrame, counts: WaveCounts, level: str) -> pd.DataFrame:
    present = units["code"].isin(list(counts.unit_codes))
    return units[present & (units["level"] == level)]


def _parents(level_units: pd.DataFrame, labels: dict[str, str]) -> dict[str, str]:
    codes = [c for c in dict.fromkeys(level_units["parent_code"]) if isinstance(c, str) and c]
    return {code: labels.get(code, code) for code in codes}


def _kept(
    wanted: tuple[str, ...],
    allowed: tuple[str, ...],
    names: dict[str, str],
    note_key: str,
    wave: WaveInfo,
    notes: list[str],
) -> tuple[str, ...]:
    """The wanted codes that are allowed; a note names the others."""
    kept = tuple(code for code in wanted if code in allowed)
    dropped = [names.get(code, code) for code in wanted if code not in allowed]
    if dropped:
        notes.append(t(note_key, names=", ".join(dropped), wave=wave.code))
    return kept
