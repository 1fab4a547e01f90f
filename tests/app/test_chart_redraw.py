"""Charts redraw in place: another selection changes the rows a chart is sent, not its spec,
so the browser swaps the data of the chart it has instead of building a new one."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from sipas.present import charts
from sipas.present.chartspec import browser_spec
from sipas.ui import widgets
from tests.support.charts import chart_rows

WAVE = ("selectbox", "Đợt khảo sát", "2023")
CHANGES = [
    ("pages/overview.py", WAVE),
    ("pages/rankings.py", WAVE),
    ("pages/fields.py", WAVE),
    ("pages/criteria.py", WAVE),
    ("pages/comments.py", WAVE),
    ("pages/trends.py", ("multiselect", "Đơn vị", ["ninh-son", "ninh-hai"])),
]


def specs_and_rows(at: AppTest) -> tuple[list[str], list[list[dict[str, Any]]]]:
    charts = at.get("vega_lite_chart")
    return [c.proto.spec for c in charts], [chart_rows(at, i) for i in range(len(charts))]


def _lines(spec: str) -> list[str]:
    return json.dumps(json.loads(spec), indent=1, ensure_ascii=False).splitlines()


@pytest.mark.parametrize(("page", "change"), CHANGES)
def test_another_selection_sends_the_same_specs_with_other_rows(
    app: Callable[..., AppTest], page: str, change: tuple[str, str, Any]
) -> None:
    at = app(page, query={"wave": "2024"})
    before_specs, before_rows = specs_and_rows(at)
    kind, label, value = change
    next(w for w in getattr(at, kind) if w.label == label).set_value(value).run()
    assert not at.exception
    after_specs, after_rows = specs_and_rows(at)
    assert before_specs, "the page draws charts"
    assert len(after_specs) == len(before_specs)
    for index, (before, after) in enumerate(zip(before_specs, after_specs, strict=True)):
        diff = difflib.unified_diff(_lines(before), _lines(after), lineterm="", n=1)
        assert after == before, f"chart {index} of {page} changed:\n" + "\n".join(diff)
        if is_national(before_rows[index]):
            continue  # the province's national rank: the same whatever units are chosen
        assert after_rows[index] != before_rows[index], f"chart {index} shows the same rows"
    if change == WAVE:  # the title is read from the rows
        assert all("đợt 2023" in str(rows) for rows in after_rows if not is_national(rows))


def is_national(rows: list[dict[str, Any]]) -> bool:
    """The rows of the trends page's national rank chart (rank X of N provinces by year)."""
    return bool(rows) and all({"rank", "of"} <= set(row) for row in rows)


def test_a_prepared_chart_carries_the_browser_rows_in_arrow() -> None:
    """Pages keep their charts' rows converted (widgets.prepare_chart): the Arrow sent must
    hold exactly the rows of the browser's spec, and the spec nothing else."""
    frame = pd.DataFrame(
        {"unit": ["a", "b"], "label": ["Huyện A", "Xã Bác Ái"], "value": [85.48, 70.1]}
    )
    chart = alt.Chart(frame, title="Chỉ số SIPAS – đợt 2024").mark_bar()
    spec = charts.to_spec(chart.encode(x="value:Q", y="label:N"))
    prepared = widgets.prepare_chart(spec)
    expected = browser_spec(spec)
    assert {k: v for k, v in prepared.browser.items() if k != "datasets"} == {
        k: v for k, v in expected.items() if k != "datasets"
    }
    assert list(prepared.browser["datasets"]) == list(expected["datasets"])
    for name, rows in expected["datasets"].items():
        sent = pa.ipc.open_stream(prepared.browser["datasets"][name]).read_all().to_pylist()
        assert [{k: v for k, v in row.items() if k in rows[0]} for row in sent] == rows
    assert prepared.spec == spec


FILTERS = [
    "Đợt khảo sát",
    "Cấp đơn vị",
    "Đơn vị",
    "Lĩnh vực",
    "Kênh tiếp nhận",
    "Đơn vị xem chi tiết",
]


def filter_widgets(at: AppTest) -> dict[str, Any]:
    widgets = [*at.selectbox, *at.radio, *at.multiselect]
    return {w.label: w for w in widgets if w.label in FILTERS}


def one_shot(at: AppTest) -> list[str]:
    """The filter widgets sent with a value set from the script (drawn anew by the browser)."""
    return [label for label, w in filter_widgets(at).items() if w.proto.set_value]


def default_shows_value(widget: Any) -> bool:
    """A widget the browser mounts without a set value shows its default: it must be the value."""
    if hasattr(widget, "indices"):
        return list(widget.proto.default) == list(widget.indices)
    return bool(widget.proto.default == widget.index)


def test_a_filter_change_sends_the_other_filters_unchanged(app: Callable[..., AppTest]) -> None:
    at = app("pages/criteria.py", query={"wave": "2024", "units": "ninh-son,bac-ai"})
    shown = filter_widgets(at)
    assert set(shown) == set(FILTERS)
    assert shown["Đơn vị"].value == ["ninh-son", "bac-ai"]
    shown["Đợt khảo sát"].set_value("2023").run()
    assert not at.exception
    after = filter_widgets(at)
    assert after["Đợt khảo sát"].value == "2023"
    assert after["Đơn vị"].value == ["ninh-son", "bac-ai"]
    assert one_shot(at) == []
    at.run()
    assert one_shot(at) == []
    at.switch_page("pages/overview.py").run()
    assert filter_widgets(at)["Đợt khảo sát"].value == "2023"
    assert filter_widgets(at)["Đơn vị"].value == ["ninh-son", "bac-ai"]


def test_every_filter_widget_defaults_to_the_state(app: Callable[..., AppTest]) -> None:
    """A remounted widget reports its default on the next run; a default other than the state
    would move the state there (the newest wave, after a click on an older wave's bar)."""
    at = app("pages/criteria.py", query={"wave": "2024", "units": "ninh-son,bac-ai"})
    at.switch_page("pages/overview.py").run()
    for _ in range(2):
        widgets = filter_widgets(at)
        assert widgets["Đợt khảo sát"].value == "2024"
        undefaulted = [label for label, w in widgets.items() if not default_shows_value(w)]
        assert undefaulted == []
        at.switch_page("pages/criteria.py").run()


def test_a_state_changed_by_the_page_is_set_on_the_widgets(app: Callable[..., AppTest]) -> None:
    """The reset button changes the state, not the widgets: they are set to show it."""
    at = app("pages/criteria.py", query={"wave": "2023", "units": "ninh-son"})
    next(b for b in at.button if b.label == "Đặt lại bộ lọc").click().run()
    assert not at.exception
    widgets = filter_widgets(at)
    assert widgets["Đợt khảo sát"].value != "2023"
    assert widgets["Đơn vị"].value == []
    assert {"Đợt khảo sát", "Đơn vị"} <= set(one_shot(at))
