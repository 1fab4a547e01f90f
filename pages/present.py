"""Trình chiếu: the slides of the current selection on a wall screen – full screen, large
type, advancing by itself; opened from the dashboard's filter bar or by address
(/present?wave=2024&level=district&units=ninh-son&every=30)."""

from sipas.permissions import VIEW
from sipas.ui import auth, presenting

auth.require(VIEW)
presenting.full_screen()
presenting.show()
