"""The report's annexes: every unit's SIPAS, elements and questionnaires (the `indices
--by unit` table), and the full gap table with the probability of holding a rank target and
the source of each target."""

from __future__ import annotations

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_number
from sipas.core.i18n import t
from sipas.export.official.actions import target_sources, without_symbol
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Body, Heading, PageBreak, Paragraph, Table
from sipas.gaps import texts as gaptext

ANNEX_GAP_COLUMNS = (
    "unit",
    "value",
    "n",
    "target",
    "gap",
    "rank",
    "rank_target",
    "probability",
)


WIDE_COLUMNS, WIDE_PT = 9, 9.5  # a method with many groups (QĐ 1001) needs small type


def add_annexes(body: Body, sources: Sources) -> None:
    body.add(PageBreak(), Heading(t("word.annex.elements_title")))
    body.add(element_annex(sources))
    body.add(Heading(t("word.annex.gaps_title")))
    if sources.report is None or sources.report.gaps.empty or sources.inputs is None:
        body.add(Paragraph(t("word.actions.no_targets", year=sources.wave.year)))
        return
    shown = gaptext.gap_display(sources.report.gaps, sources.inputs.labels)
    headers = tuple(t(f"gaps.table.{key}") for key in ANNEX_GAP_COLUMNS)
    rows = tuple(
        tuple(without_symbol(v) for v in values)
        for values in shown[list(headers)].itertuples(index=False)
    )
    plans = "; ".join(target_sources(sources))
    body.add(
        Table(
            "",
            headers,
            rows,
            (32.0, 18.0, 15.0, 15.0, 22.0, 15.0, 26.0, 22.0),
            numeric=(1, 2, 3, 4, 5, 7),
            note=t("word.annex.gaps_note", plans=plans),
        )
    )


def element_annex(sources: Sources) -> Table:
    """STT | Đơn vị | SIPAS | each element | Số phiếu, in the `indices` command's order."""
    assert sources.inputs is not None
    elements = sources.inputs.scope.method.elements
    table = sources.by_unit
    rows = tuple(
        (
            str(index),
            str(row[s.UNIT]),
            format_number(row[s.SIPAS]),
            *(format_number(row.get(e.code)) for e in elements),
            format_int(row[s.N]),
        )
        for index, row in enumerate(table.to_dict("records"), start=1)
    )
    header = (
        t("word.col.stt"),
        t("word.col.unit"),
        t("word.col.sipas"),
        *(t("word.col.element", number=e.number) for e in elements),
        t("word.col.n"),
    )
    share = 100.0 / max(1, len(elements))
    return Table(
        "",
        header,
        rows,
        (12.0, 34.0, 17.0, *((share,) * len(elements)), 14.0),
        numeric=tuple(range(2, len(header))),
        size_pt=WIDE_PT if len(header) > WIDE_COLUMNS else None,
        note=t(
            "word.annex.elements_note",
            elements="; ".join(
                f"{t('word.col.element', number=e.number)}: {e.name}" for e in elements
            ),
        ),
    )
