"""A unit's profile ("Hồ sơ đơn vị"): the answer a leader brings to every meeting on one screen.

Nothing here computes a number of its own: the value, rank, gaps, people and the probability
of the rank target are the gap table's row (sipas.gaps.table, the numbers `python -m sipas
gaps` prints), the change since the comparison wave is the unit's trend (sipas.gaps.trend), the
levers are sipas.gaps.levers', the tasks sipas.tasks'. This module picks and words them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sipas.core.formatting import format_int, format_number, format_percent, format_rank
from sipas.core.i18n import t
from sipas.dashboard.overview import CardText
from sipas.gaps import levers as lv
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.gaps.ranges import rank_range_words
from sipas.gaps.trend import VALUE as TREND_VALUE
from sipas.gaps.trend import WAVE as TREND_WAVE
from sipas.method.measure_values import MEASURE
from sipas.method.waves import WaveInfo
from sipas.present.plots import gaps as gapcharts
from sipas.reference.comment_themes import Theme
from sipas.storage.tasks import TaskRecord
from sipas.targets.rules import RANK_GAIN, threshold_text
from sipas.targets.status import MEETS
from sipas.tasks.workflow import OPEN_STATUSES, OVERDUE, ordered, shown_status

# Beyond these shares of the simulated rankings a rank target is as good as decided.
SURE = 0.95
LEVERS_SHOWN = 5
COMMENTS_SHOWN = 3
# Room for "2,78 điểm %" in the gap cards at 1366 px: value, rank, threshold gap, rank gap.
CARD_WIDTHS = (1.0, 0.7, 1.15, 1.15)


@dataclass(frozen=True)
class Change:
    """The unit's value in the wave before (percent) and the change to now (points)."""

    wave: str
    before: float
    points: float


def unit_row(table: pd.DataFrame, unit: str, measure: str = "sipas") -> dict[str, Any] | None:
    """The gap table's row of `unit` for `measure` (over all fields); None without a value."""
    rows = table[(table[g.UNIT_CODE] == unit) & (table[MEASURE] == measure)]
    if g.FIELD_CODE in rows:
        rows = rows[rows[g.FIELD_CODE].isna() | (rows[g.FIELD_CODE] == "")]
    rows = rows[rows[g.VALUE].notna()]
    return None if rows.empty else {str(k): v for k, v in rows.iloc[0].to_dict().items()}


def change_since(
    values: pd.DataFrame, wave: str, compared: WaveInfo | None = None
) -> Change | None:
    """The change from the `compared` wave (the view's comparison wave, see
    sipas.method.waves.comparison_wave) to `wave`, from the unit's trend (sipas.gaps.trend:
    WAVE, VALUE oldest first); None without a compared wave or without the unit in either."""
    codes = list(values[TREND_WAVE])
    if compared is None or wave not in codes or compared.code not in codes:
        return None
    now = float(values[TREND_VALUE].iloc[codes.index(wave)])
    before = float(values[TREND_VALUE].iloc[codes.index(compared.code)])
    return Change(compared.code, before, round(now, 2) - round(before, 2))


def cards(row: Mapping[str, Any], change: Change | None) -> list[CardText]:
    """Value and change, rank X/Y, the gap to the threshold target, the gap to the rank target
    (two decimals, as rankings are published and as the CLI prints them)."""
    delta = None
    direction = 0
    if change is not None:
        delta = t("unitpage.card.change", points=_signed(change.points), wave=change.wave)
        direction = 1 if change.points > 0 else -1 if change.points < 0 else 0
    rank = None if pd.isna(row[g.RANK]) else int(row[g.RANK])
    return [
        CardText(t("unitpage.card.value"), format_percent(row[g.VALUE]), delta, direction),
        _rank_of_card(row, rank),
        _threshold_card(row),
        _rank_card(row),
    ]


def _rank_of_card(row: Mapping[str, Any], rank: int | None) -> CardText:
    """Rank "X/Y", with the range of the simulated ranks under it when it spans several
    places ("từ 3 đến 5", sipas.gaps.ranges; the sentence says it in full)."""
    spread = rank_range_words(row, "short")
    help_text = t("unitpage.card.rank_help")
    if spread:
        help_text = f"{help_text} {t('statistics.ranks.range_help')}"
    return CardText(
        t("unitpage.card.rank"), format_rank(rank, int(row[g.OF])), spread or None, 0, help_text
    )


def _signed(points: float) -> str:
    sign = "+" if points > 0 else "−" if points < 0 else "±"
    return f"{sign}{format_number(abs(points))}"


def _threshold_card(row: Mapping[str, Any]) -> CardText:
    if pd.isna(row[g.TARGET]):
        return CardText(t("unitpage.card.no_target"), "–")
    target = threshold_text(row[g.TARGET], row[g.COMPARISON])
    label = t("unitpage.card.threshold", target=target)
    if row[g.TARGET_STATUS] == MEETS:
        return CardText(label, t("unitpage.card.met"), None, 1)
    people = row[g.GAP_PEOPLE]
    value = t("unitpage.card.points", points=format_number(row[g.GAP_PP]))
    under = None if pd.isna(people) else t("unitpage.card.people", people=format_int(int(people)))
    return CardText(label, value, under, -1, help=t("unitpage.card.threshold_help"))


def _rank_card(row: Mapping[str, Any]) -> CardText:
    label = t("unitpage.card.rank_target")
    if pd.isna(row[g.RANK_TARGET]):
        return CardText(label, "–", t("unitpage.card.no_rank_target"))
    required = int(row[g.RANK_TARGET])
    points = row[g.POINTS_TO_RANK]
    if pd.isna(points) or points <= 0:
        return CardText(label, t("unitpage.card.met"), t("unitpage.card.place", n=required), 1)
    value = t("unitpage.card.points", points=format_number(points))
    return CardText(label, value, t("unitpage.card.place", n=required), -1)


def rank_sentence(row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """The rank target in words with the CLI's two decimals: "Cần thêm 0,83 điểm % để bắt kịp
    Ninh Hải, xếp thứ 3." ("" without a rank target)."""
    if pd.isna(row[g.RANK_TARGET]) or pd.isna(row[g.RANK]):
        return ""
    required = int(row[g.RANK_TARGET])
    points = row[g.POINTS_TO_RANK]
    if pd.isna(points) or points <= 0:
        return t("unitpage.rank.inside", rank=int(row[g.RANK]), n=required)
    units = t("gaps.and").join(labels.get(code, code) for code in row[g.NTH_UNITS])
    key = "unitpage.rank.gain" if row[g.RANK_KIND] == RANK_GAIN else "unitpage.rank.outside"
    return t(key, points=format_number(points), units=units, n=required)


def certainty_sentences(row: Mapping[str, Any]) -> list[str]:
    """Whether the differences are certain, in plain words: the threshold against the unit's
    95% interval, the rank target by the share of simulated rankings that reach it."""
    sentences = []
    if not pd.isna(row[g.TARGET]) and not pd.isna(row[g.LOW]):
        target = threshold_text(row[g.TARGET], row[g.COMPARISON])
        if row[g.HIGH] < row[g.TARGET]:
            sentences.append(t("unitpage.sure.below", target=target))
        elif row[g.LOW] > row[g.TARGET]:
            sentences.append(t("unitpage.sure.above", target=target))
        else:
            sentences.append(t("unitpage.sure.unclear", target=target))
    p = row[g.P_RANK]
    if not pd.isna(row[g.RANK_TARGET]) and not pd.isna(p):
        n = int(row[g.RANK_TARGET])
        share = format_percent(100 * p, 0)
        key = "likely" if p >= SURE else "unlikely" if p <= 1 - SURE else "open"
        sentences.append(t(f"unitpage.sure.rank_{key}", n=n, p=share))
    return sentences


def peer_rows(table: pd.DataFrame, row: Mapping[str, Any]) -> pd.DataFrame:
    """The gap table's rows of every peer the unit is ranked with (under the rank target's
    parent when it has one), best first."""
    peers = table[table[g.VALUE].notna() & (table[MEASURE] == row[MEASURE])]
    peers = peers[peers[g.LEVEL] == row[g.LEVEL]]
    if isinstance(row.get(g.RANK_PARENT), str) and row[g.RANK_PARENT]:
        peers = peers[peers[g.PARENT] == row[g.RANK_PARENT]]
    best_first: pd.DataFrame = peers.sort_values(g.VALUE, ascending=False)
    return best_first


def peer_frame(
    table: pd.DataFrame, row: Mapping[str, Any], labels: Mapping[str, str]
) -> pd.DataFrame:
    """Every peer for the ranking chart, best first: LABEL, VALUE."""
    peers = peer_rows(table, row)
    return pd.DataFrame(
        {
            gapcharts.LABEL: [labels.get(c, c) for c in peers[g.UNIT_CODE]],
            gapcharts.VALUE: peers[g.VALUE].to_numpy(),
        }
    )


def peer_band(frame: pd.DataFrame, row: Mapping[str, Any]) -> gapcharts.RankBand:
    """The rank target's band on the peers' chart; an empty band without a rank target."""
    values = frame.set_index(gapcharts.LABEL)[gapcharts.VALUE]
    if pd.isna(row[g.RANK_TARGET]):
        return gapcharts.RankBand(0, None, ())
    return gapcharts.rank_band(values, int(row[g.RANK_TARGET]))


def lever_lines(levers: pd.DataFrame, row: Mapping[str, Any], measure_label: str) -> list[str]:
    """The gap page's lever sentences (sipas.gaps.texts.lever_summary) for the average."""
    return gaptext.lever_summary(levers, row, measure_label, lv.AVERAGE)


def weak_elements(levers: pd.DataFrame) -> tuple[str, ...]:
    """The elements of the criteria that close the gap fastest, in lever order."""
    top = levers.head(LEVERS_SHOWN)
    return tuple(dict.fromkeys(str(code) for code in top[lv.ELEMENT_CODE]))


def weak_phrases(themes: Sequence[Theme], elements: Sequence[str]) -> tuple[str, ...]:
    """The keywords of the comment themes that speak about `elements`."""
    return tuple(p for theme in themes if theme.element in elements for p in theme.phrases)


@dataclass(frozen=True)
class TaskSummary:
    open: int
    overdue: int
    shown: tuple[TaskRecord, ...]


def unit_tasks(records: Sequence[TaskRecord], unit: str, today: dt.date) -> TaskSummary:
    """The unit's open tasks (measured, leading or supporting), overdue first."""
    own = [r for r in records if unit in r.units and r.status in OPEN_STATUSES]
    overdue = sum(shown_status(r, today) == OVERDUE for r in own)
    return TaskSummary(len(own), overdue, tuple(ordered(own, today, unit)[:5]))


def tasks_sentence(summary: TaskSummary) -> str:
    if summary.open == 0:
        return t("unitpage.tasks.none")
    return t("unitpage.tasks.count", open=summary.open, overdue=summary.overdue)
