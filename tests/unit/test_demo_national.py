"""The demo's invented national tables: every province of the map once, the published
national averages as their means (2022–2024, with the pillars), the demo provinces at their
configured places, the same tables on every machine; and the rank chart is valid Vega-Lite."""

from __future__ import annotations

import pandas as pd
import pytest

from sipas.dashboard.national import NationalRank, NationalStanding, rank_history
from sipas.present.plots.national import national_rank_chart
from sipas.reference.national import national_figure
from sipas.setup.demo_national import load_profile, national_tables


def frame(rows: list[list[object]]) -> pd.DataFrame:
    table = pd.DataFrame(rows[1:], columns=rows[0])
    for column in table.columns[2:]:
        table[column] = pd.to_numeric(table[column])
    return table


def test_the_invented_tables_have_the_published_means_and_the_configured_places() -> None:
    tables = national_tables()
    assert tables == national_tables()  # fixed seed
    assert list(tables) == ["2022-toan-quoc", "2023-toan-quoc", "2024-toan-quoc", "2025-toan-quoc"]
    for spec in load_profile()["tables"]:
        table = frame(tables[spec["wave"]])
        assert len(table) == (34 if spec["map"] == "2025" else 63)
        assert table["Tỉnh, thành phố"].is_unique
        mean = round(table["Chỉ số (%)"].mean(), 2)
        published = national_figure(spec["year"])
        if published is None:
            assert spec["year"] == 2025 and mean == spec["mean"]
            continue
        assert mean == pytest.approx(published.sipas)
        if published.policy is not None:
            assert round(table["Trụ cột chính sách (%)"].mean(), 2) == pytest.approx(
                published.policy
            )
            assert round(table["Trụ cột dịch vụ công (%)"].mean(), 2) == pytest.approx(
                published.services
            )
    ranks = {
        (wave, row["Tỉnh, thành phố"]): row["Xếp hạng"]
        for wave, rows in tables.items()
        for _, row in frame(rows).iterrows()
    }
    assert ranks[("2024-toan-quoc", "Tỉnh Ninh Thuận")] == 24
    assert ranks[("2022-toan-quoc", "Tỉnh Ninh Thuận")] == 33
    assert ranks[("2025-toan-quoc", "Tỉnh Khánh Hòa")] == 14


def test_the_rank_chart_keeps_predecessors_apart_and_is_valid_vega_lite() -> None:
    own = NationalRank("2025-toan-quoc", 2025, "khanh-hoa", "Tỉnh Khánh Hòa", 83.9, 14, 34)
    before = NationalRank(
        "2024-toan-quoc", 2024, "ninh-thuan", "Tỉnh Ninh Thuận", 84.8, 24, 63, predecessor=True
    )
    standing = NationalStanding(
        "khanh-hoa", "Tỉnh Khánh Hòa", own, None, (before,), (before, own), None, None, False
    )
    history = rank_history(standing)
    assert history["series"].tolist() == [
        "Đơn vị tiền thân: Tỉnh Ninh Thuận (trước 01/07/2025)",
        "Tỉnh Khánh Hòa",
    ]
    assert history["label"].tolist() == ["24/63", "14/34"]
    spec = national_rank_chart(history, "Thứ hạng", ["nguồn"], "Thứ hạng").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["reverse"] is True
