"""Streamlit's control messages from the browser, restricted.

Any WebSocket client, logged in or not, may send Streamlit 1.67 a `clear_cache` message, and
the server then empties every `st.cache_data` and `st.cache_resource` of the process for all
users (pages are 3–10× slower until they refill). No configuration switches it off:
`client.toolbarMode = "minimal"` only hides the menu item, and the handler
(`AppSession._handle_clear_cache_request`) checks nothing. Installed once per process, this
module lets the message through only from a session of a logged-in administrator and ignores
(and logs) it from any other. The other control messages touch only the sender's own session
(`stop_script`, `rerun_script`), do nothing with `server.fileWatcherType = "none"`
(`set_run_on_save`), or are checked by Streamlit itself (`backend_operation_request`).
(Streamlit internals, pinned in requirements.txt; tests/unit/test_control_messages.py fails if
they change.)
"""

from __future__ import annotations

import logging
from typing import Any

from streamlit.runtime.app_session import AppSession

from sipas.core.permissions import ADMIN, User
from sipas.ui.shell.access import USER_KEY

_LOGGER = logging.getLogger("sipas")
_ORIGINAL = "_sipas_original_clear_cache"


def may_clear_caches(session_state: Any) -> bool:
    """Whether the session whose state this is belongs to a logged-in administrator."""
    try:
        user = session_state[USER_KEY]
    except KeyError:
        return False
    return isinstance(user, User) and user.role == ADMIN


def _guarded_clear_cache(self: AppSession) -> None:
    if may_clear_caches(self._session_state):
        getattr(AppSession, _ORIGINAL)(self)
        return
    _LOGGER.warning("clear_cache message ignored: session %s is not an administrator", self.id)


def restrict_control_messages() -> None:
    """Replace the cache-clearing handler by the guarded one (once per process)."""
    if not hasattr(AppSession, _ORIGINAL):
        setattr(AppSession, _ORIGINAL, AppSession._handle_clear_cache_request)
        AppSession._handle_clear_cache_request = _guarded_clear_cache  # type: ignore[method-assign]
