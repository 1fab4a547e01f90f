"""The deck's trend slide tells the reform's story as the trends page does: a 2025 commune's
predecessor district is its own labelled line before 1/7/2025, never joined with the
commune's own point, and the reform is marked (the demo, on Khánh Hòa's official map)."""

from __future__ import annotations

from typing import Any

from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, resolve, unit_labels
from sipas.present.slides import DeckData, build_deck, subject_unit
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.units import successors_frame
from sipas.storage.waves import list_waves
from sipas.targets.registry import load_targets

PREDECESSOR = "Xã Lâm Sơn – đơn vị tiền thân: huyện Ninh Sơn"


def test_the_trend_slide_of_lam_son_draws_ninh_son_apart_and_labels_both(demo_url: str) -> None:
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        waves = list_waves(session)
        units = units_frame(session)
        targets = load_targets(session)
        links = successors_frame(session)
        counts = {w.code: load_wave_counts(session, w.code, "") for w in waves}
    engine.dispose()
    state = FilterState(wave="2025", level="commune", units=("x-lam-son",))
    wave = choose_wave(state.wave, waves)
    assert wave is not None
    resolved = resolve(state, wave, counts["2025"], units)
    assert resolved.scope is not None
    deck = DeckData(
        scope=resolved.scope,
        counts=counts["2025"],
        history=[counts[w.code] for w in waves],
        units=units,
        labels=unit_labels(units),
        thresholds=targets.thresholds,
        ranks=targets.ranks,
        subject=subject_unit(resolved.scope, resolved.state.focus),
        successors=links,
    )
    trend = next(slide for slide in build_deck(deck) if slide.key == "trend")
    rows = _rows(trend.spec)
    before = {r["wave"] for r in rows if r.get("series") == PREDECESSOR and "value" in r}
    own = {r["wave"] for r in rows if r.get("series") == "Xã Lâm Sơn" and "value" in r}
    assert before == {"2021", "2022", "2023", "2024"} and own == {"2025"}
    assert any("01/07/2025" in str(r.get("break_text", "")) for r in rows)
    labels = [
        [step["filter"] for step in layer.get("transform", [])]
        for layer in trend.spec["layer"]
        if layer.get("mark", {}).get("type") == "text"
        and layer.get("encoding", {}).get("text", {}).get("field") == "value_text"
    ]
    # each value label layer keeps its place filter and writes the subject's series only
    assert labels and all(len(steps) == 2 for steps in labels)
    assert all(set(steps[1]["oneOf"]) == {"Xã Lâm Sơn", PREDECESSOR} for steps in labels)
    assert len({str(steps[0]) for steps in labels}) > 1  # above, below, beside
    assert _without_successors(deck) != before  # without the links, no predecessor line


def _without_successors(deck: DeckData) -> set[Any]:
    plain = DeckData(**{**deck.__dict__, "successors": None})
    trend = next(slide for slide in build_deck(plain) if slide.key == "trend")
    rows = _rows(trend.spec)
    return {r["wave"] for r in rows if r.get("series") == PREDECESSOR}


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of the spec's data, at the top and in its layers."""
    found = [*spec.get("data", {}).get("values", [])]
    for rows in spec.get("datasets", {}).values():
        found += rows
    for layer in spec.get("layer", []):
        found += layer.get("data", {}).get("values", [])
    return found
