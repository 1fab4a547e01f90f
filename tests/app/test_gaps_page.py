"""The gap page shows the domain layer's numbers: table, sentences, metrics and charts."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from sipas.core.formatting import format_percent
from sipas.dashboard.scope import unit_labels
from sipas.gaps import table as g
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.texts import gap_display, sort_by_gap, unit_caption
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.targets.registry import load_targets
from tests.support.charts import chart_rows

PAGE = "pages/gaps.py"


def expected(url: str, wave: str, previous: str, level: str) -> tuple[pd.DataFrame, dict]:
    engine = make_engine(url)
    with transaction(engine) as session:
        units = units_frame(session)
        inputs = GapInputs(
            load_wave_counts(session, wave),
            units,
            load_targets(session),
            load_wave_counts(session, previous),
        )
    engine.dispose()
    return gap_table(inputs, level=level), unit_labels(units)


def open_2024(app: Callable[..., AppTest]) -> AppTest:
    at = app(PAGE, {"wave": "2024"})  # the filter bar's state, from the address
    assert at.query_params["wave"] == "2024"
    return at


def test_the_gap_table_and_sentences_are_the_domain_s(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = open_2024(app)
    assert not at.exception
    table, labels = expected(demo_url, "2024", "2023", "district")
    shown = at.dataframe[0].value.reset_index(drop=True)
    pd.testing.assert_frame_equal(
        shown, gap_display(table, labels).reset_index(drop=True), check_dtype=False
    )
    assert shown["Đơn vị"].tolist()[0] == "Bác Ái"  # the largest gap first
    sentences = [m.value for m in at.markdown if m.value.startswith("- ")]
    for row in sort_by_gap(table).to_dict("records"):
        assert f"- {unit_caption(row, labels)}" in sentences
    assert (
        "- Ninh Sơn đạt 87,2% (xếp 4/7), còn thiếu 2,8 điểm % so với mục tiêu trên 90%; "
        "cần thêm 0,9 điểm % để bắt kịp Ninh Hải (xếp thứ 3) và vào nhóm 3 dẫn đầu."
    ) in sentences


def test_the_bullet_chart_orders_units_by_gap_with_their_own_targets(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = open_2024(app)
    table, labels = expected(demo_url, "2024", "2023", "district")
    rows = [r for r in chart_rows(at, 0) if "note" in r]
    order = [labels[code] for code in sort_by_gap(table)[g.UNIT_CODE]]
    assert [r["label"] for r in rows] == order
    by_unit = {r["label"]: r for r in rows}
    assert by_unit["Ninh Sơn"]["target"] == 90.0
    assert by_unit["Ninh Sơn"]["note"] == "87,22% · thiếu 2,78 điểm % so với > 90%"
    assert by_unit["Phan Rang – Tháp Chàm"]["note"] == "92,54% · đạt ≥ 90%"


def test_the_detail_opens_on_the_unit_with_a_top_n_target(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = open_2024(app)
    assert at.selectbox(key="gaps_unit").value == "ninh-son"
    table, _ = expected(demo_url, "2024", "2023", "district")
    ninh_son = table.set_index(g.UNIT_CODE).loc["ninh-son"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Giá trị": format_percent(ninh_son[g.VALUE]),
        "So với mục tiêu (điểm %)": "−2,78",
        "Số người hài lòng cần thêm": "14",
        "Xếp hạng": "4/7",
        "Khả năng đạt thứ hạng": format_percent(100 * ninh_son[g.P_RANK], 0),
    }
    texts = [m.value for m in at.markdown]
    assert any(
        "**Mục tiêu thứ hạng:** Nhóm 3 dẫn đầu – theo Kế hoạch 95/KH-UBND" in t for t in texts
    )
    assert any(
        t.startswith("- Cần thêm 2 người hài lòng trong 170 phiếu lĩnh vực Đất đai") for t in texts
    )
    band = [r for r in chart_rows(at, 1) if "start" in r]
    assert band and band[0]["start"] == 88.05  # the 3rd place's value opens the band


def test_levers_switch_to_the_best_unit_and_other_waves_run(
    app: Callable[..., AppTest],
) -> None:
    at = open_2024(app)
    average = at.dataframe[1].value
    at.radio(key="gaps_lever_reference").set_value("best").run()
    best = at.dataframe[1].value
    assert len(best) > len(average)  # the best unit beats Ninh Sơn on more criteria
    assert any("Để đạt mục tiêu trên 90%: nâng" in m.value for m in at.markdown)
    at.selectbox(key="sipas_filter_wave").set_value("2025").run()
    at.radio(key="sipas_filter_level").set_value("commune").run()
    at.selectbox(key="gaps_measure").set_value("CS").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 65


def test_one_chosen_unit_is_the_unit_in_detail(app: Callable[..., AppTest]) -> None:
    at = app(PAGE, {"wave": "2024", "units": "bac-ai"})
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "gaps_unit"]
    assert any(h.value == "Chi tiết: Bác Ái" for h in at.subheader)
    assert len(at.dataframe[0].value) == 7  # the table keeps every district
