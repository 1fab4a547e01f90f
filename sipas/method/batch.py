"""A batch of questionnaires ready to store: slice columns plus an answer matrix."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core import schema as s

# Optional descriptive columns of a questionnaire, stored as they are.
SURVEY_DATE = "survey_date"
PROCEDURE = "procedure"
EXTERNAL_ID = "external_id"
EXTERNAL_ID_LENGTH = 64  # characters kept by responses.external_id (VARCHAR(64))
COMMENT = "comment"
OPTIONAL_COLUMNS = (s.ROW_NO, EXTERNAL_ID, PROCEDURE, SURVEY_DATE, *s.ATTRIBUTES, COMMENT)


@dataclass(frozen=True)
class ResponseBatch:
    """Questionnaires of one wave: `slices` has UNIT (unit code) and FIELD (field code) and any
    of OPTIONAL_COLUMNS; `answers` is uint8 rows × items in the wave's item order, 0 = none."""

    slices: pd.DataFrame
    answers: np.ndarray

    def __post_init__(self) -> None:
        if len(self.slices) != self.answers.shape[0]:
            raise ValueError("slices and answers must have the same number of rows")
        missing = {s.UNIT, s.FIELD} - set(self.slices.columns)
        if missing:
            raise ValueError(f"slices lacks columns {sorted(missing)}")

    def __len__(self) -> int:
        return len(self.slices)

    def column(self, name: str) -> pd.Series:
        """A column of `slices`, or all-missing when the batch does not have it."""
        if name in self.slices:
            return self.slices[name]
        return pd.Series([None] * len(self.slices), index=self.slices.index, dtype=object)
