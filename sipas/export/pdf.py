"""The PDF brief of one unit, laid out as an official report on A4 (margins of an
administrative document: 30 mm left, 15 mm right, 20 mm top and bottom), in DejaVu Sans, a
font with every Vietnamese letter, embedded as a subset. Charts are vl-convert PNGs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from sipas.core.i18n import t
from sipas.export import charts as chart_files
from sipas.export.brief import Brief

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FAMILY = "DejaVu"
CHART_WIDTH_PX = 640  # about the page's text width at screen resolution: readable type
CHART_MAX_MM = 104  # two charts fit one page
INK, MUTED, ALERT = (31, 41, 55), (75, 85, 99), (185, 28, 28)


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        text = self.footer_text.replace("{page}", str(self.page_no()))
        self.cell(0, 5, text, align="C")


def brief_pdf(brief: Brief, font_dir: Path = FONT_DIR) -> bytes:
    """The brief as PDF bytes; raises FileNotFoundError (Vietnamese message) without the font."""
    pdf = _document(brief, font_dir)
    _header(pdf, brief)
    _section(pdf, t("report.brief.section_result"))
    _pairs(pdf, brief.result)
    _caption(pdf, brief.result_caption)
    _section(pdf, t("report.brief.section_gaps"))
    if brief.gaps:
        _pairs(pdf, brief.gaps)
    else:
        _caption(pdf, t("report.brief.no_gap"))
    _section(pdf, t("report.brief.section_criteria"))
    _grid(pdf, brief.weakest)
    _caption(pdf, brief.criteria_caption)
    pdf.add_page()
    _section(pdf, t("report.brief.section_charts"))
    _chart(pdf, brief.ranking_chart, brief.ranking_caption)
    if brief.elements_chart is not None:
        _chart(pdf, brief.elements_chart, brief.elements_caption)
    return bytes(pdf.output())


def _document(brief: Brief, font_dir: Path) -> _Document:
    pdf = _Document(orientation="portrait", unit="mm", format="A4")
    for style, name in FONTS.items():
        path = font_dir / name
        if not path.is_file():
            raise FileNotFoundError(t("report.brief.font_missing", path=path))
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(left=30, top=20, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(f"{brief.heading} – {brief.unit_line}")
    pdf.set_author("SIPAS Dashboard")
    pdf.set_creator("SIPAS Dashboard")
    pdf.footer_text = t("report.brief.footer", source=brief.source, page="{page}", pages="{nb}")
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str, size: float, style: str = "", colour: Any = INK) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _header(pdf: FPDF, brief: Brief) -> None:
    _line(pdf, brief.heading, 12.5, "B")
    pdf.ln(1)
    _line(pdf, brief.unit_line, 14, "B")
    pdf.ln(1)
    _line(pdf, brief.meta, 8.5, "", MUTED)
    if brief.demo:
        pdf.ln(1)
        _line(pdf, t("report.brief.demo"), 9, "B", ALERT)
    pdf.ln(2)
    pdf.set_draw_color(*INK)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_text_color(*INK)
    pdf.cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _caption(pdf: FPDF, text: str) -> None:
    if not text:
        return
    pdf.set_font(FAMILY, "I", 9.5)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 5, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _pairs(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    pdf.set_font(FAMILY, "", 9.5)
    pdf.set_text_color(*INK)
    with pdf.table(
        col_widths=(62, 103),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        line_height=5,
        text_align="LEFT",
        align="LEFT",
        width=pdf.epw,
        padding=(1, 2),
    ) as table:
        for label, value in rows:
            table.row([label, value])
    pdf.ln(1)


def _grid(pdf: FPDF, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(*INK)
    widths = (83, 24, 27, 31)[: len(frame.columns)]
    with pdf.table(
        col_widths=widths,
        borders_layout="HORIZONTAL_LINES",
        line_height=4.6,
        text_align="LEFT",
        align="LEFT",
        width=pdf.epw,
        padding=(1, 2),
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", fill_color=(229, 231, 235)),
    ) as table:
        table.row([str(name) for name in frame.columns])
        for values in frame.itertuples(index=False):
            table.row([str(value) for value in values])
    pdf.ln(1)


def _chart(pdf: FPDF, spec: dict[str, Any], caption: str) -> None:
    png = chart_files.to_png(spec, width=CHART_WIDTH_PX)
    width_px, height_px = _png_size(png)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    height = width * height_px / width_px
    if height > CHART_MAX_MM:
        width, height = width * CHART_MAX_MM / height, CHART_MAX_MM
    if pdf.get_y() + height + 12 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width, h=height)
    pdf.ln(1)
    _caption(pdf, caption)
    pdf.ln(2)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
