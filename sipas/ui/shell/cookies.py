"""The "remember me" cookie, through streamlit-authenticator: signed (HS256 JWT of username
and expiry), set and deleted in the browser by its cookie component, read from the request.

The library draws its cookie component (an iframe) whenever it is built, and the component's
first answer costs the session an extra run. A session resuming from its cookie never needs
it, so the library is built only to set or delete the cookie, and from then on in every run
of that session (a component removed before its script ran would never set the cookie).
Everything it draws goes into one fixed, invisible slot in the sidebar, so that drawing it in
one run and not the next never shifts the page's own elements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit.delta_generator import DeltaGenerator

from sipas.accounts import login
from sipas.accounts.settings import AuthSettings
from sipas.storage.engine import transaction
from sipas.ui import data

# The component draws nothing but would still take a row of space.
_HIDE_FRAMES = (
    "<style>.stElementContainer:has(iframe[src*='CookieManager']) {display: none;}</style>"
)
# Set once this session has needed the component: it is drawn in every later run.
_COMPONENT_KEY = "sipas_cookie_component"


def claims(config: AuthSettings) -> dict[str, Any] | None:
    """The signed content of a valid, unexpired cookie sent with this session's request, as
    the library reads it (st.context.cookies, HS256); None when there is none or the session
    logged out (the cookie it was opened with no longer counts)."""
    if st.session_state.get("logout"):
        return None
    token = st.context.cookies.get(config.cookie_name)
    if not token:
        return None
    try:
        content = jwt.decode(token, config.cookie_key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if not isinstance(content, dict) or "username" not in content:
        return None
    expires = content.get("exp_date")
    if not isinstance(expires, int | float) or expires <= dt.datetime.now().timestamp():
        return None
    return content


@dataclass
class Cookies:
    config: AuthSettings
    slot: DeltaGenerator
    library: stauth.Authenticate | None = None

    def issue(self) -> float | None:
        """Set a cookie for the logged-in user; its expiry (epoch seconds)."""
        controller = self._library().cookie_controller
        with self.slot:
            controller.set_cookie()
        expires = controller.cookie_model.exp_date
        return float(expires) if expires is not None else None

    def delete(self) -> bool:
        """Ask the browser to delete the cookie; True once it has. The component answers in a
        later run, so the caller asks again in every run until then: the library's own
        component answers first and its rerun would otherwise remove this one before its
        script ran (the cookie then stayed, in about one logout of ten)."""
        manager = self._library().cookie_controller.cookie_model.cookie_manager
        with self.slot:
            done = manager.cookie_manager(
                method="delete", cookie=self.config.cookie_name, key="delete", default=False
            )
        return done is True

    def _library(self) -> stauth.Authenticate:
        if self.library is None:
            self.library = _build_library(self.config, self.slot)
            st.session_state[_COMPONENT_KEY] = True
        return self.library


def cookies(config: AuthSettings) -> Cookies:
    """The cookie jar of this run: a fixed slot, and the library already drawn in it when
    this session has used the component before."""
    jar = Cookies(config, st.sidebar.container())
    if st.session_state.get(_COMPONENT_KEY):
        jar.library = _build_library(config, jar.slot)
    return jar


def _build_library(config: AuthSettings, slot: DeltaGenerator) -> stauth.Authenticate:
    """The library object on credentials read from the database now. No api_key: its e-mail
    and two-factor features (an external server) stay off."""
    with transaction(data.engine()) as session:
        credentials = login.library_credentials(session)
    with slot:
        st.html(_HIDE_FRAMES)
        return stauth.Authenticate(
            credentials,
            config.cookie_name,
            config.cookie_key,
            config.cookie_expiry_days,
            auto_hash=False,
            login_sleep_time=0,
        )
