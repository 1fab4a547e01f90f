"""Trình chiếu: the slides of the current selection on a wall screen – full screen, large
type, advancing by itself; opened from the dashboard's filter bar or by address
(/present?wave=2024&level=district&units=ninh-son&every=30)."""

from sipas.core.permissions import VIEW
from sipas.ui.dashboard import presenting
from sipas.ui.shell import auth

auth.require(VIEW)
presenting.full_screen()
presenting.show()
