"""Template downloads for the upload page."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from sipas.core.i18n import t
from sipas.ingest.template import (
    aggregate_template,
    method_for_year,
    respondent_template,
    units_on,
)
from sipas.reference.questionnaires import get_method, load_methods
from sipas.ui import data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _template(kind: str, method_code: str, year: int, version: int) -> bytes:
    names = units_on(data.units(), dt.date(year, 12, 31))
    build = respondent_template if kind == "respondents" else aggregate_template
    return build(get_method(method_code), names)


def downloads() -> None:
    """Year and method pickers and one download button per kind of template."""
    st.caption(t("import.page.templates_intro"))
    left, right = st.columns(2)
    this_year = dt.date.today().year
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
    version = data.current_version()
    for kind, key in (("respondents", "download_respondents"), ("aggregate", "download_aggregate")):
        st.download_button(
            t(f"import.page.{key}"),
            _template(kind, method, year, version),
            file_name=f"mau_{'phieu' if kind == 'respondents' else 'ket_qua'}_{year}_{method}.xlsx",
            mime=XLSX,
            key=f"template-{kind}",
        )
