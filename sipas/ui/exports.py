"""Download buttons for what a page shows: charts (PNG, SVG), tables (CSV), reports.

Files are made only when the user clicks (Streamlit runs a callable `data` on the click), so a
filter change costs nothing more. Every download is written to the audit log by the button's
on_click callback, which Streamlit runs on the click before the page reruns: action "export",
object the file name, details the filters (the page's query string) and the kind of file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.core.cells import csv_bytes
from sipas.core.i18n import current_language, set_language, t
from sipas.core.permissions import EXPORT
from sipas.export import charts as chart_files
from sipas.storage.audit import OK, record_event
from sipas.storage.engine import transaction
from sipas.ui import data
from sipas.ui.shell import access

PNG = "image/png"
SVG = "image/svg+xml"
CSV = "text/csv"


def record(file_name: str, kind: str, extra: dict[str, Any] | None = None) -> None:
    """The on_click callback of every export: refuse (and record the refusal) without EXPORT,
    else record the download with the filters in force."""
    user = access.require_action(EXPORT, auditlog.EXPORT)
    details = {"kind": kind, "filters": st.query_params.to_dict(), **(extra or {})}
    with transaction(data.engine()) as session:
        record_event(session, user.username, auditlog.EXPORT, file_name, OK, details)


def in_language(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """`make` run in this run's language: Streamlit calls it later, in another thread."""
    language = current_language()

    def run() -> bytes:
        set_language(language)
        return make()

    return run


def download(
    label: str,
    make: Callable[[], bytes],
    file_name: str,
    mime: str,
    kind: str,
    key: str,
    extra: dict[str, Any] | None = None,
    **options: Any,
) -> None:
    """One download button whose file `make()` builds on the click (audited, see `record`,
    with `extra` details)."""
    st.download_button(
        label,
        in_language(make),
        file_name,
        mime=mime,
        key=key,
        on_click=record,
        args=(file_name, kind, extra),
        **options,
    )


def chart_buttons(spec: dict[str, Any], key: str | None) -> None:
    """PNG and SVG of a chart (for the users who may export), in a small menu under the chart.
    A closed menu draws nothing in the browser, which keeps a filter change's redraw short."""
    if not access.permitted(EXPORT):
        return
    stem = chart_files.file_stem(chart_files.chart_title(spec), t("exports.chart_file"))
    key = key or stem
    with st.popover(t("exports.chart_menu"), type="tertiary", icon=":material/download:"):
        download(
            t("exports.chart_png"),
            lambda: chart_files.to_png(spec),
            f"{stem}.png",
            PNG,
            "chart_png",
            f"{key}_png",
            help=t("exports.chart_png_help"),
            type="tertiary",
            icon=":material/image:",
        )
        download(
            t("exports.chart_svg"),
            lambda: chart_files.to_svg(spec),
            f"{stem}.svg",
            SVG,
            "chart_svg",
            f"{key}_svg",
            help=t("exports.chart_svg_help"),
            type="tertiary",
            icon=":material/polyline:",
        )


def table_button(frame: pd.DataFrame, name: str) -> None:
    """CSV of a table as shown (for the users who may export)."""
    if not access.permitted(EXPORT) or frame.empty:
        return
    stem = chart_files.file_stem(name, t("exports.table_file"))
    download(
        t("exports.table_csv"),
        lambda: csv_bytes(frame),
        f"{stem}.csv",
        CSV,
        "table_csv",
        f"{stem}_csv",
        help=t("exports.table_csv_help"),
        type="tertiary",
        icon=":material/download:",
    )
