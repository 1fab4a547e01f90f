"""The dashboard pages in AppTest: set filters as a user does and compare the numbers on screen
(cards, tables, chart datasets) with the domain layer's for the same selection, computed here
from the database directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sipas.core import schema as s
from sipas.core.formatting import format_percent
from sipas.dashboard import comments, criteria, field_results, overview, standings, trends
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import (
    Scope,
    choose_wave,
    previous_units,
    resolve,
    unit_labels,
)
from sipas.method.batch import COMMENT, ResponseBatch
from sipas.method.measures import SIPAS_INDEX, Measure
from sipas.method.results import WaveCounts
from sipas.method.waves import comparison_wave
from sipas.reference.questionnaires import get_method
from sipas.storage.comments import read_comments
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.state import bump_data_version
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave, list_waves
from sipas.targets.registry import load_targets
from sipas.targets.rules import ThresholdTarget
from sipas.targets.seeds import default_thresholds
from tests.support.charts import chart_rows, chart_spec

TARGETS = default_thresholds()


@dataclass
class Domain:
    scope: Scope
    counts: WaveCounts
    previous: WaveCounts | None
    history: list[WaveCounts]
    units: pd.DataFrame
    labels: dict[str, str]
    # the registry's thresholds, the demo's example plans included (Ninh Sơn: "trên 90%")
    targets: tuple[ThresholdTarget, ...]


def domain(url: str, state: FilterState) -> Domain:
    """The same selection computed straight from the database, without the app's caches."""
    engine = make_engine(url)
    with transaction(engine) as session:
        waves = list_waves(session)
        units = units_frame(session)
        wave = choose_wave(state.wave, waves)
        assert wave is not None
        scope = resolve(state, wave, load_wave_counts(session, wave.code), units).scope
        assert scope is not None
        counts = load_wave_counts(session, wave.code, scope.attribute)
        before = comparison_wave(waves, wave)
        previous = load_wave_counts(session, before.code, scope.attribute) if before else None
        history = [load_wave_counts(session, w.code, scope.attribute) for w in waves]
        targets = load_targets(session).thresholds
    engine.dispose()
    return Domain(scope, counts, previous, history, units, unit_labels(units), targets)


def widget(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_overview_cards_and_charts_equal_the_domain_layer(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app()
    widget(at, "selectbox", "Đợt khảo sát").set_value("2024").run()
    widget(at, "multiselect", "Đơn vị").set_value(["ninh-son"]).run()
    assert not at.exception
    expected = domain(demo_url, FilterState(wave="2024", units=("ninh-son",)))
    peers, compared = previous_units(expected.scope, expected.previous, expected.units)
    ranking = standings.rank_with_previous(
        expected.counts,
        expected.scope,
        expected.labels,
        TARGETS,
        SIPAS_INDEX,
        expected.previous,
        peers,
    )
    cards = overview.overview_cards(
        expected.counts,
        expected.scope,
        ranking,
        expected.units,
        TARGETS,
        expected.previous,
        compared,
    )
    texts = overview.card_texts(
        cards, expected.scope, standings.rank_change_of(ranking, "ninh-son")
    )
    assert [(m.label, m.value) for m in at.metric] == [(c.label, c.value) for c in texts]
    assert at.metric[0].delta == texts[0].delta
    assert at.metric[1].value == "4/7"  # the demo's story: Ninh Sơn 4th of 7 in 2024
    bars = [row for row in chart_rows(at, 0) if "value_text" in row]
    # highlight, don't filter: every district in rank order, Ninh Sơn the one drawn in full
    assert [(r["label"], r["value_text"]) for r in bars] == [
        (label, format_percent(value))
        for label, value in zip(ranking[s.LABEL], ranking[s.VALUE], strict=True)
    ]
    assert {r["label"] for r in bars if r["highlight"] == 1.0} == {"Ninh Sơn"}
    assert len(bars) == 7 and bars[3]["label"] == "Ninh Sơn"
    grid = field_results.field_grid(expected.counts, expected.scope, expected.labels, TARGETS)
    cells = {(r["unit"], r["field"]): r["cell_text"] for r in chart_rows(at, 1)}
    assert cells == {
        (u, f): text
        for u, f, text in zip(
            grid["unit"], grid["field"], grid[field_results.CELL_TEXT], strict=True
        )
    }


def test_overview_ranks_every_unit_of_the_level(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app(query={"wave": "2024"})
    expected = domain(demo_url, FilterState(wave="2024"))
    ranking = standings.rank_peers(
        expected.counts, expected.scope, expected.labels, TARGETS, SIPAS_INDEX
    )
    bars = [row for row in chart_rows(at, 0) if "value_text" in row]
    assert [r["label"] for r in bars] == ranking[s.LABEL].tolist()
    assert [r["value_text"] for r in bars] == [format_percent(v) for v in ranking[s.VALUE]]
    assert at.metric[1].value == "–"


def test_overview_gives_the_health_department_one_status(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    """Sở Y tế serves health alone: chart, grid and card judge it by the health target."""
    at = app(query={"wave": "2025", "level": "department"})
    assert not at.exception
    expected = domain(demo_url, FilterState(wave="2025", level="department"))
    ranking = standings.rank_peers(
        expected.counts, expected.scope, expected.labels, expected.targets, SIPAS_INDEX
    ).set_index(s.UNIT)
    health = ranking.loc["so-y-te"]
    assert health["target"] == 80.0  # not the overall 90%
    bars = {r["unit"]: r for r in chart_rows(at, 0) if "value_text" in r}
    assert bars["so-y-te"]["mark_text"] == f"{format_percent(health[s.VALUE])} / ≥80%"
    assert all(" / ≥" in r["mark_text"] and "≈" not in r["mark_text"] for r in bars.values())
    cells = {(r["unit"], r["field"]): r for r in chart_rows(at, 1) if "cell_text" in r}
    assert cells[("so-y-te", "y_te")]["status_text"] == bars["so-y-te"]["status_text"]
    assert bars["so-y-te"]["status_text"] == "✔ Đạt mục tiêu"
    # ties said once, in words, under the chart; no example value in the chart's subtitle
    captions = [c.value for c in at.caption]
    assert all(sentence in captions for sentence in standings.tie_sentences(ranking.reset_index()))
    subtitle = next(r["sipas_subtitle"] for r in chart_rows(at, 0) if "sipas_subtitle" in r)
    assert "giá trị / mục tiêu" in subtitle and "87,04%" not in subtitle


def has_whiskers(spec: dict[str, object]) -> bool:
    layers = spec["layer"]
    assert isinstance(layers, list)
    # the interval rules: a rule mark from LOW to HIGH (bars have x2 too: the axis's start)
    return any(
        layer.get("mark", {}).get("type") == "rule"
        and layer.get("encoding", {}).get("x2", {}).get("field") == s.HIGH
        for layer in layers
    )


@pytest.mark.parametrize("page", [None, "pages/rankings.py"])
def test_the_toggle_shows_intervals_and_n(app: Callable[..., AppTest], page: str | None) -> None:
    at = app(page, {"wave": "2024"})
    assert not at.exception
    toggle = widget(at, "toggle", "Hiện khoảng tin cậy và số phiếu")
    assert toggle.value is False
    assert not has_whiskers(chart_spec(at, 0))
    assert not any("n = " in r["mark_text"] for r in chart_rows(at, 0) if "mark_text" in r)
    toggle.set_value(True).run()
    assert not at.exception
    assert has_whiskers(chart_spec(at, 0))
    labels = [r["mark_text"] for r in chart_rows(at, 0) if "mark_text" in r]
    assert len(labels) == 7 and all(" / " in text and "n = " in text for text in labels)
    assert "87,22% / >90% · n = 500" in labels  # Ninh Sơn's own plan: "trên 90%"


def test_the_rankings_table_shows_interval_and_n_with_the_toggle(
    app: Callable[..., AppTest],
) -> None:
    """Off, the table fits a 1366 px screen without the interval and n columns; on, it has
    them (and the chart its whiskers)."""
    at = app("pages/rankings.py", {"wave": "2024"})

    def columns() -> list[str]:
        return [str(c) for c in next(d for d in at.dataframe if "Hạng" in d.value).value.columns]

    assert "Khoảng tin cậy" not in columns() and "Số phiếu" not in columns()
    widget(at, "toggle", "Hiện khoảng tin cậy và số phiếu").set_value(True).run()
    assert not at.exception
    assert "Khoảng tin cậy" in columns() and "Số phiếu" in columns()


def test_rankings_by_an_element(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app("pages/rankings.py", {"wave": "2024"})
    widget(at, "selectbox", "Xếp hạng theo").set_value("element:YT3").run()
    assert not at.exception
    assert at.query_params["measure"] == "element:YT3"
    expected = domain(demo_url, FilterState(wave="2024"))
    measure = Measure("element", "YT3", "Yếu tố 3: Công chức")
    peers, _ = previous_units(expected.scope, expected.previous, expected.units)
    ranking = standings.rank_with_previous(
        expected.counts,
        expected.scope,
        expected.labels,
        expected.targets,
        measure,
        expected.previous,
        peers,
    )
    shown = table_with(at, "Tăng/giảm")
    pd.testing.assert_frame_equal(
        shown.reset_index(drop=True),
        standings.standings_display(ranking, measure.label, intervals=False),  # switch off
        check_dtype=False,
    )
    assert (shown["Tăng/giảm"] != "mới").all()  # every district was ranked in 2023 too


def test_fields_page_weakest_cells_and_targets(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app("pages/fields.py", {"wave": "2024"})
    assert not at.exception
    expected = domain(demo_url, FilterState(wave="2024"))
    grid = field_results.field_grid(expected.counts, expected.scope, expected.labels, TARGETS)
    shown = table_with(at, "Lĩnh vực")
    wanted = field_results.cells_display(field_results.weakest_cells(grid))
    pd.testing.assert_frame_equal(shown.reset_index(drop=True), wanted, check_dtype=False)
    summary = field_results.field_summary(expected.counts, expected.scope, TARGETS)
    bars = {r["field"]: r["target_text"] for r in chart_rows(at, 0)}
    assert bars["dat_dai"] == "85%" and bars["y_te"] == "80%" and bars["tu_phap"] == "90%"
    assert list(bars) == summary["field"].tolist()


def test_criteria_of_the_focused_unit(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app("pages/criteria.py", {"wave": "2024", "unit": "ninh-son"})
    assert not at.exception
    assert widget(at, "selectbox", "Đơn vị xem chi tiết").value == "ninh-son"
    expected = domain(demo_url, FilterState(wave="2024"))
    elements = criteria.element_comparison(expected.counts, expected.scope, "ninh-son", TARGETS)
    rows = [r for r in chart_rows(at, 0) if "value_text" in r]  # not the target line's row
    assert [r["value_text"] for r in rows] == [format_percent(v) for v in elements[s.VALUE]]
    assert [r["average_text"] for r in rows] == [
        format_percent(v) for v in elements[criteria.AVERAGE]
    ]
    items = criteria.item_comparison(expected.counts, expected.scope, "ninh-son")
    weakest = table_with(at, "Tỷ lệ hài lòng")
    pd.testing.assert_frame_equal(
        weakest.reset_index(drop=True),
        criteria.weakest_display(criteria.weakest_items(items)),
        check_dtype=False,
    )
    answers = [r for r in chart_rows(at, 2) if "answer" in r]  # not the centre line's row
    assert len(answers) == 22 * 5  # every criterion × answers 1–5


def test_criteria_of_a_unit_without_answers_in_the_selection(app: Callable[..., AppTest]) -> None:
    at = app(
        "pages/criteria.py",
        {"wave": "2025", "level": "department", "fields": "dat_dai", "unit": "so-y-te"},
    )
    assert not at.exception
    assert any("không có câu trả lời" in info.value for info in at.info)
    assert not at.get("vega_lite_chart")


def test_trends_follow_the_domain_layer_and_mark_the_break(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app("pages/trends.py", {"wave": "2024", "units": "ninh-son"})
    assert not at.exception
    expected = domain(demo_url, FilterState(wave="2024", units=("ninh-son",)))
    points = trends.trend_points(
        expected.history,
        expected.units,
        expected.scope,
        "sipas",
        trends.series_for(expected.scope, expected.labels),
    )
    rows = [r for r in chart_rows(at, 0) if "series" in r and "segment" in r]
    assert sorted((r["series"], r["wave"], round(r["value"], 6)) for r in rows) == sorted(
        (s, w, round(v, 6))
        for s, w, v in zip(points["series"], points["wave"], points["value"], strict=True)
    )
    assert any("QĐ 2640 → QĐ 1001" in warning.value for warning in at.warning)


def test_comments_search_and_theme(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app("pages/comments.py", {"wave": "2024"})
    widget(at, "text_input", "Tìm trong ý kiến").set_value("tre hen").run()
    assert not at.exception
    assert at.query_params["q"] == "tre hen"
    expected = domain(demo_url, FilterState(wave="2024"))
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        wanted = read_comments(
            session,
            comments.comment_filter(expected.scope, expected.counts.wave.id, "tre hen"),
            limit=comments.PAGE_SIZE,
        )
    engine.dispose()
    shown = [t.value for t in at.main.text]  # the sidebar's user box is text too
    assert shown == wanted["text"].tolist()
    assert all("trễ hẹn" in text.lower() for text in shown)
    widget(at, "selectbox", "Chủ đề").set_value("phi").run()
    assert all("phi" in comments.themes_of(t.value) for t in at.main.text)


def test_a_link_opens_the_same_view_and_it_survives_page_switches(
    app: Callable[..., AppTest],
) -> None:
    at = app(query={"wave": "2024", "units": "ninh-son,bac-ai", "fields": "dat_dai"})
    assert widget(at, "selectbox", "Đợt khảo sát").value == "2024"
    assert widget(at, "multiselect", "Đơn vị").value == ["ninh-son", "bac-ai"]
    assert widget(at, "multiselect", "Lĩnh vực").value == ["dat_dai"]
    at.switch_page("pages/rankings.py").run()
    assert widget(at, "multiselect", "Đơn vị").value == ["ninh-son", "bac-ai"]
    assert at.query_params["units"] == "ninh-son,bac-ai"
    widget(at, "radio", "Cấp đơn vị")  # present
    widget(at, "selectbox", "Đợt khảo sát").set_value("2023").run()
    at.switch_page("pages/overview.py").run()
    assert widget(at, "selectbox", "Đợt khảo sát").value == "2023"
    assert at.query_params["wave"] == "2023"


def test_link_values_the_wave_lacks_are_named_and_dropped(app: Callable[..., AppTest]) -> None:
    at = app(query={"wave": "2025", "units": "ninh-son", "fields": "y_te,khong-co"})
    assert not at.exception
    notes = " ".join(info.value for info in at.info)
    assert "Ninh Sơn" in notes and "khong-co" in notes
    assert at.query_params.get("units") is None


def test_waves_without_answers_say_so(app: Callable[..., AppTest], demo_url: str) -> None:
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        create_wave(session, "2026", get_method("qd1001"))
        create_wave(session, "2026-cong-bo", get_method("qd1001"), year=2026, kind="aggregate")
        bump_data_version(session)
    engine.dispose()
    for code, message in (("2026", "chưa có phiếu"), ("2026-cong-bo", "số liệu công bố")):
        at = app(query={"wave": code})
        assert not at.exception
        assert any(message in info.value for info in at.info), [i.value for i in at.info]
        assert not at.get("vega_lite_chart")


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/comments.py"])
def test_a_channel_without_answers_empties_the_selection(
    app: Callable[..., AppTest], demo_url: str, page: str
) -> None:
    method = get_method("qd2640")
    slices = pd.DataFrame(
        {"unit": ["ninh-son"], "field": ["dat_dai"], "channel": ["truc_tiep"], COMMENT: ["Tốt"]}
    )
    batch = ResponseBatch(slices, np.full((1, len(method.item_codes)), 5, dtype=np.uint8))
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        wave = create_wave(session, "2026", method)
        store_responses(session, wave, batch, file_name="x.xlsx", file_hash="x")
    engine.dispose()
    at = app(page, {"wave": "2026", "channels": "truc_tuyen"})
    assert not at.exception
    assert any("Không có phiếu khảo sát nào" in info.value for info in at.info)
    assert not at.get("vega_lite_chart") and not at.metric
    at = app(page, {"wave": "2026", "channels": "truc_tiep"})
    assert at.get("vega_lite_chart")
