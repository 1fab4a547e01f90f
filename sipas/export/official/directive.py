"""The directive draft (Công văn) from the People's Committee to the units below their
targets: for each unit its finding (the gap page's sentence and its weakest criterion), the
tasks the registry holds for it with their lead unit and deadline, or a request to draw one
up when it has none."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.export.official.actions import below_target, has_targets
from sipas.export.official.findings import weakest_per_unit
from sipas.export.official.letterhead import Letterhead
from sipas.export.official.report import scope_text
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Block, Body, Heading, Paragraph, Table
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.storage.tasks import TaskRecord
from sipas.tasks.texts import unit_list
from sipas.tasks.workflow import CANCELLED, DONE


def subject(sources: Sources) -> str:
    """ "V/v …" under the letter's number."""
    return t("word.directive.subject", wave=sources.wave.code)


def nobody() -> str:
    return t("word.directive.nobody")


def addressed_units(sources: Sources) -> tuple[str, ...]:
    """The addressees: the People's Committee of each district or commune below target, or
    the department itself."""
    below = below_target(sources)
    if below.empty:
        return ()
    units = sources.units.set_index("code")
    names = []
    for code in below[g.UNIT_CODE]:
        full = str(units.at[code, "full_name"]) if code in units.index else str(code)
        level = str(units.at[code, "level"]) if code in units.index else ""
        names.append(_addressee(full, level))
    return tuple(names)


def _addressee(full_name: str, level: str) -> str:
    if level == s.DEPARTMENT or not full_name:
        return full_name
    return t("word.directive.committee_of", name=full_name[0].lower() + full_name[1:])


def open_tasks(sources: Sources, unit: str) -> list[TaskRecord]:
    """The registry's tasks measured on `unit` or led by it, neither done nor cancelled."""
    return [
        record
        for record in sources.tasks
        if record.status not in (DONE, CANCELLED)
        and unit in (record.spec.unit_code, record.spec.lead_unit_code)
    ]


def directive_body(sources: Sources, head: Letterhead) -> list[Block]:
    """The letter's body: the reason, one section per unit below target, the task table and
    the closing instructions."""
    body = Body()
    if sources.wave.is_demo:
        body.add(Paragraph(t("word.report.demo"), italic=True))
    body.add(
        Paragraph(
            t(
                "word.directive.opening",
                issuer=head.ten_co_quan,
                symbol=head.ky_hieu_bao_cao,
                wave=sources.wave.code,
                scope=scope_text(sources),
            )
        )
    )
    if sources.report is None:
        body.add(
            Paragraph(t("word.report.no_data", wave=sources.wave.code, scope=scope_text(sources)))
        )
        return body.blocks
    if not has_targets(sources):
        body.add(Paragraph(t("word.actions.no_targets", year=sources.wave.year)))
        return body.blocks
    below = below_target(sources)
    if below.empty:
        body.add(Paragraph(t("word.directive.all_meet", scope=scope_text(sources))))
        return body.blocks
    _units(body, sources, below)
    body.add(task_table(sources, below, body.next_table()))
    body.add(Paragraph(t("word.directive.report_back")))
    body.add(Paragraph(t("word.directive.home_affairs")))
    body.add(Paragraph(t("word.directive.closing")))
    return body.blocks


def _units(body: Body, sources: Sources, below: pd.DataFrame) -> None:
    assert sources.inputs is not None
    labels = sources.inputs.labels
    weakest = weakest_per_unit(sources)
    for number, row in enumerate(below.to_dict("records"), start=1):
        code = str(row[g.UNIT_CODE])
        body.add(Heading(f"{number}. {labels.get(code, code)}", 2))
        body.add(Paragraph(gaptext.unit_caption(row, labels), lead=t("word.directive.finding")))
        found = weakest.get(code)
        if found is not None and not found.empty:
            items = "; ".join(str(label) for label in found[s.LABEL]) + "."
            body.add(Paragraph(items, lead=t("word.directive.weakest")))
        tasks = open_tasks(sources, code)
        for record in tasks:
            body.add(Paragraph(_task_sentence(record, labels), lead=t("word.directive.task")))
        if not tasks:
            body.add(Paragraph(t("word.directive.no_task"), lead=t("word.directive.task")))


def _task_sentence(record: TaskRecord, labels: dict[str, str]) -> str:
    spec = record.spec
    supporting = unit_list(spec.supporting_units, labels)
    return t(
        "word.directive.task_sentence",
        solution=spec.solution or spec.finding,
        lead=labels.get(spec.lead_unit_code, spec.lead_unit_code),
        supporting=supporting or t("word.directive.no_supporting"),
        deadline=format_date(spec.deadline),
    )


def task_table(sources: Sources, below: pd.DataFrame, number: int) -> Table:
    """STT | Đơn vị | Tồn tại, hạn chế | Nhiệm vụ | Chủ trì | Thời hạn: one row per task,
    or per unit without one."""
    assert sources.inputs is not None
    labels = sources.inputs.labels
    rows: list[tuple[str, ...]] = []
    for row in below.to_dict("records"):
        code = str(row[g.UNIT_CODE])
        tasks = open_tasks(sources, code)
        if not tasks:
            rows.append(
                (
                    labels.get(code, code),
                    gaptext.gap_cell(row),
                    t("word.directive.to_assign"),
                    labels.get(code, code),
                    "–",
                )
            )
        for record in tasks:
            spec = record.spec
            lead = labels.get(spec.lead_unit_code, spec.lead_unit_code)
            rows.append(
                (
                    labels.get(code, code),
                    spec.finding,
                    spec.solution or "–",
                    lead,
                    format_date(spec.deadline),
                )
            )
    numbered = tuple((str(index), *values) for index, values in enumerate(rows, start=1))
    header = ("stt", "unit", "finding", "solution", "lead", "deadline")
    return Table(
        t("word.directive.table", number=number),
        tuple(t(f"word.col.{key}") for key in header),
        numbered,
        (12.0, 26.0, 50.0, 37.0, 24.0, 18.0),
    )
