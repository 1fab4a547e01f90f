"""The read guard: what a workbook declares is checked before it is read, and the read runs
in a child process whose death or slowness becomes a Vietnamese message, not a dead server."""

from __future__ import annotations

import io

import pytest
import python_calamine as calamine

from sipas.ingest import sheetsize
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import Limits
from sipas.ingest.reading import read_sheet
from sipas.ingest.sheetsize import Extent, check_extent
from tests.support import hostile
from tests.support.workbooks import respondent_rows, xlsx

TOO_LARGE = "Tệp khai báo bảng tính quá lớn"


def test_a_far_cell_is_refused_from_what_the_file_declares() -> None:
    content = hostile.far_cell()
    assert len(content) < 5_000
    with pytest.raises(IngestError, match=TOO_LARGE) as refused:
        read_sheet(content, "bom.xlsx", Limits())
    assert "199.999 dòng × 16.384 cột" in str(refused.value)
    assert "3.276.783.616 ô" in str(refused.value)


def test_a_sparse_sheet_without_a_dimension_is_refused_by_its_cells() -> None:
    with pytest.raises(IngestError, match=TOO_LARGE) as refused:
        read_sheet(hostile.sparse(), "thua.xlsx", Limits())
    assert "150.000 dòng × 1.000 cột (150.000.000 ô" in str(refused.value)


def test_when_the_limits_let_it_through_the_child_dies_and_we_answer() -> None:
    generous = Limits(max_columns=20_000, max_cells=10**12, read_megabytes=1024)
    with pytest.raises(IngestError, match=f"{TOO_LARGE} hoặc bị hỏng.*1024 MB") as died:
        read_sheet(hostile.far_cell(), "bom.xlsx", generous)
    assert "ứng dụng vẫn hoạt động bình thường" in str(died.value)
    # this process is alive and reads the next file as before
    assert read_sheet(xlsx([["Đơn vị"], ["Ninh Hải"]]), "a.xlsx", Limits()).cells[1] == ["Ninh Hải"]


def test_a_read_beyond_its_time_is_stopped() -> None:
    header, rows, _ = respondent_rows(3000)
    with pytest.raises(IngestError, match="quá 0,001 giây nên đã dừng"):
        read_sheet(xlsx([header, *rows]), "cham.xlsx", Limits(read_seconds=0.001))


def test_a_zip_bomb_is_refused_by_its_declared_unpacked_size() -> None:
    content = hostile.zip_bomb(12)
    assert len(content) < 100_000
    with pytest.raises(
        IngestError, match=f"{TOO_LARGE}: khi giải nén chiếm 12 MB, vượt giới hạn 5 MB"
    ):
        read_sheet(content, "bom.xlsx", Limits(max_unzipped_megabytes=5))


def test_rows_columns_and_cells_each_have_a_limit() -> None:
    limits = Limits(max_rows=100, max_columns=10, max_cells=500)
    check_extent(Extent(rows=100, columns=5, cells=500), limits)
    for extent in (Extent(60, 11, 0), Extent(60, 9, 0), Extent(10, 2, 501)):
        with pytest.raises(IngestError, match=TOO_LARGE):
            check_extent(extent, limits)
    with pytest.raises(IngestError, match="101 dòng, vượt giới hạn 100 dòng"):
        check_extent(Extent(101, 3, 0), limits)


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_the_scan_reads_prefixed_xml_rows_without_references_and_chunk_edges(
    prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheetsize, "_CHUNK", 7)  # every tag is cut somewhere
    p = prefix
    rows = f'<{p}row r="1">{hostile.text_cell("A1", "Đơn vị", p)}<{p}c r="AB1"/></{p}row>'
    rows += f"<{p}row><{p}c/><{p}c/><{p}c/></{p}row>"  # row 2, cells A2:C2 without references
    rows += f'<{p}row r="40"><{p}c r="D40"><{p}v>1</{p}v></{p}c></{p}row>'
    content = hostile.workbook_xml(rows, prefix=p)
    extent = sheetsize.check_xlsx_sheet(content, "xl/worksheets/sheet1.xml", Limits())
    assert (extent.rows, extent.columns) == (40, 28)
    assert extent.cells == 6


def test_the_guarded_read_gives_calamines_grid_from_a1() -> None:
    """A sheet whose first used cell is C3, with a merged range: the grid is the one the
    reader gave before the guard (calamine's to_python from A1, merged cells filled)."""
    rows = [[None] * 4, [None] * 4, [None, None, "Tiêu đề", None], [None, None, "Đơn vị", 4.5]]
    content = xlsx(rows, merged=["C3:D3"])
    sheet = read_sheet(content, "a.xlsx", Limits())
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    expected = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    expected[2][3] = "Tiêu đề"
    assert sheet.cells == expected
    assert sheet.cells[3] == ["", "", "Đơn vị", 4.5]


def test_sessions_reading_at_once_each_get_their_own_sheet() -> None:
    """Streamlit serves sessions from threads: each read has its own child and pipe."""
    from concurrent.futures import ThreadPoolExecutor

    files = [xlsx([["Đơn vị", "Câu 1"], [f"Đơn vị {i}", i]]) for i in range(6)]
    files[2] = hostile.far_cell()
    generous = Limits(max_columns=20_000, max_cells=10**12, read_megabytes=1024)

    def read(i: int) -> str:
        try:
            return str(read_sheet(files[i], f"{i}.xlsx", generous).cells[1][0])
        except IngestError as error:
            return str(error)

    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(read, range(6)))
    assert got[2].startswith(f"{TOO_LARGE} hoặc bị hỏng")
    assert [g for i, g in enumerate(got) if i != 2] == [f"Đơn vị {i}" for i in (0, 1, 3, 4, 5)]
