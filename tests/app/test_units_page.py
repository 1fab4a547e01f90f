"""The "Đơn vị" page on the demo database (which holds Khánh Hòa's official map): units per
level searched without diacritics, loading a province again, successors, adding a department
(audited)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.reference import Unit
from sipas.storage.models.system import AuditEvent

PAGE = "pages/units.py"
SUCCESSORS = "Đơn vị kế thừa (số xã cũ nhập vào)"


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in at.dataframe]


def by_label(at: AppTest, widgets: str, label: str) -> object:
    return next(w for w in getattr(at, widgets) if w.label == label)


def test_search_without_diacritics_finds_units_on_every_level(app: Callable[..., AppTest]) -> None:
    at = app(PAGE)
    assert not at.exception, at.exception
    assert at.title[0].value == "Đơn vị"
    assert [tab.label for tab in at.tabs][:5] == [
        "Tỉnh",
        "Cấp huyện",
        "Sở, ban, ngành",
        "Cơ quan ngành dọc",
        "Cấp xã",
    ]
    by_label(at, "text_input", "Tìm đơn vị (gõ có dấu hoặc không dấu, hoặc mã)").set_value(
        "lam son"
    ).run()
    names = [set(frame["Tên đầy đủ"]) for frame in tables(at)]
    communes = next(found for found in names if "Xã Lâm Sơn" in found)
    assert communes <= {"Xã Lâm Sơn", "Xã Sơn Lâm"}  # both words, in either order


def test_loading_the_province_shows_successors_and_a_department_can_be_added(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(PAGE)
    by_label(at, "selectbox", "Tỉnh, thành phố").set_value("56")  # type: ignore[attr-defined]
    by_label(at, "button", "Nạp đơn vị của tỉnh").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Đã nạp Tỉnh Khánh Hòa: thêm ")
    by_label(at, "text_input", "Tìm đơn vị (gõ có dấu hoặc không dấu, hoặc mã)").set_value(
        "huyen ninh son"
    ).run()
    districts = next(f for f in tables(at) if "Huyện Ninh Sơn" in set(f["Tên đầy đủ"]))
    offered = districts.set_index("Tên đầy đủ").loc["Huyện Ninh Sơn", SUCCESSORS]
    assert "Xã Lâm Sơn (2)" in offered and "Xã Ninh Sơn (2)" in offered
    # the whole list, in plain text under the table, since the table cuts it
    assert any(
        x.value.startswith("Huyện Ninh Sơn → ") and "Xã Lâm Sơn (2)" in x.value for x in at.text
    )

    by_label(at, "text_input", "Mã đơn vị (không trùng)").set_value("so-ngoai-vu")
    by_label(at, "text_input", "Tên ngắn").set_value("Sở Ngoại vụ")
    next(b for b in at.button if b.label == "Thêm đơn vị").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == "Đã thêm đơn vị so-ngoai-vu."
    by_label(at, "text_input", "Mã đơn vị (không trùng)").set_value("so-ngoai-vu")
    next(b for b in at.button if b.label == "Thêm đơn vị").click().run()
    assert at.error[0].value == "Đã có đơn vị mã 'so-ngoai-vu'; chọn mã khác."
    engine = make_engine(app_env)
    with transaction(engine) as session:
        added = session.scalar(select(Unit).where(Unit.code == "so-ngoai-vu"))
        assert added is not None and added.level == "department"
        actions = session.execute(
            select(AuditEvent.actor, AuditEvent.action, AuditEvent.outcome)
            .where(AuditEvent.action.like("unit.%"))
            .order_by(AuditEvent.id)
        ).all()
    engine.dispose()
    # The demo loaded the province already (actor "demo"): loading it again changes nothing.
    assert [tuple(a) for a in actions] == [
        ("demo", "unit.load", "ok"),  # Khánh Hòa, with the demo
        ("demo", "unit.load", "ok"),  # the country's provinces, for the demo's national tables
        ("quantri", "unit.add", "ok"),
        ("quantri", "unit.add", "failed"),
    ]


def test_leaders_may_not_open_the_units_page(app: Callable[..., AppTest]) -> None:
    at = app(PAGE, role="leader")
    assert not at.exception
    assert not at.dataframe
