"""Accounts bound to a unit abolished by the reform: the administrator moves them all to the
proposed successors in one click (each move the audited account_unit change, as the CLI's
`units rebind`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_ACCOUNTS
from sipas.dashboard.successors import rebind, rebindings
from sipas.ui import data, widgets
from sipas.ui.accounts.data import account_list
from sipas.ui.accounts.forms import FLASH
from sipas.ui.shell import access


def rebind_section() -> None:
    """The accounts of ended units with their proposed successors, and the button."""
    frame = account_list()
    bound = zip(frame["username"], frame["unit_code"].fillna(""), strict=True)
    moves = rebindings(
        ((u, c) for u, c in bound if c), data.units(), data.successors(), clock.today()
    )
    if not moves:
        return
    units = data.units()
    labels = dict(zip(units["code"], units["full_name"], strict=True))
    st.subheader(t("units.rebind.bulk_heading"))
    st.caption(t("units.rebind.bulk_intro", n=len(moves)))  # inert: a number
    shown = pd.DataFrame(
        {
            t("units.rebind.column_account"): [move.username for move in moves],
            t("units.rebind.column_old"): [labels.get(move.old, move.old) for move in moves],
            t("units.rebind.column_new"): [labels.get(move.new, move.new) for move in moves],
        }
    )
    widgets.table(shown)
    # inert: a catalogue text and a number
    if st.button(t("units.rebind.bulk_button", n=len(moves)), key="accounts_rebind_all"):
        actor = access.require_action(MANAGE_ACCOUNTS, auditlog.ACCOUNT_UNIT).username
        for move in moves:
            rebind(data.engine(), actor, move, "accounts_page")
        st.session_state[FLASH] = t("units.rebind.bulk_done", n=len(moves))
        st.rerun()
