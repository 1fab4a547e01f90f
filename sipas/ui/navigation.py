"""The page registry: every page with its title, icon, section and the permission it needs.

app.py builds `st.navigation` from the pages the current user may open; each page also checks
its permission itself (`auth.require`), so an address typed by hand is refused as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sipas import permissions as p
from sipas.i18n import t
from sipas.permissions import User


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    permission: str
    section_key: str
    default: bool = False

    @property
    def url_path(self) -> str:
        # The file's stem, as Streamlit's folder-based mode names the page: the page it runs
        # on a fresh server's first request is then the one the router resolves (frame.py).
        return Path(self.path).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview.title", "📊", p.VIEW, "nav.dashboard", True),
    # Leader dashboard (issue 4): the same filter bar and URL state on every page.
    PageSpec("pages/rankings.py", "rankings.title", "🏆", p.VIEW, "nav.dashboard"),
    PageSpec("pages/fields.py", "fieldview.title", "🗂️", p.VIEW, "nav.dashboard"),
    PageSpec("pages/criteria.py", "criteria.title", "📋", p.VIEW, "nav.dashboard"),
    PageSpec("pages/trends.py", "trends.title", "📈", p.VIEW, "nav.dashboard"),
    PageSpec("pages/comments.py", "comments.title", "💬", p.VIEW, "nav.dashboard"),
    PageSpec("pages/gaps.py", "gaps.page.title", "🎯", p.VIEW, "nav.dashboard"),
    PageSpec("pages/targets.py", "targets.page.title", "📌", p.VIEW, "nav.data"),
    PageSpec("pages/import_data.py", "import.page.title", "📥", p.IMPORT, "nav.data"),
    PageSpec(
        "pages/import_history.py",
        "import.history_page.title",
        "🗂️",
        p.IMPORT,
        "nav.data",
    ),
)


def build_navigation(user: User) -> StreamlitPage:
    """st.navigation with the sections and pages `user` may open."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        if user.can(spec.permission):
            page = st.Page(
                spec.path,
                title=t(spec.title_key),
                icon=spec.icon,
                url_path=spec.url_path,
                default=spec.default,
            )
            sections.setdefault(t(spec.section_key), []).append(page)
    return st.navigation(sections)
