"""The guard every page calls first: the page runs through app.py's frame, and only for a user
who holds the page's permission."""

from __future__ import annotations

from sipas.core.permissions import User
from sipas.ui.shell import access
from sipas.ui.shell.frame import ensure_routed


def require(permission: str) -> User:
    """The current user if they hold `permission`; otherwise say so and stop the page.
    Every page calls this first, so it also makes sure the page runs through app.py."""
    ensure_routed()
    user = access.current_user()
    if not user.can(permission):
        access.forbid(permission)
    return user
