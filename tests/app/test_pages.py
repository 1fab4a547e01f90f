"""Every page runs without an exception, shows its title and labels the demo data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.appserver import ROOT

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
# Pages for staff's and administrators' own work (imports, targets, accounts, the audit log)
# show no survey figures to label as demo.
WITHOUT_FIGURES = {
    "pages/import_data.py",
    "pages/import_history.py",
    "pages/targets.py",
    "pages/account.py",
    "pages/accounts.py",
    "pages/audit.py",
    "pages/units.py",
}
PRESENTATION = "pages/present.py"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app: Callable[..., AppTest], page: str) -> None:
    at = app(page)
    assert not at.exception, at.exception
    if page == PRESENTATION:  # full screen: the slide titles are in the charts
        assert "Dữ liệu minh họa" in " ".join(str(e.proto.body) for e in at.get("html"))
        return
    assert at.title, "every page has a title"
    if page not in WITHOUT_FIGURES:
        assert any("Dữ liệu minh họa" in warning.value for warning in at.warning)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_older_wave_and_another_level(
    app: Callable[..., AppTest], page: str
) -> None:
    at = app(page, {"wave": "2025", "level": "commune", "fields": "dat_dai"})
    assert not at.exception, at.exception
    at = app(page, {"wave": "2021", "units": "bac-ai", "channels": "buu_chinh"})
    assert not at.exception, at.exception
