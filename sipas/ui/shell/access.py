"""Who is using the app, and the server-side permission checks of every page and action.

`current_user()` is the logged-in user of this session, re-validated against the database
at the start of every run by the login gate (sipas.ui.shell.login); before login it is an
anonymous user who may do nothing. Pages call `auth.require(permission)` first; actions inside
a page call `require_action(permission, action)` right before they change anything.
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.accounts import clients
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.storage.audit import DENIED, record_event
from sipas.storage.engine import transaction
from sipas.ui import data

ANONYMOUS = User(username="", display_name="", role="")
USER_KEY = "sipas_user"
_DENIED_KEY = "sipas_denied_pages"


def current_user() -> User:
    """The logged-in user of this session (anonymous before login)."""
    user = st.session_state.get(USER_KEY)
    return user if isinstance(user, User) else ANONYMOUS


def client_address(trusted: frozenset[str]) -> str:
    """The address this session's browser connects from (X-Forwarded-For believed only from
    a trusted proxy; sipas.accounts.clients)."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    return clients.client_address(st.context.ip_address, forwarded, trusted)


def permitted(permission: str) -> bool:
    """Whether the current user holds `permission` (to show or hide a control)."""
    return current_user().can(permission)


def require_action(permission: str, action: str) -> User:
    """Like `require`, for an action about to change something: a refusal is also recorded
    in the audit log."""
    user = current_user()
    if not user.can(permission):
        _record_denied(auditlog.ACTION_DENIED, action, permission)
        _refuse()
    return user


def forbid(what: str) -> NoReturn:
    """Show the refusal, and nothing else of the page; recorded once per session and page."""
    if what not in st.session_state.setdefault(_DENIED_KEY, set()):
        st.session_state[_DENIED_KEY].add(what)
        _record_denied(auditlog.PAGE_DENIED, what, "")
    _refuse()


def _refuse() -> NoReturn:
    st.error(t("auth.forbidden"))
    st.stop()


def _record_denied(action: str, object_: str, permission: str) -> None:
    user = current_user()
    if not user.username:
        return
    details = {"permission": permission, "role": user.role} if permission else {"role": user.role}
    with transaction(data.engine()) as session:
        record_event(session, user.username, action, object_, DENIED, details)
