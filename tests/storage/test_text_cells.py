"""No writer turns a person's text into a formula: the import's marked copy and list of
problems, the Excel report, the directive's annex and the command line's CSV, each written
from data holding `=HYPERLINK(…)`, `+1`, `-2+3` and `@SUM(A1)` and read back with openpyxl."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sipas.core.permissions import STAFF, User
from sipas.dashboard.filterstate import FilterState
from sipas.export.selection import report_data
from sipas.export.workbook import report_workbook
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.ingest.report import annotated_workbook
from sipas.storage.engine import make_engine, transaction
from sipas.storage.targets import TargetSpec
from sipas.storage.tasks import TaskSpec
from sipas.targets.registry import create_target
from sipas.targets.rules import GTE, THRESHOLD
from sipas.tasks.annex import annex_xlsx
from sipas.tasks.workflow import create_task
from tests.storage.test_cli import sipas
from tests.support.demo import demo_copy
from tests.support.reports import report_inputs
from tests.support.workbooks import respondent_rows
from tests.unit.test_text_cells import HOSTILE, assert_kept_as_text

STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)


def hostile_csv() -> bytes:
    """A respondent file whose comments are the hostile texts, and whose rows 2–5 carry one
    as a unit name or an answer too (so they appear in the list of problems)."""
    header, rows, _ = respondent_rows(12, 3)
    header.append("Ý kiến khác")
    for index, row in enumerate(rows):
        row.append(HOSTILE[index % len(HOSTILE)])
    rows[1][2] = HOSTILE[0]  # an unknown unit
    rows[2][6] = HOSTILE[2]  # an answer that is no answer
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def test_the_marked_copy_and_its_list_of_problems_keep_text_as_text(engine: Engine) -> None:
    with transaction(engine) as session:
        ready = prepare(session, ImportRequest(hostile_csv(), "phieu.csv", "2024"))
    values = set(ready.issues["value"].astype(str))
    assert HOSTILE[0] in values and HOSTILE[2] in values  # the problems list holds them
    assert_kept_as_text(annotated_workbook(ready.sheet, ready.header, ready.issues))


def test_the_excel_report_keeps_unit_names_as_text(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    with demo_copy(request, "sqlite", tmp_path) as url:
        inputs = report_inputs(url, FilterState(wave="2024", level="district"))
    codes = list(inputs.labels)
    hostile = {code: HOSTILE[i % len(HOSTILE)] for i, code in enumerate(codes)}
    inputs = dataclasses.replace(inputs, labels=hostile)
    made = dt.datetime(2025, 3, 1, 9, 30)
    content = report_workbook(inputs, report_data(inputs), "=chuyenvien", made)
    assert_kept_as_text(content, [*HOSTILE, "=chuyenvien"])


def test_the_annex_keeps_findings_and_solutions_as_text(engine: Engine) -> None:
    with transaction(engine) as session:
        records = [
            create_task(session, TaskSpec(text, "ninh-son", dt.date(2025, 6, 30), text), STAFF_USER)
            for text in HOSTILE
        ]
    assert_kept_as_text(annex_xlsx(records, {"ninh-son": "@Ninh Sơn"}, dt.date(2025, 3, 1)))


def test_the_command_lines_target_csv_prefixes_a_typed_source(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    with demo_copy(request, "sqlite", tmp_path) as url:
        engine = make_engine(url)
        spec = TargetSpec(THRESHOLD, "sipas", HOSTILE[0], 2024, 2024, 91.0, GTE, unit_code="bac-ai")
        with transaction(engine) as session:
            create_target(session, spec, STAFF_USER)
        engine.dispose()
        result = sipas(url, "targets")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    sources = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert sources == [f"'{HOSTILE[0]}"]
