"""Tài khoản người dùng: administrators list, add and change accounts."""

import streamlit as st

from sipas.accounts.views import accounts_display, role_label
from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_ACCOUNTS
from sipas.ui import widgets
from sipas.ui.accounts import forms as account_forms
from sipas.ui.accounts import locks, rebinding
from sipas.ui.accounts.data import account_list, find_account
from sipas.ui.safe import md
from sipas.ui.shell import auth, login

auth.require(MANAGE_ACCOUNTS)
config = login.settings()
st.title(t("accounts.title"))
account_forms.flash()

frame = account_list()
st.caption(md("accounts.count", n=len(frame), active=int(frame["is_active"].sum())))
widgets.table(accounts_display(frame, clock.now()))
rebinding.rebind_section()

add_tab, edit_tab = st.tabs([t("accounts.tab_add"), t("accounts.tab_edit")])
with add_tab:
    account_forms.add_form(config)
with edit_tab:
    labels = {
        str(username): f"{username} – {name} ({role_label(str(role))})"
        for username, name, role in zip(
            frame["username"], frame["display_name"], frame["role"], strict=True
        )
    }
    chosen = st.selectbox(
        t("accounts.choose_account"), list(labels), format_func=labels.__getitem__
    )
    account = find_account(chosen) if chosen else None
    if account is not None:
        st.caption(t("accounts.session_note"))
        left, right = st.columns(2)
        with left:
            account_forms.edit_form(account)
        with right:
            account_forms.password_form(account, config)
            account_forms.state_buttons(account)

locks.address_locks()
