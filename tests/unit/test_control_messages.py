"""A `clear_cache` message from the browser empties the caches only for an administrator's
session: sent through Streamlit's own message dispatch, to its real caches."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.state.session_state import SessionState

from sipas.core.permissions import User
from sipas.ui.shell.access import USER_KEY
from sipas.ui.shell.control import restrict_control_messages

calls: list[int] = []


@st.cache_data
def cached(value: int) -> int:
    calls.append(value)
    return value


def send_clear_cache(user: User | None) -> None:
    session = AppSession.__new__(AppSession)  # only what the handler reads
    session._session_state = SessionState()
    session.id = "test-session"
    session._state = AppSessionState.SHUTDOWN_REQUESTED  # nothing to shut down when collected
    if user is not None:
        session._session_state[USER_KEY] = user
    message = BackMsg()
    message.clear_cache = True
    session.handle_backmsg(message)


@pytest.mark.parametrize(
    ("user", "cleared"),
    [
        (None, False),  # any WebSocket client, not logged in
        (User("lanhdao", "Lãnh đạo", "leader"), False),
        (User("chuyenvien", "Chuyên viên", "staff"), False),
        (User("quantri", "Quản trị", "admin"), True),
    ],
)
def test_only_an_administrator_clears_the_caches(user: User | None, cleared: bool) -> None:
    restrict_control_messages()
    restrict_control_messages()  # installing twice changes nothing
    cached.clear()
    calls.clear()
    cached(7)
    send_clear_cache(user)
    cached(7)
    assert calls == ([7, 7] if cleared else [7])
