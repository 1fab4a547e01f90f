"""Fields of procedures (lĩnh vực) against their own targets: land, construction and investment
85%, health and education 80%, others 90% by default (data/targets.yaml), for the selection
and for every unit × field cell, weakest first."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent, format_points
from sipas.core.i18n import t
from sipas.core.schema import SMALL_SAMPLE
from sipas.dashboard.display import with_display_columns
from sipas.dashboard.scope import Scope
from sipas.dashboard.standings import status_short
from sipas.method.results import WaveCounts, select, wave_indices
from sipas.method.stats import SMALL_SAMPLE_N
from sipas.reference.fields import field_names
from sipas.targets.rules import ThresholdTarget
from sipas.targets.status import GAP, SYMBOLS, TARGET, TARGET_SOURCE, Shortfall, with_targets

FIELD_LABEL = "field_label"
CELL_TEXT = "cell_text"
UNITS_WITH_DATA = "units_with_data"


def field_summary(
    counts: WaveCounts, scope: Scope, targets: Sequence[ThresholdTarget]
) -> pd.DataFrame:
    """One row per field with answers in the selection, weakest against its target first:
    FIELD, FIELD_LABEL, VALUE, LOW, HIGH, N, UNITS_WITH_DATA, TARGET, GAP, TARGET_STATUS,
    SMALL_SAMPLE."""
    chosen = select(counts, scope.selection())
    if chosen.is_empty:
        return pd.DataFrame()
    indices = wave_indices(chosen, [s.FIELD])
    names = field_names()
    units = chosen.answers.groupby(s.FIELD)[s.UNIT].nunique()
    summary = pd.DataFrame(
        {
            s.FIELD: indices[s.FIELD],
            FIELD_LABEL: indices[s.FIELD].map(lambda code: names.get(code, code)),
            s.VALUE: indices[s.SIPAS],
            s.LOW: indices[s.SIPAS_LOW],
            s.HIGH: indices[s.SIPAS_HIGH],
            s.N: indices[s.N],
            UNITS_WITH_DATA: indices[s.FIELD].map(units).fillna(0).astype(int),
        }
    )
    summary = with_targets(summary, targets, year=scope.wave.year, level=scope.level)
    summary[SMALL_SAMPLE] = summary[s.N] < SMALL_SAMPLE_N
    return summary.sort_values([GAP, s.VALUE]).reset_index(drop=True)


def field_grid(
    counts: WaveCounts,
    scope: Scope,
    labels: dict[str, str],
    targets: Sequence[ThresholdTarget],
    unit_order: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per chosen unit × field with answers: UNIT, LABEL, FIELD, FIELD_LABEL, VALUE,
    LOW, HIGH, N, TARGET (that cell's own target), GAP, TARGET_STATUS, SMALL_SAMPLE and CELL_TEXT
    ("88,4 ▲"). Units follow `unit_order` (e.g. the ranking), fields the field list."""
    chosen = select(counts, scope.selection())
    if chosen.is_empty:
        return pd.DataFrame()
    indices = wave_indices(chosen, [s.UNIT, s.FIELD])
    names = field_names()
    grid = pd.DataFrame(
        {
            s.UNIT: indices[s.UNIT],
            s.LABEL: indices[s.UNIT].map(lambda code: labels.get(code, code)),
            s.FIELD: indices[s.FIELD],
            FIELD_LABEL: indices[s.FIELD].map(lambda code: names.get(code, code)),
            s.VALUE: indices[s.SIPAS],
            s.LOW: indices[s.SIPAS_LOW],
            s.HIGH: indices[s.SIPAS_HIGH],
            s.N: indices[s.N],
        }
    )
    grid = with_targets(grid, targets, year=scope.wave.year, level=scope.level)
    grid[SMALL_SAMPLE] = grid[s.N] < SMALL_SAMPLE_N
    grid[CELL_TEXT] = [_cell_text(v, st, small) for v, st, small in _cells(grid)]
    return _ordered(grid, unit_order)


def _cells(grid: pd.DataFrame) -> zip[tuple[float, object, bool]]:
    return zip(grid[s.VALUE], grid[s.TARGET_STATUS], grid[SMALL_SAMPLE], strict=True)


def _cell_text(value: float, status: object, small: bool) -> str:
    symbol = SYMBOLS.get(status, "") if isinstance(status, str) else ""
    text = f"{format_percent(value, 1).rstrip('%')} {symbol}".strip()
    return f"{text}*" if small else text


def _ordered(grid: pd.DataFrame, unit_order: Sequence[str]) -> pd.DataFrame:
    field_rank = {code: i for i, code in enumerate(field_names())}
    unit_rank = {code: i for i, code in enumerate(unit_order)}
    keyed = grid.assign(
        _u=grid[s.UNIT].map(lambda c: unit_rank.get(c, len(unit_rank))),
        _f=grid[s.FIELD].map(lambda c: field_rank.get(c, len(field_rank))),
    )
    return keyed.sort_values(["_u", s.UNIT, "_f"]).drop(columns=["_u", "_f"]).reset_index(drop=True)


def weakest_cells(grid: pd.DataFrame) -> pd.DataFrame:
    """Unit × field cells, furthest below their own target first (then lowest value)."""
    if grid.empty:
        return grid
    return grid.sort_values([GAP, s.VALUE], na_position="last").reset_index(drop=True)


def cells_display(cells: pd.DataFrame) -> pd.DataFrame:
    """Unit × field cells as Vietnamese text columns."""
    shown = with_display_columns(cells)
    return pd.DataFrame(
        {
            t("fieldview.col_unit"): shown[s.LABEL],
            t("fieldview.col_field"): shown[FIELD_LABEL],
            t("fieldview.col_value"): shown[s.VALUE_TEXT],
            t("fieldview.col_target"): shown[TARGET].map(lambda v: format_percent(v, 0)),
            t("fieldview.col_gap"): shown[GAP].map(format_points),
            t("fieldview.col_interval"): shown[s.INTERVAL_TEXT],
            t("fieldview.col_n"): shown[s.N].map(format_int),
            t("fieldview.col_status"): shown[s.TARGET_STATUS].map(status_short),
            t("fieldview.col_notes"): shown[SMALL_SAMPLE].map(
                lambda small: t("rankings.small_n_note", limit=SMALL_SAMPLE_N) if small else ""
            ),
        }
    )


def targets_note(summary: pd.DataFrame) -> str:
    """The targets of the fields shown: "Mục tiêu theo lĩnh vực: Đất đai 85%, … (nguồn)."."""
    parts = [
        f"{label} {format_percent(value, 0)}"
        for label, value in zip(summary[FIELD_LABEL], summary[TARGET], strict=True)
        if not pd.isna(value)
    ]
    sources = "; ".join(dict.fromkeys(s_ for s_ in summary[TARGET_SOURCE] if s_))
    return t("fieldview.targets_note", targets=", ".join(parts)) + (
        f" ({sources})" if sources else ""
    )


def shortfalls(cells: pd.DataFrame) -> list[Shortfall]:
    """The unit × field cells under their own target, for remediation tasks."""
    if cells.empty:
        return []
    chosen = cells[cells[TARGET].notna() & cells[s.VALUE].notna()]
    return [
        Shortfall(
            unit_code=row[s.UNIT],
            unit_name=row[s.LABEL],
            value=float(row[s.VALUE]),
            target=float(row[TARGET]),
            target_text=format_percent(row[TARGET], 0),
            n=int(row[s.N]),
            field_code=row[s.FIELD],
            field_name=row[FIELD_LABEL],
        )
        for row in chosen.to_dict("records")
    ]
