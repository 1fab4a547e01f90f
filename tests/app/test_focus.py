"""One unit in focus on every page: when exactly one unit is chosen, each page that shows one
unit shows that one, and the address never keeps a focus that contradicts the selection."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.charts import chart_rows

# The address of the bug report: Xã Lâm Sơn chosen, Phường Phan Rang in focus.
CONTRADICTING = {"wave": "2025", "level": "commune", "units": "x-lam-son", "unit": "p-phan-rang"}


@pytest.mark.parametrize(
    ("page", "shows"),
    [
        ("pages/criteria.py", lambda at: chart_rows(at, 0)[0]["sipas_title"]),
        ("pages/unit_profile.py", lambda at: at.title[0].value),
        (
            "pages/overview.py",
            lambda at: " ".join(b.proto.label for b in at.get("download_button")),
        ),
    ],
)
def test_the_one_chosen_unit_is_the_unit_shown(
    app: Callable[..., AppTest], page: str, shows: Callable[[AppTest], str]
) -> None:
    at = app(page, CONTRADICTING)
    assert not at.exception
    assert at.query_params["unit"] == "x-lam-son"
    assert at.query_params["units"] == "x-lam-son"
    shown = shows(at)
    assert "Xã Lâm Sơn" in shown and "Phan Rang" not in shown


def test_a_click_outside_the_selection_joins_it(app: Callable[..., AppTest]) -> None:
    at = app("pages/criteria.py", {**CONTRADICTING, "units": "x-lam-son,p-phan-rang"})
    assert at.query_params["unit"] == "p-phan-rang"  # one of the chosen: kept
    assert "Phường Phan Rang" in chart_rows(at, 0)[0]["sipas_title"]
