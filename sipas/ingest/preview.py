"""What an import will show once stored: indices per unit of the accepted rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.schema import INDEX
from sipas.method.batch import ResponseBatch
from sipas.method.counting import count_answers
from sipas.method.indices import compute_indices
from sipas.reference.questionnaires import Method

LABEL = "label"


def respondent_preview(
    batch: ResponseBatch, accepted: np.ndarray, method: Method, names: dict[str, str]
) -> pd.DataFrame:
    """Per unit of the accepted questionnaires: LABEL, N, SIPAS (percent 0–100), mean score,
    pillars and elements, best first; the last row (UNIT "") is all units together."""
    if not accepted.any():
        return pd.DataFrame(columns=[s.UNIT, LABEL, s.N, s.SIPAS])
    slices = batch.slices.loc[accepted, [s.UNIT, s.FIELD]].reset_index(drop=True)
    answers, respondents = count_answers(slices, batch.answers[accepted], method.item_codes)
    per_unit = compute_indices(answers, method, [s.UNIT], respondents=respondents)
    per_unit = per_unit.sort_values(s.SIPAS, ascending=False)
    overall = compute_indices(answers, method, respondents=respondents).assign(**{s.UNIT: ""})
    result = pd.concat([per_unit, overall], ignore_index=True)
    result.insert(1, LABEL, result[s.UNIT].map(names).fillna(""))
    return result


def aggregate_preview(
    published: pd.DataFrame, accepted: np.ndarray, names: dict[str, str]
) -> pd.DataFrame:
    """The accepted published values as they will be stored, overall values first."""
    rows = published[accepted].copy()
    rows.insert(1, LABEL, rows[s.UNIT].map(names).fillna(""))
    order = rows[s.FIELD].notna().astype(int) + rows[s.ELEMENT].notna().astype(int)
    rows = rows.assign(_order=order).sort_values(["_order", INDEX], ascending=[True, False])
    return rows.drop(columns="_order").reset_index(drop=True)
