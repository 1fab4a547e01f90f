"""The upload page in AppTest: upload, the mapping shown and corrected, the validation
report, the explicit choice to import valid rows only, and the new wave everywhere after."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from sipas.method.waves import comparison_wave
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.system import AuditEvent
from sipas.storage.waves import list_waves
from tests.support.accounts import DEMO_USERS
from tests.support.workbooks import respondent_rows, xlsx

PAGE = "pages/import_data.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_wave(at: AppTest, code: str) -> None:
    at.selectbox[0].select("➕ Đợt mới…").run()
    at.text_input[0].input(code).run()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    return at.file_uploader[0].upload(name, content, XLSX).run()


def table(at: AppTest, header: str):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if header in d.value.columns)


# The demo holds Khánh Hòa's legacy communes too: "Ninh Hải", "Ninh Phước" and "Ninh Sơn" of
# the former Ninh Hòa town share their names with Ninh Thuận's districts until 30/06/2025, so a
# 2024 file that means the districts names them in full.
DISTRICTS_2024 = ("Huyện Bác Ái", "Huyện Ninh Hải", "Huyện Ninh Phước", "Huyện Ninh Sơn")


def test_upload_check_correct_and_import(app: Callable[..., AppTest]) -> None:
    header, rows, _ = respondent_rows(24, 9, units=DISTRICTS_2024)
    header[5] = "Phái"  # not a name the importer knows: staff must say what it is
    rows[3][6] = 9  # out of the scale: a warning, no answer for Câu 1
    rows[3][2] = None  # no unit: the row is rejected
    at = app(PAGE)
    assert not at.exception
    new_wave(at, "2024-bo-sung")
    upload(at, "bo_sung_2024.xlsx", xlsx([["DANH SÁCH PHIẾU"], header, *rows]))
    assert not at.exception, at.exception
    assert any("dòng tiêu đề là dòng 2" in s.value for s in at.success)
    mapping = table(at, "Được hiểu là")
    assert mapping.set_index("Tiêu đề trong tệp").loc["Phái", "Được hiểu là"] == "Không dùng"
    # correct the unknown column: Phái is the gender
    next(b for b in at.selectbox if b.label == "Cột cần sửa").set_value(5)
    next(b for b in at.selectbox if b.label == "Hiểu là").set_value("gender")
    next(b for b in at.button if b.label == "Áp dụng").click().run()
    mapping = table(at, "Được hiểu là")
    assert mapping.set_index("Tiêu đề trong tệp").loc["Phái", "Được hiểu là"] == "Giới tính"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Dòng dữ liệu": "24", "Dòng hợp lệ": "23", "Dòng có lỗi": "1"}
    issues = table(at, "Lý do")
    assert sorted(map(tuple, issues[["Dòng", "Cột"]].to_numpy().tolist())) == [(6, "C"), (6, "G")]
    preview = table(at, "SIPAS của tệp")
    assert preview["Đơn vị"].iloc[-1] == "Tất cả đơn vị"
    assert "SIPAS của đợt (trước → sau khi nhập)" not in preview  # a new wave has no before
    commit = next(b for b in at.button if b.label == "Nhập dữ liệu")
    assert commit.disabled  # neither confirmed nor chosen yet
    next(c for c in at.checkbox if c.label.startswith("Tôi đã kiểm tra")).check().run()
    next(c for c in at.checkbox if c.label.startswith("Chỉ nhập 23")).check().run()
    commit = next(b for b in at.button if b.label == "Nhập dữ liệu")
    assert not commit.disabled
    commit.click().run()
    assert not at.exception, at.exception
    assert any("vào đợt 2024-bo-sung: 23 dòng" in s.value for s in at.success)
    at.switch_page("pages/import_history.py").run()
    history = table(at, "Tệp")
    assert history.iloc[0][["Tệp", "Đợt", "Số dòng"]].tolist() == [
        "bo_sung_2024.xlsx",
        "2024-bo-sung",
        "23/24 dòng",
    ]
    at.switch_page("pages/overview.py").run()
    waves = next(box for box in at.selectbox if box.label == "Đợt khảo sát")
    codes = [option.split(" – ")[0] for option in waves.options]
    assert "2024-bo-sung" in codes


def test_a_broken_file_gets_a_message_not_a_traceback(app: Callable[..., AppTest]) -> None:
    at = app(PAGE)
    upload(at, "hong.xlsx", b"PK\x03\x04 not really a workbook")
    assert not at.exception
    assert any("bị hỏng" in e.value for e in at.error)


def test_adding_to_a_wave_previews_each_unit_before_and_after(
    app: Callable[..., AppTest],
) -> None:
    header, rows, _ = respondent_rows(24, 9)
    at = app(PAGE)
    waves = next(box for box in at.selectbox if box.label == "Đợt khảo sát")
    waves.select(next(o for o in waves.options if str(o).startswith("2024"))).run()
    upload(at, "them_2024.xlsx", xlsx([header, *rows]))
    assert not at.exception, at.exception
    preview = table(at, "SIPAS của đợt (trước → sau khi nhập)")
    changes = preview["SIPAS của đợt (trước → sau khi nhập)"]
    assert changes.str.fullmatch(r"\d+,\d\d% → \d+,\d\d%").all()
    counts = preview["Số phiếu của đợt (trước → sau)"].str.split(" → ", expand=True)
    added = preview["Số phiếu trong tệp (n)"]
    for before, after, own in zip(counts[0], counts[1], added, strict=True):
        assert whole(after) == whole(before) + whole(own)
    assert preview["Đơn vị"].iloc[-1] == "Tất cả đơn vị"
    assert any("trước và sau khi nhập tệp này" in c.value for c in at.caption)


def whole(text: str) -> int:
    """A count as the page writes it (1.234)."""
    return int(text.replace(".", ""))


def rollback_button(at: AppTest):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == "Hoàn tác")


def rollback_choice(at: AppTest):  # type: ignore[no-untyped-def]
    return next(b for b in at.selectbox if b.label == "Lần nhập cần hoàn tác")


def test_history_page_rolls_back_an_import(app: Callable[..., AppTest]) -> None:
    at = app("pages/import_history.py")
    assert not at.exception
    first = table(at, "Trạng thái")
    assert (first["Trạng thái"] == "đang có hiệu lực").all()
    # newest active import: the demo's national table of 2025 (imports 6–9 are its national
    # tables, after the five survey waves)
    assert rollback_choice(at).value == 9
    rollback_choice(at).set_value(5).run()  # the demo's 2025 survey wave
    next(c for c in at.checkbox if c.label.startswith("Tôi hiểu")).check().run()
    assert rollback_button(at).disabled  # a large import: its number must be typed too
    number = next(box for box in at.text_input if box.label.startswith("Lần nhập số 5 có"))
    number.input("4").run()
    assert rollback_button(at).disabled
    number.input("5").run()
    rollback_button(at).click().run()
    assert not at.exception, at.exception
    assert any("Đã hoàn tác lần nhập số 5 (đợt 2025)" in s.value for s in at.success)
    after = table(at, "Trạng thái")
    assert (after["Trạng thái"] == "đã hoàn tác").sum() == 1
    # the next import in the list starts unconfirmed: one more click undoes nothing
    assert rollback_choice(at).value == 9
    assert not next(c for c in at.checkbox if c.label.startswith("Tôi hiểu")).value
    assert rollback_button(at).disabled


def test_a_doubtful_header_asks_for_the_row_and_imports_once_told(
    app: Callable[..., AppTest],
) -> None:
    """Two different rows name the columns equally well: the page says which, writes
    nothing, and offers the header row to type in; the import then reads from that row."""
    header, rows, _ = respondent_rows(12, 4)
    old_list = ["STT", *header[1:]]
    real = ["TT", "Mã số phiếu", "Huyện", *header[3:]]
    at = app(PAGE)
    new_wave(at, "2024")
    upload(at, "khao_sat_2024.xlsx", xlsx([old_list, ["Phiếu đợt 2"], real, *rows]))
    assert not at.exception, at.exception
    question = next(e.value for e in at.error if "Chưa chắc dòng nào" in e.value)
    assert "các dòng 1, 3" in question
    assert not at.success
    box = next(n for n in at.number_input if n.label.startswith("Dòng tiêu đề"))
    box.set_value(3).run()
    assert not at.exception, at.exception
    assert not any("Chưa chắc dòng nào" in e.value for e in at.error)
    assert any("dòng tiêu đề là dòng 3; 12 dòng dữ liệu" in s.value for s in at.success)


def test_staff_change_a_wave_s_type_and_the_change_is_audited(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app("pages/import_history.py")
    wave = next(b for b in at.selectbox if b.label == "Đợt khảo sát")
    assert wave.options[:2] == ["đợt 2025 (chính thức)", "đợt 2024 (chính thức)"]
    wave.set_value("2023")
    next(b for b in at.selectbox if b.label == "Loại đợt").set_value("pilot")
    next(b for b in at.button if b.label == "Lưu loại đợt").click().run()
    assert not at.exception, at.exception
    assert any("Đợt 2023 nay là đợt thí điểm." in s.value for s in at.success)
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        waves = list_waves(session)
        assert next(w for w in waves if w.code == "2023").survey_type == "pilot"
        assert comparison_wave(waves, "2024").code == "2022"  # type: ignore[union-attr]
        events = session.execute(
            select(AuditEvent.actor, AuditEvent.object, AuditEvent.details).where(
                AuditEvent.action == "wave_type"
            )
        ).all()
    engine.dispose()
    assert len(events) == 1 and events[0][:2] == (DEMO_USERS["admin"], "2023")
    assert json.loads(events[0][2]) == {"type": "pilot", "from": "official"}
    # the form's list now names the wave's new type
    shown = next(b for b in at.selectbox if b.label == "Đợt khảo sát")
    assert "đợt 2023 (thí điểm)" in shown.options
