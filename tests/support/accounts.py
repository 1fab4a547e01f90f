"""The demo accounts, read from the data file the product uses (not copied into tests)."""

from __future__ import annotations

from sipas.setup.demo_accounts import demo_accounts

DEMO_USERS = {demo.role: demo.username for demo in demo_accounts()}
DEMO_PASSWORD = demo_accounts()[0].password
