"""Sections of the unit page ("Đơn vị của tôi" / "Hồ sơ đơn vị"): the first screen (value, rank,
gaps, rank target, certainty, every peer's bar) and below it the levers, trend, tasks and
comments, each with a link to its full page on the same filter state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from sipas.core import clock
from sipas.core.i18n import t
from sipas.dashboard.comments import comment_lines
from sipas.dashboard.filterstate import to_query
from sipas.dashboard.scope import level_name
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.gaps.levers import AVERAGE
from sipas.gaps.ranges import rank_range_words
from sipas.method.measures import measure_labels
from sipas.present import profile
from sipas.present.plots import gaps as gapcharts
from sipas.reference.comment_themes import load_themes
from sipas.storage.comments import CommentFilter
from sipas.tasks.texts import describe, status_text
from sipas.ui import data, widgets
from sipas.ui.dashboard import filters
from sipas.ui.dashboard import gap_data as gapdata
from sipas.ui.safe import escape_markdown
from sipas.ui.tasks import forms as taskforms

MEASURE = "sipas"
GAPS_PAGE = "pages/gaps.py"
RANKINGS_PAGE = "pages/rankings.py"
CRITERIA_PAGE = "pages/criteria.py"
TRENDS_PAGE = "pages/trends.py"
TASKS_PAGE = "pages/tasks.py"
COMMENTS_PAGE = "pages/comments.py"


def link(page: str, key: str) -> None:
    """A link to `page` that opens it on this page's filter state."""
    st.page_link(page, label=t(f"unitpage.link.{key}"), query_params=to_query(filters.current()))


def gap_table(view: filters.View) -> pd.DataFrame:
    """The gap table of the view's wave and level for SIPAS, its "gain K places" targets
    compared with the view's comparison wave."""
    return gapdata.gaps(view.wave.code, MEASURE, view.scope.level, compare=view.state.compare)


def first_screen(view: filters.View, unit: str, row: Mapping[str, Any]) -> None:
    """Cards, the sentences and the ranking of every peer: what must fit 1366×768."""
    values, _ = gapdata.trend(unit, MEASURE, row[g.LEVEL], row[g.PARENT])
    change = profile.change_since(values, view.wave.code, view.compared)
    widgets.cards(profile.cards(row, change), profile.CARD_WIDTHS)
    st.caption(escape_markdown(view.comparison_caption))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.info(escape_markdown(gaptext.unit_caption(row, view.labels)))
        lines = [
            profile.rank_sentence(row, view.labels),
            rank_range_words(row, "sentence"),
            *profile.certainty_sentences(row),
        ]
        for line in filter(None, lines):
            st.markdown(f"- {escape_markdown(line)}")
        if view.scope.fields or view.scope.channels:
            st.caption(t("unitpage.scope_note"))
        link(GAPS_PAGE, "gaps")
    with right:
        _peer_chart(view, row)
        link(RANKINGS_PAGE, "rankings")


def _peer_chart(view: filters.View, row: Mapping[str, Any]) -> None:
    table = gap_table(view)
    frame = profile.peer_frame(table, row, view.labels)
    target = None if pd.isna(row[g.TARGET]) else float(row[g.TARGET])
    subtitle = t(
        "unitpage.chart_subtitle",
        count=len(frame),
        level=level_name(view.scope.level, lower=True),
    )
    widgets.chart(
        gapcharts.rank_band_chart(
            frame,
            profile.peer_band(frame, row),
            focus=view.labels.get(str(row[g.UNIT_CODE])),
            target=target,
            comparison=str(row[g.COMPARISON] or "gte"),
            title=t("unitpage.chart_title", wave=view.wave.code),
            subtitle=subtitle,
            row_height=22,
        ),
        key="unit_peers",
    )


def levers_section(view: filters.View, unit: str, row: Mapping[str, Any]) -> pd.DataFrame:
    """The criteria that close the gap fastest (raised to the peers' average)."""
    st.subheader(t("unitpage.levers_heading"))
    table = gap_table(view)
    peers = tuple(profile.peer_rows(table, row)[g.UNIT_CODE])
    gap = None if pd.isna(row[g.GAP_PP]) else float(row[g.GAP_PP])
    levers = gapdata.levers(view.wave.code, unit, peers, MEASURE, gap, AVERAGE)
    for line in profile.lever_lines(levers, row, measure_labels()[MEASURE]):
        st.markdown(f"- {escape_markdown(line)}")
    if not levers.empty:
        widgets.table(gaptext.levers_display(levers.head(profile.LEVERS_SHOWN)))
    link(CRITERIA_PAGE, "criteria")
    return levers


def trend_section(unit: str, row: Mapping[str, Any]) -> None:
    st.subheader(t("unitpage.trend_heading"))
    values, targets = gapdata.trend(unit, MEASURE, row[g.LEVEL], row[g.PARENT])
    if len(values) >= 2:
        widgets.chart(
            gapcharts.trend_chart(
                values,
                targets,
                title=t("gaps.page.trend_title"),
                subtitle=t("gaps.page.trend_subtitle"),
            ),
            key="unit_trend",
        )
    link(TRENDS_PAGE, "trends")


def tasks_section(unit: str) -> None:
    st.subheader(t("unitpage.tasks_heading"))
    today = clock.today()
    summary = profile.unit_tasks(data.task_records(), unit, today)
    st.markdown(escape_markdown(profile.tasks_sentence(summary)))
    names = taskforms.unit_names()
    for record in summary.shown:
        line = f"{status_text(record, today)} · {describe(record, names)}"
        st.markdown(f"- {escape_markdown(line)}")
    link(TASKS_PAGE, "tasks")


def comments_section(view: filters.View, unit: str, levers: pd.DataFrame) -> None:
    st.subheader(t("unitpage.comments_heading"))
    phrases = profile.weak_phrases(load_themes(), profile.weak_elements(levers))
    wanted = CommentFilter(wave_id=view.wave.id, units=(unit,), phrases=phrases)
    shown = data.comments(wanted, profile.COMMENTS_SHOWN, 0) if phrases else pd.DataFrame()
    if shown.empty:
        st.caption(t("unitpage.no_comments"))
    else:
        for meta, text in comment_lines(shown, view.labels):
            widgets.comment(meta, text)
    link(COMMENTS_PAGE, "comments")
