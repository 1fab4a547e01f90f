"""The overview names the province's place among the provinces: Khánh Hòa's rank X/34 in the
demo's 2025 national table, with its predecessors before the merger and the top-10 target;
Ninh Thuận's X/63 on a 2024 view, with its change since 2023; staff import a national table on
the upload page, and it stays out of the wave picker."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from sipas.dashboard.national import national_standing
from sipas.storage.engine import make_engine, transaction
from sipas.storage.national import national_results
from sipas.storage.reference import units_frame
from sipas.storage.units import successors_frame
from sipas.targets.registry import load_targets
from tests.storage.test_national_tables import table
from tests.support.workbooks import xlsx


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def expected(url: str, province: str, year: int):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    with transaction(engine) as session:
        frames = national_results(session), units_frame(session), successors_frame(session)
        targets = load_targets(session).ranks
    engine.dispose()
    return national_standing(*frames, province, year, targets)


def test_the_overview_shows_khanh_hoas_national_rank_of_34(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(None, {"wave": "2025", "level": "commune"})
    assert not at.exception, at.exception
    standing = expected(app_env, "khanh-hoa", 2025)
    assert standing.current is not None and standing.current.of == 34
    rank = f"{standing.current.rank}/34"
    shown = texts(at)
    heading = next(x for x in shown if "xếp thứ" in x)
    assert f"Tỉnh Khánh Hòa xếp thứ {rank} cả nước" in heading
    assert "bảng minh họa, không phải số công bố" in heading  # the demo's invented table
    assert any("Đơn vị tiền thân" in x and "Ninh Thuận" in x for x in shown)
    assert any("Mục tiêu trong 10 tỉnh dẫn đầu" in x for x in shown)


def test_a_2024_view_shows_ninh_thuans_rank_of_63_and_its_change(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(None, {"wave": "2024"})
    assert not at.exception, at.exception
    standing = expected(app_env, "ninh-thuan", 2024)
    assert standing.current is not None and standing.rank_change is not None
    shown = texts(at)
    rank = f"{standing.current.rank}/63"
    assert any(f"Tỉnh Ninh Thuận xếp thứ {rank} cả nước" in x for x in shown)
    moved = "Tăng" if standing.rank_change > 0 else "Giảm"
    assert any(f"{moved} {abs(standing.rank_change)} bậc so với SIPAS 2023" in x for x in shown)
    assert any("Bình quân cả nước SIPAS 2024: 83,94%" in x for x in shown)


def test_staff_import_a_national_table_on_the_upload_page(
    app: Callable[..., AppTest], app_env: str
) -> None:
    rows, _ = table("vn34-", {"56": 91.0})
    at = app("pages/import_data.py")
    next(r for r in at.radio if r.label == "Loại dữ liệu").set_value("aggregate").run()
    next(c for c in at.checkbox if c.label.startswith("Bảng SIPAS các tỉnh")).check().run()
    at.selectbox[0].select("➕ Đợt mới…").run()
    at.text_input[0].input("2026-toan-quoc").run()
    at.file_uploader[0].upload(
        "sipas_tinh_2026.xlsx",
        xlsx(rows),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ).run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dòng hợp lệ"] == "34"
    next(c for c in at.checkbox if c.label.startswith("Tôi đã kiểm tra")).check().run()
    next(b for b in at.button if b.label == "Nhập dữ liệu").click().run()
    assert not at.exception, at.exception
    standing = expected(app_env, "khanh-hoa", 2026)
    assert standing.current is not None
    assert (standing.current.rank, standing.current.of, standing.current.demo) == (1, 34, False)
    at.switch_page("pages/overview.py").run()
    picker = next(box for box in at.selectbox if box.label == "Đợt khảo sát")
    assert not any(option.startswith("2026-toan-quoc") for option in picker.options)
