"""Spreadsheets built by the tests: respondent files, published tables, conversions with
LibreOffice, and a snapshot of the database to prove that nothing was written."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl import Workbook
from sqlalchemy import Engine, func, inspect, select, text

from sipas.storage.engine import transaction
from sipas.storage.state import data_version

UNITS_2024 = ["Huyện Bác Ái", "Ninh Hải", "H. Ninh Phước", "Ninh Sơn"]
FIELDS = ["Đất đai", "Tư pháp – hộ tịch", "Cấp giấy chứng nhận quyền sử dụng đất", "Xây dựng"]


def xlsx(
    rows: Sequence[Sequence[Any]], merged: Sequence[str] = (), title: str = "Dữ liệu"
) -> bytes:
    """An .xlsx file with `rows` from A1 (None for an empty cell) and merged ranges."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def respondent_rows(
    n: int, seed: int = 0, items: int = 22, units: Sequence[str] = UNITS_2024
) -> tuple[list[str], list[list[Any]], np.ndarray]:
    """A header and n questionnaire rows (answers 0 = blank); returns the answer matrix too."""
    rng = np.random.default_rng(seed)
    answers = rng.integers(0, 6, size=(n, items))
    answers[:, 0] = rng.integers(1, 6, size=n)  # every questionnaire has an answer
    header = ["STT", "Mã phiếu", "Đơn vị", "Lĩnh vực", "Ngày khảo sát", "Giới tính"]
    header += [f"Câu {i}" for i in range(1, items + 1)]
    rows = []
    for i in range(n):
        day = dt.date(2024, 9, 1) + dt.timedelta(days=i % 30)
        row: list[Any] = [i + 1, f"P{i:05d}", units[i % len(units)], FIELDS[i % len(FIELDS)]]
        row += [day, "Nam" if i % 2 else "Nữ"]
        row += [int(a) if a else None for a in answers[i]]
        rows.append(row)
    return header, rows, answers


def convert(content: bytes, suffix: str, target: str) -> bytes:
    """The file converted by LibreOffice (`soffice --headless --convert-to target`)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"source{suffix}"
        source.write_bytes(content)
        profile = Path(folder) / "profile"
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(folder) / f"source.{target.split(':')[0]}").read_bytes()


def database_state(engine: Engine) -> dict[str, Any]:
    """Row counts of every table and the data version: equal before and after means nothing
    was written."""
    tables = sorted(inspect(engine).get_table_names())
    with transaction(engine) as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(text(name))) for name in tables
        }
        counts["data_version"] = data_version(session)
    return counts
