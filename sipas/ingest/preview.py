"""What an import will show once stored: indices per unit of the accepted rows, and each
unit's value in the wave before and after the import."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.core.schema import INDEX
from sipas.method.batch import ResponseBatch
from sipas.method.counting import count_answers, count_moments
from sipas.method.design import measure_scores
from sipas.method.indices import compute_indices
from sipas.method.results import WaveCounts, wave_indices
from sipas.reference.questionnaires import Method

LABEL = "label"
BEFORE, AFTER, N_BEFORE, N_AFTER = "sipas_before", "sipas_after", "n_before", "n_after"
CHANGE_COLUMNS = [s.UNIT, LABEL, BEFORE, AFTER, N_BEFORE, N_AFTER]


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


def wave_change(
    current: WaveCounts,
    batch: ResponseBatch,
    accepted: np.ndarray,
    replaces: bool,
    names: dict[str, str],
) -> pd.DataFrame:
    """Per unit of the file (and, when the import replaces the wave's data, per unit that
    loses its data), SIPAS and n in the wave as the dashboard computes them now (BEFORE,
    N_BEFORE) and once the accepted rows are stored (AFTER, N_AFTER); NaN where a unit has
    no value. The last row (UNIT "") is all units of the wave together."""
    if not accepted.any():
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    added = _counts_of(batch, accepted, current)
    kept = replace(
        current,
        answers=current.answers.iloc[:0],
        respondents=current.respondents.iloc[:0],
        moments=current.moments.iloc[:0],
    )
    base = kept if replaces else current
    after = replace(
        current,
        answers=_summed(base.answers, added.answers, [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.ITEM]),
        respondents=_summed(
            base.respondents, added.respondents, [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE]
        ),
        moments=_summed(
            base.moments, added.moments, [s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.MEASURE_CODE]
        ),
    )
    units = list(dict.fromkeys(added.answers[s.UNIT]))
    if replaces:
        units += [u for u in dict.fromkeys(current.answers[s.UNIT]) if u not in units]
    rows = pd.DataFrame({s.UNIT: units})
    rows = rows.merge(_sipas_n(current, [s.UNIT], BEFORE, N_BEFORE), on=s.UNIT, how="left")
    rows = rows.merge(_sipas_n(after, [s.UNIT], AFTER, N_AFTER), on=s.UNIT, how="left")
    rows = rows.sort_values(AFTER, ascending=False, na_position="last")
    overall = pd.concat(
        [_sipas_n(current, [], BEFORE, N_BEFORE), _sipas_n(after, [], AFTER, N_AFTER)], axis=1
    ).assign(**{s.UNIT: ""})
    result = pd.concat([rows, overall], ignore_index=True)
    result.insert(1, LABEL, result[s.UNIT].map(names).fillna(""))
    return result[CHANGE_COLUMNS]


def _counts_of(batch: ResponseBatch, accepted: np.ndarray, wave: WaveCounts) -> WaveCounts:
    """The accepted rows' counts, shaped as a stored wave's totals (no attribute split)."""
    items = wave.wave.item_codes or wave.method.item_codes
    answers = batch.answers[accepted]
    scores = measure_scores(wave.method, items, wave.wave.weighting, answers)
    slices = batch.slices.loc[accepted, [s.UNIT, s.FIELD]].reset_index(drop=True)
    counted, respondents = count_answers(slices, answers, items, scores=scores[s.SIPAS])
    return replace(
        wave,
        answers=counted.drop(columns=s.ATTRIBUTE),
        respondents=respondents.drop(columns=s.ATTRIBUTE),
        moments=count_moments(slices, scores).drop(columns=s.ATTRIBUTE),
    )


def _summed(stored: pd.DataFrame, added: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    both = pd.concat([stored, added[stored.columns]], ignore_index=True)
    return both.groupby(keys, dropna=False, sort=False).sum(min_count=1).reset_index()


def _sipas_n(counts: WaveCounts, by: list[str], value: str, n: str) -> pd.DataFrame:
    if counts.answers.empty:
        return pd.DataFrame(columns=[*by, value, n])
    indices = wave_indices(counts, by)
    return indices[[*by, s.SIPAS, s.N]].rename(columns={s.SIPAS: value, s.N: n})
