"""The PDF brief of a unit on the demo database: two A4 pages whose text (read back with
pdftotext from poppler-utils) holds the unit's SIPAS, rank "X/Y", gaps, weakest criteria and
the chart captions, with every Vietnamese letter intact."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from sipas.core.formatting import format_percent
from sipas.core.schema import LABEL, VALUE
from sipas.dashboard import criteria, standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import previous_units
from sipas.export.brief import neighbours, unit_brief
from sipas.export.pdf import brief_pdf
from sipas.export.selection import report_data
from sipas.export.workbook import report_workbook
from sipas.method.measures import SIPAS_INDEX
from tests.storage.test_import_aggregate import MERGED, TABLE, publish
from tests.support.reports import report_inputs
from tests.support.workbooks import xlsx

MADE = dt.datetime(2026, 11, 23, 9, 30)
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


def pdf_text(data: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "brief.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, " ".join(text.split())


def test_brief_of_a_district_holds_its_numbers_on_two_pages(
    demo_file: Path, tmp_path: Path
) -> None:
    inputs = report_inputs(f"sqlite:///{demo_file}", FilterState(wave="2024", units=("ninh-son",)))
    brief = unit_brief(inputs, report_data(inputs), dt.date(2026, 11, 23))
    pages, text = pdf_text(brief_pdf(brief), tmp_path)
    assert pages == 2
    scope = inputs.scope
    peers, _ = previous_units(scope, inputs.previous, inputs.units)
    ranking = standings.rank_with_previous(
        inputs.counts, scope, inputs.labels, inputs.targets, SIPAS_INDEX, inputs.previous, peers
    )
    own = ranking[ranking["unit"] == "ninh-son"].iloc[0]
    assert "BẢN TÓM TẮT KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG (SIPAS)" in text
    assert "Ninh Sơn – đợt khảo sát 2024" in text
    assert f"Chỉ số SIPAS {format_percent(own[VALUE])}" in text
    assert f"{int(own['rank'])}/{int(own['of'])} trong các đơn vị cấp huyện" in text
    assert "II. KHOẢNG CÁCH ĐẾN MỤC TIÊU" in text and "Số người hài lòng cần thêm" in text
    items = criteria.item_comparison(inputs.counts, scope, "ninh-son")
    weakest = criteria.weakest_items(items)
    first_words = " ".join(weakest[LABEL].iloc[0].split()[:5])
    assert f"Tiêu chí có tỷ lệ hài lòng thấp nhất là {first_words}" in text
    assert "Hình 1. Ninh Sơn xếp 4 trong 7 đơn vị cấp huyện" in text
    assert "Hình 2. Yếu tố thấp nhất của Ninh Sơn" in text
    assert "DỮ LIỆU MINH HỌA" in text and "Trang 2/2" in text


def test_brief_of_a_commune_among_many_shows_its_neighbours(
    demo_file: Path, tmp_path: Path
) -> None:
    state = FilterState(wave="2025", level="commune")
    inputs = report_inputs(f"sqlite:///{demo_file}", state)
    report = report_data(inputs)
    assert len(report.ranking) > 11
    brief = unit_brief(inputs, report, dt.date(2026, 11, 23))
    pages, _ = pdf_text(brief_pdf(brief), tmp_path)
    assert pages == 2
    # The chart is a picture in the PDF: its subtitle is read from the spec drawn.
    subtitle = brief.ranking_chart["title"]["subtitle"][0]
    assert subtitle.endswith(f"(11/{len(report.ranking)} đơn vị)")
    rows = brief.ranking_chart["data"]["values"]
    assert len(rows) == 11


def test_neighbours_keep_eleven_rows_around_the_unit_within_the_ranking() -> None:
    ranking = pd.DataFrame({"unit": [f"u{i}" for i in range(20)]})
    assert neighbours(ranking, "u0")["unit"].tolist() == [f"u{i}" for i in range(11)]
    assert neighbours(ranking, "u10")["unit"].tolist() == [f"u{i}" for i in range(5, 16)]
    assert neighbours(ranking, "u19")["unit"].tolist() == [f"u{i}" for i in range(9, 20)]
    assert len(neighbours(ranking.head(4), "u2")) == 4


def test_report_and_brief_of_a_published_wave_without_n(engine: Engine, tmp_path: Path) -> None:
    """A wave imported from a published table: no questionnaires, one unit without n; the
    report and the brief still come out (no criteria, no intervals), on both databases."""
    publish(engine, xlsx(TABLE, MERGED))
    url = engine.url.render_as_string(hide_password=False)
    inputs = report_inputs(url, FilterState(wave="2023", units=("bac-ai",)))
    report = report_data(inputs)
    assert report.unit == "bac-ai" and report.items.empty
    book = load_workbook(io.BytesIO(report_workbook(inputs, report, "tester", MADE)))
    ranking = list(book["Xếp hạng"].iter_rows(min_row=5, values_only=True))
    assert [(row[2], row[3]) for row in ranking] == [
        ("Ninh Sơn", 92.15), ("Phan Rang – Tháp Chàm", 90.5), ("Bác Ái", 84.0),
    ]  # fmt: skip
    pages, text = pdf_text(brief_pdf(unit_brief(inputs, report, MADE.date())), tmp_path)
    assert pages == 2
    assert "Bác Ái – đợt khảo sát 2023" in text and "Chỉ số SIPAS 84,00%" in text
    assert "Chưa có số liệu theo tiêu chí" in text
