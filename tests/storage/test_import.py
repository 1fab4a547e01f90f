"""The import pipeline against real databases (SQLite and PostgreSQL): round trips checked
by an independent computation, all-or-nothing commits, duplicates, rollback, replacement,
and two imports at the same time."""

from __future__ import annotations

import datetime as dt
import io
import threading

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from sipas.core import schema as s
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.pipeline import ImportRequest, Prepared, prepare
from sipas.ingest.rollback import rollback
from sipas.ingest.template import respondent_template, units_on
from sipas.method.results import wave_indices
from sipas.reference.questionnaires import get_method
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import transaction
from sipas.storage.imports import ImportHistoryError, import_history
from sipas.storage.models.survey import Wave
from sipas.storage.reference import units_frame
from sipas.storage.waves import list_waves
from tests.support.clock import FakeClock
from tests.support.workbooks import database_state, respondent_rows, xlsx

METHOD = get_method("qd2640")


def prepared(engine: Engine, content: bytes, wave: str = "2024", **options: object) -> Prepared:
    with transaction(engine) as session:
        return prepare(session, ImportRequest(content, f"{wave}.xlsx", wave, **options))  # type: ignore[arg-type]


def imported(engine: Engine, content: bytes, wave: str = "2024", **options: object) -> int:
    return commit_import(engine, prepared(engine, content, wave, **options), "tester").import_id


def sipas_by_unit(engine: Engine, wave: str) -> dict[str, tuple[float, int]]:
    with transaction(engine) as session:
        result = wave_indices(load_wave_counts(session, wave), [s.UNIT])
    return {
        u: (round(v, 9), int(n))
        for u, v, n in zip(result[s.UNIT], result[s.SIPAS], result[s.N], strict=True)
    }


def independent_sipas(units: list[str], answers: np.ndarray) -> dict[str, tuple[float, int]]:
    """SIPAS per unit code from the filled-in answers, with plain pandas (0 = no answer)."""
    wide = pd.DataFrame(answers, columns=list(METHOD.item_codes)).replace(0, np.nan)
    wide["unit"] = units
    long = wide.melt(id_vars="unit", var_name="item", value_name="answer").dropna()
    long["satisfied"] = long["answer"] >= 4
    items = long.groupby(["unit", "item"])["satisfied"].mean().mul(100).reset_index()
    items["element"] = items["item"].map(lambda code: METHOD.element_of(code).code)
    elements = items.groupby(["unit", "element"])["satisfied"].mean()
    sipas = elements.groupby("unit").mean()
    answered = wide[list(METHOD.item_codes)].notna().any(axis=1)
    n = wide[answered].groupby("unit").size()
    return {u: (round(float(sipas[u]), 9), int(n[u])) for u in sipas.index}


def test_template_filled_in_imports_with_the_indices_of_an_independent_computation(
    engine: Engine,
) -> None:
    with transaction(engine) as session:
        units = units_frame(session)
    names = units_on(units, dt.date(2024, 12, 31))
    book = load_workbook(io.BytesIO(respondent_template(METHOD, names)))
    sheet, lists = book["Dữ liệu"], book["DanhMuc"]
    rng = np.random.default_rng(7)
    answers = rng.integers(0, 6, size=(60, len(METHOD.item_codes)))
    answers[:, 3] = rng.integers(1, 6, size=60)
    picked = [names[1 + i % 7] for i in range(60)]  # the 7 districts, from the drop-down list
    for i in range(60):
        row = i + 2
        sheet.cell(row, 1, f"P{i}")
        sheet.cell(row, 2, picked[i])
        sheet.cell(row, 3, lists.cell(2 + i % 8, 2).value)
        sheet.cell(row, 5, dt.date(2024, 10, 1) + dt.timedelta(days=i % 20))
        for j, value in enumerate(answers[i]):
            sheet.cell(row, 10 + j, int(value) if value else None)
    buffer = io.BytesIO()
    book.save(buffer)
    ready = prepared(engine, buffer.getvalue())
    assert ready.issues.empty and ready.rows_accepted == 60
    commit_import(engine, ready, "tester")
    codes = dict(zip(units["full_name"], units["code"], strict=True))
    expected = independent_sipas([codes[name] for name in picked], answers)
    assert_same(sipas_by_unit(engine, "2024"), expected)


def assert_same(
    actual: dict[str, tuple[float, int]], expected: dict[str, tuple[float, int]]
) -> None:
    assert sorted(actual) == sorted(expected)
    for unit, (value, n) in expected.items():
        assert actual[unit][0] == pytest.approx(value, abs=1e-7) and actual[unit][1] == n


def simple_file(n: int = 40, seed: int = 0) -> tuple[bytes, np.ndarray]:
    header, rows, answers = respondent_rows(n, seed)
    return xlsx([header, *rows]), answers


def test_a_file_with_bad_rows_is_refused_whole_unless_valid_rows_are_chosen(engine: Engine) -> None:
    header, rows, _ = respondent_rows(30, 1)
    rows[4][6] = 7  # Câu 1 out of range: a warning, the row stays
    rows[9][2] = "Ninh Phuoc Xyz"
    rows[11][2] = None  # no unit: the row is rejected
    content = xlsx([["BẢNG TỔNG HỢP PHIẾU KHẢO SÁT"], [], header, *rows])
    ready = prepared(engine, content)
    issues = ready.issues.set_index("row")
    assert issues.loc[8, "column"] == "G" and "ngoài thang 1–5" in issues.loc[8, "reason"]
    assert issues.loc[8, "severity"] == "warning"
    assert (
        issues.loc[13, "column"] == "C" and "Có phải: Huyện Ninh Phước" in issues.loc[13, "reason"]
    )
    assert issues.loc[15, "column"] == "C" and issues.loc[15, "severity"] == "error"
    assert (ready.rows_accepted, ready.rows_rejected) == (28, 2)
    before = database_state(engine)
    with pytest.raises(IngestError, match=r"2/30 dòng có lỗi; không có gì được nhập"):
        commit_import(engine, ready, "tester")
    after = database_state(engine)
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # the refusal is recorded
    assert after == before
    result = commit_import(engine, ready, "tester", valid_rows_only=True)
    assert (result.rows_accepted, result.rows_rejected, result.created_wave) == (28, 2, True)
    history = import_history_frame(engine)
    assert history.loc[0, "valid_rows_only"] and history.loc[0, "rows_rejected"] == 2


def test_an_answer_six_is_no_answer_and_the_questionnaire_keeps_its_other_answers(
    engine: Engine,
) -> None:
    header, rows, _ = respondent_rows(40, 5)
    blanked = [list(row) for row in rows]
    for row, column in ((3, 7), (8, 9), (17, 6), (17, 12)):  # Câu 2, Câu 4, Câu 1, Câu 7
        rows[row][column] = 6 if row != 17 else "9"
        blanked[row][column] = None
    rows[22][10] = "Không có ý kiến"  # the common wording: no answer, silently
    blanked[22][10] = None
    ready = prepared(engine, xlsx([header, *rows]), "2024")
    assert (ready.rows_accepted, ready.rows_rejected) == (40, 0)
    warned = ready.issues[ready.issues["severity"] == "warning"]
    assert sorted(warned["row"]) == [5, 10, 19, 19] and list(ready.issues["row"]) == sorted(
        warned["row"]
    )
    commit_import(engine, ready, "tester")
    imported(engine, xlsx([header, *blanked]), "2024-trong", year=2024)
    with_six, blank = sipas_by_unit(engine, "2024"), sipas_by_unit(engine, "2024-trong")
    assert with_six == blank
    assert sum(n for _, n in with_six.values()) == 40


def test_a_row_whose_only_answers_are_out_of_the_scale_is_rejected(engine: Engine) -> None:
    header, rows, _ = respondent_rows(10, 6)
    rows[2][6:] = [6] * (len(header) - 6)
    ready = prepared(engine, xlsx([header, *rows]))
    assert (ready.rows_accepted, ready.rows_rejected) == (9, 1)
    errors = ready.issues[ready.issues["severity"] == "error"]
    assert list(errors["row"]) == [4] and "không có câu trả lời hợp lệ" in errors["reason"].iloc[0]


def import_history_frame(engine: Engine) -> pd.DataFrame:
    with transaction(engine) as session:
        return import_history(session)


def test_an_import_and_its_wave_are_stamped_with_the_app_clock_in_utc(
    engine: Engine, clock: FakeClock
) -> None:
    # The test server runs in Vietnam's time zone, as a server set up in the province would:
    # a time taken from the database there is 7 hours ahead of UTC.
    imported(engine, simple_file()[0])
    with transaction(engine) as session:
        wave_created = session.scalar(select(Wave.created_at).where(Wave.code == "2024"))
    assert import_history_frame(engine).loc[0, "created_at"] == wave_created == clock()


def test_the_same_file_is_not_imported_twice(engine: Engine) -> None:
    content, _ = simple_file()
    imported(engine, content)
    before = database_state(engine)
    again = prepared(engine, content, "2024-lan-2", year=2024)
    assert again.duplicate is not None and again.duplicate.wave_code == "2024"
    with pytest.raises(IngestError, match=r"Tệp này đã được nhập \(lần nhập số 1, đợt 2024"):
        commit_import(engine, again, "tester")
    after = database_state(engine)
    after.pop("audit_log"), before.pop("audit_log")
    assert after == before


def test_rollback_restores_exactly_the_state_before(engine: Engine) -> None:
    first, _ = simple_file(40, 1)
    second, _ = simple_file(25, 2)
    imported(engine, first)
    before = sipas_by_unit(engine, "2024")
    added = imported(engine, second)
    assert sipas_by_unit(engine, "2024") != before
    assert rollback(engine, added, "tester") == "2024"
    assert sipas_by_unit(engine, "2024") == before
    with pytest.raises(ImportHistoryError, match="đã được hoàn tác trước đó"):
        rollback(engine, added, "tester")
    # the rolled-back file may be imported again: rolling back undid it
    imported(engine, second)


def test_rolling_back_the_import_that_created_a_wave_withdraws_the_wave(engine: Engine) -> None:
    content, _ = simple_file()
    with transaction(engine) as session:
        waves_before = [w.code for w in list_waves(session)]
    created = imported(engine, content, "2024-dot-2", year=2024)
    rollback(engine, created, "tester")
    with transaction(engine) as session:
        assert [w.code for w in list_waves(session)] == waves_before
    imported(
        engine, content, "2024-dot-2", year=2024, method_code="qd1001", columns={}
    )  # code free again


def test_replacing_keeps_the_old_version_and_rollback_brings_it_back(engine: Engine) -> None:
    old, _ = simple_file(40, 3)
    new, _ = simple_file(30, 4)
    first = imported(engine, old)
    old_values = sipas_by_unit(engine, "2024")
    second = imported(engine, new, mode="replace")
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2024")
    assert int(wave_indices(counts)[s.N].iloc[0]) == 30
    history = import_history_frame(engine).set_index("id")
    assert history.loc[first, "status"] == "superseded"
    assert history.loc[first, "superseded_by"] == second
    with pytest.raises(ImportHistoryError, match="đã được thay thế"):
        rollback(engine, first, "tester")
    rollback(engine, second, "tester")
    assert sipas_by_unit(engine, "2024") == old_values
    assert import_history_frame(engine).set_index("id").loc[first, "status"] == "active"


def test_a_failed_import_creates_no_wave(engine: Engine) -> None:
    header, rows, _ = respondent_rows(5)
    for row in rows:
        row[2] = "Không có đơn vị này"
    before = database_state(engine)
    ready = prepared(engine, xlsx([header, *rows]), "2024-dot-3", year=2024)
    with pytest.raises(IngestError, match="Không có dòng hợp lệ nào"):
        commit_import(engine, ready, "tester", valid_rows_only=True)
    after = database_state(engine)
    after.pop("audit_log"), before.pop("audit_log")
    assert after == before


def test_two_staff_importing_at_the_same_time_lose_nothing(engine: Engine) -> None:
    files = [simple_file(50, 10)[0], simple_file(70, 11)[0]]
    ready = [prepared(engine, content, "2024-dot-4", year=2024) for content in files]
    results, errors = [], []
    start = threading.Barrier(2)

    def run(item: Prepared) -> None:
        start.wait()
        try:
            results.append(commit_import(engine, item, "tester"))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(item,)) for item in ready]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(r.created_wave for r in results) == [False, True]
    with transaction(engine) as session:
        total = wave_indices(load_wave_counts(session, "2024-dot-4"))[s.N].iloc[0]
    assert total == 120


def test_the_same_file_twice_at_the_same_time_is_stored_once(engine: Engine) -> None:
    content, _ = simple_file(20, 12)
    ready = [prepared(engine, content, "2024-dot-5", year=2024) for _ in range(2)]
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def run(item: Prepared) -> None:
        start.wait()
        try:
            commit_import(engine, item, "tester")
            outcomes.append("ok")
        except IngestError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=run, args=(item,)) for item in ready]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert outcomes.count("ok") == 1
    assert "đã được nhập" in next(o for o in outcomes if o != "ok")
    assert len(import_history_frame(engine)) == 1


def test_a_questionnaire_number_too_long_to_store_is_an_error_on_its_row(engine: Engine) -> None:
    header, rows, _ = respondent_rows(30, 1)
    rows[4][1] = "P" + "0" * 64  # 65 characters: the database keeps 64
    rows[5][1] = "P" + "0" * 63
    ready = prepared(engine, xlsx([header, *rows]))
    issues = ready.issues.set_index("row")
    assert issues.loc[6, "column"] == "B"
    assert issues.loc[6, "reason"] == "Mã phiếu dài quá 64 ký tự."
    assert (ready.rows_accepted, ready.rows_rejected) == (29, 1)
    with pytest.raises(IngestError, match=r"1/30 dòng có lỗi; không có gì được nhập"):
        commit_import(engine, ready, "tester")
    assert commit_import(engine, ready, "tester", valid_rows_only=True).rows_accepted == 29
