"""The Excel report of a selection on the demo database (SQLite and PostgreSQL): it reopens
with openpyxl, carries the filters and the data version on its first sheet, and its numbers are
the domain layer's."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sipas.core.schema import LABEL, TARGET_STATUS, VALUE
from sipas.dashboard import criteria, field_results, overview, standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import previous_units
from sipas.export import sheets
from sipas.export.selection import report_data
from sipas.export.workbook import report_workbook
from sipas.gaps import table as g
from sipas.method.measures import SIPAS_INDEX
from sipas.targets.status import COLOURS
from tests.support.demo import BACKENDS, demo_copy
from tests.support.reports import report_inputs

STATE = FilterState(wave="2024", units=("ninh-son", "bac-ai"), focus="ninh-son")
MADE = dt.datetime(2026, 11, 23, 9, 30)


@pytest.fixture(scope="module", params=BACKENDS)
def inputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    with demo_copy(request, request.param, tmp_path_factory.mktemp("report")) as url:
        yield report_inputs(url, STATE)


@pytest.fixture(scope="module")
def book(inputs):
    data = report_workbook(inputs, report_data(inputs), "chuyenvien", MADE)
    return load_workbook(io.BytesIO(data))


def table(sheet: Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(min_row=sheets.HEADER_ROW, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def summary(sheet: Worksheet) -> dict[str, object]:
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}


def test_sheets_have_vietnamese_names_and_frozen_headers(book) -> None:
    assert book.sheetnames == [
        "Tóm tắt", "Xếp hạng", "Lĩnh vực", "Tiêu chí", "Mục tiêu và khoảng cách",
    ]  # fmt: skip
    assert book["Tóm tắt"].freeze_panes == "A4"
    for name in book.sheetnames[1:]:
        assert book[name].freeze_panes == "A5", name
        assert book[name]["A4"].font.bold
        assert book[name].page_setup.orientation == "landscape"
        assert book[name].print_title_rows == "$1:$4"


def test_first_sheet_holds_filters_data_version_and_the_overview_cards(book, inputs) -> None:
    rows = summary(book["Tóm tắt"])
    assert rows["Đợt khảo sát"].startswith("2024 – ")
    assert rows["Cấp đơn vị"] == "Cấp huyện"
    assert rows["Đơn vị"] == "Ninh Sơn, Bác Ái"
    assert rows["Lĩnh vực"] == "Tất cả"
    assert rows["Phiên bản dữ liệu"] == inputs.data_version > 0
    assert rows["Thời điểm xuất"] == "09:30 23/11/2026"
    scope = inputs.scope
    peers, compared = previous_units(scope, inputs.previous, inputs.units)
    ranking = standings.rank_with_previous(
        inputs.counts, scope, inputs.labels, inputs.targets, SIPAS_INDEX, inputs.previous, peers
    )
    cards = overview.overview_cards(
        inputs.counts, scope, ranking, inputs.units, inputs.targets, inputs.previous, compared
    )
    assert rows["SIPAS của lựa chọn (%)"] == pytest.approx(cards.value)
    assert rows["Thay đổi so với đợt trước (điểm %)"] == pytest.approx(cards.change)
    assert rows["Số phiếu (n)"] == cards.n == 1000
    assert rows["Số đơn vị đạt mục tiêu / có mục tiêu"] == f"{cards.meeting}/{cards.judged}"
    cell = next(c for c in book["Tóm tắt"]["B"] if c.value == cards.value)
    assert cell.number_format == '0.00"%"'


def test_ranking_sheet_equals_the_ranking_page(book, inputs) -> None:
    scope = inputs.scope
    peers, _ = previous_units(scope, inputs.previous, inputs.units)
    expected = standings.rank_with_previous(
        inputs.counts, scope, inputs.labels, inputs.targets, SIPAS_INDEX, inputs.previous, peers
    )
    rows = table(book["Xếp hạng"])
    assert [r["Đơn vị"] for r in rows] == expected[LABEL].tolist()
    assert [r["SIPAS (%)"] for r in rows] == pytest.approx(expected[VALUE].tolist())
    assert [r["Hạng"] for r in rows] == expected["rank"].tolist()
    assert {r["Đơn vị"] for r in rows if r["Trong lựa chọn"] == "Có"} == {"Ninh Sơn", "Bác Ái"}
    status_cells = [c for c in book["Xếp hạng"]["L"][sheets.HEADER_ROW :] if c.value]
    for cell, status in zip(status_cells, expected[TARGET_STATUS], strict=True):
        assert cell.fill.fgColor.rgb.endswith(COLOURS[status].lstrip("#"))


def test_fields_criteria_and_gap_sheets_equal_the_domain_layer(book, inputs) -> None:
    scope = inputs.scope
    fields = field_results.field_summary(inputs.counts, scope, inputs.targets)
    rows = table(book["Lĩnh vực"])
    assert [r["Lĩnh vực"] for r in rows] == fields[field_results.FIELD_LABEL].tolist()
    assert [r["SIPAS (%)"] for r in rows] == pytest.approx(fields[VALUE].tolist())

    items = criteria.item_comparison(inputs.counts, scope, "ninh-son")
    rows = table(book["Tiêu chí"])
    assert [r["Tỷ lệ hài lòng (%)"] for r in rows] == pytest.approx(items[VALUE].tolist())
    weakest = criteria.weakest_items(items)[LABEL].tolist()
    assert [r["Tiêu chí"] for r in sorted(rows, key=_weak_order) if r["Thứ tự yếu nhất"]] == (
        weakest
    )
    assert book["Tiêu chí"]["A1"].value.startswith("Tiêu chí của Ninh Sơn")

    gaps = g.gap_table(inputs.gap_inputs, measures=["sipas"], level="district")
    pairs = zip(gaps[g.UNIT_CODE], gaps[g.GAP_PP], strict=True)
    by_unit = {inputs.labels[code]: gap for code, gap in pairs}
    rows = table(book["Mục tiêu và khoảng cách"])
    assert len(rows) == len(scope.peers)
    for row in rows:
        assert row["Còn thiếu (điểm %)"] == pytest.approx(by_unit[row["Đơn vị"]])


def _weak_order(row: dict[str, object]) -> int:
    return int(row["Thứ tự yếu nhất"] or 99)  # type: ignore[call-overload]


def test_text_never_becomes_a_formula() -> None:
    book = load_workbook(io.BytesIO(_one_cell('=HYPERLINK("http://x")')))
    cell = book.active["A1"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x")'


def _one_cell(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheets.set_value(book.active.cell(1, 1), text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
