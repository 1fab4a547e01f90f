"""Every dashboard chart is a valid Vega-Lite spec (checked here, not on every page run), with
Vietnamese titles, decimal commas, the status legend and the click selections pages use."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import altair as alt
import pytest

from sipas.core import schema as s
from sipas.dashboard import comments, criteria, field_results, standings, trends
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.export import charts as chart_files
from sipas.method.measures import SIPAS_INDEX
from sipas.present import axes, charts
from sipas.present.plots.criteria import distribution_chart, elements_chart, items_chart
from sipas.present.plots.fields import field_summary_chart, unit_strip_chart
from sipas.present.plots.heatmap import field_heatmap
from sipas.present.plots.themes import themes_chart
from sipas.present.plots.trends import trend_chart
from sipas.targets.seeds import default_thresholds
from tests.support.builders import uniform_counts, units, wave

UNITS = units([("d1", s.DISTRICT, "p"), ("d2", s.DISTRICT, "p")])
BEFORE = uniform_counts(wave("2023", wave_id=1), {("d1", "dat_dai"): (80, 100)})
COUNTS = uniform_counts(
    wave("2024", wave_id=2),
    {("d1", "dat_dai"): (853, 1000), ("d2", "dat_dai"): (20, 25), ("d2", "y_te"): (9, 10)},
)
LABELS = {"d1": "Ninh Sơn", "d2": "Bác Ái"}


def scope():
    found = resolve(FilterState(), COUNTS.wave, COUNTS, UNITS).scope
    assert found is not None
    return found


def all_charts() -> dict[str, Any]:
    here = scope()
    ranking = standings.rank_peers(COUNTS, here, LABELS, default_thresholds(), SIPAS_INDEX)
    grid = field_results.field_grid(COUNTS, here, LABELS, default_thresholds())
    elements = criteria.element_comparison(COUNTS, here, "d1", default_thresholds())
    items = criteria.item_comparison(COUNTS, here, "d1")
    points = trends.trend_points(
        [BEFORE, COUNTS], UNITS, here, "sipas", trends.series_for(here, LABELS)
    )
    table = comments.theme_table(10, {"thai_do": 4}, {"YT3": "Công chức"})
    return {
        "ranking": charts.ranking_chart(
            ranking,
            title="Chỉ số SIPAS – đợt 2024",
            subtitle="Đợt 2024",
            target=None,
            pick="unit_pick",
        ),
        "heatmap": field_heatmap(grid, title="Ô – đợt 2024", subtitle="x", pick="cell_pick"),
        "fields": field_summary_chart(
            field_results.field_summary(COUNTS, here, default_thresholds()),
            title="Lĩnh vực",
            subtitle="x",
            pick="field_pick",
        ),
        "strip": unit_strip_chart(grid, title="Đơn vị", subtitle="x", pick="cell_pick"),
        "elements": elements_chart(elements, title="Yếu tố", subtitle="x", average_label="BQ"),
        "items": items_chart(items, title="Tiêu chí", subtitle="x", average_label="BQ"),
        "distribution": distribution_chart(
            criteria.answer_distribution(items), title="Phân bố", subtitle="x"
        ),
        "trend": trend_chart(
            points,
            trends.target_points([BEFORE, COUNTS], here, default_thresholds(), "sipas"),
            trends.breaks(points),
            waves=["2023", "2024"],
            title="Xu hướng",
            subtitle="x",
            y_title="SIPAS (%)",
        ),
        "themes": themes_chart(table, title="Chủ đề", subtitle="x", pick="theme_pick"),
    }


@pytest.mark.parametrize("name", list(all_charts()))
def test_chart_is_valid_vega_lite(name: str) -> None:
    chart = all_charts()[name]
    chart.to_dict(validate=True)  # raises on any spec error
    spec = charts.to_spec(chart)
    assert "continuousWidth" not in json.dumps(spec.get("config", {}))
    assert spec["title"]["text"]


def altair_spec(chart: Any) -> dict[str, Any]:
    """The spec as Altair writes it, without the default theme's view size (as to_spec)."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    return spec


@pytest.mark.parametrize("name", list(all_charts()))
def test_the_spec_is_the_one_altair_writes(name: str) -> None:
    """to_spec hands Altair placeholders for the rows and puts the rows back afterwards."""
    chart = all_charts()[name]
    before = altair_spec(chart)
    spec = charts.to_spec(chart)
    assert spec == before
    assert "sipas_rows_" not in json.dumps(spec)
    assert altair_spec(chart) == before  # the chart is left as it was


def test_rows_shared_by_two_views_stay_one_dataset() -> None:
    rows = charts.slim(with_display_columns(standings_frame()), [s.UNIT, s.VALUE])
    bars = alt.Chart(rows).mark_bar().encode(x=f"{s.VALUE}:Q", y=f"{s.UNIT}:N")
    text = alt.Chart(rows).mark_text().encode(x=f"{s.VALUE}:Q", y=f"{s.UNIT}:N")
    chart = alt.layer(bars, text)
    spec = charts.to_spec(chart)
    assert spec == altair_spec(chart)
    assert spec["data"]["values"] == rows.values
    assert spec["data"]["values"] is not rows.values  # a copy: the spec may be changed


def test_layers_with_their_own_rows_or_frames_are_written_as_altair_writes_them() -> None:
    ranked = with_display_columns(standings_frame())
    rows = charts.slim(ranked, [s.UNIT, s.VALUE])
    band = alt.Chart(charts.slim(ranked.head(1), [s.UNIT])).mark_rect()
    bars = alt.Chart().mark_bar().encode(x=f"{s.VALUE}:Q", y=f"{s.UNIT}:N")
    framed = alt.Chart(ranked[[s.UNIT, s.VALUE]]).mark_tick().encode(x="value:Q")
    for chart in (
        alt.layer(band.encode(y=f"{s.UNIT}:N"), bars, data=rows),
        alt.layer(band.encode(y=f"{s.UNIT}:N"), framed),
        alt.layer(bars, framed, data=rows),
    ):
        before = altair_spec(chart)
        assert charts.to_spec(chart) == before
        assert altair_spec(chart) == before


def standings_frame() -> Any:
    return standings.rank_peers(COUNTS, scope(), LABELS, default_thresholds(), SIPAS_INDEX)


def dataset_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the chart's own data (inline values) and of any named datasets."""
    rows = list(spec.get("data", {}).get("values", []))
    return rows + [row for found in spec.get("datasets", {}).values() for row in found]


def test_ranking_chart_writes_values_the_vietnamese_way() -> None:
    spec = charts.to_spec(all_charts()["ranking"])
    rows = {row["label"]: row for row in dataset_rows(spec) if "value_text" in row}
    assert rows["Ninh Sơn"]["value_text"] == "85,30%"
    assert rows["Ninh Sơn"]["n_text"] == "1.000"
    # Bác Ái pools its two fields: 29 of 35 = 82,86%, 7,14 points short of 90%; its interval
    # (35 questionnaires) reaches into Ninh Sơn's: statistically tied with the unit above
    assert rows["Bác Ái"]["mark_text"] == "82,86% ≈"
    assert rows["Bác Ái"]["n_text"] == "35"
    assert rows["Bác Ái"]["status_text"] == "✖ Thiếu từ 5 điểm % trở lên"
    # the click selection sits on the bars' layer (Altair lifts it to the top, naming the view)
    [param] = spec["params"]
    assert (param["name"], param["select"]["fields"]) == ("unit_pick", ["unit"])
    assert param["views"] == [spec["layer"][0]["name"]]
    legend = spec["layer"][0]["encoding"]["color"]
    assert legend["scale"]["domain"][0] == "✔ Đạt mục tiêu"


def test_heatmap_selects_unit_and_field() -> None:
    spec = charts.to_spec(all_charts()["heatmap"])
    [param] = spec["params"]
    assert param["name"] == "cell_pick"
    assert param["select"]["fields"] == ["unit", "field"]
    cells = {
        (r["unit"], r["field"]): r["cell_text"] for r in dataset_rows(spec) if "cell_text" in r
    }
    # Bác Ái, land: 80% of 25 against 85%: near, small sample; health: 90% of 10 vs 80%
    assert cells[("d2", "dat_dai")] == "80,0 ▲*"
    assert cells[("d2", "y_te")] == "90,0 ✔*"


def test_charts_data_carries_only_what_is_drawn() -> None:
    spec = charts.to_spec(all_charts()["ranking"])
    columns = set().union(*(row.keys() for row in dataset_rows(spec)))
    assert "target_source" not in columns and "previous_rank" not in columns
    assert len(dataset_rows(spec)) == 2


def _translations(svg: str, pattern: str) -> list[float]:
    """The x of every SVG element matched by `pattern` (its one group is the translate's x)."""
    return [float(x) for x in re.findall(pattern, svg)]


def test_element_values_are_written_past_the_average_diamond() -> None:
    elements = criteria.element_comparison(COUNTS, scope(), "d1", default_thresholds())
    # a unit 3 points under the average (the diamond just past the bar's end), one 10 over
    elements[criteria.AVERAGE] = elements[s.VALUE] + [3, -10, 0, 0, 0][: len(elements)]
    svg = chart_files.to_svg(
        charts.to_spec(elements_chart(elements, title="Yếu tố", subtitle="x", average_label="BQ"))
    ).decode()
    diamonds = _translations(svg, r'<path aria-label="average: [^"]*"[^>]*translate\(([\d.]+),')
    values = _translations(
        svg, r'translate\(([\d.]+),[\d.]+\)"[^>]*font-weight="bold" fill="(?!white)[^>]*>\d+,\d\d%<'
    )
    assert len(diamonds) == len(values) == len(elements)
    radius = 6.4  # a diamond of size 160: half its diagonal
    assert all(value > diamond + radius for value, diamond in zip(values, diamonds, strict=True))
    # the unit above the average keeps its value next to its own bar, not next to the diamond
    assert values[1] - diamonds[1] > 50


def _mark_type(layer: dict[str, Any]) -> str:
    mark = layer.get("mark", "")
    return str(mark["type"] if isinstance(mark, dict) else mark)


@pytest.mark.parametrize("name", ["ranking", "elements"])
def test_values_are_written_over_the_target_line(name: str) -> None:
    """A value written where the dashed target line passes stays on top of it."""
    chart = all_charts()[name]
    if name == "ranking":
        # Ninh Sơn serves land alone and is judged by the land target (85%), Bác Ái by the
        # overall 90%: each bar gets a tick. Held to one target, the line is drawn.
        shared = standings_frame().assign(target=90.0)
        chart = charts.ranking_chart(shared, title="T", subtitle="S", target=None)
    layers = charts.to_spec(chart)["layer"]
    kinds = [_mark_type(layer) for layer in layers]
    dashed = [i for i, layer in enumerate(layers) if "strokeDash" in layer.get("mark", {})]
    values = [
        i
        for i, layer in enumerate(layers)
        if kinds[i] == "text"
        and layer["encoding"]["text"]["field"] in {"mark_text", "value_text"}
        and layer["mark"].get("stroke") != "white"
    ]
    assert dashed and values
    assert max(dashed) < min(values)
    # each value has a white outline of its glyphs right under it, so the line stops at them
    for index in values:
        halo = layers[index - 1]
        assert halo["mark"]["stroke"] == "white" and halo["mark"]["color"] == "white"
        assert halo["encoding"]["text"] == layers[index]["encoding"]["text"]
        assert halo["encoding"]["x"] == layers[index]["encoding"]["x"]
        assert halo.get("transform") == layers[index].get("transform")
        assert max(dashed) < index - 1


def high_values() -> Any:
    """A ranking whose values all lie between 84% and 93%, as real units' often do."""
    frame = standings_frame().copy()
    assert len(frame) == 2
    values = [92.54, 84.16]
    frame[s.VALUE] = values
    frame[s.LOW] = [v - 2 for v in values]
    frame[s.HIGH] = [v + 2 for v in values]
    return frame


def test_a_page_ranking_of_high_values_starts_its_axis_near_them_and_says_so() -> None:
    frame = high_values()
    chart = charts.ranking_chart(
        frame, title="T", subtitle=["Nguồn"], target=90.0, words=True, intervals=False
    )
    spec = charts.to_spec(chart)
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["scale"]["domain"] == [70, 100]
    assert bars["x2"] == {"datum": 70}  # bars start at the axis, not at a hidden 0
    assert bars["x"]["axis"]["values"][:2] == [70, 75]
    assert any("bắt đầu từ 70%, không từ 0%" in line for line in spec["title"]["subtitle"])
    # the reports' chart (and one with low values) keeps the whole scale and no note
    whole = charts.to_spec(charts.ranking_chart(frame, title="T", subtitle="N", target=90.0))
    assert whole["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]
    low = frame.assign(**{s.VALUE: [30.0] * len(frame)})
    assert axes.axis_start(low, 90.0, False) == 0


def test_bars_on_an_axis_that_does_not_start_at_zero_are_drawn_in_the_png() -> None:
    """vl-convert draws what the browser draws: the bars from the axis's start."""
    from PIL import Image

    from sipas.targets.status import COLOURS

    chart = charts.ranking_chart(
        high_values(), title="T", subtitle=["N"], target=90.0, words=True, intervals=False
    )
    image = Image.open(io.BytesIO(chart_files.to_png(charts.to_spec(chart), width=600, scale=1)))
    counts = {colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    drawn = {tuple(int(code[i : i + 2], 16) for i in (1, 3, 5)) for code in COLOURS.values()}
    filled = sum(counts.get(colour, 0) for colour in drawn)
    # two bars' worth, not only the legend's small squares; and not bars drawn from a 0 far
    # left of the axis, which run over the labels to the image's edge (5x as many pixels)
    width, height = image.size
    assert 3000 < filled < 0.4 * width * height, filled


def test_the_unit_page_s_peer_chart_of_high_values_starts_near_them() -> None:
    from sipas.present.plots import gaps as gapcharts

    frame = high_values()[[s.LABEL, s.VALUE]]
    band = gapcharts.rank_band(frame[s.VALUE], 1)
    spec = charts.to_spec(
        gapcharts.rank_band_chart(frame, band, focus=None, target=90.0, title="T", subtitle="S")
    )
    bars = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "bar")
    assert bars["encoding"]["x"]["scale"]["domain"] == [70, 100]
    assert bars["encoding"]["x2"] == {"datum": 70}
    assert spec["title"]["subtitle"] == ["S", "Trục bắt đầu từ 70%, không từ 0%"]
