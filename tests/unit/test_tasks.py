"""Remediation tasks without a database: overdue from the date, the order of the list, the
finding sentence, and the before/after verdict on hand-worked cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sipas.accounts.audit import action_label
from sipas.core.permissions import LEADER, STAFF, User
from sipas.reference.questionnaires import get_method
from sipas.storage.tasks import TaskRecord, TaskSpec
from sipas.targets.status import Shortfall
from sipas.tasks.effect import (
    IMPROVED,
    NO_CLEAR_CHANGE,
    NO_DATA,
    NOT_MEASURED,
    NOT_YET,
    WORSE,
    Change,
    WaveValues,
    change,
    latest_effect,
    summarise,
    task_effect,
    verdict,
)
from sipas.tasks.findings import (
    Snapshot,
    finding_sentence,
    measure_subject,
    shortfall_drafts,
    snapshot,
    versus_average,
    versus_target,
)
from sipas.tasks.workflow import (
    CANCELLED,
    DONE,
    IN_PROGRESS,
    NEW,
    OVERDUE,
    days_overdue,
    may_note,
    ordered,
    shown_status,
    tidy,
)
from tests.support.builders import uniform_counts, wave

MOMENT = dt.datetime(2025, 1, 1)


def task(
    task_id: int = 1,
    deadline: dt.date = dt.date(2025, 6, 30),
    status: str = NEW,
    **spec: object,
) -> TaskRecord:
    base = TaskSpec(finding="Tồn tại", lead_unit_code="bac-ai", deadline=deadline)
    return TaskRecord(
        id=task_id,
        spec=replace(base, **spec),  # type: ignore[arg-type]
        status=status,
        result="",
        closed_at=None,
        source="manual",
        version=1,
        created_at=MOMENT,
        created_by="chuyenvien",
        updated_at=MOMENT,
        updated_by="chuyenvien",
    )


@pytest.mark.parametrize(
    ("status", "today", "shown"),
    [
        (NEW, dt.date(2025, 6, 30), NEW),  # due today is not late yet
        (NEW, dt.date(2025, 7, 1), OVERDUE),
        (IN_PROGRESS, dt.date(2025, 7, 1), OVERDUE),
        (IN_PROGRESS, dt.date(2025, 6, 1), IN_PROGRESS),
        (DONE, dt.date(2026, 1, 1), DONE),  # a closed task is never overdue
        (CANCELLED, dt.date(2026, 1, 1), CANCELLED),
    ],
)
def test_overdue_is_computed_from_the_deadline(status: str, today: dt.date, shown: str) -> None:
    assert shown_status(task(status=status), today) == shown


def test_days_overdue_counts_whole_days_past_the_deadline() -> None:
    assert days_overdue(task(), dt.date(2025, 7, 10)) == 10
    assert days_overdue(task(), dt.date(2025, 6, 30)) == 0
    assert days_overdue(task(status=DONE), dt.date(2025, 7, 10)) == 0


def test_the_list_puts_overdue_first_then_open_by_deadline_then_closed() -> None:
    today = dt.date(2025, 7, 1)
    records = [
        task(1, dt.date(2025, 12, 31)),
        task(2, dt.date(2025, 3, 1), DONE),
        task(3, dt.date(2025, 8, 1), IN_PROGRESS),
        task(4, dt.date(2025, 5, 1)),  # overdue
        task(5, dt.date(2025, 4, 1), CANCELLED),
    ]
    assert [r.id for r in ordered(records, today)] == [4, 3, 1, 5, 2]


def test_a_bound_leader_sees_the_own_units_tasks_first() -> None:
    today = dt.date(2025, 7, 1)
    records = [
        task(1, dt.date(2025, 5, 1)),  # overdue, another unit
        task(2, dt.date(2025, 12, 31), lead_unit_code="ninh-son"),
        task(3, dt.date(2025, 9, 1), supporting_units=("ninh-son",)),
    ]
    assert [r.id for r in ordered(records, today, "ninh-son")] == [3, 2, 1]


def test_leaders_note_only_on_their_own_units_tasks() -> None:
    record = task(lead_unit_code="bac-ai", supporting_units=("ninh-hai",))
    assert may_note(User("a", "A", LEADER, "ninh-hai"), record)
    assert may_note(User("a", "A", LEADER, "bac-ai"), record)
    assert not may_note(User("a", "A", LEADER, "ninh-son"), record)
    assert not may_note(User("a", "A", LEADER), record)
    assert may_note(User("s", "S", STAFF), record)


def test_tidy_drops_the_lead_unit_and_repeats_from_the_supporting_units() -> None:
    spec = TaskSpec(
        finding="  Tồn tại  ",
        lead_unit_code="bac-ai",
        deadline=dt.date(2025, 6, 30),
        supporting_units=("ninh-hai", "bac-ai", " ninh-hai ", ""),
        measure=" ",
    )
    tidied = tidy(spec)
    assert tidied.finding == "Tồn tại"
    assert tidied.supporting_units == ("ninh-hai",)
    assert tidied.measure is None


def test_the_finding_sentence_reads_as_a_directive_writes_it() -> None:
    method = get_method("qd2640")
    subject = measure_subject("TC19", method)
    comparison = versus_average(71.2, 80.6, "trung bình tỉnh")
    sentence = finding_sentence(subject, 71.2, "Bác Ái", comparison, 212)
    assert sentence == (
        "Tiêu chí 19 – Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị "
        "đạt 71,2% tại Bác Ái, thấp hơn trung bình tỉnh 9,4 điểm %; n = 212"
    )


def test_the_finding_sentence_for_a_field_against_its_target() -> None:
    method = get_method("qd2640")
    subject = measure_subject("sipas", method, "Đất đai")
    sentence = finding_sentence(subject, 78.1, "Ninh Sơn", versus_target(78.1, 85, "85%"), 1204)
    assert sentence == (
        "Chỉ số SIPAS (lĩnh vực đất đai) đạt 78,1% tại Ninh Sơn, "
        "thấp hơn mục tiêu 85% 6,9 điểm %; n = 1.204"
    )


def test_a_long_criterion_is_shortened_at_a_word() -> None:
    method = get_method("qd2640")
    long_item = max((i for _, _, i in method.walk()), key=lambda i: len(i.text))
    subject = measure_subject(long_item.code, method)
    assert subject.endswith("…") and len(subject) < len(long_item.text) + 20
    assert versus_average(80.0, 80.04, "trung bình huyện") == "bằng trung bình huyện"


# Hand-worked: before 60% (55–65), after 80% (75–85): each standard error 5/1,96 = 2,551;
# the change 20 ± 1,96·√2·2,551 = 20 ± 7,07 → 12,93 to 27,07: improved.
def test_a_change_beyond_sampling_error_is_improved() -> None:
    moved = change(Snapshot(60, 55, 65, 300), Snapshot(80, 75, 85, 300))
    assert moved is not None
    assert moved.points == pytest.approx(20)
    assert moved.low == pytest.approx(12.929, abs=1e-3)
    assert moved.high == pytest.approx(27.071, abs=1e-3)
    assert verdict(moved) == IMPROVED


# Before 70% (63,3–75,9), after 75% (68,6–80,5): standard errors 3,214 and 3,036; the change
# 5 ± 1,96·4,421 = 5 ± 8,666 contains 0: no clear change, though the value rose 5 points.
def test_a_change_inside_the_interval_is_no_clear_change() -> None:
    moved = change(Snapshot(70, 63.3, 75.9, 200), Snapshot(75, 68.6, 80.5, 200))
    assert moved is not None
    assert moved.low == pytest.approx(-3.666, abs=1e-3)
    assert verdict(moved) == NO_CLEAR_CHANGE


def test_a_fall_beyond_sampling_error_is_worse() -> None:
    assert verdict(Change(-6.0, -9.5, -2.5)) == WORSE
    assert change(Snapshot(60, None, None, None), Snapshot(70, 65, 75, 100)) is None


def test_task_effect_compares_the_findings_wave_with_a_later_one() -> None:
    first, second = wave("2023", wave_id=1), wave("2024", wave_id=2)
    counts = {
        "2023": uniform_counts(first, {("bac-ai", "dat-dai"): (120, 200)}),  # 60%
        "2024": uniform_counts(second, {("bac-ai", "dat-dai"): (170, 200)}),  # 85%
    }
    record = task(measure="TC19", unit_code="bac-ai", wave_code="2023")
    effect = task_effect(record, [first, second], "2024", counts.__getitem__)
    assert effect.verdict == IMPROVED
    assert effect.before is not None and effect.before.value == pytest.approx(60)
    assert effect.after is not None and effect.after.value == pytest.approx(85)
    assert effect.change is not None and effect.change.points == pytest.approx(25)
    assert task_effect(record, [first, second], "2023", counts.__getitem__).verdict == NOT_YET
    other = replace(record, spec=replace(record.spec, unit_code="ninh-son"))
    assert task_effect(other, [first, second], "2024", counts.__getitem__).verdict == NO_DATA
    assert task_effect(task(), [first, second], "2024", counts.__getitem__).verdict == NOT_MEASURED


def test_snapshot_of_one_field_and_of_all_fields() -> None:
    info = wave("2024")
    counts = uniform_counts(info, {("bac-ai", "dat-dai"): (30, 100), ("bac-ai", "y-te"): (90, 100)})
    land = snapshot(counts, "sipas", "bac-ai", "dat-dai")
    everything = snapshot(counts, "sipas", "bac-ai")
    assert land is not None and land.value == pytest.approx(30) and land.n == 100
    assert everything is not None and everything.value == pytest.approx(60)
    assert everything.n == 200
    assert snapshot(counts, "CS1", "bac-ai") is None  # a QĐ 1001 code in a QĐ 2640 wave


def test_the_summary_counts_tasks_due_by_the_wave() -> None:
    later = wave("2025", wave_id=3)
    effects = {
        1: (task(1, measure="TC1", unit_code="a", wave_code="2024"), IMPROVED),
        2: (task(2, measure="TC1", unit_code="a", wave_code="2024"), NO_CLEAR_CHANGE),
        3: (task(3, dt.date(2026, 3, 1), measure="TC1", unit_code="a", wave_code="2024"), WORSE),
        4: (task(4, status=CANCELLED), NOT_MEASURED),
        5: (task(5), NOT_MEASURED),
    }
    from sipas.tasks.effect import Effect

    pairs = [(record, Effect(name)) for record, name in effects.values()]
    summary = summarise(later, pairs)
    assert (summary.due, summary.improved, summary.no_clear_change) == (3, 1, 1)
    assert (summary.worse, summary.not_judged) == (0, 1)


def test_a_task_is_judged_on_the_newest_later_wave_that_surveyed_its_unit() -> None:
    first, second, third = wave("2023", wave_id=1), wave("2024", wave_id=2), wave("2025", wave_id=3)
    counts = {
        "2023": uniform_counts(first, {("bac-ai", "dat-dai"): (120, 200)}),
        "2024": uniform_counts(second, {("bac-ai", "dat-dai"): (118, 200)}),
        "2025": uniform_counts(third, {("xa-bac-ai", "dat-dai"): (190, 200)}),  # after the reform
    }
    record = task(measure="sipas", unit_code="bac-ai", wave_code="2023")
    effect = latest_effect(record, [first, second, third], WaveValues(counts.__getitem__))
    assert (effect.after_wave, effect.verdict) == ("2024", NO_CLEAR_CHANGE)
    newest = task(measure="sipas", unit_code="bac-ai", wave_code="2025")
    assert latest_effect(
        newest, [first, second, third], WaveValues(counts.__getitem__)
    ).verdict == (NOT_YET)


def test_findings_under_their_targets_become_drafts_furthest_below_first() -> None:
    method = get_method("qd2640")
    shortfalls = [
        Shortfall("bac-ai", "Bác Ái", 84.0, 85.0, "85%", 300, "dat-dai", "Đất đai"),
        Shortfall("ninh-son", "Ninh Sơn", 91.0, 90.0, "trên 90%", 200),  # meets its target
        Shortfall("ninh-hai", "Ninh Hải", 70.5, 80.0, "80%", 150, "y-te", "Y tế"),
    ]
    drafts = shortfall_drafts(shortfalls, method, "2024", "sipas")
    assert [(d.unit_code, d.field_code) for d in drafts] == [
        ("ninh-hai", "y-te"),
        ("bac-ai", "dat-dai"),
    ]
    assert drafts[0].finding == (
        "Chỉ số SIPAS (lĩnh vực y tế) đạt 70,5% tại Ninh Hải, thấp hơn mục tiêu 80% 9,5 điểm %; "
        "n = 150"
    )
    assert (drafts[0].measure, drafts[0].wave_code, drafts[0].value, drafts[0].n) == (
        "sipas",
        "2024",
        70.5,
        150,
    )


@pytest.mark.parametrize("action", ["create", "edit", "status", "note"])
def test_every_task_action_has_a_name_in_the_audit_log(action: str) -> None:
    assert action_label(f"task.{action}") != f"task.{action}"
