"""Hostile files through the whole import (page pipeline and CLI) on real databases: each is
refused with a Vietnamese message, nothing is written, and the process lives on."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.setup.demo_units import sync_demo_units
from sipas.storage.engine import make_engine, transaction
from tests.storage.test_cli import ROOT, sipas
from tests.support import hostile
from tests.support.workbooks import database_state, respondent_rows

TOO_LARGE = "Tệp khai báo bảng tính quá lớn"
NOT_A_SHEET = "không phải tệp bảng tính"


def refused(engine: Engine, content: bytes, name: str) -> str:
    before = database_state(engine)
    with pytest.raises(IngestError) as error, transaction(engine) as session:
        prepare(session, ImportRequest(content, name, "2024"))
    assert database_state(engine) == before
    return str(error.value)


@pytest.mark.parametrize("build", [hostile.far_cell, hostile.sparse])
def test_declared_giants_are_refused_and_nothing_is_written(engine: Engine, build: object) -> None:
    assert callable(build)
    assert TOO_LARGE in refused(engine, build(), "khao_sat_2024.xlsx")


@pytest.mark.parametrize("kind", sorted(hostile.disguised()))
@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_renamed_files_are_refused_by_what_they_are(engine: Engine, kind: str, suffix: str) -> None:
    message = refused(engine, hostile.disguised()[kind], f"phieu{suffix}")
    assert NOT_A_SHEET in message and f"phieu{suffix}" in message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32"])
def test_wide_csv_encodings_with_or_without_mark_are_read(engine: Engine, codec: str) -> None:
    header, rows, _ = respondent_rows(12, 5)
    text = "\n".join(";".join("" if v is None else str(v) for v in r) for r in [header, *rows])
    with transaction(engine) as session:
        got = prepare(session, ImportRequest(text.encode(codec), "phieu.csv", "2024"))
    assert (got.rows_total, got.rows_accepted) == (12, 12)
    assert got.sheet.cells[1][2] == rows[0][2]  # "Huyện Bác Ái", with its diacritics
    marked = codec == "utf-32" or text.encode(codec).startswith(codecs.BOM_UTF32_LE)
    assert any("không có dấu BOM" in note for note in got.notes) != marked


def test_a_45_mb_csv_field_is_an_error_naming_its_row(engine: Engine) -> None:
    content = b'\xc4\x90\xc6\xa1n v\xe1\xbb\x8b;C\xc3\xa2u 1\nNinh H\xe1\xba\xa3i;4\n"' + b"x" * (
        45 * 1024 * 1024
    )
    message = refused(engine, content, "phieu.csv")
    assert "dòng 3" in message and "131.072 ký tự" in message


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
        return database_state(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("xa_2024.xlsx", hostile.far_cell(), TOO_LARGE),
        ("thua_2024.xlsx", hostile.sparse(), TOO_LARGE),
        ("trang_web_2024.xlsx", hostile.disguised()["html"], NOT_A_SHEET),
    ],
)
def test_the_cli_refuses_with_exit_code_one_not_an_abort(
    database: str, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = state(database)
    result = sipas(database, "import", str(path))
    assert result.returncode == 1, result.stderr  # an abort was 134
    assert message in result.stderr and "Traceback" not in result.stderr
    assert state(database) == before


def test_the_cli_survives_a_read_that_kills_its_child(database: str, tmp_path: Path) -> None:
    path = tmp_path / "xa_2024.xlsx"
    path.write_bytes(hostile.far_cell())
    loose = {"SIPAS_IMPORT_MAX_COLUMNS": "20000", "SIPAS_IMPORT_MAX_CELLS": "1e12"}
    env = {**os.environ, "SIPAS_DATABASE_URL": database, **loose}
    result = subprocess.run(
        [sys.executable, "-m", "sipas", "import", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert f"{TOO_LARGE} hoặc bị hỏng" in result.stderr
