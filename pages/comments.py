"""Ý kiến người dân: citizens' comments for the selection, counted by theme and searchable;
every comment is shown as plain text, exactly as written."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.dashboard import comments
from sipas.dashboard.captions import source_text
from sipas.dashboard.tables import element_names
from sipas.present.plots.themes import themes_chart
from sipas.reference import comment_themes
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters
from sipas.ui.safe import escape_markdown, md
from sipas.ui.shell import auth

auth.require(VIEW)
st.title(t("comments.heading"))
view = filters.bar()
scope = view.scope
themes = comment_themes.themes_by_code()
everything = comments.comment_filter(scope, scope.wave.id)
total, per_theme = data.theme_counts(everything, comment_themes.theme_phrases())
if total == 0:
    st.info(t("comments.no_comments_at_all"))
    st.stop()

table = comments.theme_table(total, per_theme, element_names(scope.method))
chart = themes_chart(
    table,
    title=t("comments.themes_title", wave=scope.wave.code),
    subtitle=[t("comments.themes_subtitle"), comments.source_line(scope.wave, total)],
    pick="theme_pick",
)
if picked := widgets.chart(chart, key="comments_themes", pick="theme_pick"):
    filters.update(theme=picked[comments.THEME])
with st.expander(t("comments.themes_heading")):
    widgets.table(comments.keywords_display(table), csv_name=t("comments.themes_heading"))

search_column, theme_column = st.columns([3, 2])
with search_column:
    query = filters.text(
        t("comments.search"),
        "search",
        placeholder=t("comments.search_placeholder"),
        help=t("comments.search_help"),
    )
with theme_column:
    options = comment_themes.theme_options()
    theme = filters.choice(t("comments.theme"), "theme", list(options), options.__getitem__)
wanted = comments.comment_filter(scope, scope.wave.id, query, themes.get(theme))
found = data.comment_count(wanted)
if found == 0:
    st.info(t("comments.no_comments"))
    st.stop()

pages = comments.page_count(found)
with st.columns([1, 4])[0]:
    page = widgets.page_picker(t("comments.page"), pages, key="comments_page")
shown = data.comments(wanted, comments.PAGE_SIZE, comments.page_offset(page))
st.caption(md("comments.found", count=found, page=page, pages=pages))
for meta, text in comments.comment_lines(shown, view.labels):
    widgets.comment(meta, text)
st.caption(escape_markdown(source_text(scope.wave, None)))
