"""Who is using the app, and the server-side permission check every page and action makes.

Until accounts exist (issue "Accounts, roles and audit") everyone is the local administrator
of the embedded installation; pages and actions already ask for their permission, so the
login only has to decide who `current_user()` is.
"""

from __future__ import annotations

import streamlit as st

from sipas.i18n import t
from sipas.permissions import ADMIN, User

LOCAL_USER = User(username="local", display_name="Người dùng cục bộ", role=ADMIN)


def current_user() -> User:
    return LOCAL_USER


def require(permission: str) -> User:
    """The current user if they hold `permission`; otherwise say so and stop the page.
    Every page calls this first, so it also makes sure the page runs through app.py."""
    from sipas.ui.frame import ensure_routed  # frame imports this module

    ensure_routed()
    user = current_user()
    if not user.can(permission):
        st.error(t("auth.forbidden"))
        st.stop()
    return user
