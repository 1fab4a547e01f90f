"""The overview's Word buttons: the survey report of the wave for the level (and parent) in
view, and the directive draft to its units below their targets. Both are built on the click
from the database (sipas.export.official) and audited like every export."""

from __future__ import annotations

from functools import partial

import streamlit as st

from sipas.core import clock
from sipas.core.i18n import t
from sipas.core.permissions import EXPORT
from sipas.dashboard.filterstate import FilterState
from sipas.export.official.documents import directive_docx, report_docx, template_problems
from sipas.export.official.sources import read_sources
from sipas.export.word.template import DIRECTIVE, REPORT
from sipas.storage.engine import transaction
from sipas.ui import data, exports
from sipas.ui.dashboard import filters
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import access

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_buttons(view: filters.View) -> None:
    """ "Báo cáo Word" and "Dự thảo công văn" for the users who may export."""
    if not access.permitted(EXPORT):
        return
    scope = view.scope
    state = FilterState(wave=scope.wave.code, level=scope.level, parent=scope.parent)
    stem = "-".join(part for part in (scope.wave.code, scope.level, scope.parent) if part)
    st.caption(t("word.ui.caption"))
    problems = template_problems()
    for problem in problems:  # a province's template without a placeholder
        st.error(escape_markdown(problem))
    if problems:
        return
    left, right = st.columns(2)
    for column, kind, icon in (
        (left, REPORT, ":material/description:"),
        (right, DIRECTIVE, ":material/assignment:"),
    ):
        with column:
            exports.download(
                t(f"word.ui.{kind}"),
                partial(_document, state, kind),
                f"{t(f'word.ui.{kind}_stem')}-{stem}.docx",
                DOCX,
                f"{kind}_docx",
                f"export_{kind}_docx",
                extra={"level": scope.level, "parent": scope.parent},
                help=t(f"word.ui.{kind}_help"),
                icon=icon,
                width="stretch",
            )


def _document(state: FilterState, kind: str) -> bytes:
    with transaction(data.engine()) as session:
        sources = read_sources(session, state)
    make = directive_docx if kind == DIRECTIVE else report_docx
    return make(sources, clock.today())
