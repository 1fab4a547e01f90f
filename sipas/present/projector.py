"""The projector look: a dashboard chart's Vega-Lite spec re-set for a wall screen at
1920×1080 – large type (axis labels and values at least 24 px, titles larger), thicker marks,
high contrast – without touching how the chart is built."""

from __future__ import annotations

import copy
from typing import Any, Final

from sipas.present import charts

LABEL_PX: Final = 26  # axis labels, values written on marks, legends (≥ 24 px asked)
TITLE_PX: Final = 44
SUBTITLE_PX: Final = 24
_SCALE: Final = 2.0  # how much wider label limits and larger symbols get
_TEXT_KEYS = ("labelFontSize", "titleFontSize")


def projector_spec(spec: dict[str, Any], height: int) -> dict[str, Any]:
    """A copy of `spec` (as from charts.to_spec) with the projector look, `height` px tall
    in all (title, axes and legend included, as Streamlit fits it)."""
    shown = copy.deepcopy(spec)
    _enlarge(shown)
    _add_halos(shown)
    shown["height"] = height
    # Room right of the plot for values written past a bar's end near 100%.
    shown["padding"] = {"left": 5, "top": 5, "bottom": 5, "right": 120}
    shown["config"] = _config(shown.get("config", {}))
    return shown


def _config(config: dict[str, Any]) -> dict[str, Any]:
    axis = {"labelColor": "#000000", "titleColor": "#000000", "labelFontWeight": 600}
    axis |= {"labelFontSize": LABEL_PX, "titleFontSize": LABEL_PX, "labelPadding": 8}
    axis |= {"labelLimit": 520}
    return config | {
        "font": charts.FONT,
        "axis": config.get("axis", {}) | axis,
        "title": config.get("title", {})
        | {
            "fontSize": TITLE_PX,
            "subtitleFontSize": SUBTITLE_PX,
            "color": "#000000",
            "subtitleColor": "#1F2937",
            "offset": 16,
        },
        "legend": config.get("legend", {})
        | {"labelFontSize": LABEL_PX, "symbolSize": 400, "labelColor": "#000000", "labelLimit": 0}
        | {"columns": 2},  # two rows fit a 1366 px screen; one row of four may not
        "text": {"fontSize": LABEL_PX},
        "view": {"stroke": None},
    }


def _enlarge(node: Any) -> None:
    """Walk the spec: text marks and explicit axis or legend font sizes to at least LABEL_PX,
    label limits, tick and point sizes scaled up."""
    if isinstance(node, list):
        for item in node:
            _enlarge(item)
        return
    if not isinstance(node, dict):
        return
    for key in _TEXT_KEYS:
        if isinstance(node.get(key), int | float):
            node[key] = max(LABEL_PX, node[key])
    if isinstance(node.get("labelLimit"), int | float) and node["labelLimit"]:
        node["labelLimit"] = node["labelLimit"] * _SCALE
    mark = node.get("mark")
    if isinstance(mark, dict):
        _enlarge_mark(mark)
    for key, value in node.items():
        if key not in ("data", "datasets"):
            _enlarge(value)


def _enlarge_mark(mark: dict[str, Any]) -> None:
    kind = mark.get("type")
    if kind == "text":
        mark["fontSize"] = max(LABEL_PX, mark.get("fontSize", 0))
        for offset in ("dx", "dy"):
            if isinstance(mark.get(offset), int | float):
                mark[offset] = mark[offset] * _SCALE
    elif kind == "tick" and "size" in mark:
        mark["size"] = mark["size"] * 1.6
    elif kind in ("point", "circle", "square") and "size" in mark:
        mark["size"] = mark["size"] * _SCALE**2
    if isinstance(mark.get("strokeWidth"), int | float):
        mark["strokeWidth"] = mark["strokeWidth"] * 1.5


def _add_halos(node: Any) -> None:
    """Under every text layer of a fixed colour, a white copy with a thick outline: values
    stay readable where they cross a grid line, a target line or an interval."""
    if isinstance(node, list):
        for item in node:
            _add_halos(item)
        return
    if not isinstance(node, dict):
        return
    layers = node.get("layer")
    if isinstance(layers, list):
        node["layer"] = [halo for layer in layers for halo in (*_halo(layer), layer)]
    for key, value in node.items():
        if key not in ("data", "datasets", "layer"):
            _add_halos(value)


def _halo(layer: Any) -> list[dict[str, Any]]:
    if not isinstance(layer, dict) or not isinstance(layer.get("mark"), dict):
        return []
    mark, encoding = layer["mark"], layer.get("encoding", {})
    if (
        mark.get("type") != "text"
        or "color" in encoding
        or mark.get("stroke") == charts.HALO["stroke"]
    ):
        return []  # coloured by data, or a halo already
    halo = {key: copy.deepcopy(value) for key, value in layer.items() if key != "params"}
    halo["mark"] |= {"color": "white", "stroke": "white", "strokeWidth": 6, "strokeJoin": "round"}
    halo["encoding"] = {key: value for key, value in encoding.items() if key != "tooltip"}
    return [halo]
