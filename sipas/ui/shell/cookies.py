"""The "remember me" cookie: our token (sipas.accounts.tokens: username, issue time, expiry,
HS256), set and deleted in the browser by streamlit-authenticator's cookie component, read
from the request.

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

import streamlit as st
import streamlit_authenticator as stauth
from streamlit.delta_generator import DeltaGenerator

from sipas.accounts import login, tokens
from sipas.accounts.settings import AuthSettings
from sipas.core import clock
from sipas.storage import accounts as store
from sipas.storage.engine import transaction
from sipas.ui import data

# The component draws nothing but would still take a row of space.
_HIDE_FRAMES = (
    "<style>.stElementContainer:has(iframe[src*='CookieManager']) {display: none;}</style>"
)
# Set once this session has needed the component: it is drawn in every later run.
_COMPONENT_KEY = "sipas_cookie_component"


def signing_key(config: AuthSettings) -> str:
    """The key of this database's current generation (rotated by `sipas auth rotate-key`)."""
    with transaction(data.engine()) as session:
        generation = store.cookie_generation(session)
    return tokens.signing_key(config.cookie_key, generation)


def claims(config: AuthSettings) -> tokens.TokenClaims | None:
    """What a valid cookie sent with this session's request says: signed with the current
    key, issued at a known time, expiring within the session length (sipas.accounts.tokens);
    None when there is none or the session logged out (the cookie it was opened with no
    longer counts)."""
    if st.session_state.get("logout"):
        return None
    token = st.context.cookies.get(config.cookie_name)
    if not token:
        return None
    data.prepare_database()
    return tokens.read(token, signing_key(config), clock.now(), config.cookie_expiry_days)


def _over_https() -> bool:
    """Whether the browser reached us over HTTPS (nginx says so in X-Forwarded-Proto)."""
    proto = (st.context.headers.get("X-Forwarded-Proto") or "").split(",")[0].strip()
    return proto.lower() == "https" or (st.context.url or "").startswith("https:")


@dataclass
class Cookies:
    config: AuthSettings
    slot: DeltaGenerator
    library: stauth.Authenticate | None = None

    def issue(self, username: str) -> float:
        """Set a cookie for `username`; its expiry (epoch seconds). SameSite=Strict always,
        Secure over HTTPS; never HttpOnly: the library's component writes it from JavaScript
        (document.cookie), which cannot set HttpOnly."""
        token, expires = tokens.issue(
            username, clock.now(), self.config.cookie_expiry_days, signing_key(self.config)
        )
        manager = self._library().cookie_controller.cookie_model.cookie_manager
        with self.slot:
            manager.set(
                self.config.cookie_name,
                token,
                expires_at=dt.datetime.fromtimestamp(expires, dt.UTC),
                secure=_over_https() or None,
                same_site="strict",
            )
        return expires

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
