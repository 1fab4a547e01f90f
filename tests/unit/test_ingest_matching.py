"""Recognising headers, columns and unit names the way staff write them."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.core.textnorm import clean_text, match_key
from sipas.ingest.columns import Targets, auto_mapping, guess_target
from sipas.ingest.errors import IngestError
from sipas.ingest.header import find_header
from sipas.ingest.unitmatch import UnitResolver
from sipas.method.batch import EXTERNAL_ID, SURVEY_DATE
from sipas.reference.questionnaires import get_method
from sipas.reference.units import name_key
from sipas.setup.demo_units import read_demo_units

RESPONDENTS = Targets(s.RESPONDENT_KIND, get_method("qd2640"))
RESPONDENTS_1001 = Targets(s.RESPONDENT_KIND, get_method("qd1001"))
AGGREGATE = Targets(s.AGGREGATE_KIND, get_method("qd2640"))


@pytest.mark.parametrize(
    ("label", "target"),
    [
        ("Đơn vị", s.UNIT),
        ("ĐƠN  VỊ", s.UNIT),
        (unicodedata.normalize("NFD", "Đơn vị"), s.UNIT),
        ("don_vi", s.UNIT),
        ("MaPhieu", EXTERNAL_ID),
        ("ThoiGianGui", SURVEY_DATE),
        ("LinhVuc", s.FIELD),
        ("GioiTinh", s.GENDER),
        ("q_1", "TC01"),
        ("Câu 1", "TC01"),
        ("TC01", "TC01"),
        ("tc 22", "TC22"),
        ("Tiêu chí 5", "TC05"),
        ("Câu 10: Công chức có thái độ giao tiếp lịch sự", "TC10"),
        ("2.1", "TC05"),
        ("Nơi ngồi chờ có đủ chỗ ngồi", "TC01"),
        ("STT", "ignore"),
        ("Câu 23", None),
        ("Chỉ số (%)", None),
    ],
)
def test_respondent_headers(label: str, target: str | None) -> None:
    assert guess_target((label,), RESPONDENTS) == target


def test_item_numbers_follow_the_wave_method() -> None:
    assert guess_target(("Câu 15",), RESPONDENTS_1001) == "C15"
    assert guess_target(("TC01",), RESPONDENTS_1001) == "C01"


@pytest.mark.parametrize(
    ("parts", "target"),
    [
        (("Chỉ số (%)",), "index"),
        (("Chỉ số hài lòng (%)", "Năm 2024"), "index"),
        (("Xếp hạng",), "rank"),
        (("Tăng/giảm",), "change"),
        (("Số phiếu",), "n"),
        (("Tên đơn vị",), s.UNIT),
        (("Câu 1",), None),
    ],
)
def test_aggregate_headers(parts: tuple[str, ...], target: str | None) -> None:
    assert guess_target(parts, AGGREGATE) == target


def test_a_target_is_given_to_the_first_column_only() -> None:
    mapping = auto_mapping([("Đơn vị",), ("Tên đơn vị",), ("Câu 1",), ("q1",)], RESPONDENTS)
    assert mapping == {0: s.UNIT, 2: "TC01"}


def test_header_under_title_rows_with_merged_group_and_numbering_rows() -> None:
    cells = [
        ["ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", "", "", "", ""],
        ["KẾT QUẢ CHỈ SỐ SIPAS NĂM 2024", "", "", "", ""],
        ["", "", "", "", ""],
        ["STT", "Đơn vị", "Chỉ số hài lòng (%)", "Chỉ số hài lòng (%)", "Xếp hạng"],
        ["", "", "Năm 2024", "Năm 2023", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Ninh Sơn", 92.1, 90.0, 1],
    ]
    header = find_header(cells, AGGREGATE)
    assert (header.first, header.last) == (3, 5)
    assert header.labels[2] == ("Chỉ số hài lòng (%)", "Năm 2024")
    assert auto_mapping(header.labels, AGGREGATE) == {0: "ignore", 1: s.UNIT, 2: "index", 4: "rank"}


def test_item_numbers_under_a_group_title_that_is_not_filled() -> None:
    """.ods files do not tell which cells are merged: the group title stands in one cell."""
    cells = [
        ["Đơn vị", "Lĩnh vực", "Mức độ hài lòng", "", ""],
        ["", "", "1", "2", "3"],
        ["Bác Ái", "Đất đai", 4, 5, 3],
    ]
    header = find_header(cells, RESPONDENTS)
    assert header.last == 1
    assert auto_mapping(header.labels, RESPONDENTS) == {
        0: s.UNIT,
        1: s.FIELD,
        2: "TC01",
        3: "TC02",
        4: "TC03",
    }


def test_a_sheet_without_a_unit_column_is_refused() -> None:
    with pytest.raises(IngestError, match="Không tìm thấy dòng tiêu đề"):
        find_header([["a", "b"], [1, 2]], RESPONDENTS)


def resolver(day: dt.date | None) -> UnitResolver:
    records = read_demo_units()
    units = pd.DataFrame(
        [(u.code, u.name, u.full_name, u.valid_from, u.valid_to) for u in records],
        columns=["code", "name", "full_name", "valid_from", "valid_to"],
    )
    aliases = pd.DataFrame(
        [
            (key, u.code)
            for u in records
            for name in {u.name, u.full_name, *u.aliases}
            for key in {match_key(name), name_key(name)}
        ],
        columns=["alias_key", "code"],
    )
    return UnitResolver(units, aliases, day)


@pytest.mark.parametrize(
    "name",
    [
        "Huyện Bác Ái",
        "H. Bác Ái",
        "bac ai",
        "BÁC ÁI",
        unicodedata.normalize("NFD", "Bác Ái"),
        "Bác  Ái",
    ],
)
def test_unit_names_match_after_normalising(name: str) -> None:
    assert resolver(dt.date(2024, 12, 31)).resolve(name).code == "bac-ai"


def test_the_wave_date_decides_between_a_district_and_a_commune() -> None:
    before, after = resolver(dt.date(2024, 12, 31)), resolver(dt.date(2025, 12, 31))
    assert before.resolve("Ninh Sơn").code == "ninh-son"
    assert after.resolve("Ninh Sơn").code == "x-ninh-son"
    assert after.resolve("Xã Ninh Sơn").code == "x-ninh-son"
    refused = before.resolve("Xã Ninh Sơn")
    assert refused.code is None and "không tồn tại vào ngày 31/12/2024" in refused.reason


def test_spelling_variants_and_aliases() -> None:
    found = resolver(dt.date(2024, 12, 31))
    assert found.resolve("TP. Phan Rang-Tháp Chàm").code == "phan-rang-thap-cham"
    assert found.resolve("PRTC").code == "phan-rang-thap-cham"


def test_unknown_units_get_the_closest_names_as_suggestions() -> None:
    match = resolver(dt.date(2024, 12, 31)).resolve("Ninh Phuoc Xyz")
    assert match.code is None
    assert "Không có đơn vị 'Ninh Phuoc Xyz'" in match.reason
    assert "Có phải: Huyện Ninh Phước" in match.reason
    nothing = resolver(dt.date(2024, 12, 31)).resolve("Hà Nội")
    assert nothing.code is None and "Có phải" not in nothing.reason


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("Ninh\u00a0Sơn\u200b", "Ninh Sơn"),
        ("\ufeffXã  Ninh\tSơn ", "Xã Ninh Sơn"),
        ("Ninh\u2009Sơn\u200d", "Ninh Sơn"),
        ("Bác\u00adÁi", "BácÁi"),
        (unicodedata.normalize("NFD", "Lâm Sơn"), "Lâm Sơn"),
    ],
)
def test_clean_text_removes_what_people_do_not_see(typed: str, clean: str) -> None:
    assert clean_text(typed) == clean


@pytest.mark.parametrize("name", ["Ninh\u00a0Sơn\u200b", "ninh son", "Ninh \u00a0 Sơn"])
def test_names_with_invisible_characters_and_without_diacritics_match(name: str) -> None:
    assert resolver(dt.date(2024, 12, 31)).resolve(name).code == "ninh-son"
    assert resolver(dt.date(2025, 12, 31)).resolve(name).code == "x-ninh-son"


def test_official_codes_name_units_on_the_wave_date() -> None:
    units = pd.DataFrame(
        [
            ("vn63-22015", "Phường 9", "Phường 9", None, dt.date(2025, 6, 30), "22015"),
            ("vn34-22015", "Tuy Hòa", "Phường Tuy Hòa", dt.date(2025, 7, 1), None, "22015"),
        ],
        columns=["code", "name", "full_name", "valid_from", "valid_to", "official_code"],
    )
    aliases = pd.DataFrame(columns=["alias_key", "code"])
    assert UnitResolver(units, aliases, dt.date(2025, 10, 1)).resolve("22015").code == "vn34-22015"
    assert UnitResolver(units, aliases, dt.date(2024, 10, 1)).resolve("22015").code == "vn63-22015"


def test_a_row_of_answers_naming_a_unit_is_data_not_the_header() -> None:
    """ "Huyện Bác Ái" reads like a unit column and 1–5 like item numbers: it is data."""
    cells = [
        ["STT", "Đơn vị", "Nội dung a", "Nội dung b", "Nội dung c"],
        [1, "Huyện Bác Ái", 4, 5, 3],
        [2, "Huyện Ninh Hải", 5, 4, 4],
    ]
    assert find_header(cells, RESPONDENTS).first == 0
    with pytest.raises(IngestError, match="Không tìm thấy dòng tiêu đề"):
        find_header(cells[1:], RESPONDENTS)


def test_cells_merged_down_make_one_header_block() -> None:
    cells = [
        ["Đơn vị", "Chỉ số hài lòng (%)", "Chỉ số hài lòng (%)", "Xếp hạng"],
        ["Đơn vị", "Năm 2024", "Năm 2023", "Xếp hạng"],
        ["Ninh Sơn", 92.1, 90.0, 1],
    ]
    merged = [((0, 0), (1, 0)), ((0, 1), (0, 2)), ((0, 3), (1, 3))]
    header = find_header(cells, AGGREGATE, merged=merged)
    assert (header.first, header.last) == (0, 1)
    assert header.labels[0] == ("Đơn vị",) and header.labels[1][-1] == "Năm 2024"
    assert auto_mapping(header.labels, AGGREGATE) == {0: s.UNIT, 1: "index", 3: "rank"}
    unmerged = find_header(cells, AGGREGATE)  # without the merges row 2 is a data row
    assert (unmerged.first, unmerged.last) == (0, 0)


def test_two_different_header_rows_are_a_doubt_the_same_one_twice_is_not() -> None:
    first = ["Đơn vị", "Lĩnh vực", "Câu 1"]
    other = ["Huyện", "Lĩnh vực", "Câu 1"]
    data = ["Bác Ái", "Đất đai", 4]
    with pytest.raises(IngestError, match="các dòng 1, 3"):
        find_header([first, data, other, data], RESPONDENTS)
    assert find_header([first, data, first, data], RESPONDENTS).first == 0
    assert find_header([first, data, other, data], RESPONDENTS, row=2).first == 2


@pytest.mark.parametrize(
    "numbers", [[1, 2, 3], ["1.1", "1.2", "2.1"], [1.1, 1.2, 2.1], ["(1)", "(2)", "(3)"]]
)
def test_items_numbered_in_the_header_row_are_names(numbers: list[object]) -> None:
    cells = [["Đơn vị", "Lĩnh vực", *numbers], ["Bác Ái", "Đất đai", 4, 5, 3]]
    header = find_header(cells, RESPONDENTS)
    assert header.first == 0
    assert auto_mapping(header.labels, RESPONDENTS)[0] == s.UNIT
