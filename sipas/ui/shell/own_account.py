"""The user's own account: changing one's password keeps this session and ends the others."""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.accounts import lockout
from sipas.accounts import registry as accounts
from sipas.accounts.passwords import policy_text
from sipas.accounts.registry import AccountError, WrongCurrentPassword
from sipas.accounts.settings import AuthSettings
from sipas.core import clock
from sipas.core.formatting import format_date, format_datetime
from sipas.core.i18n import t
from sipas.dashboard.successors import rebind_choices
from sipas.storage.engine import transaction
from sipas.ui import data
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import access, login

_FLASH = "sipas_own_password_flash"


def unit_name(code: str | None) -> str:
    """The full name of a unit, "" for none (the code itself if the unit is unknown)."""
    if not code:
        return ""
    names = data.units().set_index("code")["full_name"]
    return str(names.get(code, code))


def flash() -> None:
    if st.session_state.pop(_FLASH, False):
        st.success(t("account.done"))


def password_form(config: AuthSettings) -> None:
    """Current password, new password twice; the new one must pass the policy."""
    with st.form("own_password", clear_on_submit=True):
        current = st.text_input(
            t("account.current_password"), type="password", autocomplete="current-password"
        )
        new = st.text_input(
            t("account.new_password"),
            type="password",
            autocomplete="new-password",
            help=escape_markdown(policy_text(config.password_min_length)),
        )
        repeat = st.text_input(
            t("account.repeat_password"), type="password", autocomplete="new-password"
        )
        submitted = st.form_submit_button(t("account.submit"), type="primary")
    if not submitted:
        return
    if new != repeat:
        st.error(t("accounts.passwords_differ"))
        return
    username = access.current_user().username
    address = access.client_address(config.trusted_proxies)
    if _held_back(username, address, config, lockout.check):
        return
    change = auditlog.Change(username, auditlog.OWN_PASSWORD, username)
    try:
        account = auditlog.audited(
            data.engine(),
            change,
            lambda s: accounts.change_own_password(
                s, username, current, new, config.password_min_length
            ),
            (AccountError,),
        )
    except AccountError as error:
        st.error(escape_markdown(str(error)))
        if isinstance(error, WrongCurrentPassword):  # a guess: counted like a failed login
            _held_back(username, address, config, lockout.count_failure)
        return
    login.keep_session(account)
    st.session_state[_FLASH] = True
    st.rerun()


def _held_back(username: str, address: str, config: AuthSettings, step: Any) -> bool:
    """Run a lockout step (check, or count a failure) and say when it holds the user back."""
    with transaction(data.engine()) as session:
        refusal = step(session, username, address, config, clock.now())
    if refusal is not None and refusal.reason == lockout.LOCKED:
        until = format_datetime(clock.to_vietnam(refusal.until))
        st.error(md("security.lockout.address_locked", until=until))
    elif refusal is not None:
        wait = math.ceil((refusal.until - clock.now()).total_seconds())
        st.error(md("security.lockout.slowed", seconds=max(1, wait)))
    return refusal is not None


_REBIND_LATER = "sipas_rebind_later"


def rebind_offer() -> None:
    """A user bound to a unit abolished by the reform is offered its successors, until they
    choose one or put it off for this session; the change is audited."""
    user = access.current_user()
    if not user.unit_code or st.session_state.get(_REBIND_LATER):
        return
    choices = rebind_choices(user.unit_code, data.units(), data.successors(), clock.today())
    if not choices:
        return
    labels = data.unit_labels()
    end = data.units().set_index("code")["valid_to"].get(user.unit_code)
    # compact (text, then one row): the unit's value, rank and gaps stay on the first screen
    with st.container(border=True):
        st.markdown(md("units.rebind.text", unit=unit_name(user.unit_code), day=format_date(end)))
        pick, go, later = st.columns([3, 2, 1], vertical_alignment="center")
        code = pick.selectbox(
            t("units.rebind.pick"),
            choices,
            format_func=lambda c: labels.get(c, c),
            key="rebind",
            label_visibility="collapsed",
        )
        if go.button(t("units.rebind.button"), type="primary", key="rebind_go"):
            _rebind(user.username, str(code))
        if later.button(t("units.rebind.later"), key="rebind_later"):
            st.session_state[_REBIND_LATER] = True
            st.rerun()


def _rebind(username: str, code: str) -> None:
    change = auditlog.Change(username, auditlog.ACCOUNT_UNIT, username, {"new": code})
    try:
        auditlog.audited(
            data.engine(),
            change,
            lambda s: accounts.set_unit(s, username, username, code),
            (AccountError,),
        )
    except AccountError as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state[_REBIND_LATER] = True
    st.rerun()
