"""Bộ Nội vụ's national tables: every province on both maps as a unit, a table imported as a
`national` wave (names as people type them, the map of the table's year), the province's rank
X/63 or X/34, its change, its predecessors after a merger and the gap to "top 10"; on SQLite
and PostgreSQL."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sipas.core import schema as s
from sipas.dashboard.national import national_standing, standing_lines
from sipas.ingest.commit import commit_import
from sipas.ingest.errors import IngestError
from sipas.ingest.national import ensure_provinces
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.reference.admin_map import national_map
from sipas.setup.provinces import load_province
from sipas.storage.engine import transaction
from sipas.storage.models.reference import Unit, UnitSuccessor
from sipas.storage.national import national_results
from sipas.storage.reference import units_frame
from sipas.storage.units import successors_frame
from sipas.storage.waves import list_waves
from sipas.targets.registry import load_targets
from tests.storage.test_cli import sipas
from tests.support.workbooks import database_state, xlsx


def plain(text: str) -> str:
    """The name without diacritics, as typed on a keyboard without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def provinces(prefix: str) -> list[tuple[str, str, str]]:
    """(official code, name, full name) of the map's provinces."""
    return [
        (u.official_code or "", u.name, u.full_name)
        for u in national_map().units
        if u.code.startswith(prefix)
    ]


def table(prefix: str, first: dict[str, float]) -> tuple[list[list[object]], dict[str, float]]:
    """A national table of every province of the map: the provinces of `first` (official
    code → value) with their values, the others from 90 down by 0,1; names written every
    way people write them. Returns the rows and each province's value."""
    values: dict[str, float] = {}
    rows: list[list[object]] = [["STT", "Tỉnh, thành phố", "Chỉ số (%)", "Xếp hạng"]]
    value = 90.0
    for number, (code, name, full_name) in enumerate(provinces(prefix), start=1):
        if code in first:
            values[code] = first[code]
        else:
            values[code], value = round(value, 2), value - 0.1
        written = (full_name, name, plain(name), plain(full_name).upper())[number % 4]
        rows.append([number, written, str(values[code]).replace(".", ","), None])
    rows.append([None, "Bình quân cả nước", 85.0, None])
    return rows, values


def rank_of(values: dict[str, float], code: str) -> int:
    return 1 + sum(v > values[code] for v in values.values())


def import_national(engine: Engine, rows: list[list[object]], wave: str) -> None:
    ensure_provinces(engine, "tester")
    request = ImportRequest(
        xlsx(rows), f"{wave}.xlsx", wave, kind=s.AGGREGATE_KIND, survey_type=s.NATIONAL
    )
    with transaction(engine) as session:
        ready = prepare(session, request)
    assert ready.issues.empty, ready.issues
    commit_import(engine, ready, "tester")


def standing(engine: Engine, province: str, year: int):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        results = national_results(session)
        units, links = units_frame(session), successors_frame(session)
        targets = load_targets(session).ranks
    return national_standing(results, units, links, province, year, targets)


def test_every_province_of_both_maps_is_a_unit_and_loading_again_changes_nothing(
    engine: Engine,
) -> None:
    first = ensure_provinces(engine, "tester")
    assert first.added == 97 - 2  # data/units holds Ninh Thuận and Khánh Hòa (2025): adopted
    assert first.successors == 63
    with transaction(engine) as session:
        rows = session.execute(
            select(Unit.code, Unit.official_code, Unit.valid_from, Unit.valid_to).where(
                Unit.level == s.PROVINCE
            )
        ).all()
        linked = session.scalar(
            select(func.count())
            .select_from(UnitSuccessor)
            .join(Unit, Unit.id == UnitSuccessor.unit_id)
            .where(Unit.code == "ninh-thuan")
        )
    legacy = [r for r in rows if r.valid_to is not None]
    new = [r for r in rows if r.valid_to is None]
    assert (len(legacy), len(new)) == (63, 34)
    assert {r.valid_to.isoformat() for r in legacy} == {"2025-06-30"}
    assert {r.valid_from.isoformat() for r in new} == {"2025-07-01"}
    codes = {r.code: r.official_code for r in rows}
    assert codes["ninh-thuan"] == "58" and codes["khanh-hoa"] == "56"
    assert "vn63-58" not in codes and "vn34-56" not in codes  # adopted, not duplicated
    assert codes["vn63-56"] == "56"  # the legacy Khánh Hòa is a unit of its own
    assert linked == 1
    state = database_state(engine)
    again = ensure_provinces(engine, "tester")
    assert (again.added, again.updated, again.successors) == (0, 0, 0)
    assert database_state(engine) == state
    # `units load` of a province, after or before, agrees with it (same successor weights)
    load_province(engine, "Khánh Hòa", "tester")
    state = database_state(engine)
    assert not ensure_provinces(engine, "tester").changed
    assert database_state(engine) == state


def test_a_2024_table_ranks_ninh_thuan_x_of_63_and_stays_out_of_the_province_waves(
    engine: Engine,
) -> None:
    rows, values = table("vn63-", {"58": 87.25, "56": 88.5})
    import_national(engine, rows, "2024-toan-quoc")
    with transaction(engine) as session:
        assert [w.code for w in list_waves(session)] == []
        (wave,) = list_waves(session, national=True)
        results = national_results(session)
    assert (wave.code, wave.year, wave.survey_type) == ("2024-toan-quoc", 2024, s.NATIONAL)
    assert results["unit"].nunique() == 63  # the average row is not a province
    ninh_thuan = standing(engine, "ninh-thuan", 2024)
    assert ninh_thuan.current is not None
    assert (ninh_thuan.current.rank, ninh_thuan.current.of) == (rank_of(values, "58"), 63)
    assert ninh_thuan.current.value == pytest.approx(87.25)
    assert ninh_thuan.gap is None  # NĐ 307/2025's target starts with SIPAS 2025
    line = standing_lines(ninh_thuan)[0]
    assert line.startswith(f"Tỉnh Ninh Thuận xếp thứ {rank_of(values, '58')}/63 cả nước")
    assert "Bộ Nội vụ công bố" in line and "87,25%" in line
    assert "Bình quân cả nước SIPAS 2024: 83,94%" in standing_lines(ninh_thuan)[1]
    # the legacy Khánh Hòa is in the table; the 2025 Khánh Hòa is not
    assert "vn63-56" in set(results["unit"]) and "khanh-hoa" not in set(results["unit"])


def test_a_2025_table_ranks_khanh_hoa_x_of_34_with_its_gap_to_the_top_10(
    engine: Engine,
) -> None:
    rows_2024, values_2024 = table("vn63-", {"58": 84.0, "56": 88.0})
    import_national(engine, rows_2024, "2024-toan-quoc")
    # Khánh Hòa 14th of 34: 13 provinces from 90,0 down to 88,8 above its 88,75; the 10th
    # has 89,10.
    rows, values = table("vn34-", {"56": 88.75})
    import_national(engine, rows, "2025-toan-quoc")
    khanh_hoa = standing(engine, "khanh-hoa", 2025)
    current = khanh_hoa.current
    assert current is not None and (current.rank, current.of) == (14, 34)
    assert rank_of(values, "56") == 14
    assert khanh_hoa.previous is None and khanh_hoa.rank_change is None  # a new province
    # before the merger: its predecessors' ranks, labelled, never its own
    predecessors = {r.unit: (r.rank, r.of, r.predecessor) for r in khanh_hoa.predecessors}
    assert predecessors == {
        "vn63-56": (rank_of(values_2024, "56"), 63, True),
        "ninh-thuan": (rank_of(values_2024, "58"), 63, True),
    }
    assert all(r.predecessor for r in khanh_hoa.history if r.year == 2024)
    gap = khanh_hoa.gap
    tenth = sorted(values.values(), reverse=True)[9]
    assert gap is not None and gap.target.n == 10 and "307/2025" in gap.target.source
    assert (gap.met, gap.places, gap.band) == (False, 4, "next")
    assert gap.points == pytest.approx(tenth - 88.75)
    lines = standing_lines(khanh_hoa)
    assert lines[0].startswith("Tỉnh Khánh Hòa xếp thứ 14/34 cả nước (Bộ Nội vụ công bố, SIPAS")
    assert "Đơn vị tiền thân, không phải cùng một đơn vị" in lines[1]
    assert "Tỉnh Ninh Thuận (trước 01/07/2025) thứ" in lines[1]
    assert "chưa đạt, còn cách 4 bậc" in lines[-1] and "nhóm 11–20" in lines[-1]


def test_an_unknown_province_is_refused_in_vietnamese_and_nothing_is_written(
    engine: Engine,
) -> None:
    rows, _ = table("vn63-", {})
    rows[5][1] = "Tỉnh Hà Tây"  # merged into Hà Nội in 2008
    ensure_provinces(engine, "tester")
    state = database_state(engine)
    request = ImportRequest(
        xlsx(rows), "2024.xlsx", "2024-toan-quoc", kind=s.AGGREGATE_KIND, survey_type=s.NATIONAL
    )
    with transaction(engine) as session:
        ready = prepare(session, request)
    reasons = " ".join(ready.issues["reason"].astype(str)) if len(ready.issues) else ""
    assert "Hà Tây" in reasons and "Không" in reasons, ready.issues
    with pytest.raises(IngestError, match=r"lỗi|không"):
        commit_import(engine, ready, "tester")
    after = database_state(engine)
    assert after.pop("audit_log") == state.pop("audit_log") + 1  # the refusal, recorded
    assert after == state


def test_the_command_line_imports_a_national_table_with_national(
    empty_url: str, tmp_path: Path
) -> None:
    assert sipas(empty_url, "init").returncode == 0
    rows, _ = table("vn34-", {"56": 80.0})
    path = str(tmp_path / "sipas_tinh_2025.xlsx")
    with open(path, "wb") as handle:
        handle.write(xlsx(rows))
    done = sipas(empty_url, "import", path, "--wave", "2025-toan-quoc", "--national")
    assert done.returncode == 0, done.stderr
    wrong = sipas(empty_url, "import", path, "--wave", "2025-toan-quoc", "--kind", "respondents")
    assert wrong.returncode != 0
    rows[3][1] = "Tinh Khong Co"
    with open(path, "wb") as handle:
        handle.write(xlsx(rows))
    refused = sipas(empty_url, "import", path, "--wave", "2025-toan-quoc-b", "--national")
    assert refused.returncode != 0 and "Tinh Khong Co" in refused.stderr
