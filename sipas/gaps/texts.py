"""Gaps in words and tables: one Vietnamese sentence per unit generated from the numbers, and
the gap table with Vietnamese headers and numbers written the Vietnamese way.

Sentences write values with one decimal, and every difference in a sentence is the difference
of the numbers it shows (87,2% and 90% → "còn thiếu 2,8 điểm %"; Ninh Hải's 88,1% →
"cần thêm 0,9 điểm %"), so a reader can check it by mental arithmetic. Tables keep two
decimals, the precision of rankings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sipas.core.formatting import (
    format_int,
    format_number,
    format_percent,
    format_rank,
    round_half,
)
from sipas.core.i18n import t
from sipas.gaps import levers as lv
from sipas.gaps import table as g
from sipas.method.stats import MIN_STATUS_N
from sipas.targets.rules import DECIMALS, RANK_GAIN, threshold_symbol, threshold_text
from sipas.targets.status import MEETS, Shortfall, status_label

DIGITS = 1


def _names(codes: Sequence[str], labels: Mapping[str, str]) -> str:
    return t("gaps.and").join(labels.get(code, code) for code in codes)


def _shown(value: float) -> float:
    """The value as a sentence writes it (one decimal)."""
    return round_half(float(value), DIGITS)


def _difference(high: float, low: float) -> float:
    """The difference of two numbers as shown: 88,1 − 87,2 = 0,9."""
    return round_half(_shown(high) - _shown(low), DIGITS)


def _points(value: float) -> str:
    return format_number(value, DIGITS)


def unit_caption(row: Mapping[Any, Any], labels: Mapping[str, str]) -> str:
    """One sentence about a unit's value, its threshold gap and its rank target, e.g.
    "Ninh Sơn đạt 87,2% (xếp 4/7), còn thiếu 2,8 điểm % so với mục tiêu trên 90%; cần thêm
    0,9 điểm % để bắt kịp Ninh Hải (xếp thứ 3) và vào nhóm 3 dẫn đầu."

    `row` is a row of gapreport.gap_table; `labels` gives unit names by code."""
    unit = labels.get(row[g.UNIT_CODE], row[g.UNIT_CODE])
    if pd.isna(row[g.VALUE]):
        return t("gaps.caption.no_data", unit=unit)
    head = t("gaps.caption.value", unit=unit, value=format_percent(row[g.VALUE], DIGITS))
    if not pd.isna(row[g.RANK]):
        head += " " + t("gaps.caption.rank", rank=format_rank(int(row[g.RANK]), int(row[g.OF])))
    parts = [f"{head}, {_threshold_clause(row)}"]
    rank_clause = _rank_clause(row, labels)
    if rank_clause:
        parts.append(rank_clause)
    return "; ".join(parts) + "."


def _threshold_clause(row: Mapping[Any, Any]) -> str:
    if pd.isna(row[g.TARGET]):
        return t("gaps.caption.no_target")
    target = threshold_text(row[g.TARGET], row[g.COMPARISON])
    if 0 < int(row[g.N]) < MIN_STATUS_N:
        return t("statistics.small.no_status", n=int(row[g.N]), minimum=MIN_STATUS_N, target=target)
    shown_gap = round_half(float(row[g.TARGET]) - _shown(row[g.VALUE]), DIGITS)
    if row[g.TARGET_STATUS] == MEETS:
        if shown_gap >= 0:
            return t("gaps.caption.meets_exactly", target=target)
        return t("gaps.caption.meets", target=target, points=_points(-shown_gap))
    if row[g.GAP_PP] <= 0:  # equal to a "trên X%" target: not above it yet
        return t("gaps.caption.not_above", target=target)
    if shown_gap <= 0:  # short by less than what one decimal shows
        return t("gaps.caption.below_tiny", target=target, points=_points(10**-DIGITS))
    return t("gaps.caption.below", target=target, points=_points(shown_gap))


def _rank_clause(row: Mapping[Any, Any], labels: Mapping[str, str]) -> str:
    if pd.isna(row[g.RANK_N]):
        return ""
    if row.get(g.PARTIAL, False):
        return t(
            "statistics.coverage.rank_not_judged", of=int(row[g.OF]), units=int(row[g.LEVEL_UNITS])
        )
    n = int(row[g.RANK_N])
    if row[g.RANK_KIND] == RANK_GAIN:
        return _gain_clause(row, labels, n)
    if pd.isna(row[g.RANK]):
        return ""
    if not pd.isna(row[g.POINTS_TO_RANK]) and row[g.POINTS_TO_RANK] > 0:
        return t(
            "gaps.caption.top_outside",
            points=_catch_up(row),
            units=_names(row[g.NTH_UNITS], labels),
            n=n,
        )
    if pd.isna(row[g.MARGIN]):
        return t("gaps.caption.top_all_inside", n=n, of=int(row[g.OF]))
    lead = _difference(row[g.VALUE], row[g.OUTSIDE_EXACT])
    key = "top_inside" if lead > 0 else "top_inside_tiny"
    return t(
        f"gaps.caption.{key}",
        n=n,
        units=_names(row[g.FIRST_OUTSIDE], labels),
        points=_points(max(lead, 10**-DIGITS)),
    )


def _catch_up(row: Mapping[Any, Any]) -> str:
    """Points to reach the N-th place as shown; at least one tenth (the unit is behind)."""
    return _points(max(_difference(row[g.NTH_EXACT], row[g.VALUE]), 10**-DIGITS))


def _gain_clause(row: Mapping[Any, Any], labels: Mapping[str, str], k: int) -> str:
    if pd.isna(row[g.PREVIOUS_RANK]):
        return t("gaps.caption.gain_no_previous", k=k)
    previous, required = int(row[g.PREVIOUS_RANK]), int(row[g.RANK_TARGET])
    if pd.isna(row[g.RANK]):
        return ""
    compared = row.get(g.COMPARED_WAVE)
    wave = (
        t("statistics.compared.wave", wave=compared) if compared else t("statistics.compared.last")
    )
    if int(row[g.RANK]) <= required:
        key = "gain_keep_lead" if required == previous == 1 else "gain_met"
        return t(
            f"gaps.caption.{key}", k=k, previous=previous, rank=int(row[g.RANK]), compared=wave
        )
    return t(
        "gaps.caption.gain_outside",
        k=k,
        compared=wave,
        previous=previous,
        required=required,
        points=_catch_up(row),
        units=_names(row[g.NTH_UNITS], labels),
    )


def people_caption(row: Mapping[Any, Any], field_name: str) -> str:
    """ "cần thêm 14 người hài lòng trong 212 phiếu lĩnh vực Đất đai" for a row below target;
    "" when it meets the target or has none."""
    if pd.isna(row[g.GAP_PEOPLE]) or int(row[g.GAP_PEOPLE]) == 0:
        return ""
    return t(
        "gaps.people",
        people=format_int(int(row[g.GAP_PEOPLE])),
        n=format_int(int(row[g.N])),
        field=field_name,
    )


def gap_display(table: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The gap table as Vietnamese text, largest gap first (units without a gap last)."""
    shown = sort_by_gap(table)
    return pd.DataFrame(
        {
            t("gaps.table.unit"): [labels.get(code, code) for code in shown[g.UNIT_CODE]],
            t("gaps.table.value"): shown[g.VALUE].map(format_percent),
            t("gaps.table.n"): shown[g.N].map(format_int),
            t("gaps.table.target"): [target_cell(row) for row in _rows(shown)],
            t("gaps.table.gap"): [gap_cell(row) for row in _rows(shown)],
            t("gaps.table.people"): [_people_cell(row) for row in _rows(shown)],
            t("gaps.table.status"): shown[g.TARGET_STATUS].map(
                lambda code: status_label(code if isinstance(code, str) else None)
            ),
            t("gaps.table.rank"): [
                format_rank(None if pd.isna(r) else int(r), int(o))
                for r, o in zip(shown[g.RANK], shown[g.OF], strict=True)
            ],
            t("gaps.table.rank_target"): [rank_target_cell(row) for row in _rows(shown)],
            t("gaps.table.rank_points"): [_rank_points_cell(row) for row in _rows(shown)],
            t("gaps.table.probability"): shown[g.P_RANK].map(
                lambda p: "–" if pd.isna(p) else format_percent(100 * p, 0)
            ),
            t("gaps.table.source"): shown[g.TARGET_SOURCE].fillna("–"),
        }
    )


def sort_by_gap(table: pd.DataFrame) -> pd.DataFrame:
    """Largest threshold gap first; then by value, units without a value last."""
    return table.sort_values(
        [g.GAP_PP, g.VALUE], ascending=[False, True], na_position="last", kind="stable"
    )


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(key): value for key, value in row.items()} for row in frame.to_dict("records")]


def target_cell(row: Mapping[Any, Any]) -> str:
    if pd.isna(row[g.TARGET]):
        return "–"
    return threshold_symbol(row[g.TARGET], row[g.COMPARISON])


def gap_cell(row: Mapping[Any, Any]) -> str:
    if pd.isna(row[g.GAP_PP]) or pd.isna(row[g.VALUE]):
        return "–"
    # The difference of the numbers shown (two decimals, as ranked and published).
    gap = round_half(row[g.TARGET] - round_half(row[g.VALUE], DECIMALS), DECIMALS)
    if row[g.TARGET_STATUS] == MEETS:
        return t("gaps.table.surplus", points=format_number(max(-gap, 0), DECIMALS))
    return t("gaps.table.short", points=format_number(max(gap, 0), DECIMALS))


def gap_points(row: Mapping[Any, Any]) -> str:
    """The gap as a signed difference of the numbers shown: "−2,78" (short), "+1,48" (over)."""
    if pd.isna(row[g.GAP_PP]) or pd.isna(row[g.VALUE]):
        return "–"
    difference = round_half(round_half(row[g.VALUE], DECIMALS) - row[g.TARGET], DECIMALS)
    sign = "+" if difference > 0 else "−" if difference < 0 else "±"
    return f"{sign}{format_number(abs(difference), DECIMALS)}"


def _people_cell(row: Mapping[Any, Any]) -> str:
    people = row[g.GAP_PEOPLE]
    return "–" if pd.isna(people) else format_int(int(people))


def rank_target_cell(row: Mapping[Any, Any]) -> str:
    if pd.isna(row[g.RANK_N]):
        return "–"
    n = int(row[g.RANK_N])
    if row[g.RANK_KIND] == RANK_GAIN:
        if pd.isna(row[g.RANK_TARGET]):
            return t("gaps.table.gain_unknown", k=n)
        return t("gaps.table.gain", k=n, required=int(row[g.RANK_TARGET]))
    return t("gaps.table.top", n=n)


def _rank_points_cell(row: Mapping[Any, Any]) -> str:
    if pd.isna(row[g.POINTS_TO_RANK]):
        return "–"
    if row[g.POINTS_TO_RANK] > 0:
        return t("gaps.table.short", points=format_number(row[g.POINTS_TO_RANK], 2))
    if pd.isna(row[g.MARGIN]):
        return t("gaps.table.inside")
    return t("gaps.table.lead", points=format_number(row[g.MARGIN], 2))


def levers_display(levers: pd.DataFrame) -> pd.DataFrame:
    """The levers as a Vietnamese table: criterion, wording, values, gains."""
    return pd.DataFrame(
        {
            t("gaps.levers.item"): levers[lv.ITEM_CODE],
            t("gaps.levers.text"): levers[lv.TEXT],
            t("gaps.levers.value"): levers[lv.VALUE].map(format_percent),
            t("gaps.levers.reference"): levers[lv.REFERENCE].map(format_percent),
            t("gaps.levers.gain"): levers[lv.GAIN].map(lambda v: f"+{format_number(v)}"),
            t("gaps.levers.cumulative"): levers[lv.CUMULATIVE].map(
                lambda v: f"+{format_number(v)}"
            ),
        }
    )


def lever_summary(
    levers: pd.DataFrame, row: Mapping[Any, Any], measure_name: str, reference: str = lv.AVERAGE
) -> list[str]:
    """What raising the criteria to the reference (lv.AVERAGE or lv.BEST) does: how many close
    the threshold gap, how many bring the unit to its rank target, or how far all of them go."""
    level = t(f"gaps.levers.reference_{reference}")
    if levers.empty:
        return [t("gaps.levers.none", reference=level)]
    total = float(levers[lv.CUMULATIVE].iloc[-1])
    lines = [
        t(
            "gaps.levers.total",
            count=len(levers),
            measure=measure_name,
            points=format_number(total),
            reference=level,
        )
    ]
    gap = row[g.GAP_PP]
    if not pd.isna(gap) and row[g.TARGET_STATUS] != MEETS:
        target = threshold_text(row[g.TARGET], row[g.COMPARISON])
        lines.append(_closing_line(levers, float(gap), "threshold", target=target, reference=level))
    points = row[g.POINTS_TO_RANK]
    if not pd.isna(points) and points > 0:
        required = int(row[g.RANK_TARGET])
        lines.append(_closing_line(levers, float(points), "rank", n=required, reference=level))
    return lines


def _closing_line(levers: pd.DataFrame, needed: float, kind: str, **params: Any) -> str:
    reaching = (levers[lv.CUMULATIVE] >= needed - 1e-9).to_numpy().nonzero()[0]
    if len(reaching) == 0:
        return t(f"gaps.levers.{kind}_not_enough", **params)
    count = int(reaching[0]) + 1
    codes = ", ".join(levers[lv.ITEM_CODE].iloc[:count])
    return t(f"gaps.levers.{kind}_closes", count=count, codes=codes, **params)


def shortfalls(
    rows: pd.DataFrame, labels: Mapping[str, str], fields: Mapping[str, str]
) -> list[Shortfall]:
    """The gap table's rows under their threshold, for remediation tasks."""
    chosen = rows[rows[g.TARGET].notna() & rows[g.VALUE].notna()]
    return [
        Shortfall(
            unit_code=row[g.UNIT_CODE],
            unit_name=labels.get(row[g.UNIT_CODE], row[g.UNIT_CODE]),
            value=float(row[g.VALUE]),
            target=float(row[g.TARGET]),
            target_text=threshold_text(float(row[g.TARGET]), row[g.COMPARISON]),
            n=None if pd.isna(row[g.N]) else int(row[g.N]),
            field_code=row.get(g.FIELD_CODE) or None,
            field_name=fields.get(row.get(g.FIELD_CODE) or ""),
        )
        for row in chosen.to_dict("records")
    ]


def rank_range_text(row: Mapping[Any, Any]) -> str:
    """ "hạng 3–5": where the unit's rank lies in 95% of the simulated draws (the same draws
    as the probability of the rank target); "hạng 4" when they agree; "" without them."""
    low, high = row.get(g.RANK_LOW), row.get(g.RANK_HIGH)
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    span = f"{int(low)}" if int(low) == int(high) else f"{int(low)}–{int(high)}"
    return t("statistics.ranks.range", span=span)
