"""A selection's report inputs read straight from a database (no app, no caches)."""

from __future__ import annotations

from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, resolve, unit_labels
from sipas.export.selection import ReportInputs
from sipas.gaps.table import GapInputs
from sipas.method.waves import comparison_wave
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.state import data_version
from sipas.storage.waves import list_waves
from sipas.targets.registry import load_targets


def report_inputs(url: str, state: FilterState) -> ReportInputs:
    """What the overview page hands the exports for `state`, computed from the database."""
    engine = make_engine(url)
    with transaction(engine) as session:
        waves = list_waves(session)
        units = units_frame(session)
        wave = choose_wave(state.wave, waves)
        assert wave is not None
        total = load_wave_counts(session, wave.code)
        resolved = resolve(state, wave, total, units)
        scope = resolved.scope
        assert scope is not None
        before = comparison_wave(waves, wave)
        targets = load_targets(session)
        inputs = ReportInputs(
            state=resolved.state,
            scope=scope,
            counts=load_wave_counts(session, wave.code, scope.attribute),
            previous=load_wave_counts(session, before.code, scope.attribute) if before else None,
            units=units,
            labels=unit_labels(units),
            targets=targets.thresholds,
            gap_inputs=GapInputs(
                total, units, targets, load_wave_counts(session, before.code) if before else None
            ),
            data_version=data_version(session),
        )
    engine.dispose()
    return inputs
