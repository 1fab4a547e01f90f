"""Everything the report and the directive read, in one database session: the selection's
report inputs and numbers as the Excel report takes them (sipas.export.selection), the indices
as the `indices` command prints them, questionnaires per channel, comments by theme with a few
quoted, and the remediation tasks with their effect at the wave."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.dashboard import comments
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import choose_wave, resolve, unit_labels
from sipas.dashboard.tables import element_names, indices_table
from sipas.export.selection import ReportData, ReportInputs, report_data
from sipas.gaps.table import GapInputs
from sipas.method.results import Selection, select
from sipas.method.waves import WaveInfo, comparison_wave
from sipas.reference import comment_themes
from sipas.storage.comments import CommentFilter, count_by_theme, read_comments
from sipas.storage.counts import load_wave_counts
from sipas.storage.reference import units_frame
from sipas.storage.state import data_version
from sipas.storage.tasks import TaskRecord, list_tasks
from sipas.storage.waves import get_wave, list_waves
from sipas.targets.registry import load_targets
from sipas.tasks.effect import Effect, WaveValues, task_effect

QUOTED_THEMES = 3  # one comment quoted for each of the most frequent themes


@dataclass(frozen=True)
class Comments:
    """How many comments the scope's units got, their theme table (comments.theme_table) and
    (meta line, text) of a few quoted ones, each with its theme's name."""

    total: int
    themes: pd.DataFrame
    quotes: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Sources:
    """A wave and scope's material. `inputs` and `report` are None when the wave has no data
    for the scope asked for (the documents then say so)."""

    wave: WaveInfo
    state: FilterState
    inputs: ReportInputs | None
    report: ReportData | None
    by_unit: pd.DataFrame
    pooled: pd.DataFrame
    sample: pd.DataFrame
    comments: Comments
    tasks: tuple[TaskRecord, ...]
    effects: dict[int, Effect]
    waves: tuple[WaveInfo, ...]
    units: pd.DataFrame


def read_inputs(session: Session, state: FilterState) -> ReportInputs | None:
    """What the overview page hands the exports for `state`, read from the database; None
    when the wave has no data at the level or under the parent asked for (raises WaveError
    for an unknown wave)."""
    waves = list_waves(session)
    wave = choose_wave(get_wave(session, state.wave).code, waves) if state.wave else None
    wave = wave or choose_wave("", waves)
    if wave is None:
        return None
    units = units_frame(session)
    total = load_wave_counts(session, wave.code)
    resolved = resolve(state, wave, total, units)
    scope = resolved.scope
    wrong_level = bool(state.level) and resolved.state.level != state.level
    if scope is None or wrong_level or (state.parent and not scope.parent) or not scope.peers:
        return None
    before = comparison_wave(waves, wave)
    targets = load_targets(session)
    before_total = load_wave_counts(session, before.code) if before else None
    return ReportInputs(
        state=resolved.state,
        scope=scope,
        counts=load_wave_counts(session, wave.code, scope.attribute),
        previous=load_wave_counts(session, before.code, scope.attribute) if before else None,
        units=units,
        labels=unit_labels(units),
        targets=targets.thresholds,
        gap_inputs=GapInputs(total, units, targets, before_total),
        data_version=data_version(session),
    )


def read_sources(session: Session, state: FilterState) -> Sources:
    """The material of the documents for `state` (wave, level, parent)."""
    wave = get_wave(session, state.wave)
    inputs = read_inputs(session, state.with_changes(wave=wave.code))
    waves = tuple(list_waves(session))
    units = units_frame(session)
    if inputs is None:
        empty = pd.DataFrame()
        return Sources(
            wave,
            state,
            None,
            None,
            empty,
            empty,
            empty,
            Comments(0, empty, ()),
            (),
            {},
            waves,
            units,
        )
    peers = inputs.scope.peers
    tasks = tuple(r for r in list_tasks(session) if r.units & set(peers))
    values = WaveValues(lambda code: load_wave_counts(session, code))
    return Sources(
        wave=wave,
        state=inputs.state,
        inputs=inputs,
        report=report_data(inputs),
        by_unit=_indices(session, inputs, [s.UNIT]),
        pooled=_indices(session, inputs, []),
        sample=_indices(session, inputs, [s.UNIT, s.CHANNEL]),
        comments=_comments(session, inputs),
        tasks=tasks,
        effects={r.id: task_effect(r, waves, wave.code, values) for r in tasks},
        waves=waves,
        units=units,
    )


def _indices(session: Session, inputs: ReportInputs, by: list[str]) -> pd.DataFrame:
    """The `indices` command's table of the scope's units, grouped `by`."""
    attribute = next((part for part in by if part in s.ATTRIBUTES), "")
    counts = (
        load_wave_counts(session, inputs.scope.wave.code, attribute)
        if attribute
        else inputs.gap_inputs.counts
    )
    chosen = select(counts, Selection(units=inputs.scope.peers))
    return indices_table(chosen, inputs.labels, by)


def _comments(session: Session, inputs: ReportInputs) -> Comments:
    scope = inputs.scope
    everything = CommentFilter(wave_id=scope.wave.id, units=scope.peers)
    total, per_theme = count_by_theme(session, everything, dict(comment_themes.theme_phrases()))
    table = comments.theme_table(total, per_theme, element_names(scope.method))
    themes = comment_themes.themes_by_code()
    quotes: list[tuple[str, str, str]] = []
    for code, label, count in zip(
        table[comments.THEME], table[comments.LABEL], table[comments.COUNT], strict=True
    ):
        if count == 0 or len(quotes) == QUOTED_THEMES:
            break
        wanted = CommentFilter(
            wave_id=scope.wave.id, units=scope.peers, phrases=themes[code].phrases
        )
        found = read_comments(session, wanted, limit=QUOTED_THEMES + 1)
        quoted = {text for _, _, text in quotes}
        fresh = [
            (label, meta, text)
            for meta, text in comments.comment_lines(found, inputs.labels)
            if text not in quoted
        ]
        quotes += fresh[:1]
    return Comments(total, table, tuple(quotes))
