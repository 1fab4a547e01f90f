"""The first start of a province's own database (not the demo): with no commune loaded, the
administrator is asked for the province and loads it from the official map in one click;
other users are told to wait; the choice can be put off for the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from sipas.accounts.registry import add_account
from sipas.core import schema as s
from sipas.storage.engine import make_engine, transaction
from sipas.storage.migrate import upgrade_to_head
from sipas.storage.models.reference import Unit
from tests.app.conftest import log_in
from tests.support.appserver import ROOT

PASSWORD = "Đắk#Lắk2026mới"


@pytest.fixture
def new_province(empty_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh production database (schema only, no unit) with an administrator and a leader."""
    engine = make_engine(empty_url)
    upgrade_to_head(engine)
    with transaction(engine) as session:
        add_account(session, "test", "quantri.dl", "admin", PASSWORD)
        add_account(session, "test", "lanhdao.dl", "leader", PASSWORD)
    engine.dispose()
    monkeypatch.setenv("SIPAS_DATABASE_URL", empty_url)
    monkeypatch.setenv("SIPAS_DEMO", "0")
    monkeypatch.setenv("SIPAS_COOKIE_KEY", "k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0")
    return empty_url


def communes(url: str) -> int:
    engine = make_engine(url)
    with transaction(engine) as session:
        found = session.scalar(select(func.count()).where(Unit.level == s.COMMUNE))
    engine.dispose()
    return int(found or 0)


def opened_as(username: str) -> AppTest:
    at = log_in(
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run(), username, PASSWORD
    )
    assert not at.exception, at.exception
    return at


def test_the_administrator_chooses_dak_lak_and_its_units_are_loaded(new_province: str) -> None:
    at = opened_as("quantri.dl")
    assert at.title[0].value == "Thiết lập tỉnh"
    province = next(b for b in at.selectbox if b.label == "Tỉnh, thành phố")
    province.select("66").run()  # Tỉnh Đắk Lắk, by its official code
    next(b for b in at.button if b.label == "Nạp đơn vị của tỉnh").click().run()
    assert not at.exception, at.exception
    assert communes(new_province) > 102  # the 2025 communes and the legacy ones
    assert not any(t.value == "Thiết lập tỉnh" for t in at.title)
    assert any("Tỉnh Đắk Lắk" in s.value for s in at.success)


def test_a_leader_is_told_to_wait_and_the_administrator_may_put_it_off(new_province: str) -> None:
    leader = opened_as("lanhdao.dl")
    assert leader.title[0].value == "Thiết lập tỉnh"
    assert leader.info[0].value.startswith("Cơ sở dữ liệu chưa có đơn vị nào")
    assert [b.label for b in leader.button] == ["Đăng xuất"]  # nothing to load for a leader
    admin = opened_as("quantri.dl")
    next(b for b in admin.button if b.label == "Để sau").click().run()
    assert not admin.exception, admin.exception
    assert not any(t.value == "Thiết lập tỉnh" for t in admin.title)
    assert communes(new_province) == 0
