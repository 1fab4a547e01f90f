"""Account reads for pages (not cached: accounts change rarely and must never look stale)."""

from __future__ import annotations

import pandas as pd

from sipas.accounts import registry as accounts
from sipas.accounts.registry import AccountInfo
from sipas.storage.accounts import accounts_frame
from sipas.storage.engine import transaction
from sipas.ui import data


def account_list() -> pd.DataFrame:
    """Every account, as sipas.storage.accounts.accounts_frame."""
    with transaction(data.engine()) as session:
        return accounts_frame(session)


def find_account(username: str) -> AccountInfo | None:
    with transaction(data.engine()) as session:
        return accounts.find(session, username)
