"""The dashboard's filter state and its form in the URL query string.

One `FilterState` is shared by every dashboard page: the wave, unit level and parent, units,
fields and respondent channels, the wave to compare with, plus a few page-specific choices
(the unit shown on the criteria page, the ranking measure, the comments search and theme).
It is written to the query string after every run, so a copied link opens the same view;
reading it back is tolerant, and whether the values exist is decided later against the data
(sipas.scope).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

# Query-string keys, kept short and ASCII so that links stay readable when pasted.
WAVE = "wave"
LEVEL = "level"
PARENT = "parent"
UNITS = "units"
FIELDS = "fields"
CHANNELS = "channels"
FOCUS = "unit"
MEASURE = "measure"
SEARCH = "q"
THEME = "theme"
COMPARE = "vs"

_LISTS = {UNITS, FIELDS, CHANNELS}
_MAX_TEXT = 200


@dataclass(frozen=True)
class FilterState:
    """What a leader is looking at; empty values mean "all" (or "the default")."""

    wave: str = ""
    level: str = ""
    parent: str = ""
    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    focus: str = ""
    measure: str = ""
    search: str = ""
    theme: str = ""
    compare: str = ""  # the wave a "change since" compares with; "": the automatic one

    def with_changes(self, **changes: object) -> FilterState:
        """A copy with `changes`; list values are normalised to tuples without duplicates."""
        clean = {
            key: _unique(value) if isinstance(value, list | tuple) else value
            for key, value in changes.items()
        }
        return replace(self, **clean)  # type: ignore[arg-type]

    def focused_on(self, unit: str) -> FilterState:
        """The state with `unit` in focus; a unit outside the chosen ones joins them, so that
        the focus never contradicts the selection (a click on any bar of a ranking)."""
        units = self.units if not self.units or unit in self.units else (*self.units, unit)
        return replace(self, units=units, focus=unit)


_KEYS = {
    "wave": WAVE,
    "level": LEVEL,
    "parent": PARENT,
    "units": UNITS,
    "fields": FIELDS,
    "channels": CHANNELS,
    "focus": FOCUS,
    "measure": MEASURE,
    "search": SEARCH,
    "theme": THEME,
    "compare": COMPARE,
}


def to_query(state: FilterState) -> dict[str, str]:
    """The non-empty parts of `state` as query parameters; lists joined with commas."""
    query: dict[str, str] = {}
    for attribute in fields(FilterState):
        value = getattr(state, attribute.name)
        text = ",".join(value) if isinstance(value, tuple) else str(value)
        if text:
            query[_KEYS[attribute.name]] = text
    return query


def from_query(params: Mapping[str, str | Iterable[str]]) -> FilterState:
    """A state from query parameters (as st.query_params gives them); unknown keys ignored,
    over-long values cut, lists split on commas. Never raises."""
    values: dict[str, object] = {}
    for name, key in _KEYS.items():
        raw = params.get(key)
        if raw is None:
            continue
        text = raw if isinstance(raw, str) else ",".join(raw)
        text = text.strip()[:_MAX_TEXT] if key == SEARCH else text.strip()
        if key in _LISTS:
            values[name] = _unique(part.strip() for part in text.split(","))
        else:
            values[name] = text
    return FilterState(**values)  # type: ignore[arg-type]


def _unique(values: Iterable[object]) -> tuple[str, ...]:
    """Non-empty strings in first-seen order, without duplicates."""
    seen: dict[str, None] = {}
    for value in values:
        text = str(value).strip()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)
