"""A legacy district chosen for a wave after the 2025 reform: the filter bar offers, in one
click, the communes its territory went into (demo database with Khánh Hòa's map loaded)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from sipas.setup.provinces import load_province
from sipas.storage.engine import make_engine


def test_ninh_son_chosen_for_2025_offers_its_successor_communes(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    load_province(engine, "Khánh Hòa", "tester")
    engine.dispose()
    at = app(None, {"wave": "2025", "level": "district", "units": "ninh-son"})
    assert not at.exception, at.exception
    offers = [i.value for i in at.info if "(cũ) nay thuộc" in i.value]
    assert offers and offers[0].startswith("Ninh Sơn (cũ) nay thuộc: ")
    assert "Xã Lâm Sơn" in offers[0] and "Xã Ninh Sơn" in offers[0]
    assert not any("Đã bỏ chọn Ninh Sơn" in i.value for i in at.info)
    next(b for b in at.button if b.label == "Chọn các đơn vị này").click().run()
    assert not at.exception, at.exception
    chosen = next(m for m in at.multiselect if m.label.startswith("Đơn vị"))
    assert "x-lam-son" in chosen.value and "x-ninh-son" in chosen.value
    assert at.query_params["level"] == "commune"
