"""Download buttons for what a page shows: charts (PNG, SVG), tables (CSV), reports, the
audit log, the import's marked copy, templates.

Files are made only when the user clicks: Streamlit runs the callable `data` on the browser's
deferred-file request, in a thread of its own, outside any page run (a filter change costs
nothing more). That request needs no rerun and can be sent without a click, so the callable
itself checks the session the button was drawn for and writes the audit entry when the file is
made (sipas.accounts.exports): action "export", object the file name, details the kind of file
and the filters (the page's query string). A session whose account was deactivated or changed
meanwhile gets no file: the callable raises, the refusal is in the audit log, and the click's
rerun shows the login page with "Phiên làm việc đã kết thúc".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from sipas.accounts.exports import ExportRequest, produce
from sipas.core.cells import csv_bytes
from sipas.core.i18n import current_language, set_language, t
from sipas.core.permissions import EXPORT
from sipas.export import charts as chart_files
from sipas.ui import data
from sipas.ui.shell import access, login

PNG = "image/png"
SVG = "image/svg+xml"
CSV = "text/csv"


def export_request(
    file_name: str, kind: str, extra: dict[str, Any] | None = None, permission: str = EXPORT
) -> ExportRequest:
    """Who is asking, as this run sees them, and what the audit entry will say."""
    version, token = login.session_claims()
    details = {"kind": kind, "filters": st.query_params.to_dict(), **(extra or {})}
    username = access.current_user().username
    return ExportRequest(username, version, token, permission, file_name, details)


def guarded(make: Callable[[], bytes], request: ExportRequest) -> Callable[[], bytes]:
    """`make` as a download's file: run later by Streamlit, in another thread, in this run's
    language, after the session is checked again, and audited (sipas.accounts.exports)."""
    language = current_language()
    engine = data.engine()

    def run() -> bytes:
        set_language(language)
        return produce(engine, request, make)

    return run


def download(
    label: str,
    make: Callable[[], bytes],
    file_name: str,
    mime: str,
    kind: str,
    key: str,
    extra: dict[str, Any] | None = None,
    permission: str = EXPORT,
    **options: Any,
) -> None:
    """One download button whose file `make()` builds on the click, for a session that still
    holds `permission` then (checked and audited with `extra` details, see `guarded`)."""
    request = export_request(file_name, kind, extra, permission)
    # inert: the label is a catalogue text
    st.download_button(label, guarded(make, request), file_name, mime=mime, key=key, **options)


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
