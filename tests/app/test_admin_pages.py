"""The administrators' pages (accounts, audit log), the own-account page, the production
start (no demo, no key), and names typed by people shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sipas.accounts import lockout
from sipas.accounts import settings as authconfig
from sipas.core import clock
from sipas.setup.bootstrap import initialise
from sipas.storage.accounts import accounts_frame, address_throttles_frame
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from tests.app.conftest import log_in
from tests.support.appserver import ROOT

HOSTILE_NAME = """<b>Trần "Bảy"</b> <script>alert('x')</script> **đậm** :red[đỏ] O'Neil & Ngô"""


def by_label(elements, label: str):
    return next(e for e in elements if e.label == label)


def fill_add_form(at: AppTest, username: str, name: str, role: str, password: str) -> AppTest:
    by_label(at.text_input, "Tên đăng nhập").set_value(username)
    by_label(at.text_input, "Họ và tên").set_value(name)
    by_label(at.selectbox, "Vai trò").set_value(role)
    by_label(at.text_input, "Mật khẩu").set_value(password)
    by_label(at.text_input, "Nhập lại mật khẩu").set_value(password)
    by_label(at.button, "Tạo tài khoản").click()
    return at.run()


def stored(url: str):
    engine = make_engine(url)
    with transaction(engine) as session:
        frame, log = accounts_frame(session), audit_frame(session)
    engine.dispose()
    return frame, log


def test_adding_an_account_checks_the_password_and_is_audited(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app("pages/accounts.py")
    assert at.dataframe[0].value["Tên đăng nhập"].tolist() == ["chuyenvien", "lanhdao", "quantri"]
    at = fill_add_form(at, "pham.cuong", "Phạm Cường", "staff", "matkhau123")
    assert at.error[0].value.startswith("Mật khẩu chưa đủ mạnh.")
    assert "pham.cuong" not in stored(app_env)[0]["username"].tolist()
    at = fill_add_form(at, "pham.cuong", "Phạm Cường", "staff", "Núi#Bà2025đen")
    assert at.success[0].value == "Đã tạo tài khoản pham.cuong."
    table = at.dataframe[0].value.set_index("Tên đăng nhập")
    assert table.loc["pham.cuong", "Vai trò"] == "Chuyên viên Nội vụ"
    _, log = stored(app_env)
    assert log.iloc[0][["actor", "action", "object"]].tolist() == [
        "quantri",
        "account_add",
        "pham.cuong",
    ]
    assert log.iloc[1][["action", "outcome"]].tolist() == ["account_add", "failed"]
    new = log_in(
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run(),
        "pham.cuong",
        "Núi#Bà2025đen",
    )
    assert new.title[0].value == "Tổng quan chỉ số hài lòng"


def test_role_change_and_password_reset_from_the_edit_tab(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app("pages/accounts.py")
    by_label(at.selectbox, "Tài khoản cần sửa").set_value("chuyenvien").run()
    edit_role = [s for s in at.selectbox if s.label == "Vai trò"][-1]
    edit_role.set_value("leader")
    by_label(at.button, "Lưu thay đổi").click()
    at.run()
    assert at.success[0].value == "Đã lưu thay đổi của tài khoản chuyenvien."
    by_label(at.selectbox, "Tài khoản cần sửa").set_value("chuyenvien").run()
    by_label(at.text_input, "Mật khẩu mới").set_value("Núi#Bà2025đen")
    [t for t in at.text_input if t.label == "Nhập lại mật khẩu"][-1].set_value("Núi#Bà2025đen")
    by_label(at.button, "Đặt mật khẩu mới").click()
    at.run()
    assert at.success[0].value.startswith("Đã đặt mật khẩu mới cho chuyenvien")
    accounts, log = stored(app_env)
    assert accounts.set_index("username").loc["chuyenvien", "role"] == "leader"
    assert log["action"].tolist()[:2] == ["account_password", "account_role"]


def test_administrators_cannot_deactivate_or_demote_themselves(app: Callable[..., AppTest]) -> None:
    at = app("pages/accounts.py")
    by_label(at.selectbox, "Tài khoản cần sửa").set_value("quantri").run()
    assert by_label(at.button, "Vô hiệu hóa tài khoản").disabled
    assert [s for s in at.selectbox if s.label == "Vai trò"][-1].disabled


def test_audit_page_filters_by_action(app: Callable[..., AppTest]) -> None:
    at = app("pages/audit.py")
    table = at.dataframe[0].value
    assert "Đăng nhập" in table["Hành động"].tolist()
    assert "Tạo tài khoản" in table["Hành động"].tolist()
    by_label(at.multiselect, "Hành động").select("account_add").run()
    table = at.dataframe[0].value
    assert set(table["Hành động"]) == {"Tạo tài khoản"} and len(table) == 3
    assert set(table["Người thực hiện"]) == {"demo"}
    assert not at.data_editor  # read-only: nothing to edit


def test_production_without_cookie_key_refuses_to_start(
    empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(empty_url)
    initialise(engine)
    engine.dispose()
    monkeypatch.setenv("SIPAS_DATABASE_URL", empty_url)
    monkeypatch.setenv("SIPAS_DEMO", "0")
    monkeypatch.delenv("SIPAS_COOKIE_KEY", raising=False)
    monkeypatch.setattr(authconfig, "SECRETS_FILE", tmp_path / "secrets.toml")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert at.error[0].value.startswith("Chưa cấu hình khóa ký cookie đăng nhập")
    assert not at.text_input and not at.title
    monkeypatch.setenv("SIPAS_COOKIE_KEY", "some_key")
    at.run()
    assert at.error[0].value.startswith("Khóa ký cookie đăng nhập là khóa mẫu đã công bố")
    monkeypatch.setenv("SIPAS_COOKIE_KEY", "k9Fq2LxV7pWz3TbN8mRc5HyJ1sDg6QaE4uKo0")
    at.run()
    assert at.title[0].value == "Đăng nhập" and not at.dataframe  # no demo accounts
    assert at.warning[0].value.startswith("Chưa có tài khoản nào.")
    assert "python -m sipas users add" in at.warning[0].value


def test_names_typed_by_people_are_shown_as_plain_text(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app("pages/accounts.py")
    at = fill_add_form(at, "ngo.bay", HOSTILE_NAME, "leader", "Núi#Bà2025đen")
    assert at.success
    assert HOSTILE_NAME in at.dataframe[0].value["Họ và tên"].tolist()
    user = log_in(
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run(),
        "ngo.bay",
        "Núi#Bà2025đen",
    )
    assert HOSTILE_NAME in [t.value for t in user.sidebar.text]  # st.text: no Markdown, no HTML
    assert not any(HOSTILE_NAME in m.value or "<script>" in m.value for m in user.markdown)


def test_a_leader_bound_to_a_unit_opens_on_its_wave_and_level(app: Callable[..., AppTest]) -> None:
    leader = app(role="leader")  # lanhdao is bound to Ninh Sơn, a district until mid-2025
    filters = leader.sidebar
    # Đợt khảo sát; So sánh với đợt: "" is the automatic previous official wave
    assert [box.value for box in filters.selectbox] == ["2024", ""]
    assert [radio.value for radio in filters.radio] == ["district"]  # Cấp đơn vị
    assert filters.multiselect[0].value == ["ninh-son"]  # Đơn vị
    assert "Lãnh đạo · Ninh Sơn" in [t.value for t in leader.sidebar.text]
    admin = app()
    assert admin.sidebar.selectbox[0].value == "2025"


def test_administrators_see_and_lift_an_address_lock(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    settings = authconfig.AuthSettings(cookie_key="x" * 40)
    with transaction(engine) as session:
        for _ in range(10):  # ten failures from one address: it is locked
            lockout.count_failure(session, "ai.do", "203.0.113.5", settings, clock.now())
    at = app("pages/accounts.py")
    locks = next(d.value for d in at.dataframe if "Địa chỉ" in d.value.columns)
    assert locks["Địa chỉ"].tolist() == ["203.0.113.5"]
    assert locks["Trạng thái"].iloc[0].startswith("Tạm khóa đến")
    by_label(at.button, "Mở khóa địa chỉ").click()
    at.run()
    assert at.success[0].value == "Đã mở khóa địa chỉ 203.0.113.5."
    assert any(
        c.value == "Không có địa chỉ nào đang bị làm chậm hoặc tạm khóa." for c in at.caption
    )
    with transaction(engine) as session:
        assert address_throttles_frame(session, clock.now()).empty
        entry = audit_frame(session).iloc[0]
    engine.dispose()
    assert entry[["actor", "action", "object"]].tolist() == [
        "quantri",
        "address_unlock",
        "203.0.113.5",
    ]
