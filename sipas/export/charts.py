"""Charts as files: a chart's Vega-Lite spec rendered offline by vl-convert, as PNG (for
slides) or SVG, with the title, subtitle and diacritics exactly as on the page."""

from __future__ import annotations

import copy
import re
from typing import Any

import vl_convert as vlc

from sipas.core.textnorm import strip_diacritics

# The page stretches a chart to its column; a file gets a fixed width that fits a 16:9 slide
# (at PNG_SCALE 2 a PNG is 1,800 px wide and stays sharp on a 1920 px projector).
EXPORT_WIDTH = 900
PNG_SCALE = 2.0
# Files are drawn in DejaVu Sans (Debian's fonts-dejavu-core, which scripts/run.sh installs).
# The renderer sets a whole text in the first installed family of the list, or in a serif
# fallback when that family lacks one of its characters: Noto Sans, where installed, lacks
# ≈ ✔ ✖ ▲, so "82,86% ≈" and the status legend came out in a thin serif font.
EXPORT_FONT = "'DejaVu Sans', sans-serif"
_NOT_NAME = re.compile(r"[^0-9a-z]+")


def export_spec(spec: dict[str, Any], width: int = EXPORT_WIDTH) -> dict[str, Any]:
    """A copy of `spec` with a fixed width (when the chart has none), a white background,
    legend labels that are not cut short and the files' font."""
    fixed = copy.deepcopy(spec)
    single = not any(key in fixed for key in ("hconcat", "vconcat", "concat", "facet"))
    if single and "width" not in fixed:
        fixed["width"] = width
    fixed.setdefault("background", "white")
    # A file has room for the legend's whole labels ("✖ Thiếu từ 5 điểm % trở lên").
    fixed.setdefault("config", {}).setdefault("legend", {}).setdefault("labelLimit", 360)
    fixed["config"]["font"] = EXPORT_FONT
    return fixed


def to_svg(spec: dict[str, Any], width: int = EXPORT_WIDTH) -> bytes:
    """The chart as an SVG document (UTF-8); text stays text, so titles can be searched."""
    svg: str = vlc.vegalite_to_svg(export_spec(spec, width))
    return svg.encode("utf-8")


def to_png(spec: dict[str, Any], width: int = EXPORT_WIDTH, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image, `scale` pixels per CSS pixel."""
    png: bytes = vlc.vegalite_to_png(export_spec(spec, width), scale=scale)
    return png


def chart_title(spec: dict[str, Any]) -> str:
    """The chart's title text ("" when it has none)."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(line) for line in title)
    return str(title)


def file_stem(text: str, fallback: str = "bieu-do") -> str:
    """A file name stem from a title, without diacritics: "Xếp hạng SIPAS 2024" →
    "xep-hang-sipas-2024" (`fallback` when nothing is left)."""
    stem = _NOT_NAME.sub("-", strip_diacritics(text).lower()).strip("-")
    return stem[:80].rstrip("-") or fallback
