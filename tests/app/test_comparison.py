"""Staff pick the wave a view compares with: the overview's change, the rankings' change of
rank and the unit page's change follow the choice and name it; a pilot wave picked is marked,
and never becomes the baseline on its own."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from sipas.core.formatting import format_points
from sipas.dashboard import overview, standings
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import previous_units
from sipas.method.measures import SIPAS_INDEX
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.state import bump_data_version
from sipas.storage.waves import set_survey_type
from tests.app.test_dashboard import TARGETS, domain, table_with, widget
from tests.app.test_unit_page import cli_row

COMPARE = "So sánh với đợt"


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def expected_cards(url: str, state: FilterState, compared: str) -> list[overview.CardText]:
    """The overview's cards for `state` compared with the wave `compared`, from the database."""
    found = domain(url, state)
    engine = make_engine(url)
    with transaction(engine) as session:
        before = load_wave_counts(session, compared, found.scope.attribute)
    engine.dispose()
    peers, pooled = previous_units(found.scope, before, found.units)
    ranking = standings.rank_with_previous(
        found.counts, found.scope, found.labels, TARGETS, SIPAS_INDEX, before, peers
    )
    cards = overview.overview_cards(
        found.counts, found.scope, ranking, found.units, TARGETS, before, pooled
    )
    unit = found.scope.single_unit
    return overview.card_texts(cards, found.scope, standings.rank_change_of(ranking, unit))


def test_the_overview_compares_with_the_chosen_wave_and_names_it(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app(query={"wave": "2024", "units": "ninh-son"})
    choice = widget(at, "selectbox", COMPARE)
    assert choice.options[0] == "Tự động: đợt 2023 (chính thức)"
    assert "đợt 2021 (chính thức)" in choice.options
    state = FilterState(wave="2024", units=("ninh-son",))
    automatic = at.metric[0].delta
    assert automatic == expected_cards(demo_url, state, "2023")[0].delta
    choice.set_value("2021").run()
    assert not at.exception
    chosen = expected_cards(demo_url, state, "2021")
    assert at.metric[0].delta == chosen[0].delta != automatic
    assert at.metric[1].delta == chosen[1].delta  # places gained since 2021
    assert any("So sánh với đợt 2021 (chính thức), theo lựa chọn" in c for c in captions(at))
    assert at.query_params["vs"] == "2021"


def test_a_pilot_wave_is_no_baseline_unless_chosen_and_then_marked(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        set_survey_type(session, "2023", "pilot")
        bump_data_version(session)
    engine.dispose()
    at = app(query={"wave": "2024", "units": "ninh-son"})
    choice = widget(at, "selectbox", COMPARE)
    assert choice.options[0] == "Tự động: đợt 2022 (chính thức)"
    automatic = "So sánh với đợt 2022 (chính thức), đợt chính thức gần nhất"
    assert any(automatic in c for c in captions(at))
    choice.set_value("2023").run()
    marked = [c for c in captions(at) if "So sánh với đợt 2023 (thí điểm)" in c]
    assert marked and "không dùng làm mốc chính thức" in marked[0]


def signed(points: float) -> str:
    sign = "+" if points > 0 else "−" if points < 0 else "±"
    return f"{sign}{abs(points):.2f}".replace(".", ",")


def test_the_unit_page_rankings_and_gap_page_follow_the_chosen_wave(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    now, then = cli_row(demo_url, "2024", "ninh-son"), cli_row(demo_url, "2021", "ninh-son")
    query = {"wave": "2024", "level": "district", "unit": "ninh-son", "vs": "2021"}
    at = app("pages/unit_profile.py", query)
    assert not at.exception
    value = next(m for m in at.metric if m.label == "Chỉ số SIPAS")
    points = round(float(now["value"]), 2) - round(float(then["value"]), 2)
    assert value.proto.delta == f"{signed(points)} điểm % so với 2021"
    assert any("So sánh với đợt 2021 (chính thức)" in c for c in captions(at))

    at = app("pages/rankings.py", {"wave": "2024", "level": "district", "vs": "2021"})
    table = table_with(at, "Tăng/giảm").set_index("Đơn vị")
    gained = int(then["rank"]) - int(now["rank"])
    assert table.loc["Ninh Sơn", "Tăng/giảm"] == standings.rank_change_text(gained)
    assert any("So sánh với đợt 2021 (chính thức), theo lựa chọn" in c for c in captions(at))

    # Bác Ái's "gain 1 place" compares with the chosen wave's rank, and says which wave
    at = app("pages/gaps.py", {"wave": "2024", "level": "district", "vs": "2022"})
    bac_ai = next(m.value for m in at.markdown if m.value.startswith("- Bác Ái đạt"))
    earlier = cli_row(demo_url, "2022", "bac-ai")["rank"]
    assert f"(đợt 2022 xếp thứ {earlier})" in bac_ai


def test_a_change_of_method_is_marked_beside_the_change(
    app: Callable[..., AppTest],
) -> None:
    at = app(query={"wave": "2025", "vs": "2024"})
    assert not at.exception
    marked = [c for c in captions(at) if "So sánh với đợt 2024 (chính thức)" in c]
    assert marked and "đổi phương pháp: QĐ 2640 → QĐ 1001" in marked[0]


def test_the_trends_page_gives_each_line_s_change_since_the_chosen_wave(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    now, then = cli_row(demo_url, "2024", "ninh-son"), cli_row(demo_url, "2021", "ninh-son")
    at = app("pages/trends.py", {"wave": "2024", "units": "ninh-son", "vs": "2021"})
    assert not at.exception
    change = format_points(float(now["value"]) - float(then["value"]))
    lines = [m.value for m in at.markdown]
    assert f"- Ninh Sơn: {change} so với đợt 2021" in lines
    assert any("So sánh với đợt 2021 (chính thức), theo lựa chọn" in c for c in captions(at))
