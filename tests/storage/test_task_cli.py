"""`python -m sipas tasks` against a real SQLite file: the list as CSV with its filters, a
wrong status refused, and the annex exported and imported by an account."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from sipas.core.permissions import STAFF, User
from sipas.storage.engine import make_engine, transaction
from sipas.storage.tasks import TaskSpec, list_tasks
from sipas.tasks.workflow import complete_task, create_task
from tests.support.demo import initialise_with_demo_units

ROOT = Path(__file__).resolve().parents[2]
STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)


def sipas(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIPAS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "sipas", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def database(tmp_path: Path, name: str) -> str:
    url = f"sqlite:///{tmp_path / name}"
    engine = make_engine(url)
    initialise_with_demo_units(engine)
    engine.dispose()
    return url


def test_tasks_list_export_and_import(tmp_path: Path) -> None:
    url = database(tmp_path, "a.db")
    engine = make_engine(url)
    with transaction(engine) as session:
        late = create_task(
            session, TaskSpec("Hồ sơ trả chậm", "bac-ai", dt.date(2020, 1, 31)), STAFF_USER
        )
        future = create_task(
            session,
            TaskSpec(
                "Thái độ chưa tốt", "ninh-son", dt.date(2099, 12, 31), supporting_units=("bac-ai",)
            ),
            STAFF_USER,
        )
        done = create_task(
            session, TaskSpec("Chưa có hòm thư", "ninh-hai", dt.date(2021, 6, 30)), STAFF_USER
        )
        complete_task(session, done.id, STAFF_USER, 1, "Đã lắp")
    engine.dispose()

    listed = sipas(url, "tasks", "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    frame = pd.read_csv(io.StringIO(listed.stdout))
    assert frame["id"].tolist() == [late.id, future.id, done.id]  # overdue, open, closed
    assert frame["status"].tolist() == ["overdue", "new", "done"]
    assert frame.loc[1, "supporting_units"] == "bac-ai"
    by_unit = pd.read_csv(io.StringIO(sipas(url, "tasks", "list", "--unit", "bac-ai").stdout))
    assert by_unit["id"].tolist() == [late.id, future.id]  # leading or supporting
    overdue = pd.read_csv(io.StringIO(sipas(url, "tasks", "list", "--status", "overdue").stdout))
    assert overdue["id"].tolist() == [late.id]
    wrong = sipas(url, "tasks", "list", "--status", "late")
    assert wrong.returncode == 1 and "Trạng thái 'late' không hợp lệ" in wrong.stderr

    annex = tmp_path / "phu_luc.xlsx"
    exported = sipas(url, "tasks", "export", str(annex))
    assert exported.returncode == 0 and "Đã ghi 3 nhiệm vụ" in exported.stderr

    other = database(tmp_path, "b.db")
    nobody = sipas(other, "tasks", "import", str(annex), "--user", "canbo")
    assert nobody.returncode == 1 and "Không có tài khoản đang hoạt động 'canbo'" in nobody.stderr
    added = sipas(
        other, "users", "add", "canbo", "--role", "staff", "--password", "Chuyen#Vien2026x"
    )
    assert added.returncode == 0, added.stderr
    dry = sipas(other, "tasks", "import", str(annex), "--user", "canbo", "--dry-run")
    assert dry.returncode == 0 and "3 nhiệm vụ" in dry.stderr
    assert pd.read_csv(io.StringIO(sipas(other, "tasks", "list").stdout)).empty
    imported = sipas(other, "tasks", "import", str(annex), "--user", "canbo")
    assert imported.returncode == 0 and "Đã nhập 3 nhiệm vụ" in imported.stderr
    again = sipas(other, "tasks", "import", str(annex), "--user", "canbo")
    assert again.returncode == 1 and "nhiệm vụ này đã có" in again.stderr
    engine = make_engine(other)
    with transaction(engine) as session:
        stored = list_tasks(session)
    engine.dispose()
    assert sorted((r.spec.finding, r.status, r.created_by) for r in stored) == [
        ("Chưa có hòm thư", "done", "canbo"),
        ("Hồ sơ trả chậm", "new", "canbo"),  # exported as "Quá hạn (Mới giao)"
        ("Thái độ chưa tốt", "new", "canbo"),
    ]
