"""The "Nhiệm vụ khắc phục" page: a task given from a criterion on the criteria page, a note,
closing it; what each role may do – each checked in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from sipas.core.permissions import STAFF, User
from sipas.storage.audit import audit_frame
from sipas.storage.engine import make_engine, transaction
from sipas.storage.tasks import TaskRecord, TaskSpec, list_tasks, task_notes
from sipas.tasks.workflow import DONE, FROM_FINDING, create_task

CRITERIA = "pages/criteria.py"
TASKS = "pages/tasks.py"


def stored(url: str) -> tuple[list[TaskRecord], list[str]]:
    engine = make_engine(url)
    with transaction(engine) as session:
        records = list_tasks(session)
        actions = audit_frame(session)["action"].tolist()
    engine.dispose()
    return records, actions


def given_task(url: str, lead: str) -> TaskRecord:
    engine = make_engine(url)
    spec = TaskSpec(
        finding="Thái độ công chức chưa tốt", lead_unit_code=lead, deadline=dt.date(2026, 3, 31)
    )
    with transaction(engine) as session:
        record = create_task(session, spec, User("chuyenvien", "Chuyên viên", STAFF))
    engine.dispose()
    return record


def test_staff_give_a_task_from_a_criterion_note_progress_and_close_it(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app(CRITERIA, role="staff")
    assert not at.exception
    finding = at.selectbox(key="criteria_task_pick")
    sentence = finding.options[0]
    assert " đạt " in sentence and "thấp hơn bình quân chung" in sentence and "; n = " in sentence
    at.button(key="criteria_task").click().run()
    assert not at.exception
    assert at.title[0].value == "Nhiệm vụ khắc phục sau khảo sát"
    assert at.text_area(key="task_new_finding").value == sentence  # pre-filled
    at.switch_page(TASKS)  # AppTest reruns the page it was told, not the one switched to
    at.text_area(key="task_new_solution").input("Niêm yết công khai hòm thư góp ý")
    at.date_input(key="task_new_deadline").set_value(dt.date(2026, 6, 30))
    at.text_input(key="task_new_aim").input("85")
    at.button(key="task_create").click().run()
    assert not at.exception and not at.error
    records, actions = stored(demo_url)
    assert len(records) == 1
    task = records[0]
    assert task.spec.finding == sentence and task.source == FROM_FINDING
    assert task.spec.measure and task.spec.unit_code == task.spec.lead_unit_code
    assert task.spec.wave_code and task.spec.baseline_value is not None
    assert (task.spec.deadline, task.spec.aim_value) == (dt.date(2026, 6, 30), 85.0)
    assert at.success[0].value == f"Đã giao nhiệm vụ số {task.id}."
    assert "task.create" in actions

    at.text_input(key=f"task_note_{task.id}_text").input("Đã lắp hòm thư tại bộ phận một cửa")
    at.button(key=f"task_note_{task.id}_add").click().run()
    assert not at.exception and not at.error
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        notes = task_notes(session, task.id)
    engine.dispose()
    assert notes["text"].tolist() == ["Đã lắp hòm thư tại bộ phận một cửa"]

    prefix = f"task_status_{task.id}_{task.version}"
    at.button(key=f"{prefix}_complete").click().run()
    assert [e.value for e in at.error] == ["Hãy ghi kết quả thực hiện khi hoàn thành nhiệm vụ."]
    at.text_area(key=f"{prefix}_result").input("Đã bố trí hòm thư, đường dây nóng")
    at.button(key=f"{prefix}_complete").click().run()
    assert not at.exception and not at.error
    records, actions = stored(demo_url)
    assert records[0].status == DONE and records[0].result == "Đã bố trí hòm thư, đường dây nóng"
    assert actions.count("task.status") == 1 and "task.note" in actions
    listed = at.dataframe[0].value
    assert listed.iloc[0]["Số"] == task.id and "Hoàn thành" in listed.iloc[0]["Trạng thái"]


def test_leaders_read_tasks_and_note_only_on_their_own_units(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    own = given_task(demo_url, "ninh-son")  # the demo leader is bound to Ninh Sơn
    other = given_task(demo_url, "bac-ai")
    criteria = app(CRITERIA, role="leader")
    assert not criteria.exception
    assert not [box for box in criteria.selectbox if box.key == "criteria_task_pick"]
    at = app(TASKS, role="leader")
    assert not at.exception
    assert "Chỉ chuyên viên Nội vụ và quản trị viên" in " ".join(i.value for i in at.info)
    listed = at.dataframe[0].value
    assert listed["Số"].tolist()[0] == own.id  # the leader's own unit first
    assert not [b for b in at.button if b.key and b.key.startswith("task_status_")]
    at.text_input(key=f"task_note_{own.id}_text").input("Đã họp giao ban")
    at.button(key=f"task_note_{own.id}_add").click().run()
    assert not at.exception and not at.error
    at.selectbox(key="task_pick").set_value(other.id).run()
    assert not [t for t in at.text_input if t.key == f"task_note_{other.id}_text"]
    records, actions = stored(demo_url)
    assert actions.count("task.note") == 1
    assert [r.id for r in records] == [own.id, other.id]


def test_a_task_typed_by_hand_is_given_and_shown_next_to_the_others(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    first = given_task(demo_url, "bac-ai")
    at = app(TASKS, role="staff")
    at.text_area(key="task_new_finding").input("Thời gian chờ tại bộ phận một cửa còn dài")
    at.button(key="task_create").click().run()
    assert [e.value for e in at.error] == ["Hãy chọn đơn vị chủ trì."]
    at.selectbox(key="task_new_lead").set_value("x-ninh-hai")  # units of today only
    at.text_input(key="task_new_aim").input("chín mươi")
    at.button(key="task_create").click().run()
    assert [e.value for e in at.error] == [
        "Giá trị phấn đấu 'chín mươi' không phải là số phần trăm."
    ]
    at.text_input(key="task_new_aim").input("90,5")
    at.button(key="task_create").click().run()
    assert not at.exception and not at.error
    records, _ = stored(demo_url)
    assert [r.id for r in records] == [first.id, first.id + 1]
    assert (records[1].spec.lead_unit_code, records[1].spec.aim_value) == ("x-ninh-hai", 90.5)
    assert records[1].source == "manual"
    at.run()
    assert at.selectbox(key="task_pick").value == records[1].id  # the new task is shown
