"""One Vietnamese sentence per presentation slide, written from the slide's numbers:
"Ninh Sơn đạt 87,91%, thấp hơn mục tiêu 90% 2,09 điểm %, xếp thứ 4/7."

Percent values 0–100; gaps and changes in percentage points, with decimal commas."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_percent, format_points, format_rank, round_half
from sipas.core.i18n import t
from sipas.dashboard import trends
from sipas.dashboard.criteria import DIFF, NUMBER
from sipas.dashboard.field_results import FIELD_LABEL
from sipas.gaps.ranks import RankPosition
from sipas.targets.status import GAP, MEETS, TARGET


def sipas_caption(
    subject: str, value: float, target: float | None, rank: int | None, of: int, year: int
) -> str:
    """The subject's SIPAS against its target (percent) and its rank "X/Y" when it has one."""
    parts = [t("present.caption.reached", subject=subject, value=format_percent(value))]
    if target is None:
        parts.append(t("present.caption.no_target", year=year))
    else:
        parts.append(_against(round_half(value) - target, format_percent(target, 0)))
    if rank is not None:
        parts.append(t("present.caption.rank", rank=format_rank(rank, of)))
    return ", ".join(parts) + "."


def _against(gap: float, target: str) -> str:
    if abs(gap) < 0.005:
        return t("present.caption.at_target", target=target)
    key = "present.caption.above_target" if gap > 0 else "present.caption.below_target"
    return t(key, target=target, gap=format_points(abs(gap), signed=False))


def band_caption(label: str, position: RankPosition) -> str:
    """Where the unit stands against a "top N" rank target."""
    rank = format_rank(position.rank, position.of)
    if position.inside:
        return t("present.caption.band_inside", unit=label, rank=rank, n=position.required)
    return t(
        "present.caption.band_outside",
        unit=label,
        rank=rank,
        n=position.required,
        points=format_points(position.points_needed, signed=False),
    )


def ranking_caption(ranked: pd.DataFrame) -> str:
    """Best and last unit of a ranking (best first) and how many meet their target."""
    best, worst = ranked.iloc[0], ranked.iloc[-1]
    return t(
        "present.caption.ranking",
        best=best[s.LABEL],
        best_value=format_percent(best[s.VALUE]),
        worst=worst[s.LABEL],
        worst_value=format_percent(worst[s.VALUE]),
        meeting=int((ranked[s.TARGET_STATUS] == MEETS).sum()),
        judged=int(ranked[s.TARGET_STATUS].notna().sum()),
    )


def heatmap_caption(grid: pd.DataFrame) -> str:
    """Cells meeting their own target, and the lowest cell."""
    lowest = grid.sort_values(s.VALUE, kind="stable").iloc[0]
    return t(
        "present.caption.heatmap",
        meeting=int((grid[s.TARGET_STATUS] == MEETS).sum()),
        cells=len(grid),
        unit=lowest[s.LABEL],
        field=lowest[FIELD_LABEL],
        value=format_percent(lowest[s.VALUE]),
    )


def fields_caption(summary: pd.DataFrame) -> str:
    """Fields meeting their target, and the one furthest below it (the summary's first row,
    as field_results.field_summary orders it)."""
    meeting = int((summary[s.TARGET_STATUS] == MEETS).sum())
    first = summary.iloc[0]
    if meeting == len(summary) or pd.isna(first[GAP]) or first[GAP] >= 0:
        lowest = summary.sort_values(s.VALUE, kind="stable").iloc[0]
        return t(
            "present.caption.fields_all",
            total=len(summary),
            field=lowest[FIELD_LABEL],
            value=format_percent(lowest[s.VALUE]),
        )
    return t(
        "present.caption.fields_below",
        meeting=meeting,
        total=len(summary),
        field=first[FIELD_LABEL],
        value=format_percent(first[s.VALUE]),
        target=format_percent(first[TARGET], 0),
        gap=format_points(abs(float(first[GAP])), signed=False),
    )


def criteria_caption(label: str, weakest: pd.DataFrame) -> str:
    """The weakest criterion (first row of criteria.weakest_items) against the average."""
    first = weakest.iloc[0]
    return t(
        "present.caption.criteria",
        unit=label,
        number=first[NUMBER],
        value=format_percent(first[s.VALUE]),
        diff=format_points(first[DIFF]),
    )


def trend_caption(points: pd.DataFrame, series_key: str) -> str:
    """The newest value of one series and its change since the wave before (or why none)."""
    line = points[points[trends.SERIES_KEY] == series_key].sort_values(trends.WAVE_ORDER)
    last = line.iloc[-1]
    value = format_percent(last[s.VALUE])
    if len(line) > 1 and not pd.isna(last[trends.CHANGE]):
        return t(
            "present.caption.trend_change",
            series=last[trends.SERIES],
            wave=last[trends.WAVE],
            value=value,
            change=format_points(float(last[trends.CHANGE])),
            previous=line.iloc[-2][trends.WAVE],
        )
    note = str(last[trends.NOTE] or "").rstrip(".")
    return t(
        "present.caption.trend_single",
        series=last[trends.SERIES],
        wave=last[trends.WAVE],
        value=value,
        note=note.lower() if note else "–",
    )
