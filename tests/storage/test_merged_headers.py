"""Headers as people merge them, on real .xlsx (and .ods) files against SQLite and PostgreSQL:
a title merged across the table, group headers merged down over two rows, a numbering row
above the data; a data row is never the header; a doubtful header stops the import with a
question (nothing written) until staff say which row it is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, Prepared, prepare
from sipas.method.results import wave_indices
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from tests.storage.test_cli import sipas
from tests.support.workbooks import convert, database_state, xlsx

TITLE = "KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN NĂM 2024"
ITEMS = 5
ITEM_CODES = [f"TC{i:02d}" for i in range(1, ITEMS + 1)]
UNITS = ["Huyện Bác Ái", "Huyện Ninh Hải", "Huyện Ninh Sơn"]
CONVERTED: dict[str, bytes] = {}


def questionnaires(n: int = 24, seed: int = 7) -> tuple[list[list[object]], np.ndarray]:
    """Rows STT, unit, field, answers 1–5 (some blank); the first row answers 4 5 3 2 1, so
    its numbers look like item numbers to a reader that takes it for the header."""
    rng = np.random.default_rng(seed)
    answers = rng.integers(0, 6, size=(n, ITEMS))
    answers[:, 0] = rng.integers(1, 6, size=n)
    answers[0] = [4, 5, 3, 2, 1]
    rows = [
        [i + 1, UNITS[i % len(UNITS)], "Đất đai", *[int(a) if a else None for a in answers[i]]]
        for i in range(n)
    ]
    return rows, answers


def grouped(merged_down: bool, numbering: bool = False) -> tuple[bytes, np.ndarray]:
    """Title merged across; "STT", "Đơn vị", "Lĩnh vực" on row 2 (merged down over row 3
    when `merged_down`, else with nothing under them) and "Đánh giá của người dân" merged
    across the items, numbered 1–5 on row 3; optionally a row numbering every column."""
    rows, answers = questionnaires()
    width = 3 + ITEMS
    last = get_column_letter(width)
    group = ["STT", "Đơn vị", "Lĩnh vực", "Đánh giá của người dân", *[None] * (ITEMS - 1)]
    numbers = [None, None, None, *range(1, ITEMS + 1)]
    above = [[TITLE, *[None] * (width - 1)], group, numbers]
    if numbering:
        above.append([f"({k})" for k in range(1, width + 1)])
    merged = [f"A1:{last}1", f"D2:{last}2"]
    if merged_down:
        merged += ["A2:A3", "B2:B3", "C2:C3"]
    return xlsx([*above, *rows], merged), answers


def flat() -> bytes:
    rows, _ = questionnaires()
    return xlsx([["STT", "Đơn vị", "Lĩnh vực", *[f"Câu {i}" for i in range(1, 6)]], *rows])


def prepared(engine: Engine, content: bytes, name: str = "a.xlsx", **options: object) -> Prepared:
    with transaction(engine) as session:
        return prepare(session, ImportRequest(content, name, "2024", **options))  # type: ignore[arg-type]


def by_unit(engine: Engine, wave: str) -> dict[str, tuple[float, int]]:
    with transaction(engine) as session:
        counts = load_wave_counts(session, wave)
    table = wave_indices(counts, [s.UNIT])
    return {r[s.UNIT]: (round(r[s.SIPAS], 9), int(r[s.N])) for r in table.to_dict("records")}


def assert_items_read(ready: Prepared, answers: np.ndarray, first: int, last: int) -> None:
    assert (ready.header.excel_row, ready.header.last + 1) == (first, last)
    assert ready.mapping.targets == {
        1: s.UNIT,
        2: s.FIELD,
        **{3 + k: code for k, code in enumerate(ITEM_CODES)},
    }
    assert ready.issues.empty, ready.issues
    assert ready.rows_accepted == len(answers)
    batch = ready.check.batch  # type: ignore[union-attr]
    assert (batch.answers[:, :ITEMS] == answers).all()


@pytest.mark.parametrize("merged_down", [True, False], ids=["merged-down", "empty-below"])
def test_group_headers_over_two_rows_under_a_title_import_the_right_columns(
    engine: Engine, merged_down: bool
) -> None:
    content, answers = grouped(merged_down)
    ready = prepared(engine, content)
    assert_items_read(ready, answers, first=2, last=3)
    labels = [ready.header.label(c) for c in range(len(ready.header.labels))]
    assert labels[:4] == ["STT", "Đơn vị", "Lĩnh vực", "Đánh giá của người dân 1"]
    commit_import(engine, ready, "tester")
    with transaction(engine) as session:
        flat_ready = prepare(session, ImportRequest(flat(), "b.xlsx", "2024-phang", year=2024))
    commit_import(engine, flat_ready, "tester")
    assert by_unit(engine, "2024") == by_unit(engine, "2024-phang")
    assert len(by_unit(engine, "2024")) == 3


def test_a_numbering_row_above_the_data_is_header_not_data(engine: Engine) -> None:
    content, answers = grouped(merged_down=True, numbering=True)
    ready = prepared(engine, content)
    assert_items_read(ready, answers, first=2, last=4)
    assert all("(" not in ready.header.label(c) for c in range(len(ready.header.labels)))


def test_a_data_row_is_never_taken_for_the_header(engine: Engine) -> None:
    """The header names its items in words the importer does not know; the first data row
    names a unit ("Huyện …") and holds numbers 1–5 that read like item numbers: it is data."""
    rows, _ = questionnaires()
    header = ["STT", "Đơn vị", "Lĩnh vực", *[f"Nội dung đánh giá {k}" for k in "abcde"]]
    content = xlsx([[TITLE, *[None] * 7], header, *rows], ["A1:H1"])
    before = database_state(engine)
    ready = prepared(engine, content)
    assert ready.header.excel_row == 2
    assert ready.mapping.targets == {1: s.UNIT, 2: s.FIELD}  # no item column guessed
    assert ready.problem  # and the import asks for the item columns rather than guessing
    assert ready.rows_total == len(rows)
    assert database_state(engine) == before


AGGREGATE = [
    ["KẾT QUẢ CHỈ SỐ HÀI LÒNG (SIPAS) NĂM 2024 CỦA CÁC HUYỆN", None, None, None, None],
    ["STT", "Đơn vị", "Chỉ số hài lòng (%)", None, "Xếp hạng"],
    [None, None, "Năm 2024", "Năm 2023", None],
    [1, "Huyện Ninh Sơn", 92.15, 90.02, 1],
    [2, "Ninh Hải", 88.4, 86.1, 2],
    [3, "H. Bác Ái", 84.0, 85.3, 3],
]
AGGREGATE_MERGED = ["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"]


@pytest.mark.parametrize("target", ["xlsx", "xls:MS Excel 97", "ods"])
def test_a_published_table_with_a_group_header_merged_down_imports_its_values(
    engine: Engine, target: str
) -> None:
    """Real .xls and .ods files written by LibreOffice; the .ods merged cells come from
    another reader (sipas.ingest.odsmerge)."""
    content = xlsx(AGGREGATE, AGGREGATE_MERGED)
    if target != "xlsx":
        if target not in CONVERTED:  # LibreOffice takes seconds: once for both databases
            CONVERTED[target] = convert(content, ".xlsx", target)
        content = CONVERTED[target]
    suffix = target.split(":")[0]
    ready = prepared(engine, content, f"a.{suffix}", kind=s.AGGREGATE_KIND)
    assert (ready.header.excel_row, ready.header.last + 1) == (2, 3)
    assert ready.mapping.targets == {1: s.UNIT, 2: s.INDEX, 4: s.RANK}
    assert ready.issues.empty, ready.issues
    commit_import(engine, ready, "tester")
    values = {unit: value for unit, (value, _) in by_unit_published(engine).items()}
    assert values == pytest.approx({"ninh-son": 92.15, "ninh-hai": 88.4, "bac-ai": 84.0})


def by_unit_published(engine: Engine) -> dict[str, tuple[float, float]]:
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2024")
    table = wave_indices(counts, [s.UNIT])
    return {r[s.UNIT]: (r[s.SIPAS], r[s.N]) for r in table.to_dict("records")}


def ambiguous() -> tuple[bytes, int]:
    """A column list left above the table (row 1) and the real header (row 3): two
    different rows name the columns equally well."""
    rows, _ = questionnaires(12)
    items = [f"Câu {i}" for i in range(1, ITEMS + 1)]
    content = xlsx(
        [
            ["STT", "Đơn vị", "Lĩnh vực", *items],
            ["Phiếu khảo sát đợt 2"],
            ["TT", "Huyện", "Lĩnh vực giải quyết", *items],
            *rows,
        ]
    )
    return content, len(rows)


def test_a_doubtful_header_stops_with_a_question_and_writes_nothing(engine: Engine) -> None:
    content, n = ambiguous()
    before = database_state(engine)
    with pytest.raises(IngestError) as stopped:
        prepared(engine, content)
    message = str(stopped.value)
    assert "Chưa chắc dòng nào là dòng tiêu đề" in message
    assert "1, 3" in message and "--header-row" in message and "Dòng tiêu đề" in message
    assert database_state(engine) == before
    ready = prepared(engine, content, header_row=3)
    assert ready.header.excel_row == 3 and ready.rows_accepted == n and ready.issues.empty
    assert ready.mapping.targets[1] == s.UNIT and ready.mapping.targets[3] == "TC01"
    commit_import(engine, ready, "tester")
    assert sum(count for _, count in by_unit(engine, "2024").values()) == n


def test_a_header_repeated_on_each_printed_page_is_no_doubt(engine: Engine) -> None:
    rows, answers = questionnaires(20)
    header = ["STT", "Đơn vị", "Lĩnh vực", *[f"Câu {i}" for i in range(1, ITEMS + 1)]]
    ready = prepared(engine, xlsx([header, *rows[:10], header, *rows[10:]]))
    assert ready.header.excel_row == 1
    assert ready.issues.empty, ready.issues
    assert ready.rows_total == ready.rows_accepted == 20
    assert (ready.check.batch.answers[:, :ITEMS] == answers).all()  # type: ignore[union-attr]
    assert any("12" in note and "lặp lại" in note for note in ready.notes)


def test_the_command_line_stops_with_the_question_and_imports_with_header_row(
    engine: Engine, empty_url: str, tmp_path: Path
) -> None:
    content, n = ambiguous()
    path = tmp_path / "khao_sat_2024.xlsx"
    path.write_bytes(content)
    before = database_state(engine)
    before.pop("audit_log")
    stopped = sipas(empty_url, "import", str(path), "--wave", "2024")
    assert stopped.returncode == 1, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert "Chưa chắc dòng nào là dòng tiêu đề" in stopped.stderr
    assert "các dòng 1, 3" in stopped.stderr and "--header-row 1" in stopped.stderr
    after = database_state(engine)
    after.pop("audit_log")
    assert after == before
    done = sipas(empty_url, "import", str(path), "--wave", "2024", "--header-row", "3")
    assert done.returncode == 0, done.stderr
    assert "dòng tiêu đề 3." in done.stderr
    assert sum(count for _, count in by_unit(engine, "2024").values()) == n
