"""The target registry on SQLite and PostgreSQL: seeding, validation, permission, history,
audit log, data version, retirement and concurrent edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select

from sipas.core.permissions import ADMIN, LEADER, STAFF, User
from sipas.reference.questionnaires import get_method
from sipas.setup.bootstrap import initialise
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction
from sipas.storage.models.base import Base
from sipas.storage.models.targets import TargetChange, TargetRow
from sipas.storage.state import data_version
from sipas.storage.targets import TargetSpec, list_targets, target_history
from sipas.storage.waves import create_wave
from sipas.targets.registry import (
    TargetError,
    create_target,
    edit_target,
    load_targets,
    restore_target,
    retire_target,
    seed_targets,
)
from sipas.targets.rules import GT, RANK_GAIN, RANK_TOP, THRESHOLD, applicable_threshold
from sipas.targets.seeds import load_seeds

STAFF_USER = User("chuyenvien", "Chuyên viên", STAFF)
LEADER_USER = User("lanhdao", "Lãnh đạo", LEADER)
NATIONAL = [seed for seed in load_seeds() if not seed.example]
PLAN = TargetSpec(
    kind=THRESHOLD,
    measure="sipas",
    source="Kế hoạch 12/KH-UBND ngày 10/01/2024 của UBND huyện Bác Ái",
    first_year=2024,
    last_year=2024,
    value=85.0,
    comparison=GT,
    unit_code="bac-ai",
)


def counts(engine: Engine) -> tuple[int, int, int, int]:
    """Targets, history rows, audit entries and the data version."""
    with transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(TargetRow)) or 0,
            session.scalar(select(func.count()).select_from(TargetChange)) or 0,
            len(audit_frame(session)),
            data_version(session),
        )


def test_the_tables_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    mine = [d for d in diff if "target" in str(d)]
    assert mine == []


def test_init_seeds_the_national_defaults_once(engine: Engine) -> None:
    with transaction(engine) as session:
        records = list_targets(session)
        history = target_history(session)
    assert len(records) == len(NATIONAL) == 14  # 13 thresholds and NĐ 307's top 10
    assert {r.seed_key for r in records} == {seed.key for seed in NATIONAL}
    assert set(history["action"]) == {"seeded"} and set(history["actor"]) == {"system"}
    before = counts(engine)
    initialise(engine)  # a second init adds nothing and leaves the data version alone
    assert counts(engine) == before
    with transaction(engine) as session:
        assert seed_targets(session, examples=True) == 9  # KH 95 Ninh Sơn and the demo gains
        assert seed_targets(session, examples=True) == 0


def test_seeding_never_overwrites_or_brings_back_what_staff_changed(engine: Engine) -> None:
    with transaction(engine) as session:
        first = list_targets(session)[0]
        edited = edit_target(
            session,
            first.id,
            replace(first.spec, value=91.0),
            STAFF_USER,
            first.version,
            "Đính chính",
        )
        second = list_targets(session)[1]
        retire_target(
            session,
            second.id,
            STAFF_USER,
            second.version,
            dt.date(2022, 1, 1),
            "Thay bằng kế hoạch tỉnh",
        )
    initialise(engine)
    with transaction(engine) as session:
        records = {r.id: r for r in list_targets(session)}
    assert len(records) == 14
    assert records[first.id].spec.value == 91.0 and records[first.id].version == edited.version
    assert records[second.id].retired_from == dt.date(2022, 1, 1)


def test_adding_a_target_writes_history_audit_and_version_together(engine: Engine) -> None:
    targets, changes, audit, version = counts(engine)
    with transaction(engine) as session:
        record = create_target(session, PLAN, STAFF_USER)
    assert counts(engine) == (targets + 1, changes + 1, audit + 1, version + 1)
    with transaction(engine) as session:
        history = target_history(session, record.id)
        log = audit_frame(session)
        registry = load_targets(session)
    assert history.loc[0, "action"] == "created" and history.loc[0, "actor"] == "chuyenvien"
    assert history.loc[0, "changes"]["value"] == [None, 85.0]
    assert (log.loc[0, "actor"], log.loc[0, "action"]) == ("chuyenvien", "target.create")
    assert log.loc[0, "object"] == f"target:{record.id}"
    applied = applicable_threshold(
        registry.thresholds, year=2024, unit="bac-ai", level="district", parent="ninh-thuan"
    )
    assert applied is not None and applied.target.id == record.id and applied.comparison == GT


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "  "}, "Hãy ghi nguồn"),
        ({"value": None}, "lớn hơn 0 và không quá 100"),
        ({"value": 100.0}, "“trên 100%” không thể đạt được"),
        ({"unit_code": "khong-co"}, "Không có đơn vị mã 'khong-co'"),
        ({"level": "commune"}, "Bác Ái thuộc Cấp huyện, không thuộc Cấp xã"),
        ({"parent_code": "khanh-hoa"}, "Bác Ái không trực thuộc Khánh Hòa"),
        ({"first_year": 2025, "last_year": 2024}, "Năm bắt đầu phải trước"),
        ({"measure": "TC99"}, "Thước đo 'TC99'"),
        ({"field_code": "xyz"}, "Không có lĩnh vực mã 'xyz'"),
        ({"first_wave": "2024"}, "Hãy chọn cả đợt bắt đầu và đợt kết thúc"),
    ],
)
def test_invalid_targets_are_refused_with_a_message_and_nothing_is_written(
    engine: Engine, change: dict[str, object], message: str
) -> None:
    before = counts(engine)
    with pytest.raises(TargetError) as refused, transaction(engine) as session:
        create_target(session, replace(PLAN, **change), STAFF_USER)  # type: ignore[arg-type]
    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert counts(engine) == before


def test_rank_targets_are_checked_against_the_units_they_rank(engine: Engine) -> None:
    top = replace(
        PLAN,
        kind=RANK_TOP,
        value=None,
        comparison=None,
        rank_n=7,
        level="district",
        parent_code="ninh-thuan",
    )
    with pytest.raises(TargetError, match="Nhóm 7 dẫn đầu gồm cả 7/7"), transaction(engine) as s:
        create_target(s, top, STAFF_USER)
    with pytest.raises(TargetError, match="phải nêu cấp đơn vị"), transaction(engine) as s:
        create_target(s, replace(top, level=None, parent_code=None), STAFF_USER)
    with transaction(engine) as session:
        record = create_target(session, replace(top, rank_n=3), STAFF_USER)
        gain = replace(top, kind=RANK_GAIN, rank_n=1)
        with pytest.raises(TargetError, match=f"Đã có mục tiêu số {record.id}"):
            create_target(session, gain, STAFF_USER)  # same place, same period: ambiguous
    with transaction(engine) as session:
        ranks = load_targets(session).ranks
    assert [(r.kind, r.n, r.unit, r.parent) for r in ranks] == [
        (RANK_TOP, 10, None, None),  # the default: NĐ 307/2025's top 10 provinces
        (RANK_TOP, 3, "bac-ai", "ninh-thuan"),
    ]


def test_only_staff_and_administrators_change_targets(engine: Engine) -> None:
    before = counts(engine)
    with pytest.raises(TargetError, match="Chỉ chuyên viên"), transaction(engine) as session:
        create_target(session, PLAN, LEADER_USER)
    with transaction(engine) as session:
        first = list_targets(session)[0]
    with pytest.raises(TargetError, match="Chỉ chuyên viên"), transaction(engine) as session:
        retire_target(session, first.id, LEADER_USER, first.version, dt.date.today(), "x")
    assert counts(engine) == before
    with transaction(engine) as session:
        create_target(session, PLAN, User("admin", "Quản trị", ADMIN))
    assert counts(engine)[0] == before[0] + 1


def test_an_edit_based_on_an_old_version_is_refused(engine: Engine) -> None:
    with transaction(engine) as session:
        record = create_target(session, PLAN, STAFF_USER)
        edit_target(session, record.id, replace(PLAN, value=86.0), STAFF_USER, record.version)
    before = counts(engine)
    with (
        pytest.raises(TargetError, match="vừa được chuyenvien thay đổi"),
        transaction(engine) as session,
    ):
        edit_target(session, record.id, replace(PLAN, value=87.0), STAFF_USER, record.version)
    assert counts(engine) == before


def test_edits_are_recorded_attribute_by_attribute(engine: Engine) -> None:
    with transaction(engine) as session:
        record = create_target(session, PLAN, STAFF_USER)
        edited = edit_target(
            session,
            record.id,
            replace(PLAN, value=86.5, note="Đính chính"),
            STAFF_USER,
            record.version,
            "Nhập sai giá trị",
        )
        unchanged = edit_target(
            session,
            record.id,
            replace(PLAN, value=86.5, note="Đính chính"),
            STAFF_USER,
            edited.version,
        )
        history = target_history(session, record.id)
    assert edited.version == record.version + 1 == unchanged.version
    assert history["action"].tolist() == ["edited", "created"]
    assert history.loc[0, "changes"] == {"value": [85.0, 86.5], "note": ["", "Đính chính"]}
    assert history.loc[0, "reason"] == "Nhập sai giá trị"


def test_a_retired_target_keeps_the_waves_surveyed_before_and_can_be_restored(
    engine: Engine,
) -> None:
    with transaction(engine) as session:
        record = create_target(session, replace(PLAN, first_year=2024, last_year=2025), STAFF_USER)
        with pytest.raises(TargetError, match="Hãy ghi lý do"):
            retire_target(session, record.id, STAFF_USER, record.version, dt.date(2025, 3, 1), " ")
        retired = retire_target(
            session,
            record.id,
            STAFF_USER,
            record.version,
            dt.date(2025, 3, 1),
            "Kế hoạch mới thay thế",
        )
        with pytest.raises(TargetError, match="hãy khôi phục trước khi sửa"):
            edit_target(session, record.id, PLAN, STAFF_USER, retired.version)
        thresholds = load_targets(session).thresholds
    where = {"unit": "bac-ai", "level": "district", "parent": "ninh-thuan"}
    old = applicable_threshold(thresholds, year=2024, on=dt.date(2024, 10, 31), **where)
    new = applicable_threshold(thresholds, year=2025, on=dt.date(2025, 10, 31), **where)
    assert old is not None and old.target.id == record.id
    assert new is not None and new.target.id != record.id  # NQ 76 again
    with transaction(engine) as session:
        restored = restore_target(session, record.id, STAFF_USER, retired.version, "Nhầm")
        history = target_history(session, record.id)
    assert restored.retired_from is None and restored.retired_by is None
    assert history["action"].tolist() == ["restored", "retired", "created"]
    assert history.loc[1, "reason"] == "Kế hoạch mới thay thế"


def test_a_wave_range_is_resolved_to_its_waves(engine: Engine) -> None:
    with transaction(engine) as session:
        for code, end in (("2024-Q1", 3), ("2024-Q2", 6), ("2024-Q3", 9)):
            create_wave(session, code, get_method("qd2640"), period_end=dt.date(2024, end, 28))
        record = create_target(
            session,
            replace(PLAN, first_wave="2024-Q1", last_wave="2024-Q2", first_year=1999),
            STAFF_USER,
        )
        with pytest.raises(TargetError, match="Đợt bắt đầu phải trước"):
            create_target(
                session, replace(PLAN, first_wave="2024-Q3", last_wave="2024-Q1"), STAFF_USER
            )
        thresholds = load_targets(session).thresholds
    assert (record.spec.first_year, record.spec.last_year) == (2024, 2024)
    mine = next(t for t in thresholds if t.id == record.id)
    assert mine.waves == frozenset({"2024-Q1", "2024-Q2"})
