"""Every page runs without an exception, and the overview shows the domain layer's numbers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from sipas import charts, overview
from sipas.formatting import format_int, format_percent
from sipas.results import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from tests.support.appserver import ROOT
from tests.support.charts import chart_rows

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app: Callable[..., AppTest], page: str) -> None:
    at = app(page)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


def expected_ranking(url: str, wave: str, level: str):
    engine = make_engine(url)
    with transaction(engine) as session:
        counts = load_wave_counts(session, wave)
        units = units_frame(session)
    engine.dispose()
    return overview.unit_ranking(counts, units, level, 90.0)


def test_overview_shows_the_ranking_of_the_domain_layer(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app()
    at.selectbox[0].select_index(1).run()  # waves newest first: 2025, then 2024
    assert at.selectbox[0].value.code == "2024"
    assert at.radio[0].value == "district"
    expected = expected_ranking(demo_url, "2024", "district")
    table = at.dataframe[0].value
    assert table["Đơn vị"].tolist() == expected[charts.LABEL].tolist()
    assert table["SIPAS"].tolist() == [format_percent(v) for v in expected[charts.VALUE]]
    assert table["Số phiếu (n)"].tolist() == [format_int(n) for n in expected[charts.N]]
    assert table["Xếp hạng"].tolist()[:2] == ["1/7", "2/7"]
    chart = chart_rows(at)
    by_unit = {row["label"]: row for row in chart if "label" in row and "value_text" in row}
    assert by_unit["Ninh Sơn"]["value_text"] == format_percent(
        expected.set_index(charts.LABEL).loc["Ninh Sơn", charts.VALUE]
    )
    assert any("Dữ liệu minh họa" in warning.value for warning in at.warning)


def test_overview_switches_level_in_the_post_reform_wave(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app()
    assert at.selectbox[0].value.code == "2025"
    assert at.radio[0].options == ["Sở, ban, ngành", "Cấp xã"]
    at.radio[0].set_value("commune").run()
    expected = expected_ranking(demo_url, "2025", "commune")
    table = at.dataframe[0].value
    assert len(table) == len(expected) == 24
    assert table["Đơn vị"].str.match(r"^(Xã|Phường) ").all()
