"""What the frame draws around every page: the sidebar's order (filter bar first, then the
page menu, the app's name and the user), the page menu itself, and the style that writes
Streamlit's own English widget texts in Vietnamese.

Streamlit's built-in page list is switched off (`client.showSidebarNavigation = false` in
.streamlit/config.toml): on a fresh server's first request it listed the files of pages/ in
English before the router ran. The menu here is drawn with st.page_link from the navigation
the router built, so it lists only the pages the user may open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sipas.core.i18n import t

_FILTER_SLOT = "_sipas_filter_slot"
MENU_KEY = "sipas_menu"  # the menu's container: class "st-key-sipas_menu" in the page


def filter_slot() -> DeltaGenerator:
    """The top of the sidebar, kept for the filter bar of a dashboard page (this run's)."""
    slot = st.session_state.get(_FILTER_SLOT)
    return slot if isinstance(slot, DeltaGenerator) else st.sidebar.container()


def reserve_filter_slot() -> None:
    """Keep the sidebar's first place for the filter bar: at 1366×768 the wave and the units
    must show without scrolling."""
    st.session_state[_FILTER_SLOT] = st.sidebar.container()


def menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The page menu: each section's pages that are listed (visible) for this user."""
    with st.sidebar, st.container(key=MENU_KEY):
        for section, pages in sections.items():
            shown = [page for page in pages if page.visibility == "visible"]
            if not shown:
                continue
            st.caption(section)  # inert: a catalogue section title
            for page in shown:
                st.page_link(page)


def _style() -> str:
    """CSS that replaces Streamlit's fixed English texts with Vietnamese: the file uploader's
    button and size line, a select box's "No results" when a search finds nothing, and the
    keyboard users' "Skip to main content" link (Streamlit 1.67 offers no parameter for
    them; English spans are hidden, not only covered, so they are not in the page's text
    either); and trims the top padding."""
    upload, drop = t("app.uploader_button"), t("app.uploader_drop")
    empty, skip = t("app.no_results"), t("app.skip_to_content")
    return f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem; }}
[data-testid="stSidebarHeader"] {{ height: 2rem; margin-bottom: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"],
[data-testid="stFileUploaderDropzone"] button p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button::after {{ content: "{upload}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{
  content: "{drop}"; font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); }}
[role="listbox"][data-empty="true"] [role="option"] span {{ display: none; }}
[role="listbox"][data-empty="true"]::after {{
  content: "{empty}"; display: block; padding: 1rem; text-align: center;
  font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); }}
[data-testid="stSkipToContent"] {{ font-size: 0; }}
[data-testid="stSkipToContent"]::after {{ content: "{skip}"; font-size: 1rem; }}
{_column_menu()}
</style>"""


# A table's column menu (Streamlit 1.67, a text column): its items in order after the
# column's name; "Thống kê" (English inside) is left out. Position 7 is "Pin column" or
# "Unpin column", which CSS cannot tell apart.
_MENU = '[data-testid="stDataFrameColumnMenu"] [role="menu"]'
_MENU_ITEMS = {2: "sort_up", 3: "sort_down", 6: "autosize", 7: "pin", 8: "hide"}


def _column_menu() -> str:
    rules = [
        f"{_MENU} > [role='presentation'] {{ display: none; }}",
        f"{_MENU} > [role='menuitem'] {{ font-size: 0; }}",
        f"{_MENU} > [role='menuitem'] [data-testid='stIconMaterial'] {{ font-size: 1.25rem; }}",
    ]
    for place, key in _MENU_ITEMS.items():
        text = t(f"app.column_menu.{key}")
        rules.append(
            f'{_MENU} > :nth-child({place})::after {{ content: "{text}"; font-size: 0.875rem; }}'
        )
    return "\n".join(rules)


def style() -> None:
    st.html(_style())
