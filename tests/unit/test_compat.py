"""The framework internals sipas.ui.compat and sipas.present.altair_compat rely on: these tests
fail when a Streamlit or Altair upgrade changes one of them, before a page does."""

from __future__ import annotations

import contextvars
import io

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st
from altair.utils import schemapi
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

from sipas.present.altair_compat import altair_dict, skip_schema_checks
from sipas.ui import compat


def test_folder_mode_is_a_class_level_flag_of_the_pages_manager() -> None:
    assert isinstance(compat.in_folder_mode(), bool)


def test_a_page_run_keeps_the_script_hash_it_had() -> None:
    def page_run() -> str:
        ThreadState.initialize(active_script_hash="page-hash")  # as a script run starts
        with compat.as_page_run():
            ThreadState.update(active_script_hash="main-script-hash")  # as st.navigation does
        return ThreadState.get().active_script_hash

    # in a copy of the context, as Streamlit's script thread has its own
    assert contextvars.copy_context().run(page_run) == "page-hash"


def test_outside_a_script_run_there_is_no_run() -> None:
    assert compat.this_run() is None


def test_rows_become_the_arrow_stream_the_chart_element_sends() -> None:
    rows = [{"unit": "Ninh Sơn", "value": 87.22}, {"unit": "Bác Ái", "value": 83.7}]
    table = pa.ipc.open_stream(io.BytesIO(compat.arrow_bytes(rows))).read_all()
    assert table.to_pylist() == rows


def test_the_widget_state_warning_option_exists_and_is_set() -> None:
    # st.get_option raises for an option Streamlit no longer knows
    assert st.get_option(compat.WIDGET_STATE_WARNING) in (True, False)


def test_altair_data_keeps_its_rows_in_kwds() -> None:
    data = alt.Data(values=[{"a": 1}])
    assert data._kwds["values"] == [{"a": 1}]
    assert schemapi.SchemaBase.to_dict is not None


def test_altair_dict_of_a_layered_chart_equals_altair_s_own() -> None:
    skip_schema_checks()
    frame = pd.DataFrame({"unit": ["a", "b"], "value": [85.0, 90.0]})
    base = alt.Chart(frame)
    chart = alt.layer(base.mark_bar().encode(x="value:Q", y="unit:N"), base.mark_rule())
    assert altair_dict(chart) == chart.to_dict(validate=False)


def test_a_failed_download_answers_with_the_given_sentence() -> None:
    """A download whose file callable raises: Streamlit's own handler answers the browser
    with its fixed English sentence; once translated, with ours. Real handler, real media
    file manager (in memory)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from sipas.ui import compat

    def refused() -> bytes:
        raise PermissionError("session ended")

    files = MediaFileManager(MemoryMediaFileStorage("/media"))
    file_id = files.add_deferred(refused, "text/csv", "coordinates", "bang.csv")
    request = BackendOperationRequest(request_id="1")
    request.deferred_file.file_id = file_id
    # earlier tests in this process (AppTests of the app) may have translated it already
    original = getattr(DeferredFileHandler, "_sipas_original_handle", None)
    if original is not None:
        DeferredFileHandler.handle = original  # type: ignore[method-assign]
        del DeferredFileHandler._sipas_original_handle  # type: ignore[attr-defined]
    handler = DeferredFileHandler(lambda: files)

    def answer() -> BackendOperationResponse:
        # in a thread of its own: the browser tests' Playwright keeps an event loop running
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, handler.handle(request, "session")).result()

    before = answer()
    assert before.error_msg == "Failed to generate file for download"
    compat.translate_download_failure("Không tạo được tệp để tải.")
    compat.translate_download_failure("Không tạo được tệp để tải.")  # idempotent
    after = answer()
    assert after.error_msg == "Không tạo được tệp để tải."
