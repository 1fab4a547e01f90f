"""Nhật ký hệ thống: administrators read, filter and export the audit log (read-only)."""

import streamlit as st

from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.core.permissions import READ_AUDIT
from sipas.ui import widgets
from sipas.ui.accounts import audit as audit_view
from sipas.ui.safe import md
from sipas.ui.shell import auth

auth.require(READ_AUDIT)
st.title(t("audit.title"))
st.caption(t("audit.intro"))

chosen = audit_view.filter_bar()
shown, total = audit_view.events(chosen)
if shown.empty:
    st.info(t("audit.empty"))
    st.stop()
key = "audit.shown" if len(shown) == total else "audit.shown_limited"
st.caption(md(key, shown=format_int(len(shown)), total=format_int(total)))
widgets.table(shown)
audit_view.downloads(shown)
