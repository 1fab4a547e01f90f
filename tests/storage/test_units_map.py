"""A province from the official map: `units load` and `units list` through the real command,
and unit changes refused or audited, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from sipas.reference import admin_map
from sipas.reference.units import UnitListError, UnitRecord
from sipas.setup.bootstrap import initialise
from sipas.setup.demo import load_demo
from sipas.setup.demo_units import sync_demo_units
from sipas.setup.provinces import load_province
from sipas.storage import units as stored
from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.reference import Unit, UnitAlias, UnitSuccessor
from sipas.storage.models.system import AuditEvent
from sipas.storage.waves import list_waves
from tests.storage.test_cli import sipas

DAK_LAK = "vn34-66"


def library_count(query: str, *params: str) -> int:
    """A count straight from the library's SQLite file, independent of admin_map."""
    with sqlite3.connect(admin_map.library_dir() / "dataset.db") as db:
        return int(db.execute(query, params).fetchone()[0])


def test_done_when_dak_lak_lists_its_communes_and_legacy_districts(empty_url: str) -> None:
    assert sipas(empty_url, "init").returncode == 0
    loaded = sipas(empty_url, "units", "load", "--province", "Đắk Lắk")
    assert loaded.returncode == 0, loaded.stderr
    assert "Tỉnh Đắk Lắk" in loaded.stderr
    listed = sipas(
        empty_url, "units", "list", "--level", "commune", "--on", "2025-07-01", "--format", "csv"
    )
    dak_lak = pd.read_csv(io.StringIO(listed.stdout), dtype=str, keep_default_na=False)
    # `init` loads no survey unit: exactly the province's communes and wards, nothing else.
    assert len(dak_lak) == 102 and set(dak_lak["parent_code"]) == {DAK_LAK}
    expected = library_count("SELECT count(*) FROM admin_units WHERE provinceCode = '66'")
    assert len(dak_lak) == expected
    assert dak_lak["official_code"].str.fullmatch(r"\d{5}").all()
    assert "Phường Buôn Ma Thuột" in set(dak_lak["full_name"])

    listed = sipas(empty_url, "units", "list", "--level", "district", "--format", "csv")
    districts = pd.read_csv(io.StringIO(listed.stdout), dtype=str, keep_default_na=False)
    legacy = districts
    assert len(legacy) == 24 and set(legacy["parent_code"]) == {"vn63-66", "vn63-54"}
    assert set(legacy["valid_to"]) == {"2025-06-30"}
    assert (legacy["successors"] != "").all()
    tuy_hoa = legacy.set_index("full_name").loc["Thành phố Tuy Hòa", "successors"]
    # Tuy Hòa city's 12 former communes went into three wards; Phường 9 was split between
    # Phường Bình Kiến and Phường Tuy Hòa and counts once in each.
    weights = [int(part.split(":")[1]) for part in tuy_hoa.split("; ")]
    former = library_count("SELECT count(*) FROM admin_units_legacy WHERE districtCode = '555'")
    assert (len(weights), sum(weights)) == (3, former + 1)


def test_a_second_load_changes_nothing_and_an_upstream_rename_updates(engine: Engine) -> None:
    province, first = load_province(engine, "dak lak", "tester")
    assert first.added > 400 and first.successors > 0
    with transaction(engine) as session:
        counts = _counts(session)
    _, second = load_province(engine, "66", "tester")
    assert (second.added, second.updated, second.successors) == (0, 0, 0)
    with transaction(engine) as session:
        assert _counts(session) == counts
        assert (
            session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == stored.LOAD)
            )
            == 2  # the first load: the province, and the country's provinces national tables rank
        )

    mapped = admin_map.province_map(province)
    renamed = tuple(
        UnitRecord(**{**vars(u), "name": "Tên Mới", "full_name": "Phường Tên Mới"})
        if u.code == "vn34-22015"
        else u
        for u in mapped.units
    )
    with transaction(engine) as session:
        report = stored.load_province_map(
            session,
            admin_map.ProvinceMap(province, renamed, mapped.successors, mapped.agencies),
            "tester",
        )
        assert (report.added, report.updated) == (0, 1)
        assert _counts(session) == counts
        row = session.scalar(select(Unit).where(Unit.code == "vn34-22015"))
        assert row is not None and row.name == "Tên Mới"


def _counts(session: object) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(model))  # type: ignore[attr-defined]
        for model in (Unit, UnitSuccessor, UnitAlias)
    )


def test_unknown_province_names_the_closest(empty_url: str) -> None:
    assert sipas(empty_url, "init").returncode == 0
    result = sipas(empty_url, "units", "load", "--province", "Dak Lac")
    assert result.returncode == 1
    assert "Không có tỉnh, thành phố nào" in result.stderr
    assert "Đắk Lắk" in result.stderr
    # A legacy province loads the province it merged into.
    assert admin_map.find_province("Phú Yên").name == "Đắk Lắk"


def test_standard_agencies_are_loaded_for_the_province(engine: Engine) -> None:
    load_province(engine, "Khánh Hòa", "tester")
    with transaction(engine) as session:
        units = stored.list_units(session, on=dt.date(2025, 7, 1))
    # data/units already holds Khánh Hòa (code khanh-hoa, official code 56): the load adopts it.
    khanh_hoa = units[units["parent_code"] == "khanh-hoa"]
    assert (khanh_hoa["level"] == "commune").sum() == 65
    assert not khanh_hoa["full_name"].duplicated().any()  # the list's units, not copies
    with transaction(engine) as session:
        districts = stored.list_units(session, level="district").set_index("code")
    assert "x-lam-son:2" in districts.loc["ninh-son", "successors"]
    departments = khanh_hoa[khanh_hoa["level"] == "department"]
    assert "Sở Nội vụ tỉnh Khánh Hòa" in set(departments["full_name"])
    # The list's 6 departments are the standard ones under their own codes, never twice.
    assert len(departments) == 13 and not departments["name"].duplicated().any()
    assert {"so-y-te", "so-nn-mt", "so-gd-dt"} <= set(departments["code"])
    agencies = khanh_hoa[khanh_hoa["level"] == "agency"]
    assert {"Công an tỉnh", "Thuế tỉnh"} <= set(agencies["name"])


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (dict(code="vn34-66-so-noi-vu"), "Đã có đơn vị mã"),
        (dict(parent_code="khong-co"), "Không có đơn vị cấp trên"),
        (dict(valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2025, 12, 31)), "trước ngày"),
        (dict(name="Sở Tư pháp"), "đã có đơn vị tên"),
    ],
)
def test_bad_unit_additions_are_refused_and_write_nothing(
    engine: Engine, change: dict[str, object], reason: str
) -> None:
    load_province(engine, "Đắk Lắk", "tester")
    record = UnitRecord(
        code="vn34-66-so-ngoai-vu",
        name="Sở Ngoại vụ",
        full_name="Sở Ngoại vụ tỉnh Đắk Lắk",
        level="department",
        parent_code="vn34-66",
        valid_from=dt.date(2025, 7, 1),
    )
    with transaction(engine) as session:
        before = _counts(session)
    with pytest.raises(stored.UnitChangeError, match=reason), transaction(engine) as session:
        stored.add_unit(session, "tester", UnitRecord(**{**vars(record), **change}))
    with transaction(engine) as session:
        assert _counts(session) == before


def test_add_rename_retire_through_the_command_are_audited(empty_url: str) -> None:
    assert sipas(empty_url, "init").returncode == 0
    assert sipas(empty_url, "units", "load", "--province", "Dak Lak").returncode == 0
    added = sipas(
        empty_url,
        "units",
        "add",
        "vn34-66-so-ngoai-vu",
        "--name",
        "Sở Ngoại vụ",
        "--level",
        "department",
        "--parent",
        "vn34-66",
        "--valid-from",
        "2025-07-01",
    )
    assert added.returncode == 0, added.stderr
    again = sipas(
        empty_url,
        "units",
        "add",
        "vn34-66-so-ngoai-vu",
        "--name",
        "Sở Ngoại vụ",
        "--level",
        "department",
        "--parent",
        "vn34-66",
    )
    assert again.returncode == 1 and "Đã có đơn vị mã" in again.stderr
    renamed = sipas(
        empty_url, "units", "rename", "vn34-66-so-ngoai-vu", "--name", "Sở Ngoại vụ và Hợp tác"
    )
    assert renamed.returncode == 0, renamed.stderr
    bad = sipas(empty_url, "units", "retire", "vn34-66-so-ngoai-vu", "--on", "2025-01-01")
    assert bad.returncode == 1 and "trước ngày bắt đầu" in bad.stderr
    assert (
        sipas(empty_url, "units", "retire", "vn34-66-so-ngoai-vu", "--on", "2026-06-30").returncode
        == 0
    )
    listed = sipas(empty_url, "units", "list", "--level", "department", "--format", "csv")
    rows = pd.read_csv(io.StringIO(listed.stdout), dtype=str, keep_default_na=False)
    row = rows.set_index("code").loc["vn34-66-so-ngoai-vu"]
    assert (row["name"], row["valid_to"]) == ("Sở Ngoại vụ và Hợp tác", "2026-06-30")
    engine = make_engine(empty_url)
    with transaction(engine) as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.outcome).order_by(AuditEvent.id)
        ).all()
        old_name = session.scalar(
            select(func.count()).select_from(UnitAlias).where(UnitAlias.alias == "Sở Ngoại vụ")
        )
    engine.dispose()
    unit_events = [tuple(e) for e in events if e[0].startswith("unit.")]
    assert unit_events == [
        ("unit.load", "ok"),
        ("unit.load", "ok"),  # the country's provinces, which national tables rank
        ("unit.add", "ok"),
        ("unit.add", "failed"),
        ("unit.rename", "ok"),
        ("unit.retire", "failed"),
        ("unit.retire", "ok"),
    ]
    assert old_name  # the old name still matches files that use it


def test_library_files_are_read_from_the_installed_package() -> None:
    folder = admin_map.library_dir()
    assert isinstance(folder, Path) and (folder / "converter_2025.json").is_file()
    assert len(admin_map.provinces()) == 34


def test_rebind_moves_accounts_off_abolished_units_once(empty_url: str) -> None:
    assert sipas(empty_url, "init").returncode == 0
    engine = make_engine(empty_url)
    with transaction(engine) as session:
        sync_demo_units(session)  # Ninh Sơn as the demo lists it, without the map
    engine.dispose()
    added = sipas(
        empty_url,
        "users",
        "add",
        "lanh.dao",
        "--role",
        "leader",
        "--unit",
        "ninh-son",
        "--password",
        "Núi#Bà2025đen",
    )
    assert added.returncode == 0, added.stderr
    assert "Không có tài khoản" in sipas(empty_url, "units", "rebind").stderr  # no map yet
    assert sipas(empty_url, "units", "load", "--province", "Khánh Hòa").returncode == 0
    dry = sipas(empty_url, "units", "rebind", "--dry-run")
    assert dry.stdout.strip() == "lanh.dao: ninh-son → x-ninh-son"
    done = sipas(empty_url, "units", "rebind")
    assert done.returncode == 0 and done.stdout.strip() == "lanh.dao: ninh-son → x-ninh-son"
    assert "Không có tài khoản" in sipas(empty_url, "units", "rebind").stderr
    engine = make_engine(empty_url)
    with transaction(engine) as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.object).where(AuditEvent.action == "account_unit")
        ).all()
    engine.dispose()
    assert [tuple(e) for e in events] == [("account_unit", "lanh.dao")]


def test_the_demo_is_not_loaded_over_a_provinces_own_units(empty_url: str) -> None:
    engine = make_engine(empty_url)
    initialise(engine)
    load_province(engine, "Khánh Hòa", "tester")
    with transaction(engine) as session:
        before = _counts(session)
    refused = "Không nạp dữ liệu minh họa: cơ sở dữ liệu đã có đơn vị của tỉnh"
    with pytest.raises(UnitListError, match=refused), transaction(engine) as session:
        load_demo(session)
    with transaction(engine) as session:
        assert _counts(session) == before and not list_waves(session)
    engine.dispose()
