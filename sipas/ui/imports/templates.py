"""Template downloads for the upload page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import IMPORT
from sipas.ingest.template import (
    aggregate_template,
    method_for_year,
    respondent_template,
    units_on,
)
from sipas.reference.questionnaires import get_method, load_methods
from sipas.ui import data, exports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _maker(kind: str, method_code: str, names: list[str]) -> Callable[[], bytes]:
    build = respondent_template if kind == "respondents" else aggregate_template
    return lambda: build(get_method(method_code), names)


def downloads() -> None:
    """Year and method pickers and one download button per kind of template."""
    st.caption(t("import.page.templates_intro"))
    left, right = st.columns(2)
    this_year = clock.today().year
    year = int(
        left.number_input(
            t("import.page.template_year"), min_value=2000, max_value=2100, value=this_year
        )
    )
    methods = load_methods()
    codes = list(methods)
    default = method_for_year(year)  # QĐ 1001 for 2025 and later
    method = right.selectbox(
        t("import.page.template_method"),
        codes,
        index=codes.index(default) if default in codes else 0,
        format_func=lambda c: methods[c].name,
        key="template_method",
    )
    names = units_on(data.units(), dt.date(year, 12, 31))
    for kind, key in (("respondents", "download_respondents"), ("aggregate", "download_aggregate")):
        exports.download(
            t(f"import.page.{key}"),
            _maker(kind, method, names),
            f"mau_{'phieu' if kind == 'respondents' else 'ket_qua'}_{year}_{method}.xlsx",
            XLSX,
            "template",
            f"template-{kind}",
            extra={"method": method, "year": year},
            permission=IMPORT,
        )
