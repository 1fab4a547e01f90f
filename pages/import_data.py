"""Nhập dữ liệu: upload a spreadsheet, check how it was understood, validate, preview, import."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import IMPORT
from sipas.ui.imports import review as import_review
from sipas.ui.imports import templates
from sipas.ui.imports import upload as importing
from sipas.ui.shell import auth

auth.require(IMPORT)
st.title(t("import.page.heading"))
st.caption(t("import.page.intro"))
upload_tab, templates_tab = st.tabs([t("import.page.tab_upload"), t("import.page.tab_templates")])

with templates_tab:
    templates.downloads()

with upload_tab:
    chosen = importing.options()
    importing.profile_picker(chosen.kind)
    uploaded = importing.upload()
    prepared = importing.prepared_import(uploaded, chosen) if uploaded is not None else None
    if prepared is not None:
        importing.reading_options(prepared)
        confirmed = import_review.mapping_step(prepared)
        if import_review.problem(prepared):
            st.stop()
        import_review.fields_step(prepared)
        import_review.validation_step(prepared)
        import_review.preview_step(prepared)
        import_review.commit_step(prepared, confirmed)
