"""A workbook naming Đắk Lắk's communes as people type them imports with per-unit indices
(SQLite and PostgreSQL): without diacritics, with non-breaking and zero-width spaces, and by
the statistics office's code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from sipas.ingest.commit import commit_import
from sipas.setup.provinces import load_province
from tests.storage.test_import import (
    assert_same,
    independent_sipas,
    prepared,
    sipas_by_unit,
)
from tests.support.workbooks import respondent_rows, xlsx

TYPED = {
    "Phường\u00a0Buôn Ma Thuột\u200b": "vn34-24133",
    "xa ea ly": "vn34-22237",
    "Xã  Ea\u00a0Kar": "vn34-24373",
    "22015": "vn34-22015",
}


def test_dak_lak_communes_typed_several_ways_import(engine: Engine) -> None:
    load_province(engine, "Đắk Lắk", "tester")
    header, rows, answers = respondent_rows(48, seed=3, units=list(TYPED))
    for i, row in enumerate(rows):
        row[4] = dt.date(2025, 10, 1) + dt.timedelta(days=i % 20)
    ready = prepared(engine, xlsx([header, *rows]), wave="2025")
    assert ready.issues.empty, ready.issues.to_dict("records")[:3]
    assert ready.rows_accepted == 48
    commit_import(engine, ready, "tester")
    codes = [TYPED[row[2]] for row in rows]
    assert_same(sipas_by_unit(engine, "2025"), independent_sipas(codes, answers))


DISTRICTS_2024 = ["Ninh Sơn", "Bác Ái", "H. Ninh Phước", "Thuận Nam", "Ninh Hải"]


def test_a_bare_name_shared_with_a_commune_is_read_at_the_files_level(engine: Engine) -> None:
    # Khánh Hòa's map adds the former Ninh Hòa town's communes Ninh Sơn, Ninh Hải, Ninh
    # Phước …: in 2024 their bare names fit a huyện of Ninh Thuận and a xã of Khánh Hòa.
    load_province(engine, "Khánh Hòa", "tester")
    header, rows, _answers = respondent_rows(40, seed=5, units=DISTRICTS_2024)
    ready = prepared(engine, xlsx([header, *rows]))
    assert ready.rows_accepted == 40, ready.issues.to_dict("records")[:3]
    issues = ready.issues.to_dict("records")
    warned = {str(i["value"]) for i in issues if "đã hiểu là" in str(i["reason"])}
    assert warned == {"Ninh Sơn", "Ninh Hải"}  # "H. Ninh Phước" says its type: no doubt
    said = next(str(i["reason"]) for i in issues if i["value"] == "Ninh Sơn")
    assert "Huyện Ninh Sơn" in said and "cấp huyện" in said


def test_a_file_of_shared_names_only_is_still_asked_about(engine: Engine) -> None:
    load_province(engine, "Khánh Hòa", "tester")
    header, rows, _answers = respondent_rows(10, seed=6, units=["Ninh Sơn", "Ninh Hải"])
    ready = prepared(engine, xlsx([header, *rows]))
    assert ready.rows_accepted == 0
    assert all(
        "trùng với nhiều đơn vị" in str(i["reason"]) for i in ready.issues.to_dict("records")
    )
