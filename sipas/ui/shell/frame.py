"""The page frame and router every run goes through: page config, the navigation the current
user may see, the sidebar, a prepared database, the login gate and the page guard."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.navigation.page import StreamlitPage

from sipas.core.config import demo_mode
from sipas.core.i18n import t
from sipas.storage import failures
from sipas.ui import compat, data
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access, chrome, login, starting
from sipas.ui.shell.control import restrict_control_messages
from sipas.ui.shell.navigation import build_navigation, guard

Hook = Callable[[], None]

_LOGGER = logging.getLogger("sipas")


def route(before_page: Hook | None = None) -> StreamlitPage:
    """Draw the frame, let only a valid session through to a page it may open, and return
    that page (app.py runs it); `before_page` may stop the run first (the province chooser of
    a new database)."""
    st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")
    starting.done()
    # Navigation early: it replaces the folder-based page list at once, even on a slow start.
    # It lists the pages of the session's user (none before login); the gate below
    # re-validates that user against the database on every run.
    login.resume()  # a returning user's cookie: logged in before the navigation is built
    user = access.current_user()
    navigation, sections = build_navigation(user if user.username else None)
    chrome.style()
    chrome.reserve_filter_slot()
    chrome.menu(sections)
    config = login.settings()  # stops here with the reason when the cookie key is unusable
    with st.sidebar:
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("app.subtitle"))
        if demo_mode():
            st.info(t("app.demo_badge"))
    data.prepare_database()
    if not user.username:
        st.session_state[login.AT_HOME] = navigation.url_path == ""
    login.gate(config)  # the login page (then stop) unless this session is logged in and valid
    login.land(access.current_user(), navigation.url_path == "")  # a returning unit's leader
    guard(navigation)  # a page this user may not open shows the refusal, nothing else
    if before_page is not None:
        before_page()
    return navigation


def serve(before_page: Hook | None = None) -> None:
    """Route and run the page; a database error ends the run with a Vietnamese sentence
    (no SQL, no data: sipas.storage.failures), as every page's boundary."""
    restrict_control_messages()
    compat.translate_download_failure(t("exports.download_failed"))
    try:
        route(before_page).run()
    except SQLAlchemyError as error:
        _LOGGER.error("database error", exc_info=error)  # the server's log: SQL and all
        st.error(escape_markdown(failures.describe(error)))


def ensure_routed() -> None:
    """Draw the frame when Streamlit ran a page file by itself, then let the page go on.

    The first request a fresh server gets runs in Streamlit's folder-based mode, which executes
    pages/rankings.py for /rankings without app.py: no frame, no database preparation, and no
    login gate.
    st.navigation switches that mode off for good; the page it resolves is the one running,
    since url paths are the file stems, the names the folder-based mode gives pages.
    (Streamlit internals, through sipas.ui.compat; tests/e2e/test_page_address.py and the
    AppTests, which start every run in that mode, fail if they change.)"""
    if compat.in_folder_mode():
        # st.navigation makes the main script's hash the active one; the page's widgets must
        # keep the page's, or their ids (and values) change on the next run.
        with compat.as_page_run():
            route()
