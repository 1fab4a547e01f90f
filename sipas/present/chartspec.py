"""A chart's spec as the browser gets it: everything that changes with the selection in data.

Streamlit redraws a chart in place, handing Vega only its new rows, when the spec it sends is
the same as the last one; any other change of the spec makes the browser build the chart from
scratch, which costs far more than the data. So the browser's copy of a spec keeps its data
in named datasets with fixed names (Streamlit sends those apart from the spec) and reads its
title and source line ("Đợt 2024 · … · n = 3.500 phiếu") from the first row of its main
dataset. Exports keep the spec as built, with its title written out.
"""

from __future__ import annotations

from typing import Any, Final

# Datasets are named by their position in the spec, so that the same chart over other rows
# has the same names; the prefix keeps them apart from the names Vega-Lite gives its own.
DATASET_PREFIX: Final = "sipas_data_"
TITLE_FIELD: Final = "sipas_title"
SUBTITLE_FIELD: Final = "sipas_subtitle"
_LINE_BREAK: Final = "\n"
_VIEW_LISTS: Final = ("layer", "hconcat", "vconcat", "concat")


def browser_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of `spec` (as from charts.to_spec; not changed) whose data sits in named
    datasets and whose title and subtitle are read from the main dataset's first row."""
    datasets: dict[str, list[dict[str, Any]]] = {}
    renamed: dict[str, str] = {}
    shared = dict(spec.get("datasets", {}))
    result = _with_named_data(spec, datasets, renamed, shared)
    result.pop("datasets", None)
    main = _main_dataset(result)
    if main is not None and isinstance(result.get("title"), dict):
        datasets[main] = _with_titles(datasets[main], result["title"])
        result["title"] = _title_from_data(result["title"], main)
    if datasets:
        result["datasets"] = datasets
    return result


def _with_named_data(
    view: dict[str, Any],
    datasets: dict[str, list[dict[str, Any]]],
    renamed: dict[str, str],
    shared: dict[str, Any],
) -> dict[str, Any]:
    """`view` with its inline rows (and those of the views inside it) moved to `datasets`
    under names by position, and references to the spec's own named datasets renamed."""
    result = dict(view)
    data = view.get("data")
    if isinstance(data, dict) and "values" in data and _is_rows(data["values"]):
        name = f"{DATASET_PREFIX}{len(datasets)}"
        datasets[name] = list(data["values"])
        result["data"] = {"name": name}
    elif isinstance(data, dict) and data.get("name") in shared:
        old = data["name"]
        if old not in renamed:
            renamed[old] = f"{DATASET_PREFIX}{len(datasets)}"
            datasets[renamed[old]] = list(shared[old])
        result["data"] = {"name": renamed[old]}
    for key in _VIEW_LISTS:
        if isinstance(view.get(key), list):
            result[key] = [
                _with_named_data(inner, datasets, renamed, shared)
                if isinstance(inner, dict)
                else inner
                for inner in view[key]
            ]
    if isinstance(view.get("spec"), dict):  # a facet's inner view
        result["spec"] = _with_named_data(view["spec"], datasets, renamed, shared)
    return result


def _is_rows(values: Any) -> bool:
    """Tabular rows (a list of records); other inline data (GeoJSON …) stays in the spec."""
    return isinstance(values, list) and all(isinstance(row, dict) for row in values)


def _main_dataset(spec: dict[str, Any]) -> str | None:
    """The dataset of the chart as a whole, or of its first view with data."""
    data = spec.get("data")
    if isinstance(data, dict) and str(data.get("name", "")).startswith(DATASET_PREFIX):
        return str(data["name"])
    for key in _VIEW_LISTS:
        for inner in spec.get(key) or []:
            if isinstance(inner, dict) and (name := _main_dataset(inner)):
                return name
    return None


def _lines(text: Any) -> list[str]:
    if text is None:
        return []
    return [str(line) for line in text] if isinstance(text, list) else [str(text)]


def _with_titles(rows: list[dict[str, Any]], title: dict[str, Any]) -> list[dict[str, Any]]:
    """Each row with the chart's title and subtitle lines (one line break between lines)."""
    heading = _LINE_BREAK.join(_lines(title.get("text")))
    source = _LINE_BREAK.join(_lines(title.get("subtitle")))
    return [{**row, TITLE_FIELD: heading, SUBTITLE_FIELD: source} for row in rows]


def _title_from_data(title: dict[str, Any], dataset: str) -> dict[str, Any]:
    """The title with its text and subtitle as Vega expressions over the dataset's first
    row (empty while it has none); the look (anchor, fonts) stays as it was."""
    first = f"data('{dataset}')[0]"
    result = dict(title)
    for key, field in (("text", TITLE_FIELD), ("subtitle", SUBTITLE_FIELD)):
        if key in title:
            lines = f"split({first}.{field}, '\\n')"
            result[key] = {"expr": f"length(data('{dataset}')) ? {lines} : ''"}
    return result
