"""Charts and tables as files: PNG and SVG rendered offline by vl-convert keep the title with
its diacritics; CSV opens in Excel with Vietnamese intact and never runs a formula."""

from __future__ import annotations

import io
import re
import struct

import altair as alt
import pandas as pd
from PIL import Image

from sipas.core.cells import csv_bytes
from sipas.export import charts as chart_files
from sipas.present import charts
from tests.unit.test_charts import all_charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def ranking_spec() -> dict:
    return charts.to_spec(all_charts()["ranking"])


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def svg_texts(svg: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode("utf-8"))


def test_svg_keeps_the_title_subtitle_and_labels_with_diacritics() -> None:
    texts = svg_texts(chart_files.to_svg(ranking_spec()))
    assert "Chỉ số SIPAS – đợt 2024" in texts
    assert "Đợt 2024" in texts  # the subtitle
    assert {"Ninh Sơn", "Bác Ái"} <= set(texts)
    assert "85,30%" in texts  # values written the Vietnamese way


def test_png_is_a_slide_sized_image_of_the_same_chart() -> None:
    spec = ranking_spec()
    width, height = png_size(chart_files.to_png(spec))
    # 900 px of plot plus the label column, twice over for a sharp slide.
    assert 1800 <= width <= 2400
    assert 300 <= height <= 1200
    small_width, _ = png_size(chart_files.to_png(spec, scale=1.0))
    assert abs(width - 2 * small_width) <= 2


def test_every_dashboard_chart_renders_with_its_title() -> None:
    for name, chart in all_charts().items():
        spec = charts.to_spec(chart)
        title = chart_files.chart_title(spec)
        assert title, name
        assert title in svg_texts(chart_files.to_svg(spec)), name


def test_export_leaves_the_page_spec_alone() -> None:
    spec = ranking_spec()
    before = repr(spec)
    fixed = chart_files.export_spec(spec)
    assert fixed["width"] == chart_files.EXPORT_WIDTH
    assert repr(spec) == before


def test_file_names_have_no_diacritics() -> None:
    assert chart_files.file_stem("Chỉ số SIPAS – đợt 2024") == "chi-so-sipas-dot-2024"
    assert chart_files.file_stem("Đơn vị / Lĩnh vực") == "don-vi-linh-vuc"
    assert chart_files.file_stem("–") == "bieu-do"


def test_csv_round_trips_with_a_bom_and_inert_formulas() -> None:
    frame = pd.DataFrame(
        {
            "Đơn vị": ["Ninh Sơn", '=HYPERLINK("x")', "Bác Ái"],
            "Tỷ lệ hài lòng": ["85,30%", "−1,20 điểm %", "-3"],
            "Số phiếu": [1000, 25, -4],
        }
    )
    data = csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == list(frame.columns)
    assert back["Đơn vị"].tolist() == ["Ninh Sơn", '\'=HYPERLINK("x")', "Bác Ái"]
    assert back["Tỷ lệ hài lòng"].tolist() == ["85,30%", "−1,20 điểm %", "'-3"]
    assert back["Số phiếu"].tolist() == [1000, 25, -4]  # numbers stay numbers


def _ink(text: str) -> int:
    """Dark pixels of `text` drawn as a bold chart text in a PNG file."""
    frame = pd.DataFrame({"text": [text]})
    chart = alt.Chart(frame).mark_text(fontWeight="bold", fontSize=20, color="black")
    spec = charts.to_spec(charts.finish(chart.encode(text="text:N"), "Tiêu đề", "Nguồn"))
    image = Image.open(io.BytesIO(chart_files.to_png(spec, width=200, scale=1))).convert("L")
    return sum(image.histogram()[:128])


def test_a_remark_sign_keeps_its_value_in_the_bold_font() -> None:
    """The renderer sets a whole text in a serif fallback when the font lacks one character:
    "82,86% ≈" (statistically tied) came out thin next to "82,86%". Files use a font with
    every sign the charts write (≈ ✔ ✖ ▲)."""
    plain = _ink("82,86% –")
    for sign in "≈✔✖▲":
        assert _ink(f"82,86% {sign}") > 0.9 * plain, sign
