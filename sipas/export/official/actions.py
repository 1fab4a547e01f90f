"""Parts VII to IX of the report: the gaps to the targets of the plans in force (the gap
page's table and sentences), the remediation tasks of the scope's units with their status and
whether they worked (the tasks page's texts), and the proposals that follow from both."""

from __future__ import annotations

import pandas as pd

from sipas.core import clock
from sipas.core import schema as s
from sipas.core.formatting import format_date, format_percent
from sipas.core.i18n import t
from sipas.export.official.findings import weakest_per_unit
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Body, Heading, Paragraph, Table
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.targets.status import MEETS, SYMBOLS
from sipas.tasks.effect import summarise, summary_sentence
from sipas.tasks.texts import effect_text
from sipas.tasks.workflow import shown_status, status_label

GAP_COLUMNS = (
    "unit",
    "value",
    "target",
    "gap",
    "people",
    "status",
    "rank",
    "rank_target",
    "rank_points",
)


def without_symbol(value: object) -> str:
    """A cell of the gap page's table without the status symbol Times New Roman lacks."""
    text = str(value)
    for symbol in SYMBOLS.values():
        text = text.replace(f"{symbol} ", "")
    return text


def target_sources(sources: Sources) -> list[str]:
    """The plans whose targets apply to the scope's units (threshold and rank), in order."""
    gaps = sources.report.gaps if sources.report else pd.DataFrame()
    if gaps.empty:
        return []
    found = [*gaps[g.TARGET_SOURCE], *gaps[g.RANK_SOURCE]]
    return list(dict.fromkeys(str(v) for v in found if isinstance(v, str) and v))


def below_target(sources: Sources) -> pd.DataFrame:
    """The gap rows of the units short of a threshold or outside a rank target, largest
    threshold gap first."""
    gaps = sources.report.gaps if sources.report else pd.DataFrame()
    if gaps.empty:
        return gaps
    short = gaps[g.TARGET].notna() & (gaps[g.TARGET_STATUS] != MEETS)
    outside = (
        gaps[g.RANK_TARGET].notna() & gaps[g.RANK].notna() & (gaps[g.RANK] > gaps[g.RANK_TARGET])
    )
    return gaptext.sort_by_gap(gaps[short | outside]).reset_index(drop=True)


def has_targets(sources: Sources) -> bool:
    gaps = sources.report.gaps if sources.report else pd.DataFrame()
    return not gaps.empty and bool((gaps[g.TARGET].notna() | gaps[g.RANK_N].notna()).any())


def add_actions(body: Body, sources: Sources) -> None:
    _gaps(body, sources)
    _tasks(body, sources)
    _proposals(body, sources)


def gap_table(sources: Sources, number: int) -> Table:
    """The gap page's table (SIPAS, the scope's units), largest gap first."""
    assert sources.report is not None and sources.inputs is not None
    shown = gaptext.gap_display(sources.report.gaps, sources.inputs.labels)
    headers = tuple(t(f"gaps.table.{key}") for key in GAP_COLUMNS)
    rows = tuple(
        tuple(without_symbol(v) for v in values)
        for values in shown[list(headers)].itertuples(index=False)
    )
    return Table(
        t("word.actions.gap_table", number=number, wave=sources.wave.code),
        headers,
        rows,
        (24.0, 17.0, 14.0, 20.0, 15.0, 22.0, 13.0, 18.0, 22.0),
        numeric=(1, 2, 3, 4, 6),
    )


def _gaps(body: Body, sources: Sources) -> None:
    assert sources.inputs is not None
    body.add(Heading(t("word.actions.gaps_part")))
    if not has_targets(sources):
        body.add(Paragraph(t("word.actions.no_targets", year=sources.wave.year)))
        return
    below = below_target(sources)
    body.add(
        Paragraph(
            t(
                "word.actions.gaps_intro",
                plans="; ".join(target_sources(sources)),
                below=len(below),
                count=len(sources.report.gaps) if sources.report else 0,
            )
        )
    )
    body.add(gap_table(sources, body.next_table()))
    for row in below.to_dict("records"):
        body.add(Paragraph("– " + gaptext.unit_caption(row, sources.inputs.labels)))


def _tasks(body: Body, sources: Sources) -> None:
    assert sources.inputs is not None
    body.add(Heading(t("word.actions.tasks_part")))
    if not sources.tasks:
        body.add(Paragraph(t("word.actions.no_tasks")))
        return
    names = sources.inputs.labels
    today = clock.today()
    rows = tuple(
        (
            str(index),
            record.spec.finding,
            record.spec.solution or "–",
            names.get(record.spec.lead_unit_code, record.spec.lead_unit_code),
            format_date(record.spec.deadline),
            status_label(shown_status(record, today)),
            effect_text(sources.effects[record.id]),
        )
        for index, record in enumerate(sources.tasks, start=1)
    )
    header = ("stt", "finding", "solution", "lead", "deadline", "task_status", "effect")
    body.add(
        Table(
            t("word.actions.task_table", number=body.next_table()),
            tuple(t(f"word.col.{key}") for key in header),
            rows,
            (12.0, 40.0, 33.0, 22.0, 18.0, 18.0, 24.0),
        )
    )
    summary = summarise(sources.wave, [(r, sources.effects[r.id]) for r in sources.tasks])
    body.add(Paragraph(summary_sentence(summary)))


def _proposals(body: Body, sources: Sources) -> None:
    assert sources.inputs is not None
    body.add(Heading(t("word.actions.proposals_part")))
    names = sources.inputs.labels
    below = below_target(sources)
    if not below.empty:
        weakest = weakest_per_unit(sources)
        for code in below[g.UNIT_CODE]:
            found = weakest.get(code)
            item = found.iloc[0][s.LABEL] if found is not None and not found.empty else "–"
            body.add(
                Paragraph(t("word.actions.propose_unit", unit=names.get(code, code), item=item))
            )
    elements = _weakest_element(sources)
    if elements:
        body.add(Paragraph(elements))
    body.add(Paragraph(t("word.actions.propose_follow_up")))
    body.add(Paragraph(t("word.actions.propose_publish")))


def _weakest_element(sources: Sources) -> str:
    assert sources.inputs is not None
    row = sources.pooled.iloc[0]
    raw = {e.name: row.get(e.code) for e in sources.inputs.scope.method.elements}
    values = {name: float(v) for name, v in raw.items() if v is not None and not pd.isna(v)}
    if not values:
        return ""
    name = min(values, key=lambda key: values[key])
    return t("word.actions.propose_element", element=name, value=format_percent(values[name]))
