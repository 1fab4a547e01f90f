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
from sipas.method.results import Selection, WaveCounts
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import GAP, TARGET, with_targets

CHOSEN = "chosen"


def rank_peers(
    counts: WaveCounts,
    scope: Scope,
    labels: dict[str, str],
    targets: Sequence[ThresholdTarget],
    measure: Measure,
    previous: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every peer of the scope with answers, best first: UNIT, LABEL, VALUE, LOW, HIGH, N,
    RANK, OF, PREVIOUS_RANK, RANK_CHANGE, TIED, SMALL_SAMPLE, TARGET, GAP, TARGET_STATUS and
    CHOSEN (the unit is among the chosen ones). Percent 0–100; `previous` as from
    `previous_values`."""
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
    )
    ranked[CHOSEN] = ranked[s.UNIT].isin(scope.unit_codes)
    ranked[s.MARK_TEXT] = [
        " ".join(mark for mark, on in (("≈", tied), ("*", small), ("†", lacking)) if on)
        for tied, small, lacking in zip(
            ranked[TIED], ranked[SMALL_SAMPLE], ranked[s.PILLAR_MISSING], strict=True
        )
    ]
    return ranked


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


def notes_text(tied: bool, small_n: bool) -> str:
    """The table's remarks: statistically tied with the unit above, small sample."""
    parts = [t("rankings.tied_note")] if tied else []
    parts += [t("rankings.small_n_note", limit=SMALL_SAMPLE_N)] if small_n else []
    return " · ".join(parts)


def standings_display(ranked: pd.DataFrame, value_header: str) -> pd.DataFrame:
    """The ranking as Vietnamese text columns, as a leader reads it in a report."""
    shown = with_display_columns(ranked)
    return pd.DataFrame(
        {
            t("rankings.col_rank"): [
                format_rank(r, o) for r, o in zip(shown[RANK], shown[OF], strict=True)
            ],
            t("rankings.col_change"): shown[RANK_CHANGE].map(rank_change_text),
            t("rankings.col_unit"): shown[s.LABEL],
            value_header: shown[s.VALUE_TEXT],
            t("rankings.col_interval"): shown[s.INTERVAL_TEXT],
            t("rankings.col_n"): shown[s.N].map(format_int),
            t("rankings.col_target"): shown[TARGET].map(lambda v: format_percent(v, 0)),
            t("rankings.col_gap"): shown[GAP].map(format_points),
            t("rankings.col_status"): shown[s.TARGET_STATUS].map(status_short),
            t("rankings.col_notes"): [
                notes_text(tied, small)
                for tied, small in zip(shown[TIED], shown[SMALL_SAMPLE], strict=True)
            ],
        }
    )


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
    tied = int(ranking[TIED].sum())
    if tied:
        notes.append(t("rankings.tied_summary", count=tied))
    return notes
