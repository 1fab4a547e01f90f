"""Trình chiếu in AppTest: the deck of the address's filters, its numbers equal to the
domain layer's, the controls, and a new import shown at the next slide change."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

PAGE = "pages/present.py"


def texts(at: AppTest) -> str:
    """Everything the page wrote as HTML (headline, caption, footer)."""
    return " ".join(str(element.proto.body) for element in at.get("html"))


def test_the_deck_opens_on_the_first_slide_with_its_caption(app: Callable[..., AppTest]) -> None:
    at = app(PAGE, {"wave": "2024", "units": "ninh-son"})
    assert not at.exception, at.exception
    shown = texts(at)
    print(shown)
    assert "1/6" in shown
