"""Files taken away, checked and audited when they are made.

A download button's file is made by a callable that Streamlit runs on a request of its own
(the browser's deferred-file request), outside any page run: the login gate that re-reads the
account on every run does not run there, and the request can be sent without a click. So the
callable itself checks the session it was drawn for (account still active, session version
and cookie current, the permission still held) and records the export in the audit log when
the file is made; a refused request records the refusal and raises ExportRefused, so no file
is served.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from sipas.accounts import login
from sipas.accounts.audit import EXPORT
from sipas.core.i18n import t
from sipas.storage.audit import DENIED, OK, record_event
from sipas.storage.engine import transaction

SESSION_ENDED = "session_ended"
NOT_PERMITTED = "not_permitted"


class ExportRefused(PermissionError):
    """The session may not take this file away (any more); the message is Vietnamese."""


@dataclass(frozen=True)
class ExportRequest:
    """Who asks for which file, as the page saw them when it drew the button."""

    username: str
    session_version: int
    token: str | None  # the id of the session's login cookie, if it has one
    permission: str
    file_name: str
    details: dict[str, Any] = field(default_factory=dict)


def refusal(engine: Engine, request: ExportRequest) -> str | None:
    """Why the request is refused (SESSION_ENDED, NOT_PERMITTED), or None when it may go on."""
    with transaction(engine) as session:
        account = login.current_account(
            session, request.username, request.session_version, request.token
        )
    if account is None:
        return SESSION_ENDED
    return None if account.user().can(request.permission) else NOT_PERMITTED


def produce(engine: Engine, request: ExportRequest, make: Callable[[], bytes]) -> bytes:
    """The file made by `make()` after the session is checked, with the export in the audit
    log (action "export", object the file name, `request.details`). Raises ExportRefused, the
    refusal recorded, when the account is inactive or changed, the session ended or the
    permission is gone; `make` is not run then."""
    reason = refusal(engine, request)
    if reason is not None:
        _record(engine, request, DENIED, {"reason": reason, "permission": request.permission})
        raise ExportRefused(t(f"safety.export.{reason}"))
    content = make()
    _record(engine, request, OK, {})
    return content


def _record(engine: Engine, request: ExportRequest, outcome: str, more: dict[str, Any]) -> None:
    with transaction(engine) as session:
        record_event(
            session,
            request.username,
            EXPORT,
            request.file_name,
            outcome,
            {**request.details, **more},
        )
