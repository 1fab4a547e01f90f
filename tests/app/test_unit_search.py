"""Unit pickers find units typed without diacritics: a search box above a long unit picker
narrows its options through the product's matcher (Streamlit's own search compares letters
exactly and would answer nothing to "lam son")."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from sipas.core.textnorm import matching


def test_matching_ignores_diacritics_case_and_spacing() -> None:
    labels = {
        "x-lam-son": "Xã Lâm Sơn",
        "ninh-son": "Huyện Ninh Sơn",
        "p-do-vinh": "Phường Đô Vinh",
        "x-son-lam": "Xã Sơn Lâm",
    }
    assert matching(labels, "lam son") == ["x-lam-son", "x-son-lam"]  # typed order first
    assert matching(labels, "son lam") == ["x-son-lam", "x-lam-son"]
    assert matching(labels, "  SON ") == ["x-lam-son", "ninh-son", "x-son-lam"]
    assert matching(labels, "do vinh") == ["p-do-vinh"]
    assert matching(labels, "ninh\u00a0son\u200b") == ["ninh-son"]
    assert matching(labels, "") == list(labels)
    assert matching(labels, "hà nội") == []


def test_the_filter_bar_finds_lam_son_typed_without_diacritics(
    app: Callable[..., AppTest],
) -> None:
    at = app("pages/rankings.py", {"wave": "2025", "level": "commune"})
    assert not at.exception, at.exception
    units = next(m for m in at.multiselect if m.label == "Đơn vị")
    assert len(units.options) > 12
    search = next(i for i in at.text_input if i.label == "Tìm đơn vị")
    search.input("lam son").run()
    assert not at.exception, at.exception
    units = next(m for m in at.multiselect if m.label == "Đơn vị")
    assert units.options == ["Xã Lâm Sơn"]  # of the 65 communes with answers in 2025
    assert any("Tìm thấy 1 đơn vị cho “lam son”" in c.value for c in at.caption)
    units.select("x-lam-son").run()
    assert not at.exception, at.exception
    assert at.query_params["units"] == "x-lam-son"
    # the chosen unit stays among the options when the search moves on
    next(i for i in at.text_input if i.label == "Tìm đơn vị").input("thuan").run()
    units = next(m for m in at.multiselect if m.label == "Đơn vị")
    assert "Xã Lâm Sơn" in units.options and units.value == ["x-lam-son"]


def test_a_short_picker_has_no_search_box(app: Callable[..., AppTest]) -> None:
    at = app("pages/rankings.py", {"wave": "2024", "level": "district"})
    assert not at.exception, at.exception
    assert not [i for i in at.text_input if i.label == "Tìm đơn vị"]
