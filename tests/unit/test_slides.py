"""The presentation deck on the demo database: six slides in order, captions written from
the slides' numbers (checked against the domain layer), the top-N band of a rank target,
and projector specs with large type that are valid Vega-Lite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import pytest

from sipas.core.formatting import format_percent
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, resolve, unit_labels
from sipas.gaps.ranks import RankPosition
from sipas.method.measure_values import pooled_value
from sipas.method.measures import SIPAS_INDEX
from sipas.present import slidetext
from sipas.present.projector import LABEL_PX, TITLE_PX, projector_spec
from sipas.present.slides import MAX_ROWS, DeckData, Slide, build_deck, subject_unit
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.waves import list_waves
from sipas.targets.registry import load_targets

ORDER = ["sipas", "ranking", "heatmap", "fields", "criteria", "trend"]


@pytest.fixture(scope="module")
def demo(demo_file: Path) -> Iterator[dict[str, Any]]:
    """The demo's waves, units, targets and counts, read once."""
    engine = make_engine(f"sqlite:///{demo_file}")
    with transaction(engine) as session:
        waves = list_waves(session)
        loaded = {
            "waves": waves,
            "units": units_frame(session),
            "targets": load_targets(session),
            "counts": {w.code: load_wave_counts(session, w.code, "") for w in waves},
        }
    engine.dispose()
    yield loaded


def deck_data(demo: dict[str, Any], state: FilterState) -> DeckData:
    wave = choose_wave(state.wave, demo["waves"])
    assert wave is not None
    resolved = resolve(state, wave, demo["counts"][wave.code], demo["units"])
    assert resolved.scope is not None
    return DeckData(
        scope=resolved.scope,
        counts=demo["counts"][wave.code],
        history=[demo["counts"][w.code] for w in demo["waves"]],
        units=demo["units"],
        labels=unit_labels(demo["units"]),
        thresholds=demo["targets"].thresholds,
        ranks=demo["targets"].ranks,
        subject=subject_unit(resolved.scope, resolved.state.focus),
    )


def by_key(deck: list[Slide]) -> dict[str, Slide]:
    return {slide.key: slide for slide in deck}


def test_a_units_deck_has_six_slides_whose_first_caption_is_its_sipas_against_target(
    demo: dict[str, Any],
) -> None:
    data = deck_data(demo, FilterState(wave="2024", units=("ninh-son",)))
    deck = build_deck(data)
    assert [slide.key for slide in deck] == ORDER
    value, *_ = pooled_value(data.counts, data.scope.selection(["ninh-son"]), SIPAS_INDEX) or ()
    assert format_percent(value) == "87,22%"  # the demo's fixed seed
    first = deck[0]
    assert first.caption == "Ninh Sơn đạt 87,22%, thấp hơn mục tiêu 90% 2,78 điểm %, xếp thứ 4/7."
    assert first.headline == (("SIPAS", "87,22%"), ("Mục tiêu", "90%"), ("Xếp hạng", "4/7"))


def test_the_ranking_slide_shades_the_top_three_of_ninh_sons_rank_target(
    demo: dict[str, Any],
) -> None:
    ranking = by_key(build_deck(deck_data(demo, FilterState(wave="2024", units=("ninh-son",)))))[
        "ranking"
    ]
    band = ranking.spec["layer"][0]
    assert band["mark"]["type"] == "rect"
    shaded = [row["label"] for row in band["data"]["values"]]
    assert shaded == ["Phan Rang – Tháp Chàm", "Ninh Phước", "Ninh Hải"]
    # third place 88,05%, Ninh Sơn 87,22%: 0,83 points to go
    assert ranking.caption == (
        "Ninh Sơn xếp thứ 4/7, ngoài nhóm 3 đơn vị dẫn đầu; "
        "cần thêm 0,83 điểm % để bằng đơn vị thứ 3."
    )
    assert "Kế hoạch 95/KH-UBND" in " ".join(ranking.spec["title"]["subtitle"])


def test_the_heatmap_shows_a_chosen_unit_among_its_peers(demo: dict[str, Any]) -> None:
    heatmap = by_key(build_deck(deck_data(demo, FilterState(wave="2024", units=("ninh-son",)))))[
        "heatmap"
    ]
    cells = heatmap.spec["data"]["values"]
    assert len({cell["unit"] for cell in cells}) == 7
    lowest = min(cells, key=lambda cell: cell["value_text"].replace(",", "."))
    assert f"thấp nhất: {lowest['label']} – {lowest['field_label']}" in heatmap.caption


def test_a_selection_of_many_units_speaks_of_the_selection_and_cuts_long_rankings(
    demo: dict[str, Any],
) -> None:
    data = deck_data(demo, FilterState(wave="2025", level="commune"))
    assert data.subject is None
    deck = by_key(build_deck(data))
    assert deck["sipas"].caption.startswith("Các đơn vị cấp xã đạt ")
    assert "xếp thứ" not in deck["sipas"].caption
    rows = deck["ranking"].spec["data"]["values"]
    assert len(rows) == MAX_ROWS
    for key in ("ranking", "heatmap"):  # both say which units they leave out
        assert "12 đơn vị đầu bảng trong 65 đơn vị" in deck[key].spec["title"]["subtitle"]
    assert deck["trend"].caption.endswith("đợt đầu tiên của chuỗi.") or "đợt 2025" in (
        deck["trend"].caption
    )


def _text_sizes(node: Any) -> Iterator[float]:
    if isinstance(node, list):
        for item in node:
            yield from _text_sizes(item)
    elif isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            yield mark.get("fontSize", 0)
        for key in ("labelFontSize", "titleFontSize"):
            if key in node:
                yield node[key]
        for key, value in node.items():
            if key not in ("datasets", "data", "config"):
                yield from _text_sizes(value)


@pytest.mark.parametrize("units", [("ninh-son",), ()])
def test_every_slide_is_valid_vega_lite_with_large_type(
    demo: dict[str, Any], units: tuple[str, ...]
) -> None:
    for slide in build_deck(deck_data(demo, FilterState(wave="2024", units=units))):
        kind = alt.LayerChart if "layer" in slide.spec else alt.Chart
        kind.from_dict(slide.spec, validate=True)  # raises on any spec error
        config = slide.spec["config"]
        assert config["axis"]["labelFontSize"] >= 24 and config["legend"]["labelFontSize"] >= 24
        assert config["title"]["fontSize"] == TITLE_PX > LABEL_PX
        assert min(_text_sizes(slide.spec)) >= 24, slide.key
        assert slide.caption.endswith(".")


def test_the_projector_look_leaves_the_dashboard_spec_alone() -> None:
    spec = {"mark": {"type": "text", "fontSize": 13}, "encoding": {}, "config": {}}
    shown = projector_spec(spec, 700)
    assert shown["mark"]["fontSize"] == LABEL_PX and shown["height"] == 700
    assert spec == {"mark": {"type": "text", "fontSize": 13}, "encoding": {}, "config": {}}


@pytest.mark.parametrize(
    ("value", "target", "rank", "expected"),
    [
        (87.91, 90.0, 4, "Ninh Sơn đạt 87,91%, thấp hơn mục tiêu 90% 2,09 điểm %, xếp thứ 4/7."),
        (92.5, 90.0, 1, "Ninh Sơn đạt 92,50%, cao hơn mục tiêu 90% 2,50 điểm %, xếp thứ 1/7."),
        (90.001, 90.0, 2, "Ninh Sơn đạt 90,00%, bằng mục tiêu 90%, xếp thứ 2/7."),
        (85.0, None, None, "Ninh Sơn đạt 85,00%, chưa có mục tiêu cho năm 2024."),
    ],
)
def test_the_sipas_sentence(
    value: float, target: float | None, rank: int | None, expected: str
) -> None:
    assert slidetext.sipas_caption("Ninh Sơn", value, target, rank, 7, 2024) == expected


def test_the_rank_band_sentence_inside_the_top_group() -> None:
    inside = RankPosition("a", 2, 7, 3, True, 88.05, ("c",), 0.0, 0.5, ("d",))
    assert slidetext.band_caption("Ninh Sơn", inside) == (
        "Ninh Sơn xếp thứ 2/7, trong nhóm 3 đơn vị dẫn đầu: đạt mục tiêu xếp hạng."
    )


def test_the_fields_sentence_names_the_field_furthest_below_its_target() -> None:
    summary = pd.DataFrame(
        {
            "field_label": ["Đất đai", "Y tế"],
            "value": [82.5, 91.0],
            "target": [85.0, 80.0],
            "gap": [-2.5, 11.0],
            "status": ["near", "meets"],
        }
    )
    assert slidetext.fields_caption(summary) == (
        "1/2 lĩnh vực đạt mục tiêu; xa mục tiêu nhất: Đất đai đạt 82,50%, "
        "thấp hơn mục tiêu 85% 2,50 điểm %."
    )
    met = summary.assign(gap=[1.0, 11.0], status=["meets", "meets"])
    assert (
        slidetext.fields_caption(met) == "Cả 2 lĩnh vực đạt mục tiêu; thấp nhất: Đất đai (82,50%)."
    )


def test_two_chosen_units_are_the_selection_and_the_one_behind_gets_the_criteria_slide(
    demo: dict[str, Any],
) -> None:
    data = deck_data(demo, FilterState(wave="2024", units=("ninh-son", "bac-ai")))
    assert data.subject is None
    deck = by_key(build_deck(data))
    assert deck["sipas"].caption.startswith("Các đơn vị được chọn đạt ")
    assert deck["criteria"].caption.startswith("Tiêu chí yếu nhất của Bác Ái: ")  # 7/7
    assert [label for label, _ in deck["sipas"].headline] == ["SIPAS", "Mục tiêu"]
