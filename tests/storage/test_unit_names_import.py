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
