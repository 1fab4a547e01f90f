"""The "Mục tiêu" page: add, edit, retire, restore, refusals with a message, read-only for
leaders, and which target applies – each checked in the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from sipas.core.permissions import LEADER, User
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from sipas.storage.targets import TargetRecord, list_targets, target_history
from sipas.ui.shell import access

PAGE = "pages/targets.py"
SOURCE = "Kế hoạch 12/KH-UBND ngày 10/01/2024 của UBND huyện Bác Ái"


def registry(url: str) -> list[TargetRecord]:
    engine = make_engine(url)
    with transaction(engine) as session:
        records = list_targets(session)
    engine.dispose()
    return records


def fill_new_target(at: AppTest, value: str, source: str) -> None:
    at.selectbox(key="target_add_unit").set_value("bac-ai")
    at.text_input(key="target_add_value").input(value)
    at.radio(key="target_add_comparison").set_value("gt")
    at.number_input(key="target_add_first_year").set_value(2024)
    at.number_input(key="target_add_last_year").set_value(2024)
    at.text_input(key="target_add_source").input(source)


def test_a_valid_target_is_added_with_its_history(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    before = registry(demo_url)
    at = app(PAGE)
    fill_new_target(at, "87,5", SOURCE)
    at.button(key="target_add_submit").click().run()
    assert not at.exception and not at.error
    after = registry(demo_url)
    assert len(after) == len(before) + 1
    added = after[-1]
    assert (added.spec.value, added.spec.comparison, added.spec.unit_code) == (87.5, "gt", "bac-ai")
    assert (added.spec.first_year, added.spec.source, added.created_by) == (
        2024,
        SOURCE,
        "quantri",
    )  # the demo administrator, logged in
    assert at.success[0].value == f"Đã thêm mục tiêu số {added.id}."
    listed = at.dataframe[0].value
    assert listed.iloc[0]["Số"] == added.id and listed.iloc[0]["Mục tiêu"] == "> 87,5%"
    assert listed.iloc[0]["Phạm vi"] == "Bác Ái · Mọi lĩnh vực"
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        assert target_history(session, added.id)["action"].tolist() == ["created"]
        assert audit_frame(session).loc[0, "action"] == "target.create"
    engine.dispose()


@pytest.mark.parametrize(
    ("value", "source", "message"),
    [
        ("87,5", "  ", "Hãy ghi nguồn của mục tiêu"),
        ("chín mươi", SOURCE, "Giá trị mục tiêu phải là tỷ lệ phần trăm"),
        ("100", SOURCE, "“trên 100%” không thể đạt được"),
    ],
)
def test_invalid_input_is_refused_with_a_message(
    app: Callable[..., AppTest], demo_url: str, value: str, source: str, message: str
) -> None:
    before = registry(demo_url)
    at = app(PAGE)
    fill_new_target(at, value, source)
    at.button(key="target_add_submit").click().run()
    assert not at.exception
    assert any(message in error.value for error in at.error), [e.value for e in at.error]
    assert registry(demo_url) == before


def test_a_level_that_does_not_match_the_unit_is_refused(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app(PAGE)
    fill_new_target(at, "88", SOURCE)
    at.selectbox(key="target_add_level").set_value("commune")
    at.button(key="target_add_submit").click().run()
    assert [e.value for e in at.error] == ["Bác Ái thuộc Cấp huyện, không thuộc Cấp xã."]


def test_edit_then_retire_then_restore(app: Callable[..., AppTest], demo_url: str) -> None:
    land = next(
        r for r in registry(demo_url) if r.seed_key == "nq76-2025:threshold:sipas:*:dat_dai"
    )
    at = app(PAGE)
    at.selectbox(key="target_edit_pick").set_value(land.id).run()
    prefix = f"target_edit_{land.id}_{land.version}"
    assert at.text_input(key=f"{prefix}_value").value == "85"
    at.text_input(key=f"{prefix}_value").input("86,5")
    at.text_input(key=f"{prefix}_reason").input("Đính chính theo văn bản gốc")
    at.button(key=f"{prefix}_submit").click().run()
    assert at.success[0].value == f"Đã lưu thay đổi của mục tiêu số {land.id}."
    edited = next(r for r in registry(demo_url) if r.id == land.id)
    assert edited.spec.value == 86.5 and edited.version == land.version + 1

    retire = f"target_retire_{land.id}_{edited.version}"
    at.button(key=f"{retire}_submit").click().run()
    assert [e.value for e in at.error] == ["Hãy ghi lý do."]
    at.text_input(key=f"{retire}_reason").input("Thay bằng kế hoạch của tỉnh")
    at.button(key=f"{retire}_submit").click().run()
    retired = next(r for r in registry(demo_url) if r.id == land.id)
    assert retired.is_retired and retired.retire_reason == "Thay bằng kế hoạch của tỉnh"
    at.toggle(key="targets_show_retired").set_value(True).run()
    listed = at.dataframe[0].value.set_index("Số")
    assert listed.loc[land.id, "Trạng thái"].startswith("Ngừng áp dụng từ ")

    restore = f"target_restore_{land.id}_{retired.version}"
    at.text_input(key=f"{restore}_reason").input("Ngừng nhầm")
    at.button(key=f"{restore}_submit").click().run()
    assert at.success[0].value == f"Đã khôi phục mục tiêu số {land.id}."
    assert not next(r for r in registry(demo_url) if r.id == land.id).is_retired
    at.selectbox(key="target_history_pick").set_value(land.id).run()
    history = at.dataframe[-1].value
    assert history["Thao tác"].tolist() == ["Khôi phục", "Ngừng áp dụng", "Sửa", "Nạp mặc định"]
    assert history["Nội dung"].tolist()[2] == "Giá trị (%): 85 → 86,5"


def test_leaders_read_targets_but_cannot_change_them(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "current_user", lambda: User("lanhdao", "Lãnh đạo", LEADER))
    at = app(PAGE)
    assert not at.exception
    assert len(at.dataframe[0].value) == 23  # with NĐ 307/2025's top 10 provinces
    assert not [b for b in at.button if str(b.key or "").startswith("target_")]
    assert sum("Chỉ chuyên viên Nội vụ" in info.value for info in at.info) == 2


def test_the_page_says_which_target_applies_and_why(app: Callable[..., AppTest]) -> None:
    at = app(PAGE)
    at.selectbox(key="target_check_wave").select_index(1).run()  # newest first: 2025, 2024
    at.selectbox(key="target_check_unit").set_value("ninh-son")
    at.selectbox(key="target_check_field").set_value("dat_dai").run()
    texts = [m.value for m in at.markdown]
    assert any(
        t.startswith("**Ngưỡng áp dụng: ≥ 85%") and "Kế hoạch 95/KH-UBND" in t for t in texts
    )
    assert any("Có 4 mục tiêu cùng áp dụng" in c.value for c in at.caption)
    assert any("Cũng áp dụng nhưng kém cụ thể hơn: ≥ 85%" in c.value for c in at.caption)
    at.selectbox(key="target_check_field").set_value("").run()
    assert any("**Mục tiêu thứ hạng: Nhóm 3 dẫn đầu" in m.value for m in at.markdown)
