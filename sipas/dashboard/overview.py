"""The overview's numbers: cards for the selection, and the unit × field status grid.

The ranking itself comes from sipas.standings; this module adds what a leader reads first:
the selection's SIPAS and its change since the previous wave, the rank, n, how many units
meet their target and how many units have data at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import (
    format_date,
    format_int,
    format_interval,
    format_millions,
    format_percent,
    format_points,
    format_rank,
)
from sipas.core.i18n import t
from sipas.core.schema import OF, RANK
from sipas.dashboard.scope import Scope
from sipas.method.measure_values import pooled_value
from sipas.method.measures import SIPAS_INDEX
from sipas.method.results import Selection, WaveCounts, select
from sipas.targets.judging import judged_field, served_fields
from sipas.targets.rules import AppliedTarget, ThresholdTarget
from sipas.targets.status import MEETS, target_for


@dataclass(frozen=True)
class Cards:
    """The overview's headline numbers (percent 0–100, changes in percentage points)."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    change: float | None
    change_note: str
    change_short: str
    previous_wave: str | None
    rank: int | None
    of: int
    meeting: int
    judged: int
    covered: int
    expected: int
    target: AppliedTarget | None


@dataclass(frozen=True)
class CardText:
    """One card as shown: label, value, the change under it (direction 1 up, −1 down, 0 none)
    and a help text."""

    label: str
    value: str
    delta: str | None = None
    direction: int = 0
    help: str | None = None
    description: str | None = None


def overview_cards(
    counts: WaveCounts,
    scope: Scope,
    ranking: pd.DataFrame,
    units: pd.DataFrame,
    targets: Sequence[ThresholdTarget],
    previous: WaveCounts | None,
    previous_units: Sequence[str],
) -> Cards:
    """Cards for the scope. `ranking` is standings.rank_peers for SIPAS; `previous` the
    previous wave's counts (split like `counts`) and `previous_units` the units to pool there."""
    value, low, high, n = _pooled(counts, scope.selection())
    change, note, short = _change(value, scope, previous, previous_units)
    chosen = ranking[ranking[s.UNIT].isin(scope.unit_codes)]
    single = chosen.iloc[0] if len(scope.unit_codes) == 1 and len(chosen) == 1 else None
    unit = scope.single_unit
    return Cards(
        value=value,
        low=low,
        high=high,
        n=n,
        change=change,
        change_note=note,
        change_short=short,
        previous_wave=previous.wave.code if previous is not None else None,
        rank=None if single is None else int(single[RANK]),
        of=int(ranking[OF].iloc[0]) if len(ranking) else 0,
        meeting=int((chosen[s.TARGET_STATUS] == MEETS).sum()),
        judged=int(chosen[s.TARGET_STATUS].notna().sum()),
        covered=len(scope.peers),
        expected=len(expected_units(units, scope)),
        target=target_for(
            targets,
            year=scope.wave.year,
            level=scope.level,
            unit=unit,
            field=judged_field(
                unit,
                chosen_field=scope.single_field,
                served=served_fields(select(counts, scope.selection())),
            ),
        ),
    )


def _pooled(
    counts: WaveCounts, selection: Selection
) -> tuple[float | None, float | None, float | None, int]:
    """SIPAS, its interval (percent) and n pooled over the selection; Nones and 0 if empty."""
    found = pooled_value(counts, selection, SIPAS_INDEX)
    return found if found is not None else (None, None, None, 0)


def _change(
    value: float | None,
    scope: Scope,
    previous: WaveCounts | None,
    previous_units: Sequence[str],
) -> tuple[float | None, str, str]:
    """Change since the previous wave for the same units, fields and channels, only when the
    previous wave used the same method (else the figures measure different things); with a
    sentence and a short reason when there is none."""
    if previous is None:
        return None, t("overview.change_no_previous"), t("overview.short_no_previous")
    code = previous.wave.code
    if previous.method.code != scope.method.code:
        method = previous.method.short_name
        note = t("overview.change_other_method", wave=code, method=method)
        return None, note, t("overview.short_other_method")
    before, *_ = _pooled(previous, scope.selection(previous_units))
    if before is None or value is None or not previous_units:
        return None, t("overview.change_no_data", wave=code), t("overview.short_no_data")
    return (
        value - before,
        t("overview.change_since", wave=code),
        t("overview.short_since", wave=code),
    )


def expected_units(units: pd.DataFrame, scope: Scope) -> list[str]:
    """Units of the scope's level that existed on the wave's reference date under its parent
    (without one: under the parents of the peers with data, so a 2024 survey of one former
    province's districts is not measured against its merged neighbour's), plus any peer with
    data: the denominator of coverage."""
    day = scope.wave.reference_date
    starts = units["valid_from"].isna() | (units["valid_from"] <= day)
    ends = units["valid_to"].isna() | (units["valid_to"] >= day)
    rows = units[(units["level"] == scope.level) & starts & ends]
    if scope.parent:
        rows = rows[rows["parent_code"] == scope.parent]
    else:
        parents = set(units.loc[units["code"].isin(scope.peers), "parent_code"].fillna(""))
        rows = rows[rows["parent_code"].fillna("").isin(parents)]
    return list(dict.fromkeys([*rows["code"], *scope.peers]))


def coverage_text(cards: Cards) -> str:
    """Units with data over units expected: "24/24 đơn vị có dữ liệu"."""
    return t(
        "overview.coverage_value",
        covered=format_int(cards.covered),
        expected=format_int(cards.expected),
    )


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _count_card(n: float) -> CardText:
    """The number of questionnaires; from a million on in millions, which fits the card
    at 1366 px ("1,75" over "triệu phiếu"), with the exact number in its help."""
    exact = t("overview.card_n_help", n=format_int(n))
    if n < 1_000_000:
        return CardText(t("overview.card_n"), format_int(n), help=exact)
    return CardText(
        t("overview.card_n"), format_millions(n), t("overview.card_n_millions"), help=exact
    )


def target_note(cards: Cards) -> str:
    """The line under the cards: the selection's target and where it comes from."""
    if cards.target is None:
        return t("overview.no_target")
    value = format_percent(cards.target.value, 0)
    return t("overview.target_note", value=value, source=cards.target.source)


def card_texts(cards: Cards, scope: Scope, rank_change: int | None = None) -> list[CardText]:
    """The five overview cards in Vietnamese: SIPAS with its change in points, rank "X/Y",
    n, units meeting their target, coverage."""
    level = t(f"levels.{scope.level}").lower()
    change = cards.change
    interval = format_interval(cards.low, cards.high)
    since = t("overview.short_since", wave=cards.previous_wave) if cards.previous_wave else None
    return [
        CardText(
            t("overview.card_sipas"),
            format_percent(cards.value),
            format_points(change) if change is not None else cards.change_short,
            _direction(change),
            t("overview.card_sipas_help", interval=interval) + " " + cards.change_note,
            cards.change_short if change is not None else None,
        ),
        CardText(
            t("overview.card_rank"),
            format_rank(cards.rank, cards.of) if cards.rank else "–",
            _rank_change_text(rank_change) if cards.rank else t("overview.card_rank_many"),
            _direction(rank_change),
            t("overview.card_rank_help", of=cards.of, level=level),
            since if cards.rank and rank_change is not None else None,
        ),
        _count_card(cards.n),
        CardText(
            t("overview.card_meeting"),
            t("overview.card_meeting_value", meeting=cards.meeting, judged=cards.judged),
            help=t("overview.card_meeting_help"),
        ),
        CardText(
            t("overview.card_coverage"),
            format_percent(_share(cards.covered, cards.expected), 0),
            coverage_text(cards),
            help=t(
                "overview.card_coverage_help",
                level=level,
                day=format_date(scope.wave.reference_date),
            ),
        ),
    ]


def _direction(change: float | None) -> int:
    if change is None or abs(change) < 0.005:
        return 0
    return 1 if change > 0 else -1


def _rank_change_text(change: int | None) -> str | None:
    if change is None:
        return None
    if change == 0:
        return t("overview.rank_same")
    key = "overview.rank_up" if change > 0 else "overview.rank_down"
    return t(key, places=abs(change))
