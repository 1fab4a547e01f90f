"""Sections of the gap page: the measure picker and one unit's detail (targets that apply and
why, rank band, fields, levers, trend)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from sipas.core.formatting import format_int, format_percent, format_rank
from sipas.core.i18n import t
from sipas.gaps import table as g
from sipas.gaps import texts as gaptext
from sipas.gaps.levers import REFERENCES
from sipas.gaps.ranks import DRAWS
from sipas.method.measures import measure_labels
from sipas.method.waves import WaveInfo
from sipas.present.plots import gaps as gapcharts
from sipas.reference.fields import field_names
from sipas.reference.questionnaires import Method, get_method
from sipas.targets.rules import GTE, RANK_GAIN, RANK_TOP
from sipas.tasks.findings import shortfall_drafts
from sipas.ui import widgets
from sipas.ui.dashboard import filters
from sipas.ui.dashboard import gap_data as gapdata
from sipas.ui.safe import escape_markdown, md
from sipas.ui.tasks import links as tasklinks


def measure_picker(method: Method, key: str = "gaps_measure") -> str:
    """SIPAS, then the method's pillars (when several) and elements."""
    labels = measure_labels()
    pillars = [p.code for p in method.pillars] if len(method.pillars) > 1 else []
    options = ["sipas", *pillars, *(e.code for e in method.elements)]
    return str(
        st.selectbox(
            t("gaps.page.measure"), options, format_func=lambda code: labels[code], key=key
        )
    )


def unit_detail(
    wave: WaveInfo,
    table: pd.DataFrame,
    measure: str,
    labels: Mapping[str, str],
    unit: str | None = None,
) -> None:
    """Everything about one unit's gaps: `unit` (the unit in focus of the filter bar), else a
    choice, the unit with a rank target (or the largest gap) first."""
    valued = gaptext.sort_by_gap(table[table[g.VALUE].notna()])
    if valued.empty or (unit is not None and unit not in set(valued[g.UNIT_CODE])):
        return
    if unit is None:
        codes = list(valued[g.UNIT_CODE])
        unit = st.selectbox(
            t("gaps.page.pick_unit"),
            codes,
            index=codes.index(_first_unit(valued)),
            format_func=lambda code: labels.get(code, code),
            key="gaps_unit",
        )
    row: dict[str, Any] = valued[valued[g.UNIT_CODE] == unit].iloc[0].to_dict()  # type: ignore[assignment]
    st.subheader(md("gaps.page.detail", unit=labels.get(unit, unit)))
    st.info(escape_markdown(gaptext.unit_caption(row, labels)))
    _metrics(row)
    _task_offer(wave, table, row, measure, labels)
    _applied(row)
    _rank_section(table, row, labels)
    _field_section(wave, row, measure)
    _lever_section(wave, table, row, measure)
    _trend_section(row, measure)


def _task_offer(
    wave: WaveInfo,
    table: pd.DataFrame,
    row: Mapping[str, Any],
    measure: str,
    labels: Mapping[str, str],
) -> None:
    """The unit's own shortfall, then its fields', as findings for a remediation task."""
    own = table[table[g.UNIT_CODE] == row[g.UNIT_CODE]]
    fields = gapdata.gaps(wave.code, measure, row[g.LEVEL], True, filters.current().compare)
    own_fields = fields[fields[g.UNIT_CODE] == row[g.UNIT_CODE]]
    names = field_names()
    method = get_method(wave.method_code)
    drafts = [
        *shortfall_drafts(gaptext.shortfalls(own, labels, names), method, wave.code, measure),
        *shortfall_drafts(
            gaptext.shortfalls(own_fields, labels, names), method, wave.code, measure
        ),
    ]
    tasklinks.offer(drafts, key="gaps")


def _first_unit(valued: pd.DataFrame) -> str:
    """The unit to show first: one with a "top N" target, else any rank target, else the
    largest gap (`valued` is sorted largest gap first)."""
    for kinds in ((RANK_TOP,), (RANK_TOP, RANK_GAIN)):
        chosen = valued[valued[g.RANK_KIND].isin(kinds)]
        if not chosen.empty:
            return str(chosen[g.UNIT_CODE].iloc[0])
    return str(valued[g.UNIT_CODE].iloc[0])


def _metrics(row: Mapping[str, Any]) -> None:
    cells = st.columns(5)
    cells[0].metric(t("gaps.page.metric_value"), format_percent(row[g.VALUE]))
    cells[1].metric(t("gaps.page.metric_gap"), gaptext.gap_points(row))
    people = row[g.GAP_PEOPLE]
    cells[2].metric(t("gaps.page.metric_people"), "–" if pd.isna(people) else format_int(people))
    rank = None if pd.isna(row[g.RANK]) else int(row[g.RANK])
    cells[3].metric(t("gaps.page.metric_rank"), format_rank(rank, int(row[g.OF])))
    p = row[g.P_RANK]
    cells[4].metric(
        t("gaps.page.metric_probability"), "–" if pd.isna(p) else format_percent(100 * p, 0)
    )


def _applied(row: Mapping[str, Any]) -> None:
    if pd.isna(row[g.TARGET]):
        st.caption(t("gaps.page.no_threshold"))
    else:
        st.markdown(
            md(
                "gaps.page.threshold_applied",
                target=gaptext.target_cell(row),
                source=row[g.TARGET_SOURCE],
            )
        )
        st.caption(escape_markdown(row[g.TARGET_REASON]))
    if pd.notna(row[g.RANK_N]):
        st.markdown(
            md(
                "gaps.page.rank_applied",
                target=gaptext.rank_target_cell(row),
                source=row[g.RANK_SOURCE],
            )
        )
        st.caption(escape_markdown(row[g.RANK_REASON]))


def _peers(table: pd.DataFrame, row: Mapping[str, Any]) -> pd.DataFrame:
    peers = table[table[g.VALUE].notna()]
    if row[g.RANK_PARENT]:
        peers = peers[peers[g.PARENT] == row[g.RANK_PARENT]]
    return peers


def _rank_section(table: pd.DataFrame, row: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    if pd.isna(row[g.RANK_TARGET]):
        return
    peers = _peers(table, row).sort_values(g.VALUE, ascending=False)
    frame = pd.DataFrame(
        {
            gapcharts.LABEL: [labels.get(c, c) for c in peers[g.UNIT_CODE]],
            gapcharts.VALUE: peers[g.VALUE].to_numpy(),
        }
    )
    required = int(row[g.RANK_TARGET])
    band = gapcharts.rank_band(frame.set_index(gapcharts.LABEL)[gapcharts.VALUE], required)
    target = None if pd.isna(row[g.TARGET]) else float(row[g.TARGET])
    kind = "gain" if row[g.RANK_KIND] == RANK_GAIN else "top"
    widgets.chart(
        gapcharts.rank_band_chart(
            frame,
            band,
            focus=labels.get(row[g.UNIT_CODE]),
            target=target,
            comparison=row[g.COMPARISON] or GTE,
            title=t(f"gaps.page.rank_title_{kind}", n=required, k=row[g.RANK_N]),
            subtitle=t("gaps.page.rank_subtitle", band=gapcharts.band_text(band)),
        )
    )
    if pd.notna(row[g.P_RANK]):
        probability = format_percent(100 * row[g.P_RANK], 0)
        st.markdown(md(f"gaps.page.probability_{kind}", n=required, p=probability))
    st.caption(md("gaps.page.probability_how", draws=format_int(DRAWS), n=required))


def _field_section(wave: WaveInfo, row: Mapping[str, Any], measure: str) -> None:
    fields = gapdata.gaps(wave.code, measure, row[g.LEVEL], True, filters.current().compare)
    own = fields[fields[g.UNIT_CODE] == row[g.UNIT_CODE]]
    if own.empty:
        return
    names = field_names()
    st.markdown(f"**{t('gaps.page.fields_heading')}**")
    frame = gapcharts.bullet_frame(own, names, label_column=g.FIELD_CODE)
    widgets.chart(
        gapcharts.bullet_chart(
            frame, title=t("gaps.page.fields_title"), subtitle=t("gaps.page.bullet_subtitle")
        )
    )
    for field_row in gaptext.sort_by_gap(own).to_dict("records"):
        sentence = gaptext.people_caption(field_row, names.get(field_row[g.FIELD_CODE], ""))
        if sentence:
            st.markdown(f"- {escape_markdown(sentence[0].upper() + sentence[1:])}")
    st.caption(t("gaps.page.people_rule"))


def _lever_section(
    wave: WaveInfo, table: pd.DataFrame, row: Mapping[str, Any], measure: str
) -> None:
    st.markdown(f"**{t('gaps.page.levers_heading')}**")
    reference = st.radio(
        t("gaps.page.lever_reference"),
        REFERENCES,
        format_func=lambda r: t(f"gaps.levers.reference_{r}"),
        horizontal=True,
        key="gaps_lever_reference",
    )
    peers = tuple(_peers(table, row)[g.UNIT_CODE])
    gap = None if pd.isna(row[g.GAP_PP]) else float(row[g.GAP_PP])
    levers = gapdata.levers(wave.code, row[g.UNIT_CODE], peers, measure, gap, reference)
    for line in gaptext.lever_summary(levers, row, measure_labels()[measure], reference):
        st.markdown(f"- {escape_markdown(line)}")
    if levers.empty:
        return
    top = levers.head(8)
    widgets.chart(
        gapcharts.lever_chart(
            top, title=t("gaps.page.levers_title"), subtitle=t("gaps.page.levers_subtitle")
        )
    )
    widgets.table(gaptext.levers_display(levers), csv_name=t("gaps.page.levers_title"))


def _trend_section(row: Mapping[str, Any], measure: str) -> None:
    values, targets = gapdata.trend(row[g.UNIT_CODE], measure, row[g.LEVEL], row[g.PARENT])
    if len(values) < 2:
        return
    widgets.chart(
        gapcharts.trend_chart(
            values,
            targets,
            title=t("gaps.page.trend_title"),
            subtitle=t("gaps.page.trend_subtitle"),
        )
    )
