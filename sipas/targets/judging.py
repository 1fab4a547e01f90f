"""One number, one status: which target judges a value a page shows, the status against it and
the short text written beside the value ("87,04% / ≥80%").

A value is judged against exactly one target, picked by its field: the field of a unit × field
cell; else the field chosen in the filter; else, for a unit whose answers all come from one
field (Sở Y tế serves health alone), that field; else none, and the overall target applies.
Every chart, grid, table and card that colours or labels a value asks this module, so that
the overview's chart and grid, the rankings and the unit page say the same about one number.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_number, round_half
from sipas.method.results import WaveCounts
from sipas.targets.rules import DECIMALS, GT, GTE

MEETS = "meets"
NEAR = "near"
BELOW = "below"
STATUSES = (MEETS, NEAR, BELOW)
# Under the target by at most this many percentage points: "near".
NEAR_POINTS = 5.0
# Float noise allowance when a gap lands exactly on NEAR_POINTS.
_EPSILON = 1e-9


def served_fields(counts: WaveCounts) -> dict[str, str]:
    """The units whose data in `counts` come from one field only, with that field: their
    value is that field's value. A published row without a field (a unit's overall value)
    says nothing about the fields behind it, so such a unit serves no single field."""
    pairs = pd.concat(
        [counts.answers[[s.UNIT, s.FIELD]], counts.published[[s.UNIT, s.FIELD]]],
        ignore_index=True,
    )
    pairs[s.FIELD] = pairs[s.FIELD].fillna("")
    fields = pairs.drop_duplicates().groupby(s.UNIT)[s.FIELD]
    single = fields.agg(lambda codes: codes.iloc[0] if len(codes) == 1 else "")
    return {str(unit): str(field) for unit, field in single.items() if field}


def judged_field(
    unit: str | None,
    *,
    cell_field: str | None = None,
    chosen_field: str | None = None,
    served: Mapping[str, str] | None = None,
) -> str | None:
    """The field whose target judges a value: the cell's own field, else the field chosen in
    the filter, else the only field `unit` serves (`served`: from served_fields); None means
    the overall target."""
    if cell_field:
        return cell_field
    if chosen_field:
        return chosen_field
    return (served or {}).get(unit or "")


def meets(value: float, target: float, comparison: str = GTE) -> bool:
    """Whether `value` (percent) reaches `target` (percent), compared at 2 decimals as
    published: "trên 90%" (GT) needs more than 90,00; "90%" (GTE) needs 90,00 or more."""
    rounded = round_half(float(value), DECIMALS)
    return rounded > target if comparison == GT else rounded >= target


def status_against(value: float, target: float, comparison: str = GTE) -> str:
    """MEETS, NEAR (under by at most NEAR_POINTS points) or BELOW for `value` against `target`
    (percent both)."""
    if meets(value, target, comparison):
        return MEETS
    return NEAR if target - float(value) <= NEAR_POINTS + _EPSILON else BELOW


def target_short(value: float, comparison: str = GTE) -> str:
    """The target as written beside a value: "≥80%", ">90%", "≥92,5%"."""
    digits = next((d for d in range(3) if abs(round(value, d) - value) < 1e-9), 2)
    return f"{'>' if comparison == GT else '≥'}{format_number(value, digits)}%"


def judged_text(value_text: str, target: float | None, comparison: str | None = GTE) -> str:
    """A value with the target it was judged against: "87,04% / ≥80%"; the value alone
    when no target applies."""
    if target is None or pd.isna(target):
        return value_text
    return f"{value_text} / {target_short(float(target), comparison or GTE)}"
