"""The province among the provinces: its place in Bộ Nội vụ's published national tables.

A national table (a wave of survey type `national`, storage.national.national_results) ranks
every province of its map: 63 before the 2025 reform, 34 after. For one province and a year
this module answers: its value and rank X/N, the change of rank since the previous national
table that holds the same province, and the gap to the rank target that applies (by default
"top 10" of NĐ 307/2025/NĐ-CP, which also gives points to the next 10). A province formed by a
merger has no rank of its own before 1/7/2025: the ranks of the provinces merged into it are
shown as its predecessors' (đơn vị tiền thân), never as the same unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_percent, format_points, format_rank, round_half
from sipas.core.i18n import t
from sipas.reference.national import national_figure
from sipas.targets.rules import RANK_TOP, RankTarget, applicable_rank


@dataclass(frozen=True)
class NationalRank:
    """One province's row of one national table; `predecessor` marks a province merged into
    the province asked about (not the same unit)."""

    wave: str
    year: int
    unit: str
    label: str
    value: float
    rank: int
    of: int
    pillars: tuple[tuple[str, float], ...] = ()
    predecessor: bool = False
    demo: bool = False  # a table the demo invented


@dataclass(frozen=True)
class RankGap:
    """The gap to a "top N" target: places to gain and percentage points to the N-th value
    (both 0 when met); `band` is "top" (within N), "next" (within the next N) or "" (below)."""

    target: RankTarget
    met: bool
    places: int
    points: float
    band: str


@dataclass(frozen=True)
class NationalStanding:
    province: str
    label: str
    current: NationalRank | None
    previous: NationalRank | None
    predecessors: tuple[NationalRank, ...]
    history: tuple[NationalRank, ...]
    gap: RankGap | None
    average: float | None
    average_published: bool

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous table of the same province (negative: lost)."""
        if self.current is None or self.previous is None:
            return None
        return self.previous.rank - self.current.rank


def table_ranks(results: pd.DataFrame) -> pd.DataFrame:
    """The overall rows of every table with rank and `of`: the published rank when every row
    of the table has one, else by value rounded to 2 decimals (ties share the better place)."""
    rows = results[results["measure"] == s.SIPAS].copy()
    parts = []
    for _wave, table in rows.groupby("wave", sort=False):
        table = table.copy()
        published = table["published_rank"]
        if published.notna().all():
            table["rank"] = published.astype(int)
        else:
            rounded = table["value"].map(round_half)
            table["rank"] = rounded.rank(method="min", ascending=False).astype(int)
        table["of"] = len(table)
        parts.append(table)
    columns = [*rows.columns, "rank", "of"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


def home_province(units: pd.DataFrame, unit_codes: Sequence[str]) -> str | None:
    """The one province the units belong to (or are), following their parents; else None."""
    level = dict(zip(units["code"], units["level"], strict=True))
    parent = dict(zip(units["code"], units["parent_code"], strict=True))
    found: set[str] = set()
    for code in unit_codes:
        seen = 0
        current: str | None = code
        while current and level.get(current) != s.PROVINCE and seen < 10:
            current, seen = parent.get(current), seen + 1
        if current and level.get(current) == s.PROVINCE:
            found.add(current)
    return found.pop() if len(found) == 1 else None


def national_standing(
    results: pd.DataFrame,
    units: pd.DataFrame,
    successors: pd.DataFrame,
    province: str,
    year: int,
    targets: Sequence[RankTarget] = (),
) -> NationalStanding:
    """Where `province` stands in the national table of `year` (storage.national results,
    units_frame, successors_frame, the registry's rank targets)."""
    ranked = table_ranks(results[results["year"] <= year])
    labels = dict(zip(units["code"], units["full_name"], strict=True))
    merged = successors.loc[successors["successor_code"] == province, "unit_code"].tolist()
    waves = list(dict.fromkeys(ranked.sort_values(["year", "wave"])["wave"]))
    history: list[NationalRank] = []
    for wave in waves:
        table = ranked[ranked["wave"] == wave]
        own = table[table[s.UNIT] == province]
        chosen = own if len(own) else table[table[s.UNIT].isin(merged)]
        history += [
            _rank(row, labels, results, predecessor=not len(own)) for _, row in chosen.iterrows()
        ]
    current = next((r for r in history if r.year == year and not r.predecessor), None)
    earlier = [r for r in history if r.year < year]
    previous = next((r for r in reversed(earlier) if not r.predecessor), None)
    last_year = max((r.year for r in earlier), default=None)
    predecessors = tuple(r for r in earlier if r.predecessor and r.year == last_year)
    gap = _gap(current, ranked, targets)
    average, published = _average(current, ranked, year)
    return NationalStanding(
        province,
        labels.get(province, province),
        current,
        previous,
        predecessors if previous is None else (),
        tuple(history),
        gap,
        average,
        published,
    )


def _rank(
    row: pd.Series, labels: dict[str, str], results: pd.DataFrame, predecessor: bool
) -> NationalRank:
    pillars = results[
        (results["wave"] == row["wave"])
        & (results[s.UNIT] == row[s.UNIT])
        & (results["measure"] != s.SIPAS)
    ]
    return NationalRank(
        wave=str(row["wave"]),
        year=int(row["year"]),
        unit=str(row[s.UNIT]),
        label=labels.get(str(row[s.UNIT]), str(row[s.UNIT])),
        value=float(row["value"]),
        rank=int(row["rank"]),
        of=int(row["of"]),
        pillars=tuple(zip(pillars["measure"], pillars["value"].astype(float), strict=True)),
        predecessor=predecessor,
        demo=bool(row["demo"]),
    )


def _gap(
    current: NationalRank | None, ranked: pd.DataFrame, targets: Sequence[RankTarget]
) -> RankGap | None:
    if current is None:
        return None
    tops = [target for target in targets if target.kind == RANK_TOP]
    applied = applicable_rank(
        tops, year=current.year, unit=current.unit, level=s.PROVINCE
    )  # by year: the targets' wave ranges span the province's own surveys
    if applied is None:
        return None
    target = applied.target
    n = target.n
    table = ranked[ranked["wave"] == current.wave]
    met = current.rank <= n
    band = "top" if met else "next" if current.rank <= 2 * n else ""
    if met:
        return RankGap(target, True, 0, 0.0, band)
    nth = float(table["value"].sort_values(ascending=False).iloc[min(n, len(table)) - 1])
    points = round_half(nth) - round_half(current.value)
    return RankGap(target, False, current.rank - n, round(points, 2), band)


def _average(
    current: NationalRank | None, ranked: pd.DataFrame, year: int
) -> tuple[float | None, bool]:
    """The national average: Bộ Nội vụ's published figure of the year (True), else the mean
    of the table (False); None without a table."""
    figure = national_figure(year)
    if figure is not None:
        return figure.sipas, True
    if current is None:
        return None, False
    return float(ranked.loc[ranked["wave"] == current.wave, "value"].mean()), False


def standing_lines(standing: NationalStanding) -> list[str]:
    """The overview's lines: the rank, its change or the predecessors', the national
    average and the target status, in Vietnamese."""
    current = standing.current
    if current is None:
        return []
    source = t("national.source_demo") if current.demo else t("national.source")
    lines = [
        t(
            "national.rank",
            province=standing.label,
            rank=format_rank(current.rank, current.of),
            value=format_percent(current.value),
            source=source,
            year=current.year,
        )
    ]
    lines += [_change_line(standing)] if standing.previous else []
    if standing.predecessors:
        ranks = ", ".join(
            t("national.predecessor", name=r.label, rank=format_rank(r.rank, r.of))
            for r in standing.predecessors
        )
        lines.append(t("national.predecessors", ranks=ranks, year=standing.predecessors[0].year))
    if standing.average is not None:
        key = "national.average" if standing.average_published else "national.average_table"
        lines.append(t(key, value=format_percent(standing.average), year=current.year))
    if standing.gap is not None:
        lines.append(gap_line(standing.gap))
    return lines


def _change_line(standing: NationalStanding) -> str:
    previous = standing.previous
    assert previous is not None
    change = standing.rank_change or 0
    key = "up" if change > 0 else "down" if change < 0 else "same"
    return t(
        f"national.change_{key}",
        places=abs(change),
        year=previous.year,
        rank=format_rank(previous.rank, previous.of),
    )


def gap_line(gap: RankGap) -> str:
    """ "Mục tiêu …: đạt" or the places and points still to gain, with the NĐ 307 band."""
    n = gap.target.n
    if gap.met:
        return t("national.target_met", n=n, source=gap.target.source)
    band = t("national.band_next", low=n + 1, high=2 * n) if gap.band == "next" else ""
    points = format_points(gap.points, signed=False)
    return t(
        "national.target_gap",
        n=n,
        source=gap.target.source,
        places=gap.places,
        points=points,
        band=band,
    )


def overview_lines(
    results: pd.DataFrame,
    units: pd.DataFrame,
    successors: pd.DataFrame,
    unit_codes: Sequence[str],
    year: int,
    targets: Sequence[RankTarget] = (),
) -> list[str]:
    """The overview's national lines for the province the chosen units belong to, in the
    national table of the wave's year; none without such a province or table."""
    if results.empty:
        return []
    province = home_province(units, unit_codes)
    if province is None:
        return []
    return standing_lines(national_standing(results, units, successors, province, year, targets))


def rank_history(standing: NationalStanding) -> pd.DataFrame:
    """The province's national ranks by year for a chart: its own series and one series per
    predecessor, labelled apart (year, series, rank, of, label "14/34")."""
    rows = [
        {
            "year": str(r.year),
            "series": t("national.trend_predecessor", name=r.label)
            if r.predecessor
            else t("national.trend_own", province=r.label),
            "rank": r.rank,
            "of": r.of,
            "label": format_rank(r.rank, r.of),
            "demo": r.demo,
        }
        for r in standing.history
    ]
    return pd.DataFrame(rows, columns=["year", "series", "rank", "of", "label", "demo"])


def trend_subtitle(history: pd.DataFrame) -> list[str]:
    """The rank chart's source lines; the demo's invented tables say so."""
    lines = [t("national.trend_subtitle")]
    return [*lines, t("national.trend_demo")] if history["demo"].any() else lines


def province_history(
    results: pd.DataFrame,
    units: pd.DataFrame,
    successors: pd.DataFrame,
    unit_codes: Sequence[str],
    year: int,
) -> pd.DataFrame:
    """rank_history of the province the units belong to, up to `year` (empty without one)."""
    province = home_province(units, unit_codes)
    if results.empty or province is None:
        return rank_history(NationalStanding("", "", None, None, (), (), None, None, False))
    return rank_history(national_standing(results, units, successors, province, year))
