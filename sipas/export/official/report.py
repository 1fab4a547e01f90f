"""The survey report's body, part by part: purpose and legal basis, method, sample (here),
then the results, the weakest criteria and citizens' words, the gaps, tasks and proposals, and
the annexes (their own modules). A wave without data for the scope gives one sentence saying
so instead of empty tables."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_date, format_int
from sipas.core.i18n import t
from sipas.dashboard.overview import coverage_text
from sipas.dashboard.scope import level_name
from sipas.export.official import actions, annexes, findings, results
from sipas.export.official.letterhead import Letterhead
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Block, Body, Heading, Paragraph, Table
from sipas.reference.fields import load_attributes
from sipas.reference.questionnaires import Method, get_method


def scope_text(sources: Sources) -> str:
    """ "các đơn vị cấp huyện", "các đơn vị cấp xã thuộc Khánh Hòa" (the asked level when the
    wave has no data for it)."""
    inputs = sources.inputs
    level = inputs.scope.level if inputs else sources.state.level
    parent = inputs.scope.parent if inputs else sources.state.parent
    text = t("word.report.scope", level=level_name(level, lower=True)) if level else ""
    if not text:
        text = t("word.report.scope_all")
    if parent:
        labels = dict(zip(sources.units["code"], sources.units["name"], strict=True))
        text = t("word.report.scope_parent", scope=text, parent=labels.get(parent, parent))
    return text


def subject(sources: Sources) -> str:
    """The report's subject line under "BÁO CÁO"."""
    return t("word.report.subject", wave=sources.wave.code, scope=scope_text(sources))


def report_body(sources: Sources, head: Letterhead) -> list[Block]:
    """Every block of the report's body, in reading order."""
    body = Body()
    if sources.wave.is_demo:
        body.add(Paragraph(t("word.report.demo"), italic=True))
    body.add(
        Paragraph(
            t(
                "word.report.opening",
                issuer=head.ten_co_quan,
                scope=scope_text(sources),
                wave=sources.wave.code,
            )
        )
    )
    _purpose(body, sources)
    _method(body, sources)
    if sources.inputs is None or sources.report is None:
        body.add(Heading(t("word.report.part_sample")))
        body.add(
            Paragraph(t("word.report.no_data", wave=sources.wave.code, scope=scope_text(sources)))
        )
        return body.blocks
    _sample(body, sources)
    results.add_results(body, sources)
    findings.add_findings(body, sources)
    actions.add_actions(body, sources)
    annexes.add_annexes(body, sources)
    return body.blocks


def _method_of(sources: Sources) -> Method:
    """The wave's questionnaire (also when the wave has no data for the scope)."""
    return sources.inputs.scope.method if sources.inputs else get_method(sources.wave.method_code)


def _purpose(body: Body, sources: Sources) -> None:
    body.add(Heading(t("word.report.part_purpose")))
    body.add(Heading(t("word.report.purpose_heading"), 2))
    body.add(Paragraph(t("word.report.purpose")))
    body.add(Heading(t("word.report.basis_heading"), 2))
    body.add(Paragraph(t("word.report.basis_method", method=_method_of(sources).name)))
    for source in actions.target_sources(sources):
        body.add(Paragraph(t("word.report.basis_plan", source=source)))
    if not actions.target_sources(sources):
        body.add(Paragraph(t("word.report.basis_no_plan")))


def _method(body: Body, sources: Sources) -> None:
    body.add(Heading(t("word.report.part_method")))
    wave = sources.wave
    if wave.period_start and wave.period_end:
        period = t(
            "word.report.period",
            start=format_date(wave.period_start),
            end=format_date(wave.period_end),
        )
    else:
        period = t("word.report.period_year", year=wave.year)
    body.add(Paragraph(t("word.report.wave", wave=wave.code, name=wave.name, period=period)))
    method = _method_of(sources)
    elements = "; ".join(f"({e.number}) {e.name}" for e in method.elements)
    body.add(
        Paragraph(
            t(
                "word.report.questionnaire",
                method=method.short_name,
                items=len(method.items),
                count=len(method.elements),
                elements=elements,
            )
        )
    )
    if len(method.pillars) > 1:
        pillars = "; ".join(p.name for p in method.pillars)
        body.add(Paragraph(t("word.report.pillars", pillars=pillars)))
    body.add(Paragraph(t("word.report.formula")))
    body.add(Paragraph(t("word.report.formula_sipas")))
    body.add(Paragraph(t("word.report.formula_ranking")))


def _sample(body: Body, sources: Sources) -> None:
    assert sources.report is not None
    cards = sources.report.cards
    body.add(Heading(t("word.report.part_sample")))
    body.add(
        Paragraph(
            t(
                "word.report.sample",
                n=format_int(cards.n),
                coverage=coverage_text(cards),
                scope=scope_text(sources),
            )
        )
    )
    table = sample_table(sources, body.next_table())
    if table.rows:
        body.add(table)


def sample_table(sources: Sources, number: int) -> Table:
    """Questionnaires per unit and channel, the unit's total last (the ranking's order)."""
    channels = load_attributes()[s.CHANNEL].value_names()
    assert sources.report is not None
    sample, ranking = sources.sample, sources.report.ranking
    present = [code for code in channels if not sample.empty and code in set(sample[s.CHANNEL])]
    header = (
        t("word.col.stt"),
        t("word.col.unit"),
        *(channels[c] for c in present),
        t("word.col.total"),
    )
    rows = []
    for index, (code, name, n) in enumerate(
        zip(ranking[s.UNIT], ranking[s.LABEL], ranking[s.N], strict=True), start=1
    ):
        own = sample[sample["unit_code"] == code]
        per = dict(zip(own[s.CHANNEL], own[s.N], strict=True))
        rows.append(
            (str(index), str(name), *(format_int(per.get(c, 0)) for c in present), format_int(n))
        )
    widths = (13.0, 55.0, *((80.0 / max(1, len(present)),) * len(present)), 18.0)
    return Table(
        t("word.report.sample_table", number=number),
        header,
        tuple(rows),
        widths,
        numeric=tuple(range(2, len(header))),
    )


def named(frame: pd.DataFrame, column: str, labels: dict[str, str]) -> list[str]:
    """Unit names of a column of unit codes."""
    return [labels.get(code, code) for code in frame[column]]
