"""Published result tables (aggregate waves): title rows, merged headers, totals rows,
percentages stored as shares; served by results.py like computed waves, without intervals
where the table gives no n."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import levels_in, resolve, unit_labels
from sipas.dashboard.standings import rank_peers
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.method.measures import SIPAS_INDEX
from sipas.method.results import Selection, select, wave_element_indices, wave_indices
from sipas.method.stats import wilson_interval
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from sipas.storage.reference import units_frame
from tests.support.workbooks import database_state, xlsx

TITLE = "KẾT QUẢ CHỈ SỐ HÀI LÒNG (SIPAS) NĂM 2023 CỦA CÁC HUYỆN, THÀNH PHỐ"
TABLE = [
    [TITLE, None, None, None, None, None],
    [None] * 6,
    ["STT", "Đơn vị", "Kết quả năm 2023", None, None, "Tăng/giảm so với năm 2022"],
    [None, None, "Chỉ số (%)", "Số phiếu", "Xếp hạng", None],
    [1, "Huyện Ninh Sơn", "92,15", 512, 1, "+2 bậc"],
    [2, "TP. Phan Rang – Tháp Chàm", 90.5, 498, 2, "−1 bậc"],
    [3, "H. Bác Ái", 84.0, None, 3, ""],
    [None, "Trung bình chung", 88.9, None, None, None],
]
MERGED = ["A1:F1", "A3:A4", "B3:B4", "C3:E3", "F3:F4"]


def publish(engine: Engine, content: bytes, wave: str = "2023") -> None:
    with transaction(engine) as session:
        ready = prepare(
            session, ImportRequest(content, f"{wave}.xlsx", wave, kind=s.AGGREGATE_KIND)
        )
    assert ready.issues.empty, ready.issues
    commit_import(engine, ready, "tester")


def test_a_published_table_with_merged_headers_is_served_like_a_computed_wave(
    engine: Engine,
) -> None:
    publish(engine, xlsx(TABLE, MERGED))
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2023")
        units = units_frame(session)
    assert counts.is_published and counts.answers.empty
    result = wave_indices(counts, [s.UNIT]).set_index(s.UNIT)
    assert result.loc["ninh-son", s.SIPAS] == pytest.approx(92.15)
    assert result.loc["ninh-son", s.N] == 512
    low, high = wilson_interval(0.9215, 512)
    assert result.loc["ninh-son", s.SIPAS_LOW] == pytest.approx(100 * float(low))
    assert result.loc["ninh-son", s.SIPAS_HIGH] == pytest.approx(100 * float(high))
    assert math.isnan(result.loc["bac-ai", s.SIPAS_LOW])  # no n, no interval
    assert math.isnan(result.loc["bac-ai", s.N])
    assert "ninh-thuan" not in result.index  # the average row is not a unit
    # the leader pages resolve and rank a published wave like a computed one
    scope = resolve(FilterState(), counts.wave, counts, units).scope
    assert scope is not None and scope.level == s.DISTRICT
    ranking = rank_peers(counts, scope, unit_labels(units), [], SIPAS_INDEX)
    assert ranking["label"].tolist() == ["Ninh Sơn", "Phan Rang – Tháp Chàm", "Bác Ái"]
    assert ranking["rank"].tolist() == [1, 2, 3]
    assert levels_in(counts, units) == [s.DISTRICT]
    # several units together: n-weighted only when every unit has n
    both = select(counts, Selection(units=("ninh-son", "phan-rang-thap-cham")))
    pooled = (92.15 * 512 + 90.5 * 498) / (512 + 498)
    assert wave_indices(both)[s.SIPAS].iloc[0] == pytest.approx(pooled)
    assert np.isnan(wave_indices(counts)[s.SIPAS].iloc[0])


def test_element_rows_and_percentages_stored_as_shares(engine: Engine) -> None:
    rows = [
        ["Đơn vị", "Yếu tố", "Tỷ lệ hài lòng"],
        ["Ninh Hải", "", 0.8548],
        ["Ninh Hải", "Tiếp cận dịch vụ", 0.9],
        ["Ninh Hải", "YT2", 0.81],
        ["Ninh Hải", "5", 0.77],
    ]
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(xlsx(rows), "a.xlsx", "2023", kind=s.AGGREGATE_KIND))
    assert any("nhân 100" in note for note in ready.notes)
    commit_import(engine, ready, "tester")
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2023")
    overall = wave_indices(counts, [s.UNIT]).iloc[0]
    assert overall[s.SIPAS] == pytest.approx(85.48)
    assert overall["YT1"] == pytest.approx(90.0) and math.isnan(overall["YT3"])
    elements = wave_element_indices(counts, [s.UNIT])
    assert elements[s.ELEMENT].tolist() == ["YT1", "YT2", "YT5"]
    assert elements[s.INDEX].tolist() == pytest.approx([90.0, 81.0, 77.0])


def test_bad_published_values_are_reported_and_kinds_do_not_mix(engine: Engine) -> None:
    rows = [
        ["Đơn vị", "Chỉ số (%)", "Số phiếu", "Xếp hạng"],
        ["Ninh Hải", 120, 10, 1],
        ["Bác Ái", "cao", "nhiều", 0],
        ["Ninh Hải", 80, None, None],
    ]
    before = database_state(engine)
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(xlsx(rows), "a.xlsx", "2023", kind=s.AGGREGATE_KIND))
    reasons = {(r.row, r.column): r.reason for r in ready.issues.itertuples()}
    assert "0–100%" in reasons[(2, "B")]
    assert "không phải là số" in reasons[(3, "B")]
    assert "số nguyên dương" in reasons[(3, "C")] and "số nguyên dương" in reasons[(3, "D")]
    assert "đã có ở một dòng phía trên" in reasons[(4, "A")]
    assert database_state(engine) == before
    publish(engine, xlsx([["Đơn vị", "Chỉ số"], ["Ninh Hải", 80]]))
    respondents = xlsx([["Đơn vị", "Câu 1"], ["Ninh Hải", 4]])
    mixed = "không nhập được loại dữ liệu khác"
    with pytest.raises(IngestError, match=mixed), transaction(engine) as session:
        prepare(session, ImportRequest(respondents, "b.xlsx", "2023"))


def test_the_aggregate_template_filled_in_imports(engine: Engine) -> None:
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from sipas.ingest.template import aggregate_template, units_on
    from sipas.reference.questionnaires import get_method

    with transaction(engine) as session:
        names = units_on(units_frame(session), dt.date(2023, 12, 31))
    book = load_workbook(io.BytesIO(aggregate_template(get_method("qd2640"), names)))
    sheet, lists = book["Dữ liệu"], book["DanhMuc"]
    sheet.append([lists["A3"].value, None, None, 91.25, 480, 1, "+1 bậc"])
    sheet.append([lists["A3"].value, None, lists["C2"].value, 88.5, 480, None, None])
    sheet.append([lists["A4"].value, lists["B2"].value, None, 79.0, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    publish(engine, buffer.getvalue())
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2023")
    by_unit = wave_indices(counts, [s.UNIT]).set_index(s.UNIT)
    first = by_unit.loc["phan-rang-thap-cham"]  # the first district in the list
    assert (first[s.SIPAS], first[s.N], first["YT1"]) == (91.25, 480, 88.5)
    land = wave_indices(select(counts, Selection(fields=("dat_dai",))), [s.UNIT])
    assert land.set_index(s.UNIT).loc["bac-ai", s.SIPAS] == 79.0
