"""Published tables as published: a province's own row is its value (never pooled with its
units), pillar columns are read, and the national 2022 and 2024 figures come out of an
imported pillar table with the weights the README documents."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.core.formatting import format_percent
from sipas.gaps import table as g
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.texts import unit_caption
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, Prepared, prepare
from sipas.method.results import Selection, select, wave_element_indices, wave_indices
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from sipas.storage.reference import units_frame
from sipas.targets.registry import TargetSet
from sipas.targets.rules import RANK_TOP, RankTarget
from tests.support.workbooks import xlsx

DISTRICTS = [
    ("Thành phố Phan Rang – Tháp Chàm", 88.0),
    ("Huyện Bác Ái", 84.5),
    ("Huyện Ninh Hải", 86.0),
    ("Huyện Ninh Phước", 85.0),
    ("Huyện Ninh Sơn", 87.5),
    ("Huyện Thuận Bắc", 83.0),
    ("Huyện Thuận Nam", 90.5),
]


def prepared(engine: Engine, content: bytes, wave: str, **options: object) -> Prepared:
    request = ImportRequest(content, f"{wave}.xlsx", wave, kind=s.AGGREGATE_KIND, **options)  # type: ignore[arg-type]
    with transaction(engine) as session:
        return prepare(session, request)


def publish(engine: Engine, rows: list[list[object]], wave: str, **options: object) -> None:
    ready = prepared(engine, xlsx(rows), wave, **options)
    assert ready.issues.empty, ready.issues
    commit_import(engine, ready, "tester")


def test_a_province_row_is_the_province_value_not_one_more_unit(engine: Engine) -> None:
    # 7 districts of 200 questionnaires and the province's own row: 86,50% on 1.400.
    rows: list[list[object]] = [["STT", "Đơn vị", "Chỉ số (%)", "Số phiếu"]]
    rows += [[i + 1, name, value, 200] for i, (name, value) in enumerate(DISTRICTS)]
    rows.append([None, "Tỉnh Ninh Thuận", "86,50", 1400])
    publish(engine, rows, "2023")
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2023")
    province = wave_indices(counts).iloc[0]
    assert province[s.SIPAS] == pytest.approx(86.50) and province[s.N] == 1400
    by_unit = wave_indices(counts, [s.UNIT]).set_index(s.UNIT)
    assert by_unit.loc["ninh-thuan", s.SIPAS] == pytest.approx(86.50)
    assert by_unit.loc["bac-ai", s.SIPAS] == pytest.approx(84.5)
    # the districts chosen without the province are pooled as before (n-weighted)
    districts = select(counts, Selection(units=("bac-ai", "ninh-hai")))
    pooled = wave_indices(districts).iloc[0]
    assert pooled[s.SIPAS] == pytest.approx((84.5 + 86.0) / 2) and pooled[s.N] == 400


def pillar_table(policy: float, services: float) -> list[list[object]]:
    return [
        ["STT", "Đơn vị", "Trụ cột chính sách (%)", "Trụ cột dịch vụ (%)"],
        [1, "Tỉnh Ninh Thuận", policy, services],
    ]


def test_the_2022_national_pillars_give_80_08_with_equal_weights(engine: Engine) -> None:
    # The national figures of 2022 (policy 79,72; services 80,43) as a one-row pillar table.
    ready = prepared(engine, xlsx(pillar_table(79.72, 80.43)), "2022", method_code="qd1001")
    assert ready.issues.empty, ready.issues
    assert dict(ready.mapping.targets).get(2) == "CS" and dict(ready.mapping.targets).get(3) == "DV"
    commit_import(engine, ready, "tester")
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2022")
    row = wave_indices(counts, [s.UNIT]).iloc[0]
    assert (row["CS"], row["DV"]) == (pytest.approx(79.72), pytest.approx(80.43))
    assert format_percent(row[s.SIPAS]) == "80,08%"
    assert wave_element_indices(counts, [s.UNIT]).empty  # pillars are not elements


def test_the_2024_national_figure_needs_the_national_forms_23_16_weights(engine: Engine) -> None:
    publish(
        engine,
        pillar_table(83.84, 84.09),
        "2024",
        method_code="qd1001",
        weighting="CS:23,DV:16",
    )
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2024")
    assert counts.wave.weighting == "CS:23,DV:16"
    assert format_percent(wave_indices(counts).iloc[0][s.SIPAS]) == "83,94%"
    # what the other weightings give on the same pillars: not the published 83,94
    equal = wave_indices(counts, weighting="equal").iloc[0][s.SIPAS]
    assert equal == pytest.approx(83.965) and format_percent(equal) == "83,97%"
    by_items = wave_indices(counts, weighting="item_count").iloc[0][s.SIPAS]
    assert format_percent(by_items) == "83,98%"  # this questionnaire: 14 policy, 19 service items


def test_weights_that_do_not_name_every_pillar_are_refused(engine: Engine) -> None:
    ready = prepared(
        engine, xlsx(pillar_table(83.84, 84.09)), "2024", method_code="qd1001", weighting="CS:23"
    )
    with pytest.raises(IngestError, match="CS:23,DV:16"):
        commit_import(engine, ready, "tester")


def test_a_published_overall_value_wins_over_its_pillars(engine: Engine) -> None:
    rows: list[list[object]] = [
        ["STT", "Đơn vị", "Chính sách", "Dịch vụ", "Chỉ số SIPAS"],
        [1, "Tỉnh Ninh Thuận", 83.84, 84.09, 83.94],
        [2, "Huyện Ninh Sơn", 80.0, None, None],
    ]
    ready = prepared(engine, xlsx(rows), "2024", method_code="qd1001")
    # the overall column is required on every row once the table has one
    assert ready.issues["row"].tolist() == [3]
    commit_import(engine, ready, "tester", valid_rows_only=True)
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2024")
    row = wave_indices(counts, [s.UNIT]).set_index(s.UNIT).loc["ninh-thuan"]
    assert row[s.SIPAS] == pytest.approx(83.94)
    assert (row["CS"], row["DV"]) == (pytest.approx(83.84), pytest.approx(84.09))


def test_a_partial_published_wave_says_so_and_judges_no_rank_target(engine: Engine) -> None:
    # A published table of 3 of the 7 districts, and a "top 3 of the districts" target.
    rows: list[list[object]] = [["STT", "Đơn vị", "Chỉ số (%)", "Số phiếu"]]
    rows += [[i + 1, name, value, 200] for i, (name, value) in enumerate(DISTRICTS[:3])]
    publish(engine, rows, "2023")
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2023")
        units = units_frame(session)
    top3 = RankTarget(RANK_TOP, 3, "KH thử", 2023, 2023, level=s.DISTRICT)
    table = gap_table(GapInputs(counts, units, TargetSet(ranks=(top3,))), level=s.DISTRICT)
    bac_ai = table.set_index(g.UNIT_CODE).loc["bac-ai"]
    assert (bac_ai[g.RANK], bac_ai[g.OF], bac_ai[g.LEVEL_UNITS]) == (3, 3, 7)
    assert bac_ai[g.PARTIAL] and pd.isna(bac_ai[g.P_RANK])  # not "3 of 3, p = 1"
    caption = unit_caption(bac_ai.to_dict() | {g.UNIT_CODE: "bac-ai"}, {"bac-ai": "Bác Ái"})
    assert "chỉ có kết quả của 3/7 đơn vị cùng cấp" in caption
    assert "chưa đánh giá được mục tiêu xếp hạng" in caption
