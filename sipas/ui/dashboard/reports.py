"""The overview's download area: the Excel report of the selection and the PDF brief of the
unit in focus, both built on the click from what the page already holds (sipas.export)."""

from __future__ import annotations

import streamlit as st

from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import EXPORT
from sipas.export.brief import unit_brief
from sipas.export.charts import file_stem
from sipas.export.pdf import brief_pdf
from sipas.export.selection import ReportInputs, report_data
from sipas.export.workbook import report_workbook
from sipas.gaps.table import GapInputs
from sipas.ui import data, exports
from sipas.ui.dashboard import filters, word_reports
from sipas.ui.safe import md
from sipas.ui.shell import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def report_inputs(view: filters.View) -> ReportInputs:
    """The page's view as the exports' inputs (cached objects only: nothing is computed)."""
    wave = view.scope.wave
    before = view.compared  # the filter bar's comparison wave (comparison_wave)
    gap_inputs = GapInputs(
        data.wave_counts(wave.code),
        view.units,
        data.target_set(),
        data.wave_counts(before.code) if before else None,
    )
    return ReportInputs(
        state=view.state,
        scope=view.scope,
        counts=view.counts,
        previous=view.previous,
        units=view.units,
        labels=view.labels,
        targets=view.targets,
        gap_inputs=gap_inputs,
        data_version=data.current_version(),
    )


def download_area(view: filters.View) -> None:
    """Excel report and PDF brief buttons, for the users who may export."""
    if not access.permitted(EXPORT):
        return
    inputs = report_inputs(view)
    actor = access.current_user().username
    wave = view.scope.wave.code
    with st.container(border=True):
        st.subheader(t("exports.area_heading"))
        unit = _unit_choice(view)
        name = view.labels.get(unit, unit)
        st.caption(md("exports.area_caption", unit=name))
        report_name = f"{t('report.file_stem')}-{wave}.xlsx"
        brief_name = f"{t('report.brief.file_stem')}-{file_stem(name)}-{wave}.pdf"
        left, right = st.columns(2)
        with left:
            exports.download(
                t("exports.report_xlsx"),
                lambda: _workbook(inputs, actor, unit),
                report_name,
                XLSX,
                "report_xlsx",
                "export_report_xlsx",
                help=t("exports.report_xlsx_help"),
                icon=":material/table_view:",
                width="stretch",
            )
        with right:
            exports.download(
                md("exports.brief_pdf", unit=name),
                lambda: _brief(inputs, unit),
                brief_name,
                PDF,
                "brief_pdf",
                "export_brief_pdf",
                extra={"unit": unit},
                help=t("exports.brief_pdf_help"),
                icon=":material/picture_as_pdf:",
                width="stretch",
            )
        word_reports.word_buttons(view)


def _unit_choice(view: filters.View) -> str:
    """The unit of the brief and of the criteria sheet: the unit in focus (shared with the
    criteria page), among the chosen units when there are some, else among all peers."""
    return filters.focus_choice(view, t("exports.brief_unit"))


def _workbook(inputs: ReportInputs, actor: str, unit: str) -> bytes:
    made_at = clock.to_vietnam(clock.now())
    return report_workbook(inputs, report_data(inputs, unit), actor, made_at)


def _brief(inputs: ReportInputs, unit: str) -> bytes:
    report = report_data(inputs, unit)
    return brief_pdf(unit_brief(inputs, report, clock.to_vietnam(clock.now()).date()))
