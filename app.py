"""SIPAS Dashboard: page frame and router. Run with `streamlit run app.py`."""

import streamlit as st

from sipas.config import demo_mode
from sipas.i18n import t
from sipas.ui import auth, data
from sipas.ui.navigation import build_navigation

st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")

# Navigation first: it replaces the folder-based page list at once, even on a slow first start.
navigation = build_navigation(auth.current_user())

with st.sidebar:
    st.markdown(f"**{t('app.title')}**")
    st.caption(t("app.subtitle"))
    if demo_mode():
        st.info(t("app.demo_badge"))

data.prepare_database()
navigation.run()
