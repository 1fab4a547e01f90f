"""Real .xls (Excel 2003) and .ods files written by LibreOffice import exactly like the .xlsx
they were converted from; CSV too."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.ingest.pipeline import ImportRequest, Prepared, prepare
from sipas.storage.engine import transaction
from tests.support.workbooks import convert, respondent_rows, xlsx

CONVERTED: dict[str, bytes] = {}


def read(engine: Engine, content: bytes, name: str) -> Prepared:
    with transaction(engine) as session:
        return prepare(session, ImportRequest(content, name, "2024"))


@pytest.fixture(scope="module")
def source() -> bytes:
    header, rows, _ = respondent_rows(40, 5)
    title = [["SỞ NỘI VỤ TỈNH NINH THUẬN"], ["PHIẾU KHẢO SÁT SIPAS 2024"], []]
    return xlsx([*title, header, *rows], merged=["A1:F1", "A2:F2"])


@pytest.mark.parametrize(
    "target", ["xls:MS Excel 97", "ods", "csv:Text - txt - csv (StarCalc):44,34,76"]
)
def test_libreoffice_conversions_import_like_the_xlsx(
    engine: Engine, source: bytes, target: str
) -> None:
    original = read(engine, source, "a.xlsx")
    suffix = target.split(":")[0]
    if target not in CONVERTED:  # LibreOffice takes seconds: convert once for both databases
        CONVERTED[target] = convert(source, ".xlsx", target)
    converted = read(engine, CONVERTED[target], f"a.{suffix}")
    assert converted.header.excel_row == original.header.excel_row == 4
    assert converted.rows_accepted == original.rows_accepted == 40
    mine = converted.check.batch  # type: ignore[union-attr]
    theirs = original.check.batch  # type: ignore[union-attr]
    assert (mine.answers == theirs.answers).all()
    for column in (s.UNIT, s.FIELD, "survey_date", s.GENDER, "external_id"):
        assert mine.slices[column].tolist() == theirs.slices[column].tolist(), column
    assert converted.preview.round(9).equals(original.preview.round(9))


MERGED_UNITS = [
    ["KẾT QUẢ KHẢO SÁT", None, None, None],
    ["Đơn vị", "Lĩnh vực", "Câu 1", "Câu 2"],
    ["Huyện Bác Ái", "Đất đai", 4, 5],
    [None, "Tư pháp", 3, 4],
    [None, "Xây dựng", 5, 5],
    ["Ninh Hải", "Đất đai", 2, 4],
]


@pytest.mark.parametrize("target", ["xlsx", "xls:MS Excel 97", "ods"])
def test_a_unit_merged_over_several_rows_is_read_in_every_format(
    engine: Engine, target: str
) -> None:
    content = xlsx(MERGED_UNITS, merged=["A1:D1", "A3:A5"])
    key = f"merged-{target}"
    if target != "xlsx" and key not in CONVERTED:
        CONVERTED[key] = convert(content, ".xlsx", target)
    ready = read(engine, CONVERTED.get(key, content), f"a.{target.split(':')[0]}")
    assert ready.issues.empty, ready.issues
    units = ready.check.batch.slices[s.UNIT].tolist()  # type: ignore[union-attr]
    assert units == ["bac-ai", "bac-ai", "bac-ai", "ninh-hai"]
