"""Text that looks like a formula stays text in every file we write: the helpers of
sipas.core.cells, the import templates and the audit log's Excel and CSV exports."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook, load_workbook

from sipas.accounts import audit
from sipas.core.cells import append_row, csv_bytes, guarded, inert, set_text, write_csv
from sipas.ingest.template import aggregate_template, respondent_template
from sipas.reference.questionnaires import get_method

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)"]


def text_cells(content: bytes) -> dict[str, str]:
    """Every cell value of a workbook → its data type; no cell may hold a formula."""
    found: dict[str, str] = {}
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.value is not None:
                    found[str(cell.value)] = cell.data_type
    return found


def assert_kept_as_text(content: bytes, texts: list[str] = HOSTILE) -> None:
    found = text_cells(content)
    for text in texts:
        assert found.get(text) == "s", (text, found.get(text))


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_only_text_starting_like_a_formula_gets_an_apostrophe() -> None:
    assert [inert(text) for text in HOSTILE] == [f"'{text}" for text in HOSTILE]
    assert inert("\tx") == "'\tx" and inert("\rx") == "'\rx"
    assert inert(-2) == -2 and inert(-2.5) == -2.5 and inert("Ninh Sơn") == "Ninh Sơn"


def test_csv_prefixes_text_and_keeps_negative_numbers_numbers() -> None:
    frame = pd.DataFrame({"Đơn vị": [*HOSTILE, "Bác Ái"], "Chênh lệch": [-2.5, 1.0, -3.0, 0.0, 4]})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""y"")",-2.5'
    assert lines[2:] == ["'+1,1.0", "'-2+3,-3.0", "'@SUM(A1),0.0", "Bác Ái,4.0"]
    stream = io.StringIO()
    write_csv(frame, stream, index=False, float_format="%.4f", lineterminator="\n")
    assert stream.getvalue().splitlines()[2:4] == ["'+1,1.0000", "'-2+3,-3.0000"]


def test_the_cell_helpers_store_strings_as_strings_and_numbers_as_numbers() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row, text in enumerate(HOSTILE, start=1):
        set_text(sheet.cell(row, 1), text)
    append_row(sheet, [*HOSTILE, -2])
    content = saved(book)
    assert_kept_as_text(content)
    last = load_workbook(io.BytesIO(content)).active[len(HOSTILE) + 1]
    assert [c.value for c in last] == [*HOSTILE, -2] and last[-1].data_type == "n"

    write_only = Workbook(write_only=True)
    stream = write_only.create_sheet("x")
    stream.append(guarded(stream, [*HOSTILE, -2]))
    assert_kept_as_text(saved(write_only))


def test_templates_keep_unit_names_as_text() -> None:
    method = get_method("qd2640")
    units = ["Ninh Sơn", *HOSTILE]  # the example row takes the second name
    for content in (respondent_template(method, units), aggregate_template(method, units)):
        assert_kept_as_text(content)


def test_the_audit_exports_keep_what_people_typed_as_text() -> None:
    shown = pd.DataFrame({"Người thực hiện": HOSTILE, "Đối tượng": ["a", "b", "c", "d"]})
    assert_kept_as_text(audit.export_xlsx(shown, "=Nhật ký"), [*HOSTILE, "=Nhật ký"])
    lines = audit.export_csv(shown).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[2:]] == ["'+1", "'-2+3", "'@SUM(A1)"]
