"""Parts V and VI of the report: each unit's weakest criteria against the average of the
units ranked with it (the criteria page's comparison), and what citizens wrote – comments by
theme with their counts (the comments page's table) and a few quoted as written."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points
from sipas.core.i18n import t
from sipas.dashboard import comments, criteria
from sipas.dashboard.scope import level_name
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Body, Heading, Paragraph, Quote, Table

MANY_UNITS = 12  # above this, a unit's single weakest criterion; else its three weakest
WEAKEST_PER_UNIT = 3


def add_findings(body: Body, sources: Sources) -> None:
    _weakest(body, sources)
    _citizens(body, sources)


def weakest_per_unit(sources: Sources) -> dict[str, pd.DataFrame]:
    """Each peer's weakest criteria (criteria.weakest_items of its item comparison), in the
    ranking's order."""
    assert sources.inputs is not None and sources.report is not None
    inputs = sources.inputs
    count = 1 if len(inputs.scope.peers) > MANY_UNITS else WEAKEST_PER_UNIT
    found = {}
    for unit in sources.report.ranking[s.UNIT]:
        items = criteria.item_comparison(inputs.counts, inputs.scope, unit)
        found[str(unit)] = criteria.weakest_items(items, count)
    return found


def _weakest(body: Body, sources: Sources) -> None:
    assert sources.inputs is not None
    level = level_name(sources.inputs.scope.level, lower=True)
    body.add(Heading(t("word.findings.weakest_part")))
    per_unit = weakest_per_unit(sources)
    if all(frame.empty for frame in per_unit.values()):
        body.add(Paragraph(t("word.findings.no_criteria")))
        return
    body.add(Paragraph(t("word.findings.weakest_intro", level=level)))
    labels = sources.inputs.labels
    rows = []
    for unit, weakest in per_unit.items():
        for position, row in enumerate(weakest.to_dict("records")):
            rows.append(
                (
                    labels.get(unit, unit) if position == 0 else "",
                    str(row[s.LABEL]),
                    format_percent(row[s.VALUE]),
                    format_percent(row[criteria.AVERAGE]),
                    format_points(row[criteria.DIFF]),
                )
            )
    header = ("unit", "item", "value", "average", "diff")
    body.add(
        Table(
            t("word.findings.weakest_table", number=body.next_table()),
            tuple(t(f"word.col.{key}") for key in header),
            tuple(rows),
            (30.0, 70.0, 21.0, 21.0, 23.0),
            numeric=(2, 3, 4),
        )
    )
    body.add(Paragraph(_most_common(per_unit)))


def _most_common(per_unit: dict[str, pd.DataFrame]) -> str:
    """The criterion that is weakest in the most units, in a sentence."""
    firsts = [frame.iloc[0][s.LABEL] for frame in per_unit.values() if not frame.empty]
    counted = pd.Series(firsts).value_counts()
    return t(
        "word.findings.most_common",
        item=counted.index[0],
        count=int(counted.iloc[0]),
        units=len(firsts),
    )


def _citizens(body: Body, sources: Sources) -> None:
    found = sources.comments
    body.add(Heading(t("word.findings.citizens_part")))
    if found.total == 0:
        body.add(Paragraph(t("word.findings.no_comments", wave=sources.wave.code)))
        return
    themes = found.themes
    spoken = themes[themes[comments.COUNT] > 0]
    body.add(
        Paragraph(t("word.findings.comments", total=format_int(found.total), themes=len(spoken)))
    )
    rows = tuple(
        (
            str(index),
            str(row[comments.LABEL]),
            str(row[comments.ELEMENT_LABEL]),
            str(row[comments.COUNT_TEXT]),
        )
        for index, row in enumerate(spoken.to_dict("records"), start=1)
    )
    header = ("stt", "theme", "element", "count")
    body.add(
        Table(
            t("word.findings.theme_table", number=body.next_table()),
            tuple(t(f"word.col.{key}") for key in header),
            rows,
            (13.0, 70.0, 50.0, 33.0),
            numeric=(3,),
            note=t("word.findings.theme_note"),
        )
    )
    if found.quotes:
        body.add(Paragraph(t("word.findings.quotes")))
        for theme, meta, text in found.quotes:
            body.add(Quote(text, f"{theme} · {meta}"))
