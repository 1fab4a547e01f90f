"""Part IV of the report, the results: the scope's SIPAS, pillars and elements; the ranking
with its ties and the change in rank; the fields against their own targets; the change since
the previous wave – tables from sipas.export.selection's numbers, charts as the overview and
the fields page draw them, at print resolution."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_interval, format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard import field_results, standings
from sipas.dashboard.captions import source_text
from sipas.dashboard.scope import level_name
from sipas.export import charts as chart_files
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Body, Figure, Heading, Paragraph, Table
from sipas.present import charts
from sipas.present.plots.fields import field_summary_chart

PRINT_DPI = 300
CHART_CSS_WIDTH = 640  # type as large on paper as on the screen's text column
CHART_MM = 165.0
RANKING_CHART_UNITS = 30  # a longer ranking's chart shows its first 30 (the table has all)


def chart_png(spec: dict[str, Any]) -> bytes:
    """A chart as a PNG of at least PRINT_DPI at the text's width."""
    scale = PRINT_DPI * CHART_MM / 25.4 / CHART_CSS_WIDTH
    return chart_files.to_png(spec, width=CHART_CSS_WIDTH, scale=scale)


def status_words(status: object) -> str:
    """A status in words, without its symbol (Times New Roman has no ✔ ▲ ✖)."""
    return t(f"status.{status}") if isinstance(status, str) and status else t("status.none")


def add_results(body: Body, sources: Sources) -> None:
    assert sources.report is not None and sources.inputs is not None
    body.add(Heading(t("word.results.part")))
    _overall(body, sources)
    _ranking(body, sources)
    _fields(body, sources)
    _change(body, sources)


def _overall(body: Body, sources: Sources) -> None:
    assert sources.report is not None and sources.inputs is not None
    cards = sources.report.cards
    body.add(Heading(t("word.results.overall_heading"), 2))
    body.add(
        Paragraph(
            t(
                "word.results.overall",
                value=format_percent(cards.value),
                interval=format_interval(cards.low, cards.high),
                n=format_int(cards.n),
                meeting=cards.meeting,
                judged=cards.judged,
            )
        )
    )
    body.add(element_table(sources, body.next_table()))


def element_table(sources: Sources, number: int) -> Table:
    """The scope's pillars (when several) and elements, pooled over its units (the `indices`
    command's columns)."""
    assert sources.inputs is not None
    method = sources.inputs.scope.method
    row = sources.pooled.iloc[0]
    rows: list[tuple[str, ...]] = [(t("word.results.sipas_row"), format_percent(row[s.SIPAS]))]
    bold = [0]
    for pillar in method.pillars:
        if len(method.pillars) > 1:
            bold.append(len(rows))
            rows.append((pillar.name, format_percent(row.get(pillar.code))))
        rows += [
            (f"{e.number}. {e.name}", format_percent(row.get(e.code))) for e in pillar.elements
        ]
    return Table(
        t("word.results.element_table", number=number),
        (t("word.col.content"), t("word.col.value")),
        tuple(rows),
        (125.0, 40.0),
        numeric=(1,),
        bold_rows=tuple(bold),
    )


def _ranking(body: Body, sources: Sources) -> None:
    assert sources.report is not None and sources.inputs is not None
    ranking = sources.report.ranking
    level = level_name(sources.inputs.scope.level, lower=True)
    body.add(Heading(t("word.results.ranking_heading"), 2))
    best, worst = ranking.iloc[0], ranking.iloc[-1]
    body.add(
        Paragraph(
            t(
                "word.results.ranking",
                level=level,
                count=len(ranking),
                best=best[s.LABEL],
                best_value=format_percent(best[s.VALUE]),
                worst=worst[s.LABEL],
                worst_value=format_percent(worst[s.VALUE]),
                spread=format_points(best[s.VALUE] - worst[s.VALUE], signed=False),
            )
        )
    )
    ties = int(ranking[s.TIED].sum())
    if ties:
        body.add(Paragraph(t("word.results.ties", count=ties)))
    body.add(ranking_table(sources, body.next_table()))
    body.add(
        Figure(chart_png(_ranking_spec(sources, level)), _figure_caption(body, sources, level))
    )


def ranking_table(sources: Sources, number: int) -> Table:
    """STT | Đơn vị | Chỉ số (%) | Xếp hạng | Tăng/giảm bậc | Số phiếu | Ghi chú, as published."""
    assert sources.report is not None
    ranking = sources.report.ranking
    rows = tuple(
        (
            str(index),
            str(row[s.LABEL]),
            format_percent(row[s.VALUE]),
            f"{int(row[s.RANK])}/{int(row[s.OF])}",
            standings.rank_change_text(row[s.RANK_CHANGE]),
            format_int(row[s.N]),
            standings.notes_text(bool(row[s.TIED]), bool(row[s.SMALL_SAMPLE])),
        )
        for index, row in enumerate(ranking.to_dict("records"), start=1)
    )
    header = ("stt", "unit", "value", "rank", "rank_change", "n", "notes")
    return Table(
        t("word.results.ranking_table", number=number, wave=sources.wave.code),
        tuple(t(f"word.col.{key}") for key in header),
        rows,
        (13.0, 44.0, 22.0, 19.0, 19.0, 18.0, 32.0),
        numeric=(2, 3, 5),
    )


def _ranking_spec(sources: Sources, level: str) -> dict[str, Any]:
    assert sources.report is not None
    ranking = sources.report.ranking
    shown = ranking.head(RANKING_CHART_UNITS)
    source = source_text(sources.wave, sources.report.cards.n)
    chart = charts.ranking_chart(
        shown,
        title=t("overview.chart_title", wave=sources.wave.code),
        subtitle=[t("word.results.ranking_subtitle", level=level.capitalize()), source],
        target=None,
    )
    return charts.to_spec(chart)


def _figure_caption(body: Body, sources: Sources, level: str) -> str:
    assert sources.report is not None
    count = len(sources.report.ranking)
    key = (
        "word.results.ranking_figure"
        if count <= RANKING_CHART_UNITS
        else "word.results.ranking_figure_top"
    )
    return t(
        key,
        number=body.next_figure(),
        level=level,
        wave=sources.wave.code,
        shown=RANKING_CHART_UNITS,
        count=count,
    )


def _fields(body: Body, sources: Sources) -> None:
    assert sources.report is not None
    fields = sources.report.fields
    body.add(Heading(t("word.results.fields_heading"), 2))
    if fields.empty:
        body.add(Paragraph(t("word.results.no_fields")))
        return
    if fields["target"].notna().any():
        body.add(Paragraph(field_results.targets_note(fields)))
    else:
        body.add(Paragraph(t("word.results.no_field_targets", year=sources.wave.year)))
    body.add(field_table(fields, body.next_table()))
    spec = charts.to_spec(
        field_summary_chart(
            fields,
            title=t("fieldview.summary_title", wave=sources.wave.code),
            subtitle=[
                t("word.results.fields_subtitle"),
                source_text(sources.wave, sources.report.cards.n),
            ],
        )
    )
    body.add(
        Figure(
            chart_png(spec),
            t("word.results.fields_figure", number=body.next_figure(), wave=sources.wave.code),
        )
    )


def field_table(fields: pd.DataFrame, number: int) -> Table:
    """Lĩnh vực | Chỉ số | Số phiếu | Mục tiêu | Chênh lệch | Đánh giá, weakest first."""
    rows = tuple(
        (
            str(row[field_results.FIELD_LABEL]),
            format_percent(row[s.VALUE]),
            format_int(row[s.N]),
            format_percent(row["target"], 0) if not pd.isna(row["target"]) else "–",
            format_points(row["gap"]) if not pd.isna(row["gap"]) else "–",
            status_words(row["status"]),
        )
        for row in fields.to_dict("records")
    )
    header = ("field", "value", "n", "target", "gap", "status")
    return Table(
        t("word.results.field_table", number=number),
        tuple(t(f"word.col.{key}") for key in header),
        rows,
        (44.0, 20.0, 18.0, 18.0, 30.0, 35.0),
        numeric=(1, 2, 3, 4),
    )


def _change(body: Body, sources: Sources) -> None:
    assert sources.report is not None
    cards, ranking = sources.report.cards, sources.report.ranking
    body.add(Heading(t("word.results.change_heading"), 2))
    if cards.change is None:
        body.add(Paragraph(cards.change_note))
        return
    up = ranking[ranking[s.RANK_CHANGE].fillna(0) > 0][s.LABEL].tolist()
    down = ranking[ranking[s.RANK_CHANGE].fillna(0) < 0][s.LABEL].tolist()
    body.add(
        Paragraph(
            t(
                "word.results.change",
                note=cards.change_note,
                change=format_points(cards.change),
                up=", ".join(up) or t("word.results.nobody"),
                down=", ".join(down) or t("word.results.nobody"),
            )
        )
    )
