"""What the PDF brief of one unit says: its SIPAS and rank "X/Y", its gaps to the targets,
its weakest criteria, two charts and a caption sentence for each part, all in Vietnamese and
taken from sipas.export.selection.report_data (the pages' own numbers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import (
    format_date,
    format_int,
    format_interval,
    format_percent,
    format_points,
    format_rank,
)
from sipas.core.i18n import t
from sipas.core.schema import OF, RANK, RANK_CHANGE
from sipas.dashboard import criteria, standings
from sipas.dashboard.captions import source_text
from sipas.export.selection import ReportData, ReportInputs
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.present import charts
from sipas.present.plots.criteria import elements_chart

WEAKEST_COLUMNS = 4  # criterion, value, average, difference: what fits an A4 column


@dataclass(frozen=True)
class Brief:
    """The brief's texts, tables (lists of rows of text) and the two chart specs."""

    heading: str
    unit_line: str
    meta: str
    demo: bool
    source: str
    result: list[tuple[str, str]]
    result_caption: str
    gaps: list[tuple[str, str]]
    weakest: pd.DataFrame
    criteria_caption: str
    ranking_chart: dict[str, Any]
    ranking_caption: str
    elements_chart: dict[str, Any] | None
    elements_caption: str


def unit_brief(inputs: ReportInputs, report: ReportData, day: dt.date) -> Brief:
    """The brief of `report.unit`; raises IndexError when the unit is not in the ranking."""
    scope, unit = inputs.scope, report.unit
    name = inputs.labels.get(unit, unit)
    level = t(f"levels.{scope.level}").lower()
    row = _record(report.ranking, "unit", unit)
    n = row[s.N]
    source = source_text(scope.wave, None if pd.isna(n) else int(n))  # published: no n
    gap_row = _gap_row(report, unit)
    return Brief(
        heading=t("report.brief.heading"),
        unit_line=t("report.brief.unit_line", unit=name, wave=scope.wave.code),
        meta=t(
            "report.brief.meta",
            level=t(f"levels.{scope.level}"),
            method=scope.method.short_name,
            day=format_date(day),
            version=inputs.data_version,
        ),
        demo=scope.wave.is_demo,
        source=source,
        result=_result_rows(row, level),
        result_caption=gaptext.unit_caption(gap_row, inputs.labels) if gap_row else "",
        gaps=_gap_rows(gap_row, inputs.labels),
        weakest=_weakest(report.items),
        criteria_caption=_criteria_caption(report.items, level),
        ranking_chart=_ranking_chart(report, scope.wave.code, level, source),
        ranking_caption=t(
            "report.brief.figure_ranking",
            unit=name,
            rank=int(row[RANK]),
            of=int(row[OF]),
            level=level,
        ),
        elements_chart=_elements_chart(report, name, scope.wave.code, level, source),
        elements_caption=_elements_caption(report.elements, name, level),
    )


def _record(frame: pd.DataFrame, column: str, code: str) -> dict[str, Any]:
    """The row of `frame` whose `column` is `code`; IndexError when there is none."""
    found = frame[frame[column] == code]
    return {str(key): value for key, value in found.iloc[0].items()}


def _gap_row(report: ReportData, unit: str) -> dict[str, Any] | None:
    if report.gaps.empty or unit not in set(report.gaps[g.UNIT_CODE]):
        return None
    return _record(report.gaps, g.UNIT_CODE, unit)


def _result_rows(row: dict[str, Any], level: str) -> list[tuple[str, str]]:
    rank = t("report.brief.rank_value", rank=format_rank(int(row[RANK]), int(row[OF])), level=level)
    return [
        (t("report.brief.sipas"), format_percent(row[s.VALUE])),
        (t("report.brief.interval"), format_interval(row[s.LOW], row[s.HIGH])),
        (t("report.brief.n"), format_int(row[s.N])),
        (t("report.brief.rank"), rank),
        (t("report.brief.rank_change"), standings.rank_change_text(row[RANK_CHANGE])),
    ]


# The gap page's columns the brief repeats (value, n and rank are in the results already).
GAP_COLUMNS = ("target", "gap", "people", "status", "rank_target", "rank_points", "probability")


def _gap_rows(row: dict[str, Any] | None, labels: dict[str, str]) -> list[tuple[str, str]]:
    """The gap page's table row of the unit, as label–value pairs, the source with the target."""
    if row is None:
        return []
    shown = gaptext.gap_display(pd.DataFrame([row]), labels).iloc[0]
    pairs = [(t(f"gaps.table.{key}"), str(shown[t(f"gaps.table.{key}")])) for key in GAP_COLUMNS]
    source = row[g.TARGET_SOURCE]
    if isinstance(source, str) and source:
        label, value = pairs[0]
        pairs[0] = (label, t("report.brief.target_value", value=value, source=source))
    return pairs


def _weakest(items: pd.DataFrame) -> pd.DataFrame:
    if items.empty:
        return pd.DataFrame()
    table = criteria.weakest_display(criteria.weakest_items(items))
    return table.iloc[:, :WEAKEST_COLUMNS]


def _criteria_caption(items: pd.DataFrame, level: str) -> str:
    if items.empty:
        return t("report.brief.no_criteria")
    worst = criteria.weakest_items(items, 1).iloc[0]
    return t(
        "report.brief.criteria_caption",
        item=worst[s.LABEL],
        value=format_percent(worst[s.VALUE]),
        diff=format_points(worst[criteria.DIFF]),
        level=level,
    )


NEIGHBOURS = 5  # units shown above and below the unit when its level has many


def neighbours(ranking: pd.DataFrame, unit: str, around: int = NEIGHBOURS) -> pd.DataFrame:
    """The ranking rows of `unit` and up to `around` units ranked either side of it."""
    position = ranking.index[ranking["unit"] == unit][0]
    start = max(0, min(position - around, len(ranking) - 2 * around - 1))
    return ranking.iloc[start : start + 2 * around + 1]


def _ranking_chart(report: ReportData, wave: str, level: str, source: str) -> dict[str, Any]:
    shown = neighbours(report.ranking.reset_index(drop=True), report.unit)
    heading = level.capitalize()
    if len(shown) < len(report.ranking):
        name = str(shown.loc[shown["unit"] == report.unit, s.LABEL].iloc[0])
        heading = t(
            "report.neighbours",
            level=heading,
            unit=name,
            shown=len(shown),
            of=len(report.ranking),
        )
    chart = charts.ranking_chart(
        shown, title=t("overview.chart_title", wave=wave), subtitle=[heading, source], target=None
    )
    return charts.to_spec(chart)


def _elements_chart(
    report: ReportData, name: str, wave: str, level: str, source: str
) -> dict[str, Any] | None:
    if report.elements.empty:
        return None
    chart = elements_chart(
        report.elements,
        title=t("criteria.elements_title", unit=name, wave=wave),
        subtitle=[t("criteria.elements_subtitle", unit=name, level=level), source],
        average_label=t("criteria.average_label", level=level),
    )
    return charts.to_spec(chart)


def _elements_caption(elements: pd.DataFrame, name: str, level: str) -> str:
    if elements.empty:
        return ""
    worst = elements.sort_values(s.VALUE).iloc[0]
    return t(
        "report.brief.figure_elements",
        unit=name,
        element=worst[s.LABEL],
        value=format_percent(worst[s.VALUE]),
        diff=format_points(worst[criteria.DIFF]),
        level=level,
    )
