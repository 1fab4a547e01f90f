"""The presentation deck: six slides built from the current selection, each a projector
chart (a Vega-Lite spec), a caption sentence and, for the first, headline numbers.

Streamlit-free: the page hands in the data (DeckData) and draws what comes back."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import altair as alt
import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_percent, format_rank
from sipas.core.i18n import t
from sipas.core.schema import OF, RANK
from sipas.dashboard import criteria, field_results, standings, trends
from sipas.dashboard.captions import source_text, total_n
from sipas.dashboard.scope import Scope, level_name
from sipas.gaps.ranks import RankPosition, rank_position
from sipas.method.measure_values import pooled_value
from sipas.method.measures import SIPAS_INDEX
from sipas.method.results import WaveCounts, select
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.present import charts, slidetext
from sipas.present.plots.criteria import items_chart
from sipas.present.plots.fields import field_summary_chart
from sipas.present.plots.heatmap import field_heatmap
from sipas.present.plots.trends import trend_chart
from sipas.present.projector import LABEL_PX, projector_spec
from sipas.targets.judging import judged_field, served_fields
from sipas.targets.rules import RANK_TOP, RankTarget, ThresholdTarget, applicable_rank
from sipas.targets.status import TARGET, status_of, target_for

CHART_HEIGHT = 840  # px of a 1080 px screen; the caption and the controls take the rest
HEADLINE_CHART_HEIGHT = 520
MAX_ROWS = 12  # more units than this do not fit on a slide readably: the best ones are shown
BAND_COLOUR = "#CCE3F2"


@dataclass(frozen=True)
class DeckData:
    """What the deck is built from: the resolved selection and the stored data."""

    scope: Scope
    counts: WaveCounts
    history: Sequence[WaveCounts]  # every wave, oldest first, split like `counts`
    units: pd.DataFrame
    labels: dict[str, str]
    thresholds: tuple[ThresholdTarget, ...]
    ranks: tuple[RankTarget, ...]
    subject: str | None = None  # the unit the deck speaks about (subject_unit)
    successors: pd.DataFrame | None = None  # storage.units.successors_frame: predecessors


@dataclass(frozen=True)
class Slide:
    """One slide: a key ("sipas", "ranking" …), the projector chart's spec, the caption and
    (label, value) pairs shown large above the chart."""

    key: str
    spec: dict[str, Any]
    caption: str
    headline: tuple[tuple[str, str], ...] = ()


def subject_unit(scope: Scope, focus: str = "") -> str | None:
    """The unit the deck speaks about: the one chosen unit, or the unit put in focus (the
    filter state's "unit"); None for a selection of several units."""
    if len(scope.units) == 1:
        return scope.units[0]
    return focus if focus and focus in scope.peers else None


def build_deck(deck: DeckData) -> list[Slide]:
    """The slides that have numbers in this selection, in presenting order."""
    ranked = standings.rank_peers(
        deck.counts, deck.scope, deck.labels, deck.thresholds, SIPAS_INDEX
    )
    if ranked.empty:
        return []
    built = [
        _sipas_slide(deck, ranked),
        _ranking_slide(deck, ranked),
        _heatmap_slide(deck, ranked),
        _fields_slide(deck),
        _criteria_slide(deck, ranked),
        _trend_slide(deck),
    ]
    return [slide for slide in built if slide is not None]


def _source(deck: DeckData, n: float | None) -> str:
    return source_text(deck.scope.wave, n)


def _subject_label(deck: DeckData) -> str:
    """The unit's name; "Các đơn vị được chọn" or, with none chosen, "Các đơn vị cấp xã"."""
    unit = deck.subject
    if unit:
        return deck.labels.get(unit, unit)
    if deck.scope.units:
        return t("present.selection")
    return t("present.all_units", level=level_name(deck.scope.level, lower=True))


def _sipas_slide(deck: DeckData, ranked: pd.DataFrame) -> Slide | None:
    scope, unit = deck.scope, deck.subject
    found = pooled_value(deck.counts, scope.selection([unit] if unit else None), SIPAS_INDEX)
    if found is None:
        return None
    value, _, _, n = found
    applied = target_for(
        deck.thresholds,
        year=scope.wave.year,
        level=scope.level,
        unit=unit,
        field=judged_field(
            unit,
            chosen_field=scope.single_field,
            served=served_fields(select(deck.counts, scope.selection([unit] if unit else None))),
        ),
    )
    target = applied.value if applied else None
    row = ranked[ranked[s.UNIT] == unit]
    rank = int(row[RANK].iloc[0]) if unit and len(row) else None
    of = int(ranked[OF].iloc[0])
    label = _subject_label(deck)
    chart = charts.ranking_chart(
        _one_bar(unit or "", label, found, target, applied.comparison if applied else None),
        title=t("present.titles.sipas", subject=label, wave=scope.wave.code),
        subtitle=[t("present.subtitles.sipas"), _source(deck, n)],
        target=target,
    )
    headline = [(t("present.headline_value"), format_percent(value))]
    if target is not None:
        headline.append((t("present.headline_target"), format_percent(target, 0)))
    if rank is not None:
        headline.append((t("present.headline_rank"), format_rank(rank, of)))
    return Slide(
        "sipas",
        projector_spec(charts.to_spec(chart), HEADLINE_CHART_HEIGHT),
        slidetext.sipas_caption(label, value, target, rank, of, scope.wave.year),
        tuple(headline),
    )


def _one_bar(
    unit: str,
    label: str,
    found: tuple[float, float, float, int],
    target: float | None,
    comparison: str | None = None,
) -> pd.DataFrame:
    """The subject's pooled value as one bar of a ranking chart (percent 0–100), judged as
    the pages judge it ("trên" or "≥" by `comparison`)."""
    value, low, high, n = found
    bar = pd.DataFrame(
        {
            s.UNIT: [unit],
            s.LABEL: [label],
            s.VALUE: [value],
            s.LOW: [low],
            s.HIGH: [high],
            s.N: [n],
            TARGET: [float("nan") if target is None else target],
        }
    )
    bar[s.TARGET_STATUS] = status_of(bar[s.VALUE], bar[TARGET], pd.Series([comparison]))
    return bar


def _rows(frame: pd.DataFrame, keep: str | None = None) -> pd.DataFrame:
    """The first MAX_ROWS rows, and the row of unit `keep` when it is further down."""
    top = frame.head(MAX_ROWS)
    if keep is not None and s.UNIT in frame and keep not in set(top[s.UNIT]):
        top = pd.concat([top.head(MAX_ROWS - 1), frame[frame[s.UNIT] == keep]])
    return top.reset_index(drop=True)


def _ranking_slide(deck: DeckData, ranked: pd.DataFrame) -> Slide:
    scope, unit = deck.scope, deck.subject
    band = _top_band(deck, ranked, unit)
    shown = _rows(ranked, unit)
    subtitle = [t("present.subtitles.ranking", limit=SMALL_SAMPLE_N)]
    if band is not None:
        target, _ = band
        label = deck.labels.get(unit or "", unit or "")
        subtitle.append(
            t("present.subtitles.ranking_band", n=target.n, unit=label, source=target.source)
        )
    if len(ranked) > len(shown):
        subtitle.append(t("present.subtitles.ranking_cut", shown=len(shown), total=len(ranked)))
    chart = charts.ranking_chart(
        shown,
        title=t(
            "present.titles.ranking",
            level=level_name(scope.level, lower=True),
            wave=scope.wave.code,
        ),
        subtitle=[*subtitle, _source(deck, total_n(ranked))],
        target=None,
        order_written=band is not None,
    )
    if band is not None:
        chart.layer = [_band_layer(shown, band[0].n), *chart.layer]
    caption = slidetext.ranking_caption(ranked)
    if band is not None:
        caption = slidetext.band_caption(deck.labels.get(unit or "", ""), band[1])
    return Slide("ranking", projector_spec(charts.to_spec(chart), CHART_HEIGHT), caption)


def _top_band(
    deck: DeckData, ranked: pd.DataFrame, unit: str | None
) -> tuple[RankTarget, RankPosition] | None:
    """The subject's "top N" rank target and its place against it, when it has one."""
    if unit is None:
        return None
    scope = deck.scope
    applied = applicable_rank(
        [target for target in deck.ranks if target.kind == RANK_TOP],
        year=scope.wave.year,
        unit=unit,
        level=scope.level,
        parent=_parent(deck.units, unit),
        wave=scope.wave.code,
    )
    if applied is None:
        return None
    values = ranked.set_index(s.UNIT)[s.VALUE]
    return applied.target, rank_position(values, unit, applied.target.n)


def _parent(units: pd.DataFrame, unit: str) -> str | None:
    parents = units.set_index("code")["parent_code"]
    parent = parents.get(unit)
    return str(parent) if isinstance(parent, str) and parent else None


def _band_layer(shown: pd.DataFrame, n: int) -> alt.Chart:
    """A light band behind the rows ranked within the top `n` (ties at the N-th included)."""
    inside = shown[shown[RANK] <= n][[s.LABEL]]
    y = alt.Y(field=s.LABEL, type=charts.NOMINAL, sort=shown[s.LABEL].tolist())
    band = alt.Chart(charts.slim(inside)).mark_rect(color=BAND_COLOUR)
    return cast(alt.Chart, band.encode(y=y, x=alt.X(datum=0), x2=alt.X2(datum=100)))


def _heatmap_slide(deck: DeckData, ranked: pd.DataFrame) -> Slide | None:
    scope = deck.scope
    # The units of the ranking slide, in its order: one chosen unit is seen among its peers.
    order = _rows(ranked, deck.subject)[s.UNIT].tolist()
    peers = dataclasses.replace(scope, units=tuple(order))
    grid = field_results.field_grid(deck.counts, peers, deck.labels, deck.thresholds, order)
    if grid.empty:
        return None
    subtitle = [t("present.subtitles.heatmap", limit=SMALL_SAMPLE_N)]
    if len(ranked) > len(order):
        subtitle.append(t("present.subtitles.ranking_cut", shown=len(order), total=len(ranked)))
    chart = field_heatmap(
        grid,
        title=t("present.titles.heatmap", wave=scope.wave.code),
        subtitle=[*subtitle, _source(deck, None)],
        label_width=14,  # eight fields side by side in large type
        label_px=LABEL_PX,
    )
    spec = projector_spec(charts.to_spec(chart), CHART_HEIGHT)
    return Slide("heatmap", spec, slidetext.heatmap_caption(grid))


def _fields_slide(deck: DeckData) -> Slide | None:
    summary = field_results.field_summary(deck.counts, deck.scope, deck.thresholds)
    if summary.empty:
        return None
    chart = field_summary_chart(
        _rows(summary),
        title=t("present.titles.fields", wave=deck.scope.wave.code),
        subtitle=[t("present.subtitles.fields"), _source(deck, total_n(summary))],
    )
    spec = projector_spec(charts.to_spec(chart), CHART_HEIGHT)
    return Slide("fields", spec, slidetext.fields_caption(summary))


def _criteria_slide(deck: DeckData, ranked: pd.DataFrame) -> Slide | None:
    """The subject's weakest criteria; without a subject, those of the last chosen unit in
    the ranking (the one furthest behind)."""
    scope = deck.scope
    unit = deck.subject or standings.shown_units(ranked)[s.UNIT].iloc[-1]
    items = criteria.item_comparison(deck.counts, scope, unit)
    if items.empty:
        return None
    weakest = criteria.weakest_items(items)
    label = deck.labels.get(unit, unit)
    level = level_name(scope.level, lower=True)
    chart = items_chart(
        weakest,
        title=t("present.titles.criteria", unit=label, wave=scope.wave.code),
        subtitle=[
            t("present.subtitles.criteria", unit=label, level=level),
            _source(deck, criteria.respondents(deck.counts, scope, unit)),
        ],
        average_label=t("criteria.average_label", level=level),
    )
    spec = projector_spec(charts.to_spec(chart), CHART_HEIGHT)
    return Slide("criteria", spec, slidetext.criteria_caption(label, weakest))


def _trend_slide(deck: DeckData) -> Slide | None:
    unit = deck.subject
    scope = dataclasses.replace(deck.scope, units=(unit,) if unit else ())
    series = trends.series_for(scope, deck.labels)
    if unit and deck.successors is not None:
        # a 2025 commune's predecessors, each its own labelled line, as on the trends page
        series += trends.predecessor_series(scope, deck.units, deck.successors, deck.labels)
    points = trends.trend_points(deck.history, deck.units, scope, SIPAS_INDEX.key, series)
    if points.empty:
        return None
    chart = trend_chart(
        points,
        trends.target_points(deck.history, scope, deck.thresholds, SIPAS_INDEX.key),
        trends.with_reform(trends.breaks(points), deck.history),
        waves=[counts.wave.code for counts in deck.history],
        title=t("present.titles.trend", subject=_subject_label(deck)),
        subtitle=[t("present.subtitles.trend"), trends.source_text(points, _waves(deck))],
        y_title=t("charts.sipas_axis"),
    )
    key = f"unit:{unit}" if unit else points[trends.SERIES_KEY].iloc[-1]
    spec = projector_spec(charts.to_spec(chart), CHART_HEIGHT)
    labelled = points[trends.SERIES_KEY].eq(key) | points[trends.SERIES_KEY].str.startswith(
        f"before:{unit}:"
    )
    _label_series(spec, sorted(set(points.loc[labelled, trends.SERIES].astype(str))))
    return Slide("trend", spec, slidetext.trend_caption(points, key))


def _label_series(spec: dict[str, Any], series: list[str]) -> None:
    """Values written for the subject's series only (its own line and its predecessors',
    which never share a wave), in black and bold: in large type the labels of lines a point
    apart would overlap, and pale line colours are hard to read as text."""
    for layer in spec.get("layer", []):
        mark, encoding = layer.get("mark", {}), layer.get("encoding", {})
        if mark.get("type") == "text" and encoding.get("text", {}).get("field") == "value_text":
            # after the layer's own filter (the label's place: above, below or beside)
            only = {"filter": {"field": trends.SERIES, "oneOf": series}}
            layer["transform"] = [*layer.get("transform", []), only]
            encoding.pop("color", None)
            mark.update(color=charts.INK, fontWeight="bold")


def _waves(deck: DeckData) -> list[Any]:
    return [counts.wave for counts in deck.history]
