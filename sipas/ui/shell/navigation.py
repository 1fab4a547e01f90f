"""The page registry: every page with its title, icon, section and the permission it needs.

app.py builds `st.navigation` from the registry for the current user. Every registered page
stays addressable, so that opening one by URL or by `switch_page` reaches the page guard:
pages the user may not open are hidden from the menu under a neutral title, and the guard
(`guard`) shows the refusal instead of running them. Before login every page is hidden and
the login form is shown wherever the address points, which then opens after login.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sipas.core import permissions as p
from sipas.core.i18n import t
from sipas.core.permissions import User
from sipas.ui.shell import access


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    permission: str
    section_key: str
    default: bool = False
    listed: bool = True  # False: reached by a link (e.g. in the user box), not in the menu
    # The page a user bound to a unit lands on after login ("/" stays the default page for
    # everyone, so that addresses mean the same to all), and its menu title for that user.
    unit_home_key: str = ""

    @property
    def url_path(self) -> str:
        # The file's stem, as Streamlit's folder-based mode names the page: the page it runs
        # on a fresh server's first request is then the one the router resolves (frame.py).
        return Path(self.path).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview.title", "📊", p.VIEW, "nav.dashboard", True),
    # The unit page (issue 22): any unit by address, the landing page of a unit's leader.
    PageSpec(
        "pages/unit_profile.py",
        "unitpage.title_any",
        "🏛️",
        p.VIEW,
        "nav.dashboard",
        unit_home_key="unitpage.title_own",
    ),
    # Leader dashboard (issue 4): the same filter bar and URL state on every page.
    PageSpec("pages/rankings.py", "rankings.title", "🏆", p.VIEW, "nav.dashboard"),
    PageSpec("pages/fields.py", "fieldview.title", "🗂️", p.VIEW, "nav.dashboard"),
    PageSpec("pages/criteria.py", "criteria.title", "📋", p.VIEW, "nav.dashboard"),
    PageSpec("pages/trends.py", "trends.title", "📈", p.VIEW, "nav.dashboard"),
    PageSpec("pages/comments.py", "comments.title", "💬", p.VIEW, "nav.dashboard"),
    PageSpec("pages/gaps.py", "gaps.page.title", "🎯", p.VIEW, "nav.dashboard"),
    # Presentation mode (issue 7): full screen, reached from the filter bar or by address.
    PageSpec("pages/present.py", "present.title", "📽️", p.VIEW, "nav.dashboard", listed=False),
    PageSpec("pages/targets.py", "targets.page.title", "📌", p.VIEW, "nav.data"),
    # Remediation tasks (issue 9): leaders read them and note progress on their own unit's.
    PageSpec("pages/tasks.py", "tasks.page.title", "🛠️", p.VIEW, "nav.data"),
    PageSpec("pages/import_data.py", "import.page.title", "📥", p.IMPORT, "nav.data"),
    PageSpec(
        "pages/import_history.py",
        "import.history_page.title",
        "🗂️",
        p.IMPORT,
        "nav.data",
    ),
    # Units on the official map (issue 21): staff and administrators.
    PageSpec("pages/units.py", "units.page.title", "🏛️", p.MANAGE_UNITS, "nav.data"),
    # Accounts and audit (issue 6).
    PageSpec("pages/accounts.py", "accounts.title", "👥", p.MANAGE_ACCOUNTS, "nav.admin"),
    PageSpec("pages/audit.py", "audit.title", "📜", p.READ_AUDIT, "nav.admin"),
    PageSpec("pages/account.py", "account.title", "🔑", p.VIEW, "nav.admin", listed=False),
)


# The default page lives at "/"; its file's name is what people type or keep from an old
# link. A hidden page at that address sends them to "/", where Streamlit would otherwise
# show its English "Page not found".
DEFAULT_ALIAS = Path(next(spec.path for spec in PAGES if spec.default)).stem
DEFAULT_RESERVED = "trang-chu"


def _title_key(spec: PageSpec, user: User) -> str:
    return spec.unit_home_key if spec.unit_home_key and user.unit_code else spec.title_key


def _page(spec: PageSpec, user: User | None) -> st.Page:
    if user is None:
        title, icon, listed = t("auth.login_title"), "🔐", False
    elif not user.can(spec.permission):
        title, icon, listed = t("auth.forbidden_title"), "⛔", False
    else:
        title, icon, listed = t(_title_key(spec, user)), spec.icon, spec.listed
    return st.Page(
        spec.path,
        title=title,
        icon=icon,
        # The default page is served at "/" but still reserves its name: its file's name is
        # left to the alias that sends typed addresses to "/".
        url_path=DEFAULT_RESERVED if spec.default else spec.url_path,
        default=spec.default,
        visibility="visible" if listed else "hidden",
    )


def _to_default_page() -> None:
    st.switch_page(next(spec.path for spec in PAGES if spec.default))


def _alias_page() -> st.Page:
    return st.Page(
        _to_default_page, title=t("app.title"), url_path=DEFAULT_ALIAS, visibility="hidden"
    )


def build_navigation(user: User | None) -> tuple[StreamlitPage, dict[str, list[st.Page]]]:
    """st.navigation with every registered page, and its pages by section (the menu lists
    those `user` may open: none before login, when `user` is None)."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        sections.setdefault(t(spec.section_key), []).append(_page(spec, user))
    sections[t(PAGES[0].section_key)].append(_alias_page())
    # Streamlit's own menu is off (client.showSidebarNavigation): sipas.ui.shell.chrome draws
    # it, in Vietnamese from the first run, below the filter bar.
    return st.navigation(sections, position="sidebar" if user else "hidden"), sections


def home_path(user: User) -> str:
    """The file of the page `user` lands on after login: the unit page for a user bound to a
    unit, else the default page ("/", the overview, for everyone)."""
    wanted = (
        (lambda spec: bool(spec.unit_home_key)) if user.unit_code else (lambda spec: spec.default)
    )
    return next(spec.path for spec in PAGES if wanted(spec))


def spec_of(page: StreamlitPage) -> PageSpec | None:
    """The registry entry of the page st.navigation chose."""
    for spec in PAGES:
        if (spec.default and page.url_path == "") or spec.url_path == page.url_path:
            return spec
    return None


def guard(page: StreamlitPage) -> None:
    """Refuse (and stop) when the current user may not open `page`; generic, so it covers
    every page registered here whether or not the page checks for itself."""
    if page.url_path == DEFAULT_ALIAS:
        return  # it only sends the user to the default page, which is guarded itself
    spec = spec_of(page)
    if spec is None or not access.current_user().can(spec.permission):
        access.forbid(spec.url_path if spec else page.url_path)
