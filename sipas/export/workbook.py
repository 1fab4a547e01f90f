"""The Excel report of a selection: a summary sheet (filters, data version, headline numbers)
and sheets for the ranking, the fields, the criteria of the unit in focus and the targets and
gaps, all from sipas.export.selection.report_data (the pages' own domain functions).

Numbers are stored as numbers (percent 0–100, differences in percentage points, counts as
integers) with number formats; Excel draws them with its locale's separators, so a Vietnamese
Excel shows 85,48% and 3.500."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.schema import (
    HIGH,
    LABEL,
    LOW,
    OF,
    PREVIOUS_RANK,
    RANK,
    RANK_CHANGE,
    SMALL_SAMPLE,
    TARGET_STATUS,
    TIED,
    VALUE,
    N,
)
from sipas.dashboard import criteria, field_results, standings
from sipas.dashboard.captions import source_text
from sipas.export import sheets as x
from sipas.export.selection import ReportData, ReportInputs
from sipas.export.summary import summary_rows
from sipas.gaps import table as g
from sipas.gaps.texts import target_cell
from sipas.targets.status import GAP, TARGET, TARGET_SOURCE


def report_workbook(
    inputs: ReportInputs, report: ReportData, actor: str, made_at: dt.datetime
) -> bytes:
    """The report as .xlsx bytes; `made_at` in Vietnam time."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("report.sheets.summary")
    _summary_sheet(summary, inputs, report, actor, made_at)
    level = t(f"levels.{inputs.scope.level}").lower()
    wave = inputs.scope.wave.code
    source = source_text(inputs.scope.wave, report.cards.n)
    unit = _name(inputs, report.unit)
    chosen = list(report.ranking[standings.CHOSEN])  # the selection's units, in bold
    sheets: list[tuple[str, dict[str, str], list[x.Column], list[bool]]] = [
        ("ranking", {"level": level, "wave": wave}, _ranking_columns(report), chosen),
        ("fields", {"wave": wave}, _field_columns(report), []),
        (
            "criteria",
            {"unit": unit, "level": level, "wave": wave},
            _criteria_columns(inputs, report, level),
            [],
        ),
        ("gaps", {"level": level, "wave": wave}, _gap_columns(inputs, report), []),
    ]
    for name, params, columns, bold_rows in sheets:
        sheet = book.create_sheet(t(f"report.sheets.{name}"))
        x.write_title(sheet, t(f"report.sheet_titles.{name}", **params), source)
        x.write_table(sheet, columns, bold_rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _name(inputs: ReportInputs, code: str) -> str:
    return inputs.labels.get(code, code)


def _summary_sheet(
    sheet: Worksheet,
    inputs: ReportInputs,
    report: ReportData,
    actor: str,
    made_at: dt.datetime,
) -> None:
    x.write_title(
        sheet,
        t("report.title", wave=inputs.scope.wave.code),
        source_text(inputs.scope.wave, report.cards.n),
    )
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 60
    row = 4
    for label, value, number_format in summary_rows(inputs, report, actor, made_at):
        if label and value is None:  # a heading
            x.set_value(sheet.cell(row, 1), label)
            sheet.cell(row, 1).font = x.BOLD
        elif label:
            x.set_value(sheet.cell(row, 1), label)
            x.set_value(sheet.cell(row, 2), value, number_format)
            sheet.cell(row, 2).alignment = x.LEFT
        row += 1
    sheet.freeze_panes = "A4"


def _ranking_columns(report: ReportData) -> list[x.Column]:
    r = report.ranking
    notes = [
        standings.notes_text(tied, small)
        for tied, small in zip(r[TIED], r[SMALL_SAMPLE], strict=True)
    ]
    return [
        x.Column(t("report.col.rank"), r[RANK], x.INTEGER, 8),
        x.Column(t("report.col.of"), r[OF], x.INTEGER, 10),
        x.Column(t("report.col.unit"), r[LABEL], width=28),
        x.Column(t("report.col.value"), r[VALUE], x.PERCENT),
        x.Column(t("report.col.low"), r[LOW], x.PERCENT),
        x.Column(t("report.col.high"), r[HIGH], x.PERCENT),
        x.Column(t("report.col.n"), r[N], x.INTEGER, 11),
        x.Column(t("report.col.previous_rank"), r[PREVIOUS_RANK], x.INTEGER, 11),
        x.Column(t("report.col.rank_change"), r[RANK_CHANGE].map(standings.rank_change_text)),
        x.Column(t("report.col.target"), r[TARGET], x.TARGET, 11),
        x.Column(t("report.col.gap"), r[GAP], x.POINTS, 16),
        x.Column(t("report.col.status"), r[TARGET_STATUS], x.STATUS_CELL, 26),
        x.Column(t("report.col.chosen"), _yes(r[standings.CHOSEN]), width=11),
        x.Column(t("report.col.notes"), notes, width=36),
        x.Column(t("report.col.unit_code"), r[s.UNIT], width=20),
    ]


def _yes(flags: Sequence[Any] | pd.Series) -> list[str]:
    return [t("report.col.chosen_mark") if flag else "" for flag in flags]


def _field_columns(report: ReportData) -> list[x.Column]:
    f = report.fields
    if f.empty:
        return []
    return [
        x.Column(t("report.col.field"), f[field_results.FIELD_LABEL], width=36),
        x.Column(t("report.col.value"), f[VALUE], x.PERCENT),
        x.Column(t("report.col.low"), f[LOW], x.PERCENT),
        x.Column(t("report.col.high"), f[HIGH], x.PERCENT),
        x.Column(t("report.col.n"), f[N], x.INTEGER, 11),
        x.Column(t("report.col.units_with_data"), f[field_results.UNITS_WITH_DATA], x.INTEGER),
        x.Column(t("report.col.target"), f[TARGET], x.TARGET, 11),
        x.Column(t("report.col.gap"), f[GAP], x.POINTS, 16),
        x.Column(t("report.col.status"), f[TARGET_STATUS], x.STATUS_CELL, 26),
        x.Column(t("report.col.target_source"), f[TARGET_SOURCE], width=40),
    ]


def _criteria_columns(inputs: ReportInputs, report: ReportData, level: str) -> list[x.Column]:
    items = report.items
    if items.empty:
        return []
    weakest = criteria.weakest_items(items)[s.ITEM].tolist()
    order = [weakest.index(code) + 1 if code in weakest else None for code in items[s.ITEM]]
    elements = criteria.element_labels(inputs.counts.method)
    columns = [
        x.Column(t("report.col.item"), items[LABEL], width=60),
        x.Column(t("report.col.element"), items[s.ELEMENT].map(elements), width=28),
        x.Column(t("report.col.item_value"), items[VALUE], x.PERCENT),
        x.Column(t("report.col.low"), items[LOW], x.PERCENT),
        x.Column(t("report.col.high"), items[HIGH], x.PERCENT),
        x.Column(t("report.col.n"), items[N], x.INTEGER, 11),
        x.Column(t("report.col.average", level=level), items[criteria.AVERAGE], x.PERCENT, 16),
        x.Column(t("report.col.diff"), items[criteria.DIFF], x.POINTS, 16),
        x.Column(t("report.col.weakest"), order, x.INTEGER, 11),
    ]
    for answer, column in zip(s.ANSWER_VALUES, s.COUNT_COLUMNS, strict=True):
        columns.append(
            x.Column(t("report.col.answers", answer=answer), items[column], x.INTEGER, 11)
        )
    return columns


def _gap_columns(inputs: ReportInputs, report: ReportData) -> list[x.Column]:
    gaps = report.gaps
    if gaps.empty:
        return []
    rows = gaps.to_dict("records")
    return [
        x.Column(t("report.col.unit"), gaps[g.UNIT_CODE].map(lambda c: _name(inputs, c)), width=28),
        x.Column(t("report.col.value"), gaps[g.VALUE], x.PERCENT),
        x.Column(t("report.col.n"), gaps[g.N], x.INTEGER, 11),
        x.Column(t("report.col.target"), gaps[g.TARGET], x.TARGET, 11),
        x.Column(t("report.col.comparison"), [target_cell(row) for row in rows], width=12),
        x.Column(t("report.col.gap_pp"), gaps[g.GAP_PP], x.NUMBER),
        x.Column(t("report.col.gap_people"), gaps[g.GAP_PEOPLE], x.INTEGER),
        x.Column(t("report.col.status"), gaps[g.TARGET_STATUS], x.STATUS_CELL, 26),
        x.Column(t("report.col.rank"), gaps[g.RANK], x.INTEGER, 8),
        x.Column(t("report.col.of"), gaps[g.OF], x.INTEGER, 10),
        x.Column(t("report.col.rank_target"), gaps[g.RANK_TARGET], x.INTEGER),
        x.Column(t("report.col.points_to_rank"), gaps[g.POINTS_TO_RANK], x.POINTS, 18),
        x.Column(t("report.col.p_rank"), gaps[g.P_RANK], x.SHARE),
        x.Column(t("report.col.target_source"), gaps[g.TARGET_SOURCE], width=40),
        x.Column(t("report.col.rank_source"), gaps[g.RANK_SOURCE], width=40),
    ]
