"""Every use of Streamlit's private internals, in one place.

Streamlit's public API has no way to say "this run is a page file run without app.py" (the
folder-based mode of a fresh server's first request), to name one script run, or to convert
rows to Arrow as st.vega_lite_chart does. These helpers do, through internals that a
Streamlit upgrade may change; tests/unit/test_compat.py fails loudly when one has.
Streamlit is pinned in requirements.txt.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from streamlit import dataframe_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

# The config option (.streamlit/config.toml, [global]) that silences the app-wide warning for
# a widget given both a default and a session-state value: the filter bar does it on purpose.
WIDGET_STATE_WARNING: Final = "global.disableWidgetStateDuplicationWarning"


def in_folder_mode() -> bool:
    """True while Streamlit runs page files by themselves (before st.navigation took over)."""
    return bool(PagesManager.uses_pages_directory)


@contextmanager
def as_page_run() -> Iterator[None]:
    """Run the frame inside a page file's run without changing the page's script hash: the
    page's widgets keep their ids (and values) on the next run."""
    with ThreadState.scoped(active_script_hash=ThreadState.get().active_script_hash):
        yield


def this_run() -> object | None:
    """An object that exists for exactly one script run: the run context's cursors, which
    Streamlit replaces at the start of every run (full or fragment). None outside a run."""
    context = get_script_run_ctx()
    return context.cursors if context is not None else None


def arrow_bytes(rows: Any) -> bytes:
    """Rows (records, a frame) as the Arrow bytes st.vega_lite_chart sends the browser."""
    return dataframe_util.convert_anything_to_arrow_bytes(rows)
