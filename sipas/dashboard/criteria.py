"""One unit's elements and criteria against the average of its peers, the weakest criteria,
and the distribution of answers 1–5 per criterion.

The average ("bình quân chung") pools every questionnaire of the units of the same level
(under the same parent) with the same fields and channels, as a province's figure does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.scope import Scope
from sipas.method.results import WaveCounts, select, wave_element_indices, wave_item_indices
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.reference.questionnaires import Method
from sipas.targets.judging import served_fields
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import with_targets

AVERAGE = "average"
DIFF = "diff"
NUMBER = "number"
TEXT = "text"
ANSWER = "answer"
ANSWER_LABEL = "answer_label"
SHARE = "share"
START = "start"
END = "end"
SHARE_TEXT = "share_text"
WEAKEST = 5


def element_comparison(
    counts: WaveCounts, scope: Scope, unit: str, targets: Sequence[ThresholdTarget]
) -> pd.DataFrame:
    """The unit's elements in method order: ELEMENT, LABEL ("3. Công chức"), PILLAR, VALUE,
    LOW, HIGH, N, AVERAGE (peers pooled), DIFF (points), TARGET, GAP, TARGET_STATUS (percent)."""
    own = select(counts, scope.selection([unit]))
    if own.is_empty:
        return pd.DataFrame()
    return _elements(own, select(counts, scope.peer_selection()), scope, unit, targets)


def _elements(
    own: WaveCounts,
    peers_counts: WaveCounts,
    scope: Scope,
    unit: str,
    targets: Sequence[ThresholdTarget],
) -> pd.DataFrame:
    mine = wave_element_indices(own)
    peers = wave_element_indices(peers_counts)
    names = element_labels(own.method)
    frame = pd.DataFrame(
        {
            s.ELEMENT: mine[s.ELEMENT],
            s.LABEL: mine[s.ELEMENT].map(names),
            s.PILLAR: mine[s.PILLAR],
            s.VALUE: mine[s.INDEX],
            s.LOW: mine[s.LOW],
            s.HIGH: mine[s.HIGH],
            s.N: mine[s.N],
            AVERAGE: mine[s.ELEMENT].map(dict(zip(peers[s.ELEMENT], peers[s.INDEX], strict=True))),
        }
    )
    frame[DIFF] = frame[s.VALUE] - frame[AVERAGE]
    frame[s.UNIT] = unit
    return with_targets(
        frame,
        targets,
        year=scope.wave.year,
        level=scope.level,
        field=scope.single_field,
        measure_column=s.ELEMENT,
        served=served_fields(own),
    )


def element_labels(method: Method) -> dict[str, str]:
    """Element labels ("3. Công chức"); with several pillars, pillar first ("Chính sách – 1. …")."""
    several = len(method.pillars) > 1
    return {
        e.code: f"{p.short_name} – {e.number}. {e.short_name}"
        if several
        else f"{e.number}. {e.short_name}"
        for p in method.pillars
        for e in p.elements
    }


@dataclass(frozen=True)
class UnitComparison:
    """A unit against the average of its peers, and its questionnaires in the selection."""

    elements: pd.DataFrame
    items: pd.DataFrame
    respondents: int

    @property
    def empty(self) -> bool:
        return self.elements.empty


def compare_unit(
    counts: WaveCounts, scope: Scope, unit: str, targets: Sequence[ThresholdTarget]
) -> UnitComparison:
    """element_comparison, item_comparison and respondents together, selecting the unit's
    and its peers' counts once (the criteria page shows all three)."""
    own = select(counts, scope.selection([unit]))
    if own.is_empty:
        return UnitComparison(pd.DataFrame(), pd.DataFrame(), 0)
    peers = select(counts, scope.peer_selection())
    return UnitComparison(
        elements=_elements(own, peers, scope, unit, targets),
        items=_items(own, peers),
        respondents=int(own.respondents[s.RESPONDENTS].sum()),
    )


def respondents(counts: WaveCounts, scope: Scope, unit: str) -> int:
    """Questionnaires of `unit` in the selection (fields, channels)."""
    chosen = select(counts, scope.selection([unit]))
    return int(chosen.respondents[s.RESPONDENTS].sum())


def item_comparison(counts: WaveCounts, scope: Scope, unit: str) -> pd.DataFrame:
    """Every criterion the unit has answers on, in method order: ITEM, NUMBER, ELEMENT, LABEL
    ("TC09. Thời hạn giải quyết …"), TEXT, VALUE, LOW, HIGH, N, AVERAGE, DIFF, n1 … n5."""
    own = select(counts, scope.selection([unit]))
    if own.is_empty:
        return pd.DataFrame()
    return _items(own, select(counts, scope.peer_selection()))


def _items(own: WaveCounts, peers_counts: WaveCounts) -> pd.DataFrame:
    mine = wave_item_indices(own)
    peers = wave_item_indices(peers_counts)
    structure = {i.code: (i.number, e.code, i.text) for _, e, i in own.method.walk()}
    mine = mine[mine[s.ITEM].isin(structure)].copy()
    mine[NUMBER] = mine[s.ITEM].map(lambda code: structure[code][0])
    mine[s.ELEMENT] = mine[s.ITEM].map(lambda code: structure[code][1])
    mine[TEXT] = mine[s.ITEM].map(lambda code: structure[code][2])
    mine[s.LABEL] = [
        t("criteria.item_label", number=number, text=text)
        for number, text in zip(mine[NUMBER], mine[TEXT], strict=True)
    ]
    mine = mine.rename(columns={s.INDEX: s.VALUE})
    mine[AVERAGE] = mine[s.ITEM].map(dict(zip(peers[s.ITEM], peers[s.INDEX], strict=True)))
    mine[DIFF] = mine[s.VALUE] - mine[AVERAGE]
    columns = [s.ITEM, NUMBER, s.ELEMENT, s.LABEL, TEXT, s.VALUE, s.LOW]
    columns += [s.HIGH, s.N, AVERAGE, DIFF, *s.COUNT_COLUMNS]
    return mine.sort_values(NUMBER)[columns].reset_index(drop=True)


def weakest_items(items: pd.DataFrame, count: int = WEAKEST) -> pd.DataFrame:
    """The `count` criteria with the lowest share of satisfied answers (ties: furthest below
    the average first)."""
    if items.empty:
        return items
    return items.sort_values([s.VALUE, DIFF, NUMBER]).head(count).reset_index(drop=True)


def answer_distribution(items: pd.DataFrame) -> pd.DataFrame:
    """Long frame for a diverging stacked bar, one row per criterion × answer 1–5: ITEM,
    LABEL, ANSWER, ANSWER_LABEL, SHARE (percent of valid answers), START and END (percent
    positions: answers 1–2 left of 0, answer 3 centred on 0, answers 4–5 right), SHARE_TEXT."""
    if items.empty:
        return pd.DataFrame()
    counts = items[list(s.COUNT_COLUMNS)].to_numpy(dtype=float)
    shares = 100 * counts / counts.sum(axis=1, keepdims=True)
    left_edge = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
    starts = left_edge[:, None] + np.concatenate(
        [np.zeros((len(items), 1)), np.cumsum(shares, axis=1)[:, :-1]], axis=1
    )
    rows = []
    for position, answer in enumerate(s.ANSWER_VALUES):
        rows.append(
            pd.DataFrame(
                {
                    s.ITEM: items[s.ITEM],
                    s.LABEL: items[s.LABEL],
                    ANSWER: answer,
                    ANSWER_LABEL: t(f"criteria.answer_{answer}"),
                    SHARE: shares[:, position],
                    START: starts[:, position],
                    END: starts[:, position] + shares[:, position],
                }
            )
        )
    long = pd.concat(rows, ignore_index=True)
    long[SHARE_TEXT] = long[SHARE].map(lambda v: format_percent(v, 0) if v >= 6 else "")
    return long


def weakest_display(weakest: pd.DataFrame) -> pd.DataFrame:
    """The weakest criteria as Vietnamese text columns."""
    shown = with_display_columns(weakest.assign(**{s.TARGET_STATUS: None}))
    return pd.DataFrame(
        {
            t("criteria.col_item"): shown[s.LABEL],
            t("criteria.col_value"): shown[s.VALUE_TEXT],
            t("criteria.col_average"): shown[AVERAGE].map(format_percent),
            t("criteria.col_diff"): shown[DIFF].map(format_points),
            t("criteria.col_interval"): shown[s.INTERVAL_TEXT],
            t("criteria.col_n"): shown[s.N].map(format_int),
            t("criteria.col_notes"): shown[s.N].map(
                lambda n: (
                    t("rankings.small_n_note", limit=SMALL_SAMPLE_N) if n < SMALL_SAMPLE_N else ""
                )
            ),
        }
    )
