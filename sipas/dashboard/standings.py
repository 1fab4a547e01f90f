"""Units ranked within their peers for one measure: value, interval, n, rank and its change,
statistical ties, small samples and each unit's status against its own target."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points, format_rank
from sipas.core.i18n import t
from sipas.core.schema import OF, PREVIOUS_RANK, RANK, RANK_CHANGE, SMALL_SAMPLE, TIED
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.scope import Scope
from sipas.method.measure_values import unit_values
from sipas.method.measures import Measure, measure_from_key
from sipas.method.ranking import rank_units
from sipas.method.results import Selection, WaveCounts, select
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.targets.judging import judged_text, served_fields, target_short
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import GAP, TARGET, TARGET_COMPARISON, with_targets

CHOSEN = "chosen"
# The label a page writes at a bar: the value with the target it was judged against.
JUDGED_TEXT = "judged_text"


def rank_peers(
    counts: WaveCounts,
    scope: Scope,
    labels: dict[str, str],
    targets: Sequence[ThresholdTarget],
    measure: Measure,
    previous: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every peer of the scope with answers, best first: UNIT, LABEL, VALUE, LOW, HIGH, N,
    RANK, OF, PREVIOUS_RANK, RANK_CHANGE, TIED, SMALL_SAMPLE, TARGET, GAP, TARGET_STATUS,
    CHOSEN (the unit is among the chosen ones), MARK_TEXT (the reports' "≈ * †" remarks) and
    JUDGED_TEXT (the pages' label: value / target judged against, "*", "†"). Percent 0–100;
    `previous` as from `previous_values`. Each unit is judged against one target
    (sipas.targets.judging): the chosen field's, the field's it alone serves, or the overall."""
    values = unit_values(counts, scope.peer_selection(), measure)
    missing = values.get(s.PILLAR_MISSING, pd.Series(False, index=values.index)).astype(bool)
    ranked = rank_units(values[~missing], previous, small_n=SMALL_SAMPLE_N)
    if missing.any():  # SIPAS on one pillar alone: shown last, flagged, without a rank
        ranked = pd.concat([ranked, values[missing]], ignore_index=True)
        ranked[[TIED, SMALL_SAMPLE]] = ranked[[TIED, SMALL_SAMPLE]].fillna(False).astype(bool)
        ranked[OF] = ranked[OF].fillna(int((~missing).sum())).astype("int64")
    ranked[s.PILLAR_MISSING] = ranked.get(s.PILLAR_MISSING, False)
    ranked[s.PILLAR_MISSING] = ranked[s.PILLAR_MISSING].fillna(False).astype(bool)
    ranked.insert(1, s.LABEL, ranked[s.UNIT].map(lambda code: labels.get(code, code)))
    ranked = with_targets(
        ranked,
        targets,
        year=scope.wave.year,
        level=scope.level,
        field=measure.field or scope.single_field,
        measure=measure.target_measure,
        served=served_fields(select(counts, scope.peer_selection())),
    )
    ranked[CHOSEN] = ranked[s.UNIT].isin(scope.unit_codes)
    flags = list(zip(ranked[TIED], ranked[SMALL_SAMPLE], ranked[s.PILLAR_MISSING], strict=True))
    ranked[s.MARK_TEXT] = [
        " ".join(mark for mark, on in (("≈", tied), ("*", small), ("†", lacking)) if on)
        for tied, small, lacking in flags
    ]
    ranked[JUDGED_TEXT] = [
        " ".join([judged_text(format_percent(value), target, way), *_marks(small, lacking)])
        for value, target, way, (_, small, lacking) in zip(
            ranked[s.VALUE], ranked[TARGET], ranked[TARGET_COMPARISON], flags, strict=True
        )
    ]
    return ranked


def _marks(small: bool, lacking: bool) -> list[str]:
    return [mark for mark, on in (("*", small), ("†", lacking)) if on]


def rank_with_previous(
    counts: WaveCounts,
    scope: Scope,
    labels: dict[str, str],
    targets: Sequence[ThresholdTarget],
    measure: Measure,
    previous: WaveCounts | None,
    previous_peers: Sequence[str],
) -> pd.DataFrame:
    """rank_peers with the rank change since the previous wave's ranking of its peers."""
    before = previous_values(previous, previous_peers, scope, measure)
    return rank_peers(counts, scope, labels, targets, measure, before)


def rank_change_of(ranking: pd.DataFrame, unit: str | None) -> int | None:
    """Places gained by `unit` since the previous wave; None when unknown."""
    rows = ranking[ranking[s.UNIT] == unit]
    if unit is None or rows.empty or pd.isna(rows[RANK_CHANGE].iloc[0]):
        return None
    return int(rows[RANK_CHANGE].iloc[0])


def previous_values(
    counts: WaveCounts | None, peers: Sequence[str], scope: Scope, measure: Measure
) -> pd.DataFrame | None:
    """The previous wave's values of `measure` for its peers (same level and parent, same
    fields and channels); None when that wave has no such measure or peers."""
    if counts is None or not peers:
        return None
    same = measure_from_key(measure.key, counts.method)
    if same is None:
        return None
    selection = Selection(tuple(peers), scope.fields, scope.attribute, scope.channels)
    values = unit_values(counts, selection, same)
    return None if values.empty else values


def shown_units(ranked: pd.DataFrame) -> pd.DataFrame:
    """The chosen units only (ranks stay those among all peers)."""
    return ranked[ranked[CHOSEN]].reset_index(drop=True)


def unit_codes(ranked: pd.DataFrame) -> list[str]:
    """The units of a ranking's rows, in their order."""
    return [str(code) for code in ranked[s.UNIT]]


def rank_change_text(change: object) -> str:
    """The change in rank as shown: "↑ 2" (places gained), "↓ 1", "→", or "mới" (new)."""
    if change is None or change is pd.NA or pd.isna(change):  # type: ignore[call-overload]
        return t("rankings.new_in_ranking")
    places = int(change)  # type: ignore[call-overload]
    if places > 0:
        return f"↑ {places}"
    return f"↓ {-places}" if places < 0 else "→"


def status_short(status: object) -> str:
    """The status in a table cell, short enough to read without scrolling: "✔ Đạt"."""
    return t(f"rankings.status_{status}") if isinstance(status, str) and status else "–"


def notes_text(tied: bool, small_n: bool, words: bool = False) -> str:
    """The table's remarks: statistically tied with the unit above, small sample. The reports
    mark a tie "≈ …"; the pages (`words`) say it in words alone."""
    parts = [t("statuswords.tied_note" if words else "rankings.tied_note")] if tied else []
    parts += [t("rankings.small_n_note", limit=SMALL_SAMPLE_N)] if small_n else []
    return " · ".join(parts)


def standings_display(
    ranked: pd.DataFrame, value_header: str, intervals: bool = True
) -> pd.DataFrame:
    """The ranking as Vietnamese text columns, as a leader reads it in a report; without
    `intervals` (the pages' switch off) the interval and n columns are left out, so that the
    table fits a 1366 px screen (the switch brings them back)."""
    shown = with_display_columns(ranked)
    table = pd.DataFrame(
        {
            t("rankings.col_rank"): [
                format_rank(r, o) for r, o in zip(shown[RANK], shown[OF], strict=True)
            ],
            t("rankings.col_change"): shown[RANK_CHANGE].map(rank_change_text),
            t("rankings.col_unit"): shown[s.LABEL],
            value_header: shown[s.VALUE_TEXT],
            t("rankings.col_interval"): shown[s.INTERVAL_TEXT],
            t("rankings.col_n"): shown[s.N].map(format_int),
            t("rankings.col_target"): [
                target_short(v, way) if not pd.isna(v) else "–"
                for v, way in zip(shown[TARGET], shown[TARGET_COMPARISON], strict=True)
            ],
            t("rankings.col_gap"): shown[GAP].map(format_points),
            t("rankings.col_status"): shown[s.TARGET_STATUS].map(status_short),
            t("rankings.col_notes"): [
                notes_text(tied, small, words=True)
                for tied, small in zip(shown[TIED], shown[SMALL_SAMPLE], strict=True)
            ],
        }
    )
    if intervals:
        return table
    return table.drop(columns=[t("rankings.col_interval"), t("rankings.col_n")])


def ranking_notes(ranking: pd.DataFrame, scope: Scope, previous: WaveCounts | None) -> list[str]:
    """What a reader must know about the rank changes and ties of this ranking."""
    notes = []
    if previous is None or ranking[PREVIOUS_RANK].isna().all():
        notes.append(t("rankings.change_none"))
    else:
        notes.append(t("rankings.change_caption", wave=previous.wave.code))
        if previous.method.code != scope.method.code:
            notes.append(
                t(
                    "rankings.change_other_method",
                    wave=previous.wave.code,
                    method=previous.method.short_name,
                )
            )
    return notes


def chart_notes(intervals: bool) -> list[str]:
    """The subtitle lines that explain a page's ranking chart: what its labels say (value /
    the target it was judged against, and which target that is), the target mark, the
    intervals when they are drawn and the small-sample mark."""
    marks = [t("statuswords.target_mark")]
    if intervals:
        marks.append(t("statuswords.interval_note"))
    marks.append(t("statuswords.small_note", limit=SMALL_SAMPLE_N))
    return [t("statuswords.label_note"), " · ".join(marks)]


def tie_runs(ranking: pd.DataFrame) -> list[list[str]]:
    """The runs of units next to each other in the ranking that the test cannot tell apart
    (each TIED with the one just above), as lists of names best first; a run that holds none
    of the chosen units is left out when only some are chosen."""
    runs: list[list[str]] = []
    chosen_runs: list[bool] = []
    some_chosen = CHOSEN in ranking and not bool(ranking[CHOSEN].all())
    for row in ranking.to_dict("records"):
        chosen = bool(row.get(CHOSEN, True))
        if row[TIED] and runs:
            runs[-1].append(str(row[s.LABEL]))
            chosen_runs[-1] = chosen_runs[-1] or chosen
        else:
            runs.append([str(row[s.LABEL])])
            chosen_runs.append(chosen)
    return [
        run
        for run, chosen in zip(runs, chosen_runs, strict=True)
        if len(run) > 1 and (chosen or not some_chosen)
    ]


def tie_sentences(ranking: pd.DataFrame) -> list[str]:
    """Where units cannot be told apart, said once in words: "Chênh lệch giữa Ninh Sơn và
    Ninh Hải chưa đủ lớn để khẳng định." (a run of three or four: each against the one above
    it; a longer run: from its first to its last unit); [] when the test separates every pair
    of neighbours."""
    sentences = []
    for run in tie_runs(ranking):
        if len(run) > LONG_RUN:  # a long run by its ends: a list of names would not be read
            sentences.append(t("statuswords.tie_long", first=run[0], last=run[-1], count=len(run)))
            continue
        names = t("statuswords.and").join([", ".join(run[:-1]), run[-1]])
        key = "statuswords.tie_pair" if len(run) == 2 else "statuswords.tie_run"
        sentences.append(t(key, units=names))
    return sentences


# Units of a run of ties named one by one; a longer run is named by its first and last.
LONG_RUN = 4
