"""The "remember me" cookie, through streamlit-authenticator: signed (HS256 JWT of username
and expiry), set and deleted in the browser by its cookie component, read from the request.

Everything the component draws goes into one fixed, invisible slot in the sidebar, so that
drawing it in one run and not the next never shifts the page's own elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
import streamlit_authenticator as stauth
from streamlit.delta_generator import DeltaGenerator

from sipas import login
from sipas.authconfig import AuthSettings
from sipas.storage.engine import transaction
from sipas.ui import data

# The component draws nothing but would still take a row of space.
_HIDE_FRAMES = (
    "<style>.stElementContainer:has(iframe[src*='CookieManager']) {display: none;}</style>"
)


@dataclass(frozen=True)
class Cookies:
    authenticator: stauth.Authenticate
    slot: DeltaGenerator

    def claims(self) -> dict[str, Any] | None:
        """The signed content of a valid, unexpired cookie sent with this session's request;
        None when there is none (or the library was told not to look: after a logout)."""
        claims = self.authenticator.cookie_controller.get_cookie()
        return claims or None

    def issue(self) -> float | None:
        """Set a cookie for the logged-in user; its expiry (epoch seconds)."""
        with self.slot:
            self.authenticator.cookie_controller.set_cookie()
        expires = self.authenticator.cookie_controller.cookie_model.exp_date
        return float(expires) if expires is not None else None

    def delete(self) -> None:
        with self.slot:
            self.authenticator.cookie_controller.delete_cookie()


def cookies(config: AuthSettings) -> Cookies:
    """The library object for this run, on credentials read from the database now. No
    api_key: its e-mail and two-factor features (an external server) stay off."""
    with transaction(data.engine()) as session:
        credentials = login.library_credentials(session)
    slot = st.sidebar.container()
    with slot:
        st.html(_HIDE_FRAMES)
        authenticator = stauth.Authenticate(
            credentials,
            config.cookie_name,
            config.cookie_key,
            config.cookie_expiry_days,
            auto_hash=False,
            login_sleep_time=0,
        )
    return Cookies(authenticator, slot)
