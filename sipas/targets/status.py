"""Each row's own target and its status: the one place dashboard numbers meet targets.

Every row is looked up with `targets.applicable_threshold` for its year, unit, field and level,
so a unit's own target, a field's target (land 85%, health 80% …) and the overall one apply
where they should. An element without a target of its own is held to the SIPAS target: plans
set the share of satisfied citizens for all content ("trên 90% hài lòng").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.method.stats import MIN_STATUS_N, SMALL_SAMPLE_N

# The statuses are sipas.targets.judging's, named here as well for the many readers of them.
from sipas.targets.judging import BELOW as BELOW
from sipas.targets.judging import MEETS as MEETS
from sipas.targets.judging import NEAR as NEAR
from sipas.targets.judging import NEAR_POINTS as NEAR_POINTS
from sipas.targets.judging import STATUSES as STATUSES
from sipas.targets.judging import judged_field, status_against
from sipas.targets.rules import GTE, AppliedTarget, ThresholdTarget, applicable_threshold

TARGET = "target"
TARGET_SOURCE = "target_source"
TARGET_COMPARISON = "target_comparison"
GAP = "gap"


def target_for(
    targets: Sequence[ThresholdTarget],
    *,
    year: int,
    level: str | None,
    unit: str | None = None,
    field: str | None = None,
    measure: str = s.SIPAS,
) -> AppliedTarget | None:
    """The applicable target, falling back to the SIPAS target for an element or pillar."""
    found = applicable_threshold(
        targets, year=year, measure=measure, unit=unit, field=field, level=level
    )
    if found is None and measure != s.SIPAS:
        found = applicable_threshold(targets, year=year, unit=unit, field=field, level=level)
    return found


def with_targets(
    frame: pd.DataFrame,
    targets: Sequence[ThresholdTarget],
    *,
    year: int,
    level: str | None,
    field: str | None = None,
    measure: str = s.SIPAS,
    measure_column: str | None = None,
    served: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """`frame` (VALUE in percent, optional UNIT and FIELD columns) with TARGET (percent),
    TARGET_COMPARISON, TARGET_SOURCE, GAP (value − target, percentage points) and
    TARGET_STATUS per row. The measure is `measure`, or each row's value in `measure_column`
    (e.g. element codes). Each row is judged by one field (sipas.targets.judging): its own
    FIELD, else the chosen `field`, else the single field its unit serves (`served`)."""
    result = frame.copy()
    applied = [
        target_for(
            targets,
            year=year,
            level=level,
            unit=row.get(s.UNIT),
            field=judged_field(
                row.get(s.UNIT), cell_field=row.get(s.FIELD), chosen_field=field, served=served
            ),
            measure=str(row[measure_column]) if measure_column else measure,
        )
        for row in result.to_dict("records")
    ]
    result[TARGET] = pd.Series([a.value if a else None for a in applied], index=result.index)
    result[TARGET] = result[TARGET].astype(float)
    result[TARGET_COMPARISON] = [a.comparison if a else None for a in applied]
    result[TARGET_SOURCE] = [a.source if a else "" for a in applied]
    result[GAP] = result[s.VALUE].astype(float) - result[TARGET]
    result[s.TARGET_STATUS] = status_of(result[s.VALUE], result[TARGET], result[TARGET_COMPARISON])
    if s.N in result:
        # Too few answers to call a pass or a fail: the value and its gap stay, flagged.
        n = pd.to_numeric(result[s.N], errors="coerce")
        result.loc[(n > 0) & (n < MIN_STATUS_N), s.TARGET_STATUS] = None
        if s.SMALL_SAMPLE not in result:
            result[s.SMALL_SAMPLE] = ((n > 0) & (n < SMALL_SAMPLE_N)).to_numpy()
    return result


# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; every
# chart also writes the value or a symbol, so colour is never the only cue.
COLOURS = {MEETS: "#0072B2", NEAR: "#E69F00", BELOW: "#D55E00"}
SYMBOLS = {MEETS: "✔", NEAR: "▲", BELOW: "✖"}


def status_of(
    values: pd.Series, targets: pd.Series | float, comparisons: pd.Series | None = None
) -> pd.Series:
    """MEETS / NEAR / BELOW for each value (percent) against its target (percent), compared
    as sipas.targets.judging compares (2 decimals, "trên" or "≥" by `comparisons`, default
    "≥"); None when either is missing."""
    wanted = pd.Series(targets, index=values.index, dtype=float)
    ways = comparisons if comparisons is not None else pd.Series(GTE, index=values.index)
    return pd.Series(
        [
            None if pd.isna(value) or pd.isna(target) else status_against(value, target, way or GTE)
            for value, target, way in zip(values, wanted, ways, strict=True)
        ],
        index=values.index,
        dtype="object",
    )


def status_label(status: str | None) -> str:
    """The Vietnamese label with its symbol: "✔ Đạt mục tiêu"."""
    if not status:
        return t("status.none")
    return f"{SYMBOLS[status]} {t(f'status.{status}')}"


@dataclass(frozen=True)
class Shortfall:
    """A value under its target: a unit (and field) of a wave, measured by `measure`."""

    unit_code: str
    unit_name: str
    value: float
    target: float
    target_text: str
    n: int | None
    field_code: str | None = None
    field_name: str | None = None
