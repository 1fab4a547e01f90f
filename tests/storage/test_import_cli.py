"""`python -m sipas import | imports | rollback | template` on a real SQLite database."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from sipas.setup.demo_units import sync_demo_units
from sipas.storage.engine import make_engine, transaction
from tests.storage.test_cli import sipas
from tests.support.workbooks import database_state, respondent_rows, xlsx


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert sipas(url, "init").returncode == 0
    engine = make_engine(url)
    with transaction(engine) as session:
        sync_demo_units(session)  # the workbooks name Ninh Thuận's districts
    engine.dispose()
    return url


def state(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        found = database_state(engine)
    finally:
        engine.dispose()
    found.pop("audit_log")
    return found


def write(tmp_path: Path, name: str, bad_rows: int = 0) -> Path:
    """Bad rows lack their unit (the row is rejected); the first of them also has an
    unreadable answer, and so has the row after them (a warning: the row is kept)."""
    header, rows, _ = respondent_rows(30, 3)
    for row in rows[:bad_rows]:
        row[2] = None
    if bad_rows:
        rows[0][6] = rows[bad_rows][6] = "rất tốt lắm"
    path = tmp_path / name
    path.write_bytes(xlsx([header, *rows]))
    return path


def check(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


def test_dry_run_reports_and_writes_nothing(database: str, tmp_path: Path) -> None:
    path = write(tmp_path, "khao_sat_2024.xlsx")
    before = state(database)
    result = sipas(database, "import", str(path), "--dry-run")
    check(result, 0)
    assert "Tổng 30 dòng dữ liệu: 30 dòng hợp lệ, 0 dòng có lỗi." in result.stderr
    assert "C «Đơn vị» → Đơn vị" in result.stderr
    assert "không ghi" in result.stderr.lower() or "Không có gì được ghi" in result.stderr
    assert state(database) == before


def test_a_dry_run_into_a_wave_with_data_prints_each_unit_before_and_after(
    database: str, tmp_path: Path
) -> None:
    check(sipas(database, "import", str(write(tmp_path, "dot_1.xlsx")), "--wave", "2024"), 0)
    header, rows, _ = respondent_rows(12, 4)
    path = tmp_path / "dot_2.xlsx"
    path.write_bytes(xlsx([header, *rows]))
    result = sipas(database, "import", str(path), "--wave", "2024", "--dry-run")
    check(result, 0)
    assert "SIPAS của đợt trước → sau khi nhập" in result.stderr
    lines = [line for line in result.stderr.splitlines() if "(n 30 → 42; trong tệp 12)" in line]
    assert lines and lines[0].strip().startswith("Tất cả đơn vị: 37,89% → ")


def test_errors_refuse_the_whole_file_unless_valid_rows_are_accepted(
    database: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "phieu.xlsx", bad_rows=2)
    before = state(database)
    refused = sipas(
        database, "import", str(path), "--wave", "2024", "--report", str(tmp_path / "loi.xlsx")
    )
    check(refused, 1)
    assert "2/30 dòng có lỗi; không có gì được nhập" in refused.stderr
    assert "C2 «»: Thiếu tên đơn vị." in refused.stderr
    assert "G4 «rất tốt lắm»: Câu trả lời ngoài thang 1–5" in refused.stderr
    assert state(database) == before
    marked = load_workbook(tmp_path / "loi.xlsx")
    unit, answer = marked.worksheets[0]["C2"], marked.worksheets[0]["G4"]
    assert unit.fill.fgColor.rgb.endswith("FFC7CE") and "Thiếu tên đơn vị" in unit.comment.text
    assert answer.fill.fgColor.rgb.endswith("FFEB9C") and "1–5" in answer.comment.text
    assert marked.worksheets[1].max_row == 5  # header + two missing units + two answers
    accepted = sipas(database, "import", str(path), "--wave", "2024", "--accept-valid-rows")
    check(accepted, 0)
    assert "28 dòng hợp lệ, 2 dòng lỗi bị bỏ qua" in accepted.stderr
    again = sipas(database, "import", str(path), "--wave", "2024", "--accept-valid-rows")
    check(again, 1)
    assert "Tệp này đã được nhập" in again.stderr


def test_history_rollback_and_template(database: str, tmp_path: Path) -> None:
    check(sipas(database, "import", str(write(tmp_path, "a_2024.xlsx"))), 0)
    history = pd.read_csv(io.StringIO(sipas(database, "imports").stdout), dtype={"wave": str})
    assert history.loc[0, ["wave", "status", "rows_accepted"]].tolist() == ["2024", "active", 30]
    check(sipas(database, "rollback", str(history.loc[0, "id"])), 0)
    after = pd.read_csv(io.StringIO(sipas(database, "imports").stdout))
    assert after.loc[0, "status"] == "rolled_back"
    missing = sipas(database, "rollback", "99")
    check(missing, 1)
    assert "Không có lần nhập số 99" in missing.stderr
    template = tmp_path / "mau.xlsx"
    check(sipas(database, "template", str(template), "--year", "2025", "--method", "qd1001"), 0)
    book = load_workbook(template)
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn", "DanhMuc"]
    assert "Xã Bác Ái" in [c.value for c in book["DanhMuc"]["A"]]
    assert book["Dữ liệu"].cell(1, 10).value == "Câu 1 (C01)"


def test_unknown_profile_and_missing_file(database: str, tmp_path: Path) -> None:
    path = write(tmp_path, "a_2024.xlsx")
    profile = sipas(database, "import", str(path), "--mapping", "Mẫu huyện")
    check(profile, 1)
    assert "Không có mẫu ánh xạ 'Mẫu huyện'" in profile.stderr
    missing = sipas(database, "import", str(tmp_path / "khong_co.xlsx"), "--wave", "2024")
    check(missing, 1)
    assert "Không đọc được tệp" in missing.stderr
