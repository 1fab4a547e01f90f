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
from streamlit.runtime import backend_operation_handler
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


_DOWNLOAD_FAILED: Final = "Failed to generate file for download"


def translate_download_failure(message: str) -> None:
    """Have a download whose file callable raised (a refused or failed export) answer the
    browser with `message` instead of Streamlit's fixed English sentence, which the browser
    shows under the button. Patches DeferredFileHandler once per process."""
    handler = backend_operation_handler.DeferredFileHandler
    original = getattr(handler, "_sipas_original_handle", handler.handle)

    async def handle(self: Any, request: Any, session_id: str) -> Any:
        response = await original(self, request, session_id)
        if response.error_msg == _DOWNLOAD_FAILED:
            response.error_msg = message
        return response

    handler._sipas_original_handle = original  # type: ignore[attr-defined]
    handler.handle = handle  # type: ignore[method-assign]
