"""The overview's numbers: a wave's units ranked by SIPAS against the target."""

from __future__ import annotations

import pandas as pd

from sipas import charts
from sipas import schema as s
from sipas.formatting import format_rank
from sipas.i18n import t
from sipas.ranking import OF, RANK, rank_table
from sipas.results import WaveCounts, wave_indices
from sipas.status import status_of


def unit_labels(units: pd.DataFrame) -> dict[str, str]:
    """Display name per unit code: communes and wards by full name ("Xã Bác Ái"), since a
    commune may share its name with a former district; other units by short name."""
    labels = units["full_name"].where(units["level"] == s.COMMUNE, units["name"])
    return dict(zip(units["code"], labels, strict=True))


def levels_in(counts: WaveCounts, units: pd.DataFrame) -> list[str]:
    """The unit levels that have data in this wave, from the top down."""
    present = set(units.loc[units["code"].isin(counts.unit_codes), "level"])
    return [level for level in s.UNIT_LEVELS if level in present]


def unit_ranking(
    counts: WaveCounts, units: pd.DataFrame, level: str, target: float | None
) -> pd.DataFrame:
    """Units of one level with data in the wave, best first: UNIT (code), LABEL, VALUE (SIPAS %),
    LOW, HIGH, N, STATUS against `target` (%), RANK and OF."""
    codes = units.loc[units["level"] == level, "code"]
    indices = wave_indices(counts, [s.UNIT])
    indices = indices[indices[s.UNIT].isin(codes)]
    table = pd.DataFrame(
        {
            s.UNIT: indices[s.UNIT],
            charts.LABEL: indices[s.UNIT].map(unit_labels(units)),
            charts.VALUE: indices[s.SIPAS],
            charts.LOW: indices[s.SIPAS_LOW],
            charts.HIGH: indices[s.SIPAS_HIGH],
            charts.N: indices[s.N],
        }
    )
    table[charts.STATUS] = status_of(table[charts.VALUE], target) if target is not None else None
    return rank_table(table, charts.VALUE).reset_index(drop=True)


def ranking_display(ranking: pd.DataFrame) -> pd.DataFrame:
    """The ranking as a table of Vietnamese-formatted text, with Vietnamese headers."""
    shown = charts.with_display_columns(ranking)
    return pd.DataFrame(
        {
            t("overview.table_rank"): [
                format_rank(rank, of) for rank, of in zip(shown[RANK], shown[OF], strict=True)
            ],
            t("overview.table_unit"): shown[charts.LABEL],
            t("overview.table_sipas"): shown[charts.VALUE_TEXT],
            t("overview.table_interval"): shown[charts.INTERVAL_TEXT],
            t("overview.table_n"): shown[charts.N_TEXT],
            t("overview.table_status"): shown[charts.STATUS_TEXT],
        }
    )
