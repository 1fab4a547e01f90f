"""One status per number and statistics in words (issue 22, items 4 and 5): one target judges
each value on every page, the label says which, and ties are said once in a sentence."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.dashboard import criteria, field_results, overview, standings, trends
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import Scope, resolve
from sipas.gaps import table as g
from sipas.method.measures import SIPAS_INDEX
from sipas.method.results import WaveCounts
from sipas.present import charts, slides
from sipas.present.plots.heatmap import field_heatmap
from sipas.targets import judging
from sipas.targets.registry import TargetSet
from sipas.targets.rules import GT, ThresholdTarget
from sipas.targets.status import MEETS, NEAR, TARGET, with_targets
from tests.support.builders import uniform_counts, units, wave

UNITS = units(
    [("so-y-te", s.DEPARTMENT, None), ("so-tp", s.DEPARTMENT, None), ("so-x", s.DEPARTMENT, None)]
)
LABELS = {"so-y-te": "Sở Y tế", "so-tp": "Sở Tư pháp", "so-x": "Sở X"}
TARGETS = (
    ThresholdTarget(90.0, "chung", 2021, 2025),
    ThresholdTarget(80.0, "y tế", 2021, 2025, field="y_te"),
    ThresholdTarget(85.0, "đất đai", 2021, 2025, field="dat_dai"),
)


def department_counts() -> WaveCounts:
    """Sở Y tế serves health alone (87%: under the overall 90%, over the health 80%); Sở Tư
    pháp serves justice (92%); Sở X serves land (83/100) and justice (95/100): 89%."""
    return uniform_counts(
        wave("2025", "qd1001"),
        {
            ("so-y-te", "y_te"): (87, 100),
            ("so-tp", "tu_phap"): (92, 100),
            ("so-x", "dat_dai"): (83, 100),
            ("so-x", "tu_phap"): (95, 100),
        },
    )


ALL = FilterState()


def scope_of(counts: WaveCounts, state: FilterState = ALL) -> Scope:
    scope = resolve(state, counts.wave, counts, UNITS).scope
    assert scope is not None
    return scope


def test_the_field_that_judges_a_value() -> None:
    served = {"so-y-te": "y_te"}
    # a cell's own field first, then the field chosen, then the unit's only field, else none
    assert judging.judged_field("so-y-te", cell_field="dat_dai", served=served) == "dat_dai"
    assert judging.judged_field("so-y-te", chosen_field="tu_phap", served=served) == "tu_phap"
    assert judging.judged_field("so-y-te", served=served) == "y_te"
    assert judging.judged_field("so-x", served=served) is None
    assert judging.served_fields(department_counts()) == {"so-y-te": "y_te", "so-tp": "tu_phap"}


def test_a_published_overall_row_serves_no_single_field() -> None:
    counts = department_counts()
    published = pd.DataFrame(
        {s.UNIT: ["so-pub", "so-pub", "so-one"], s.FIELD: [None, "y_te", "y_te"]}
    )
    served = judging.served_fields(replace(counts, published=published))
    assert "so-pub" not in served
    assert served["so-one"] == "y_te"


def test_the_health_department_is_judged_against_the_health_target_everywhere() -> None:
    counts = department_counts()
    scope = scope_of(counts)
    ranked = standings.rank_peers(counts, scope, LABELS, TARGETS, SIPAS_INDEX).set_index(s.UNIT)
    # chart and rankings table: 87% against 80% meets; the others against the overall 90%
    assert ranked[TARGET].to_dict() == {"so-tp": 90.0, "so-x": 90.0, "so-y-te": 80.0}
    assert ranked.loc["so-y-te", s.TARGET_STATUS] == MEETS
    assert ranked.loc["so-x", s.TARGET_STATUS] == NEAR
    assert ranked.loc["so-y-te", standings.JUDGED_TEXT] == "87,00% / ≥80%"
    assert ranked.loc["so-tp", standings.JUDGED_TEXT] == "92,00% / ≥90%"
    table = standings.standings_display(ranked.reset_index(), "SIPAS").set_index("Đơn vị")
    assert table.loc["Sở Y tế", "Mục tiêu"] == "≥80%"
    assert table.loc["Sở Y tế", "Đánh giá"] == "✔ Đạt"
    # grid: the health cell is the same number with the same status
    grid = field_results.field_grid(counts, scope, LABELS, TARGETS).set_index(s.UNIT)
    assert grid.loc["so-y-te", s.VALUE] == pytest.approx(ranked.loc["so-y-te", s.VALUE])
    assert grid.loc["so-y-te", s.TARGET_STATUS] == ranked.loc["so-y-te", s.TARGET_STATUS]
    # the cards of Sở Y tế alone, its criteria, and the gap table (the unit page, the CLI)
    alone = scope_of(counts, FilterState(units=("so-y-te",)))
    alone_ranked = standings.rank_peers(counts, alone, LABELS, TARGETS, SIPAS_INDEX)
    cards = overview.overview_cards(counts, alone, alone_ranked, UNITS, TARGETS, None, ())
    assert cards.target is not None and cards.target.value == 80.0
    assert (cards.meeting, cards.judged) == (1, 1)
    elements = criteria.element_comparison(counts, alone, "so-y-te", TARGETS)
    assert set(elements[TARGET]) == {80.0}
    gaps = g.gap_table(g.GapInputs(counts, UNITS, TargetSet(thresholds=TARGETS)), draws=50)
    row = gaps[gaps[g.UNIT_CODE] == "so-y-te"].iloc[0]
    assert (row[g.TARGET], row[g.TARGET_STATUS]) == (80.0, MEETS)


def test_the_chosen_field_wins() -> None:
    counts = department_counts()
    land = scope_of(counts, FilterState(fields=("dat_dai",)))
    ranked = standings.rank_peers(counts, land, LABELS, TARGETS, SIPAS_INDEX).set_index(s.UNIT)
    # only Sở X has land answers: 83% against the land 85%, not the overall 90%
    assert ranked[TARGET].to_dict() == {"so-x": 85.0}
    assert ranked.loc["so-x", standings.JUDGED_TEXT] == "83,00% / ≥85%"
    # a unit's own target still beats a field's, and "trên" is written ">"
    own = (*TARGETS, ThresholdTarget(85.0, "riêng", 2025, 2025, unit="so-x", comparison=GT))
    judged = with_targets(
        ranked.reset_index(), own, year=2025, level=s.DEPARTMENT, field="dat_dai"
    ).set_index(s.UNIT)
    assert judging.judged_text("83,00%", judged.loc["so-x", TARGET], GT) == "83,00% / >85%"


def test_one_rule_compares_as_published() -> None:
    # 89,996 is published as 90,00: it meets "90%" but not "trên 90%"
    assert judging.status_against(89.996, 90.0) == MEETS
    assert judging.status_against(89.996, 90.0, GT) == NEAR
    assert judging.status_against(84.99, 90.0) == "below"
    assert judging.target_short(92.5) == "≥92,5%"
    assert judging.judged_text("87,04%", None) == "87,04%"


def close_counts(n: int) -> WaveCounts:
    """Two districts 2 points apart and one far below, on `n` questionnaires each."""
    return uniform_counts(
        wave("2024"),
        {
            ("d1", "tu_phap"): (round(0.90 * n), n),
            ("d2", "tu_phap"): (round(0.88 * n), n),
            ("d3", "tu_phap"): (round(0.60 * n), n),
        },
    )


DISTRICTS = units([("d1", s.DISTRICT, "p"), ("d2", s.DISTRICT, "p"), ("d3", s.DISTRICT, "p")])
NAMES = {"d1": "Ninh Sơn", "d2": "Ninh Hải", "d3": "Bác Ái"}


def ranking_of(counts: WaveCounts, state: FilterState = ALL) -> pd.DataFrame:
    scope = resolve(state, counts.wave, counts, DISTRICTS).scope
    assert scope is not None
    return standings.rank_peers(counts, scope, NAMES, TARGETS, SIPAS_INDEX)


def test_a_tie_sentence_only_where_the_test_cannot_separate_the_units() -> None:
    # 100 questionnaires: 90% and 88% cannot be told apart; 60% can
    tied = ranking_of(close_counts(100))
    assert tied[s.TIED].tolist() == [False, True, False]
    assert standings.tie_sentences(tied) == [
        "Chênh lệch giữa Ninh Sơn và Ninh Hải chưa đủ lớn để khẳng định."
    ]
    # 5.000 questionnaires each: 2 points are a real difference, nothing to say
    assert not ranking_of(close_counts(5000))[s.TIED].any()
    assert standings.tie_sentences(ranking_of(close_counts(5000))) == []
    # with Bác Ái alone chosen, the tie of two others is not its story
    alone = ranking_of(close_counts(100), FilterState(units=("d3",)))
    assert standings.tie_sentences(alone) == []


def test_a_run_of_ties_is_one_sentence() -> None:
    frame = pd.DataFrame(
        {s.LABEL: ["A", "B", "C", "D"], s.TIED: [False, True, True, False], standings.CHOSEN: True}
    )
    assert standings.tie_sentences(frame) == [
        "Chênh lệch giữa A, B và C (mỗi đơn vị so với đơn vị xếp ngay trên) chưa đủ lớn để"
        " khẳng định."
    ]
    long = pd.DataFrame(
        {s.LABEL: list("ABCDEFG"), s.TIED: [False, *[True] * 6], standings.CHOSEN: True}
    )
    assert standings.tie_sentences(long) == [
        "Từ A đến G (7 đơn vị liền nhau trong bảng xếp hạng), chênh lệch giữa mỗi đơn vị và"
        " đơn vị xếp ngay trên chưa đủ lớn để khẳng định."
    ]


def chart_rows(chart: object) -> list[dict[str, object]]:
    """The rows of the chart's own data and of any named datasets."""
    spec = charts.to_spec(chart)
    rows = list(spec.get("data", {}).get("values", []))
    return rows + [row for found in spec.get("datasets", {}).values() for row in found]


def has_whiskers(chart: object) -> bool:
    """Whether a layer draws from LOW to HIGH (the 95% intervals)."""
    return any(
        layer.get("encoding", {}).get("x2", {}).get("field") == s.HIGH
        for layer in charts.to_spec(chart)["layer"]
    )


def test_no_approx_sign_in_the_pages_chart_labels_and_intervals_on_request() -> None:
    tied = ranking_of(close_counts(100))
    page = charts.ranking_chart(
        tied, title="T", subtitle="S", target=None, words=True, intervals=False
    )
    labels = {str(row[s.UNIT]): str(row[s.MARK_TEXT]) for row in chart_rows(page)}
    assert labels == {"d1": "90,00% / ≥90%", "d2": "88,00% / ≥90%", "d3": "60,00% / ≥90%"}
    assert not has_whiskers(page)
    shown = charts.ranking_chart(tied, title="T", subtitle="S", target=None, words=True)
    assert {str(row[s.MARK_TEXT]) for row in chart_rows(shown)} >= {"88,00% / ≥90% · n = 100"}
    assert has_whiskers(shown)
    # the reports (Word, deck) keep their "≈" marks and intervals
    report = charts.ranking_chart(tied, title="T", subtitle="S", target=90.0)
    assert "88,00% ≈" in {str(row[s.MARK_TEXT]) for row in chart_rows(report)}


def test_the_chart_notes_explain_the_label_without_an_example_value() -> None:
    hidden, shown = standings.chart_notes(False), standings.chart_notes(True)
    assert "giá trị / mục tiêu" in hidden[0]
    assert not any(char.isdigit() for char in hidden[0])
    assert "khoảng tin cậy" in " ".join(shown) and "khoảng tin cậy" not in " ".join(hidden)


def test_the_grid_writes_a_columns_shared_target_under_its_field() -> None:
    counts = department_counts()
    grid = field_results.field_grid(counts, scope_of(counts), LABELS, TARGETS)
    page = field_heatmap(grid, title="T", subtitle="S", targets_in_header=True)
    headers = {str(row[s.FIELD]): str(row["field_axis"]) for row in chart_rows(page)}
    assert headers["y_te"] == "Y tế|≥80%" and headers["dat_dai"] == "Đất đai|≥85%"
    assert headers["tu_phap"].endswith("|≥90%")
    # a column whose cells are held to different targets names none
    own = (*TARGETS, ThresholdTarget(88.0, "riêng", 2025, 2025, unit="so-x"))
    mixed = field_results.field_grid(counts, scope_of(counts), LABELS, own)
    headers = {
        str(row[s.FIELD]): str(row["field_axis"])
        for row in chart_rows(field_heatmap(mixed, title="T", subtitle="S", targets_in_header=True))
    }
    assert "%" not in headers["tu_phap"]
    # the deck's grid (no header targets) is as it was
    deck = {
        str(row["field_axis"]) for row in chart_rows(field_heatmap(grid, title="T", subtitle="S"))
    }
    assert not any("%" in header for header in deck)


def test_the_deck_names_the_target_its_ranking_judges_by() -> None:
    counts = department_counts()
    alone = scope_of(counts, FilterState(units=("so-y-te",)))
    deck = slides.DeckData(alone, counts, [counts], UNITS, LABELS, TARGETS, (), "so-y-te")
    first = slides.build_deck(deck)[0]
    assert first.key == "sipas"
    assert dict(first.headline)["Mục tiêu"] == "80%"


def test_the_trend_of_the_health_department_draws_the_health_target() -> None:
    counts = department_counts()
    alone = scope_of(counts, FilterState(units=("so-y-te",)))
    assert trends.target_points([counts], alone, TARGETS, "sipas")[TARGET].tolist() == [80.0]
    several = scope_of(counts, FilterState(units=("so-y-te", "so-tp")))
    assert trends.target_points([counts], several, TARGETS, "sipas")[TARGET].tolist() == [90.0]
