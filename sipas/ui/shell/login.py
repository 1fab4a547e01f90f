"""The login gate, run by app.py before any page: configuration check, session validation on
every run, "remember me" cookie, login form, logout.

streamlit-authenticator provides the signed cookie (sipas.ui.cookies) and the session keys
it knows; its credentials are built from the database on every run. The password check,
lockout, timing and revocation are ours (sipas.login): the library's own login form checks
passwords itself, without any of them, and cannot be given another check.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from sipas.accounts import login
from sipas.accounts.registry import AccountInfo
from sipas.accounts.settings import AuthConfigError, AuthSettings, load_auth_settings
from sipas.core import clock
from sipas.core.clock import to_vietnam
from sipas.core.config import demo_mode
from sipas.core.formatting import format_datetime
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.setup.demo_accounts import usable_demo_accounts
from sipas.storage import accounts as store
from sipas.storage.engine import transaction
from sipas.ui import data
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell.access import ANONYMOUS, USER_KEY, client_address, current_user
from sipas.ui.shell.cookies import Cookies, claims, cookies
from sipas.ui.shell.navigation import home_path

_VERSION = "sipas_session_version"
_TOKEN = "sipas_token"
_EXPIRES = "sipas_token_expires"
_SET_COOKIE = "sipas_set_cookie"
_DELETE_COOKIE = "sipas_delete_cookie"
_NOTICE = "sipas_login_notice"


AT_HOME = "_sipas_login_at_home"  # the login form was shown at "/" (set by the router)


LANDED = "_sipas_landed"  # this session has been taken to its landing page


def land(user: User, at_home: bool) -> None:
    """Once per session: a user bound to a unit who opens "/" is taken to the unit page
    (their landing page); any other address, or anyone else, stays where they are."""
    if st.session_state.get(LANDED):
        return
    st.session_state[LANDED] = True
    home = home_path(user)
    if at_home and home != home_path(ANONYMOUS):
        st.switch_page(home, query_params=st.query_params.to_dict())


def settings() -> AuthSettings:
    """The login settings; stops the app with the reason when they are unusable (a missing
    or published cookie key when demo mode is off, a bad number)."""
    try:
        return load_auth_settings()
    except AuthConfigError as error:
        st.error(escape_markdown(str(error)))
        st.stop()


def resume() -> None:
    """Log in from a valid "remember me" cookie (a reload, a second tab) in this very run: the
    router calls it before it builds the navigation, so the first run already shows the
    user's pages. A refused cookie is deleted by the gate, which then shows the login page."""
    if current_user().username:
        return
    try:
        config = load_auth_settings()
    except AuthConfigError:
        return  # the gate's settings() stops the run with the reason
    content = claims(config)
    if content is None:
        return
    with transaction(data.engine()) as session:
        account = login.resume_from_cookie(session, content)
    if account is None:
        st.session_state["logout"] = True  # the cookie no longer counts in this session
        st.session_state[_DELETE_COOKIE] = True
        return
    token = login.token_id(content.username, content.expires)
    _establish(account, token, content.expires)


def gate(config: AuthSettings) -> None:
    """Let the run continue only for a valid session; otherwise show the login page and stop."""
    jar = cookies(config)
    if current_user().username:
        _check_session()
        if st.session_state.pop(_SET_COOKIE, False):
            _remember(jar)
        _user_box()
        return
    if st.session_state.get(_DELETE_COOKIE) and jar.delete():
        st.session_state.pop(_DELETE_COOKIE)
    _login_page(config)
    st.stop()


def _check_session() -> None:
    """Re-read the account on every run: a deactivated account, a changed password or role,
    or a logout in another tab holding the same cookie end this session now."""
    user = current_user()
    with transaction(data.engine()) as session:
        account = login.current_account(
            session, user.username, st.session_state.get(_VERSION, 0), st.session_state.get(_TOKEN)
        )
        if account is None:
            login.log_out(session, user.username, None, None, reason="account_changed")
    if account is None:
        _forget(t("auth.session_ended"))
        st.rerun()
    st.session_state[USER_KEY] = account.user()


def _establish(account: AccountInfo, token: str | None, expires: float | None) -> None:
    """Mark this session as logged in, in our keys and the library's."""
    user = account.user()
    st.session_state.update(
        {
            USER_KEY: user,
            _VERSION: account.session_version,
            _TOKEN: token,
            _EXPIRES: expires,
            "authentication_status": True,
            "username": user.username,
            "name": user.display_name,
            "roles": [user.role],
            "logout": None,
        }
    )
    st.session_state.pop(_DELETE_COOKIE, None)  # a new login ends a deletion still waiting


def keep_session(account: AccountInfo) -> None:
    """After the user changed their own password: this session adopts the new session
    version and gets a new cookie (the old one was issued before the change)."""
    st.session_state[_VERSION] = account.session_version
    st.session_state[_SET_COOKIE] = True


def _forget(notice: str) -> None:
    """Log this session out; the next runs delete the cookie (until the browser confirms)."""
    for key in (USER_KEY, _VERSION, _TOKEN, _EXPIRES, LANDED, "username", "name", "roles"):
        st.session_state.pop(key, None)
    st.session_state["authentication_status"] = None
    st.session_state["logout"] = True  # the library no longer reads the cookie in this session
    st.session_state[_DELETE_COOKIE] = True
    st.session_state[_NOTICE] = notice


def _remember(jar: Cookies) -> None:
    """Set the cookie in the run after a login (a run that ends normally, so the browser
    really receives it) and remember which cookie this session holds."""
    username = current_user().username
    expires = jar.issue(username)
    st.session_state[_TOKEN] = login.token_id(username, expires)
    st.session_state[_EXPIRES] = expires


def _login_page(config: AuthSettings) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("auth.login_title"))
        # kept until the next attempt: the cookie component's own reruns must not wipe it
        notice = st.session_state.get(_NOTICE)
        if notice:
            st.info(escape_markdown(notice))
        _login_form(config)
        st.caption(
            md("security.lockout.note", failures=config.max_failures, minutes=config.lock_minutes)
        )
        _first_start_or_demo_help()


def _login_form(config: AuthSettings) -> None:
    with st.form("sipas_login", clear_on_submit=True, enter_to_submit=True):
        username = st.text_input(t("auth.username"), autocomplete="username", max_chars=64)
        password = st.text_input(
            t("auth.password"), type="password", autocomplete="current-password", max_chars=200
        )
        submitted = st.form_submit_button(t("auth.submit"), type="primary", width="stretch")
    if not submitted:
        return
    st.session_state.pop(_NOTICE, None)
    if not username.strip() or not password:
        st.error(t("auth.fill_both"))
        return
    with transaction(data.engine()) as session:
        address = client_address(config.trusted_proxies)
        result = login.attempt_login(session, username, password, config, address)
    if result.outcome == login.SUCCESS and result.account is not None:
        _establish(result.account, None, None)
        st.session_state[_SET_COOKIE] = True
        land(result.account.user(), bool(st.session_state.get(AT_HOME)))
        st.rerun()
    st.error(escape_markdown(_refusal(result)))


def _refusal(result: login.LoginResult) -> str:
    if result.outcome == login.LOCKED and result.locked_until is not None:
        return t(
            "security.lockout.address_locked",
            until=format_datetime(to_vietnam(result.locked_until)),
        )
    if result.outcome == login.SLOWED and result.locked_until is not None:
        wait = math.ceil((result.locked_until - clock.now()).total_seconds())
        return t("security.lockout.slowed", seconds=max(1, wait))
    if result.outcome == login.INACTIVE:
        return t("auth.inactive")
    return t("auth.refused")


def _first_start_or_demo_help() -> None:
    with transaction(data.engine()) as session:
        has_accounts = store.count_accounts(session) > 0
        demo = usable_demo_accounts(session) if demo_mode() else []
    if not has_accounts:
        st.warning(t("auth.no_accounts"))
    if demo:
        st.markdown(f"**{t('auth.demo_accounts')}**")
        table = pd.DataFrame(
            {
                t("auth.username"): [d.username for d in demo],
                t("auth.password"): [d.password for d in demo],
                t("accounts.column_role"): [_role_line(d.role, d.unit_code) for d in demo],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def _user_box() -> None:
    """Who is logged in (as plain text: names are typed by people and must never be read as
    Markdown or HTML), the own-account page, logout."""
    user = current_user()
    with st.sidebar:
        st.divider()
        st.text(user.display_name)
        st.text(_role_line(user.role, user.unit_code))
        st.page_link("pages/account.py", label=t("account.link"), icon="🔑")
        if st.button(t("auth.logout"), key="sipas_logout", width="stretch"):
            _log_out()


def _role_line(role: str, unit_code: str | None) -> str:
    label = t(f"accounts.roles.{role}")
    if not unit_code:
        return label
    names = data.units().set_index("code")["name"]
    return t("auth.role_and_unit", role=label, unit=str(names.get(unit_code, unit_code)))


def _log_out() -> None:
    user = current_user()
    with transaction(data.engine()) as session:
        login.log_out(
            session, user.username, st.session_state.get(_TOKEN), st.session_state.get(_EXPIRES)
        )
    _forget(t("auth.logged_out"))
    st.rerun()


def session_claims() -> tuple[int, str | None]:
    """This session's account version and login-cookie id: what an action that runs outside
    a page run (a download's file) re-checks against the database."""
    return int(st.session_state.get(_VERSION, 0)), st.session_state.get(_TOKEN)
