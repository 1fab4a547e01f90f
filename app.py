"""SIPAS Dashboard: page frame and router. Run with `streamlit run app.py`."""

import streamlit as st

from sipas.config import demo_mode
from sipas.i18n import t
from sipas.ui import auth, data, login
from sipas.ui.navigation import build_navigation, guard

st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")

# Navigation first: it replaces the folder-based page list at once, even on a slow first
# start. It lists the pages of the session's user (none before login); the gate below
# re-validates that user against the database on every run.
user = auth.current_user()
navigation = build_navigation(user if user.username else None)
config = login.settings()  # stops here with the reason when the cookie key is unusable

with st.sidebar:
    st.markdown(f"**{t('app.title')}**")
    st.caption(t("app.subtitle"))
    if demo_mode():
        st.info(t("app.demo_badge"))

data.prepare_database()
login.gate(config)  # the login page (then stop) unless this session is logged in and valid
guard(navigation)  # a page this user may not open shows the refusal, nothing else
navigation.run()
