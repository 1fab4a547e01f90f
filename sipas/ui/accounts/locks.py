"""The accounts page's list of client addresses slowed or locked after failed logins, and
the button that lifts one (audited)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.accounts import registry as accounts
from sipas.core import clock
from sipas.core.formatting import format_datetime
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_ACCOUNTS
from sipas.storage.accounts import address_throttles_frame
from sipas.storage.engine import transaction
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access

_FLASH = "sipas_address_flash"


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    now = pd.Timestamp(clock.now())
    locked = pd.to_datetime(frame["locked_until"])
    slowed = pd.to_datetime(frame["slowed_until"])
    states = [
        t("security.lockout.state_locked", until=_local(lock))
        if pd.notna(lock) and lock > now
        else t("security.lockout.state_slowed", until=_local(slow))
        for lock, slow in zip(locked, slowed, strict=True)
    ]
    return pd.DataFrame(
        {
            t("security.lockout.column_address"): frame["address"],
            t("security.lockout.column_failures"): frame["failures"],
            t("security.lockout.column_last"): [
                _local(m) for m in pd.to_datetime(frame["last_failure_at"])
            ],
            t("security.lockout.column_state"): states,
        }
    )


def _local(moment: pd.Timestamp) -> str:
    if pd.isna(moment):
        return "–"
    return format_datetime(clock.to_vietnam(moment.to_pydatetime()))


def address_locks() -> None:
    """The list and its unlock button."""
    st.subheader(t("security.lockout.heading"))
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(escape_markdown(message))
    with transaction(data.engine()) as session:
        frame = address_throttles_frame(session, clock.now())
    if frame.empty:
        st.caption(t("security.lockout.none"))
        return
    widgets.table(_shown(frame))
    address = st.selectbox(t("security.lockout.choose"), frame["address"].tolist())
    if address and st.button(t("security.lockout.unlock")):
        _unlock(str(address))


def _unlock(address: str) -> None:
    actor = access.require_action(MANAGE_ACCOUNTS, auditlog.ADDRESS_UNLOCK).username
    with transaction(data.engine()) as session:
        cleared = accounts.unlock_address(session, actor, address)
    key = "security.lockout.unlocked" if cleared else "security.lockout.not_locked"
    st.session_state[_FLASH] = t(key, address=address)
    st.rerun()
