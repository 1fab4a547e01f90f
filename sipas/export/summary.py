"""The first sheet of the Excel report: the filters the report was made with, the data
version, who made it and when, and the selection's headline numbers (the overview cards)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sipas.core import schema as s
from sipas.core.formatting import format_datetime, format_rank
from sipas.core.i18n import t
from sipas.export import sheets as x
from sipas.export.selection import ReportData, ReportInputs
from sipas.reference.fields import field_names, load_attributes

# (label, value, number format); a label with the value None is a heading, ("", None, "") a gap.
Row = tuple[str, Any, str]


def summary_rows(
    inputs: ReportInputs, report: ReportData, actor: str, made_at: dt.datetime
) -> list[Row]:
    """The summary sheet's rows, top to bottom."""
    rows: list[Row] = []
    if inputs.scope.wave.is_demo:
        rows += [(t("report.demo"), "", x.TEXT)]
    rows += [(t("report.filters_heading"), None, ""), *filter_rows(inputs, report.unit)]
    rows += [
        (t("report.data_version"), inputs.data_version, x.INTEGER),
        (t("report.made_at"), format_datetime(made_at), x.TEXT),
        (t("report.made_by"), actor, x.TEXT),
        ("", None, ""),
        (t("report.results_heading"), None, ""),
        *result_rows(report),
        ("", None, ""),
        (t("report.formats_note"), "", x.TEXT),
    ]
    return rows


def filter_rows(inputs: ReportInputs, unit: str) -> list[Row]:
    """Wave, method, level, parent, units, fields, channels and the unit of the criteria sheet,
    in words."""
    scope = inputs.scope
    fields = field_names()
    channels = load_attributes()[s.CHANNEL].value_names()
    return [
        (t("report.filter_wave"), f"{scope.wave.code} – {scope.wave.name}", x.TEXT),
        (t("report.filter_method"), scope.method.short_name, x.TEXT),
        (t("report.filter_level"), t(f"levels.{scope.level}"), x.TEXT),
        (t("report.filter_parent"), _names([scope.parent], inputs.labels), x.TEXT),
        (t("report.filter_units"), _names(scope.units, inputs.labels), x.TEXT),
        (t("report.filter_fields"), _names(scope.fields, fields), x.TEXT),
        (t("report.filter_channels"), _names(scope.channels, channels), x.TEXT),
        (t("report.filter_focus"), _names([unit], inputs.labels), x.TEXT),
    ]


def _names(codes: Sequence[str], names: dict[str, str]) -> str:
    chosen = [names.get(code, code) for code in codes if code]
    return ", ".join(chosen) if chosen else t("report.all")


def result_rows(report: ReportData) -> list[Row]:
    """The overview cards as numbers (percent 0–100, points), rank and counts as "X/Y"."""
    cards = report.cards
    target = cards.target
    return [
        (t("report.sipas"), cards.value, x.PERCENT),
        (t("report.low"), cards.low, x.PERCENT),
        (t("report.high"), cards.high, x.PERCENT),
        (t("report.change"), cards.change, x.POINTS),
        (t("report.change_note"), cards.change_note, x.TEXT),
        (t("report.rank"), format_rank(cards.rank, cards.of) if cards.rank else "–", x.TEXT),
        (t("report.n"), cards.n, x.INTEGER),
        (t("report.meeting"), f"{cards.meeting}/{cards.judged}", x.TEXT),
        (t("report.coverage"), f"{cards.covered}/{cards.expected}", x.TEXT),
        (t("report.target"), target.value if target else None, x.TARGET),
        (t("report.target_source"), target.source if target else "–", x.TEXT),
    ]
