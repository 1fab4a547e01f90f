"""Forms of the accounts page (administrators): add, edit, reset password, deactivate.

Every action re-checks the permission on the server, runs in one transaction with its audit
entry (a refusal is recorded too), then reruns the page with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from sipas.accounts import audit as auditlog
from sipas.accounts import registry as accounts
from sipas.accounts.passwords import policy_text
from sipas.accounts.registry import AccountError, AccountInfo
from sipas.accounts.settings import AuthSettings
from sipas.accounts.views import role_label, unit_choices
from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_ACCOUNTS, ROLES
from sipas.ui import data, widgets
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access

FLASH = "sipas_accounts_flash"


def flash() -> None:
    """Show the message left by the last action (after its rerun)."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(escape_markdown(message))


def _act(
    action: str, username: str, work: Callable[[Any], Any], done: str | Callable[[Any], str]
) -> None:
    """Run one audited change as the current administrator; rerun with the `done` message
    (or the message `done` makes of the change's result), or show why it was refused."""
    actor = access.require_action(MANAGE_ACCOUNTS, action).username
    change = auditlog.Change(actor, action, username)
    try:
        result = auditlog.audited(data.engine(), change, work, (AccountError,))
    except AccountError as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state[FLASH] = done(result) if callable(done) else done
    st.rerun()


def _not_self(account: AccountInfo) -> None:
    """Administrators cannot demote or deactivate the account they are using (checked here
    as well as by a disabled control: the server never trusts the browser)."""
    if account.username == access.current_user().username:
        raise AccountError(t("accounts.self_note"))


def _unit_picker(label: str, current: str | None, key: str) -> str | None:
    units = widgets.unit_search(key, unit_choices(data.units()), keep=[current or ""])
    choices = {"": t("accounts.no_unit"), **units}
    codes = list(choices)
    index = codes.index(current) if current in codes else 0
    # inert: the label is a catalogue text
    code = st.selectbox(
        label,
        codes,
        index=index,
        format_func=choices.__getitem__,
        key=key,
        help=t("accounts.unit_help"),
    )
    return code or None


def _role_picker(current: str, key: str, disabled: bool = False) -> str:
    index = ROLES.index(current) if current in ROLES else 0
    return st.selectbox(
        t("accounts.column_role"),
        ROLES,
        index=index,
        format_func=role_label,
        key=key,
        disabled=disabled,
    )


def _passwords(
    config: AuthSettings, key: str, label: str, side_by_side: bool = False
) -> tuple[str, str]:
    first_box, second_box = st.columns(2) if side_by_side else (st.container(), st.container())
    # inert: the label is a catalogue text
    first = first_box.text_input(
        label,
        type="password",
        key=f"{key}_1",
        help=escape_markdown(policy_text(config.password_min_length)),
        autocomplete="new-password",
    )
    second = second_box.text_input(
        t("accounts.password_repeat"), type="password", key=f"{key}_2", autocomplete="new-password"
    )
    return first, second


def add_form(config: AuthSettings) -> None:
    with st.form("account_add", clear_on_submit=False):
        left, right = st.columns(2)
        username = left.text_input(t("accounts.column_username"), max_chars=64)
        name = right.text_input(t("accounts.column_name"), max_chars=200)
        with left:
            role = _role_picker(ROLES[0], "account_add_role")
        with right:
            unit = _unit_picker(t("accounts.column_unit"), None, "account_add_unit")
        password, repeat = _passwords(config, "account_add_password", t("auth.password"), True)
        submitted = st.form_submit_button(t("accounts.add_submit"), type="primary")
    if not submitted:
        return
    if password != repeat:
        st.error(t("accounts.passwords_differ"))
        return
    name_ok = accounts.normalise_username(username)
    _act(
        auditlog.ACCOUNT_ADD,
        name_ok,
        lambda s: accounts.add_account(
            s,
            access.current_user().username,
            username,
            role,
            password,
            display_name=name,
            unit_code=unit,
            min_length=config.password_min_length,
        ),
        t("accounts.done.added", username=name_ok),
    )


def edit_form(account: AccountInfo) -> None:
    """Display name, role and unit of one account."""
    is_self = account.username == access.current_user().username
    with st.form(f"account_edit_{account.username}"):
        name = st.text_input(t("accounts.column_name"), value=account.display_name, max_chars=200)
        role = _role_picker(account.role, f"edit_role_{account.username}", disabled=is_self)
        unit = _unit_picker(
            t("accounts.column_unit"), account.unit_code, f"edit_unit_{account.username}"
        )
        submitted = st.form_submit_button(t("accounts.edit_submit"), type="primary")
    if is_self:
        st.caption(t("accounts.self_note"))
    if submitted:
        _act(
            auditlog.ACCOUNT_ROLE,
            account.username,
            lambda s: _save(s, account, name, role, unit),
            lambda changed: t(
                "accounts.done.saved" if changed else "accounts.done.unchanged",
                username=account.username,
            ),
        )


def _save(session: Any, account: AccountInfo, name: str, role: str, unit: str | None) -> bool:
    """Apply the edit form; True when anything changed."""
    actor = access.current_user().username
    if role != account.role:
        _not_self(account)
    accounts.set_display_name(session, actor, account.username, name)
    accounts.set_unit(session, actor, account.username, unit)
    return accounts.set_role(session, actor, account.username, role) != account


def password_form(account: AccountInfo, config: AuthSettings) -> None:
    st.markdown(f"**{t('accounts.reset_heading')}**")
    with st.form(f"account_password_{account.username}", clear_on_submit=True):
        password, repeat = _passwords(
            config, f"reset_{account.username}", t("accounts.new_password")
        )
        submitted = st.form_submit_button(t("accounts.reset_submit"))
    if not submitted:
        return
    if password != repeat:
        st.error(t("accounts.passwords_differ"))
        return
    _act(
        auditlog.ACCOUNT_PASSWORD,
        account.username,
        lambda s: accounts.set_password(
            s,
            access.current_user().username,
            account.username,
            password,
            config.password_min_length,
        ),
        t("accounts.done.password", username=account.username),
    )


def _deactivate(session: Any, account: AccountInfo) -> AccountInfo:
    _not_self(account)
    return accounts.deactivate(session, access.current_user().username, account.username)


def state_buttons(account: AccountInfo) -> None:
    """Deactivate or reactivate, and lift a login lock."""
    st.markdown(f"**{t('accounts.state_heading')}**")
    actor = access.current_user().username
    left, right = st.columns(2)
    if account.is_active:
        if left.button(
            t("accounts.deactivate"), disabled=account.username == actor, width="stretch"
        ):
            _act(
                auditlog.ACCOUNT_DEACTIVATE,
                account.username,
                lambda s: _deactivate(s, account),
                t("accounts.done.deactivated", username=account.username),
            )
    elif left.button(t("accounts.activate"), width="stretch"):
        _act(
            auditlog.ACCOUNT_ACTIVATE,
            account.username,
            lambda s: accounts.activate(s, actor, account.username),
            t("accounts.done.activated", username=account.username),
        )
    if right.button(t("accounts.unlock"), width="stretch"):
        _act(
            auditlog.ACCOUNT_UNLOCK,
            account.username,
            lambda s: accounts.unlock(s, actor, account.username),
            lambda cleared: t(
                "accounts.done.unlocked" if cleared else "accounts.done.not_locked",
                username=account.username,
            ),
        )
