"""An Altair chart's Vega-Lite dict, as chart.to_dict(validate=False) writes it, made faster.

Two parts of Altair's conversion cost more than the rest of a dashboard chart's spec:
- it copies every row of inline data and checks every value against its own types (the
  answer distribution's 770 values took 5 of its 7 ms), so rows given as plain JSON records
  (sipas.charts.slim) go around it, swapped for placeholders and put back afterwards;
- its "shallow" copy of a layered chart rebuilds the chart and copies every layer twice, so
  the top level's part of the conversion is done here for a layered chart.
The result is the dict Altair writes (tests/unit/test_charts.py compares them).

Every use of Altair's internals (schemapi, a data object's _kwds) is in this module;
tests/unit/test_compat.py fails loudly when an Altair upgrade changes one of them.
"""

from __future__ import annotations

from typing import Any, Final, cast

import altair as alt
from altair.utils import schemapi, update_nested

_ROWS_PLACEHOLDER: Final = "sipas_rows_"
_JSON_VALUES: Final = (str, int, float, bool, type(None))
_VIEW_LISTS: Final = ("layer", "hconcat", "vconcat", "concat")


def skip_schema_checks() -> None:
    """Stop Altair from checking every schema object against the Vega-Lite schema as it is
    created ("debug mode"); the tests validate every chart's full spec instead."""
    schemapi.disable_debug_mode()


def altair_dict(chart: Any) -> dict[str, Any]:
    """What chart.to_dict(validate=False) returns; `chart` is left as it was."""
    swapped, rows = _hold_rows(chart)
    try:
        spec = _altair_dict(chart)
    finally:
        for view, data in swapped:
            view.data = data
    return cast(dict[str, Any], _with_rows(spec, rows)) if rows else spec


def _altair_dict(chart: Any) -> dict[str, Any]:
    """What chart.to_dict(validate=False) returns. For a layered chart whose data needs no
    conversion (its rows are held, see _hold_rows) this does the top level's part itself:
    Altair's starts with a "shallow" copy of the chart, which for a layered chart rebuilds
    it and copies every layer twice (more than half of the criteria charts' time)."""
    data = getattr(chart, "data", alt.Undefined)
    if not isinstance(chart, alt.LayerChart) or not (
        data is alt.Undefined or isinstance(data, alt.NamedData)
    ):
        return cast(dict[str, Any], chart.to_dict(validate=False))
    context: dict[str, Any] = {"datasets": {}, "top_level": False, "pre_transform": False}
    if data is not alt.Undefined:
        context["data"] = data  # the layers' own to_dict read their data from here
    spec = schemapi.SchemaBase.to_dict(chart, validate=False, context=context)
    spec.setdefault("$schema", alt.SCHEMA_URL)
    theme = alt.theme.get()
    if theme is not None:  # as Altair: the theme's config under the chart's own
        spec = cast(dict[str, Any], update_nested(theme(), spec, copy=True))
    if context["datasets"]:
        spec.setdefault("datasets", {}).update(context["datasets"])
    return spec


def _hold_rows(chart: Any) -> tuple[list[tuple[Any, Any]], dict[str, list[dict[str, Any]]]]:
    """Swap the JSON rows of `chart` and of the views inside it for named placeholders, one
    per rows object (views may share one). Returns (view, its data) to put back and
    placeholder name → rows."""
    swapped: list[tuple[Any, Any]] = []
    rows_by_name: dict[str, list[dict[str, Any]]] = {}
    placeholders: dict[int, alt.NamedData] = {}
    pending = [chart]
    while pending:
        view = pending.pop()
        data = getattr(view, "data", alt.Undefined)
        rows = _json_rows(data)
        if rows is not None:
            if id(data) not in placeholders:
                name = f"{_ROWS_PLACEHOLDER}{len(placeholders)}"
                placeholders[id(data)] = alt.NamedData(name=name)
                rows_by_name[name] = rows
            swapped.append((view, data))
            view.data = placeholders[id(data)]
        for key in _VIEW_LISTS:
            inner = getattr(view, key, alt.Undefined)
            if isinstance(inner, list):
                pending.extend(inner)
        if isinstance(getattr(view, "spec", None), schemapi.SchemaBase):
            pending.append(view.spec)
    return swapped, rows_by_name


def _json_rows(data: Any) -> list[dict[str, Any]] | None:
    """The rows of `data` when they are plain JSON records and nothing else is set."""
    if not isinstance(data, alt.Data | alt.InlineData):
        return None
    given = {key for key, value in data._kwds.items() if value is not alt.Undefined}
    if given != {"values"}:
        return None
    rows = data._kwds["values"]
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and all(isinstance(v, _JSON_VALUES) for v in row.values())
        for row in rows
    ):
        return None
    return rows


def _with_rows(spec: Any, rows: dict[str, list[dict[str, Any]]]) -> Any:
    """`spec` with each placeholder's data replaced by a copy of its rows."""
    if isinstance(spec, list):
        return [_with_rows(item, rows) for item in spec]
    if not isinstance(spec, dict):
        return spec
    if set(spec) == {"name"} and spec["name"] in rows:
        return {"values": [dict(row) for row in rows[spec["name"]]]}
    return {key: _with_rows(value, rows) for key, value in spec.items()}
