"""Reading what a chart shows in AppTest: its spec and the rows of its datasets."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
from streamlit.testing.v1 import AppTest


def chart_spec(at: AppTest, index: int = 0) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(at.get("vega_lite_chart")[index].proto.spec)
    return spec


def chart_rows(at: AppTest, index: int = 0) -> list[dict[str, Any]]:
    """Every row of the chart's data and of its named datasets (Streamlit sends them as Arrow
    streams)."""
    proto = at.get("vega_lite_chart")[index].proto
    rows: list[dict[str, Any]] = []
    if proto.data.data:
        rows += pa.ipc.open_stream(proto.data.data).read_all().to_pylist()
    for dataset in proto.datasets:
        rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return rows
