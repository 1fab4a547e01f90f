"""Reading files and cell values: encodings, formats, answers, numbers, dates."""

from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pytest

from sipas.ingest.csvfile import decode, read_csv
from sipas.ingest.errors import IngestError
from sipas.ingest.limits import Limits
from sipas.ingest.reading import CSV, XLSX, file_format, read_sheet
from sipas.ingest.values import (
    BAD,
    NO_ANSWER,
    parse_answers,
    parse_count,
    parse_date,
    parse_number,
)
from tests.support.workbooks import xlsx

TEXT = "Đơn vị;Lĩnh vực;Câu 1\nHuyện Bác Ái;Đất đai;Rất hài lòng\n"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text as old Vietnamese Windows tools write it: letters, then tone marks as bytes."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(p for p in parts if p in TONES)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


@pytest.mark.parametrize(
    ("content", "note"),
    [
        (TEXT.encode("utf-8"), ""),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), ""),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), ""),
        (cp1258(TEXT), "Windows-1258"),
    ],
)
def test_csv_encodings_are_detected(content: bytes, note: str) -> None:
    rows, notes = read_csv(content, "a.csv")
    assert rows[1] == ["Huyện Bác Ái", "Đất đai", "Rất hài lòng"]
    assert (note in notes[0]) if note else notes == ()


def test_cp1258_writes_tones_as_combining_marks_and_they_are_composed() -> None:
    raw = cp1258("Thuận Nam")
    assert len(raw) > len("Thuận Nam")  # ậ is a base letter plus a separate tone byte
    text, note = decode(raw, "a.csv")
    assert text == "Thuận Nam" and "1258" in note


def test_western_csv_is_read_as_cp1252_and_reported() -> None:
    text, note = decode("Café;Zoë\n".encode("cp1252"), "a.csv")
    assert text == "Café;Zoë\n"
    assert "Windows-1252" in note and "UTF-8" in note


def test_formats_are_told_by_content_not_by_name() -> None:
    assert file_format(xlsx([["a"]]), "renamed.csv") == XLSX
    assert file_format(b"a,b\n1,2\n", "data.csv") == CSV
    with pytest.raises(IngestError, match="không phải bảng tính"):
        file_format(b"\x00\x01\x02binary", "photo.jpg")


def test_limits_are_checked_with_clear_messages() -> None:
    small = Limits(max_megabytes=0.001, max_rows=10)
    with pytest.raises(IngestError, match=r"Tệp quá lớn .* Giới hạn cho phép là 0,001 MB"):
        read_sheet(b"x" * 2000, "a.csv", small)
    rows = [["Đơn vị", "Câu 1"]] + [["Bác Ái", 4]] * 20
    with pytest.raises(IngestError, match=r"21 dòng, vượt giới hạn 10 dòng"):
        read_sheet(xlsx(rows), "a.xlsx", Limits(max_rows=10))


def test_merged_cells_take_the_value_of_their_top_left_cell() -> None:
    content = xlsx([["Tiêu đề", None, None], ["A", "B", "C"]], merged=["A1:C1"])
    sheet = read_sheet(content, "a.xlsx", Limits())
    assert sheet.cells[0] == ["Tiêu đề", "Tiêu đề", "Tiêu đề"]


def test_repeated_values_come_back_equal_and_of_their_own_type() -> None:
    """The read shares one object per repeated text or date (cheaper to send from the
    guarded child); numbers, booleans and dates keep their types and values."""
    day = dt.datetime(2024, 9, 1, 8, 30)
    rows = [["Đơn vị", "Ngày", "Số", "Cờ"], *(["Ninh Sơn", day, 1, True] for _ in range(3))]
    rows.append(["Ninh Sơn", dt.date(2024, 9, 2), 1.5, False])
    cells = read_sheet(xlsx(rows), "a.xlsx", Limits()).cells
    assert [row[0] for row in cells[1:]] == ["Ninh Sơn"] * 4
    assert cells[1][0] is cells[3][0]  # one object per text in a batch
    assert all(row[1] == day for row in cells[1:4])
    assert [type(row[3]) for row in cells[1:]] == [bool, bool, bool, bool]
    assert [row[2] for row in cells[1:]] == [1, 1, 1, 1.5]
    assert cells[4][3] is False and cells[4][1] == dt.date(2024, 9, 2)


def test_answers_as_numbers_labels_and_blanks() -> None:
    cells = np.array(
        [
            4.0,
            "5",
            "Rất hài lòng",
            "RẤT KHÔNG HÀI LÒNG",
            "Không ý kiến",
            "",
            None,
            0,
            "3 - Bình thường",
            6,
            4.5,
            "tốt lắm",
            "hài  lòng",
        ],
        dtype=object,
    )
    assert parse_answers(cells).tolist() == [
        4,
        5,
        5,
        1,
        NO_ANSWER,
        NO_ANSWER,
        NO_ANSWER,
        NO_ANSWER,
        3,
        BAD,
        BAD,
        BAD,
        4,
    ]


def test_numbers_written_the_vietnamese_way() -> None:
    assert parse_number("85,48") == pytest.approx(85.48)
    assert parse_number("85,48%") == pytest.approx(85.48)
    assert parse_number("1.234,5") == pytest.approx(1234.5)
    assert parse_number("−3,47") == pytest.approx(-3.47)
    assert parse_number("n/a") is None
    assert parse_count("1.234") == 1234
    assert parse_count("12,5") is None


def test_dates_as_cells_text_and_excel_serials() -> None:
    day = dt.date(2024, 9, 15)
    assert parse_date(day) == day
    assert parse_date(dt.datetime(2024, 9, 15, 10, 30)) == day
    assert parse_date("15/09/2024") == day
    assert parse_date("15-9-2024 10:20") == day
    assert parse_date("2024-09-15") == day
    assert parse_date(45550.0) == day  # Excel serial
    assert parse_date("45550") == day
    assert parse_date("31/02/2024") is None
    assert parse_date("hôm qua") is None


@pytest.mark.parametrize(
    "wording",
    [
        "Không ý kiến",
        "Không có ý kiến",
        "KHÔNG CÓ Ý KIẾN",
        "Ko có ý kiến",
        "Không biết",
        "Không biết / không trả lời",
        "KYK",
        "Không trả lời",
        "Không áp dụng",
        "Chưa sử dụng",
        "N/A",
        "-",
    ],
)
def test_every_common_wording_of_no_opinion_is_no_answer(wording: str) -> None:
    assert parse_answers(np.array([wording, 4], dtype=object)).tolist() == [NO_ANSWER, 4]


def test_a_no_opinion_wording_is_not_mistaken_for_a_level_of_the_scale() -> None:
    cells = np.array(["Không hài lòng", "Không có ý kiến", "Bình thường"], dtype=object)
    assert parse_answers(cells).tolist() == [2, NO_ANSWER, 3]
