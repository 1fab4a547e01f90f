"""From questionnaires to answer counts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sipas.core import schema as s
from sipas.method.counting import count_answers, decode_answers, encode_answers


def test_answers_round_trip_through_their_compact_text() -> None:
    matrix = np.array([[5, 4, 0], [0, 0, 1], [3, 2, 5]], dtype=np.uint8)
    encoded = encode_answers(matrix)
    assert encoded == ["54.", "..1", "325"]
    assert (decode_answers(encoded, 3) == matrix).all()
    assert encode_answers(np.zeros((0, 3), dtype=np.uint8)) == []


def test_counts_in_total_and_per_attribute_value() -> None:
    slices = pd.DataFrame(
        {s.UNIT: ["a", "a", "b"], s.FIELD: ["x", "x", "y"], s.GENDER: ["nam", None, "nu"]}
    )
    answers = np.array([[5, 4], [3, 0], [0, 0]], dtype=np.uint8)
    answer_counts, respondents = count_answers(slices, answers, ["I1", "I2"], [s.GENDER, s.CHANNEL])
    totals = answer_counts[answer_counts[s.ATTRIBUTE] == ""].set_index([s.UNIT, s.ITEM])
    assert totals.loc[("a", "I1"), list(s.COUNT_COLUMNS)].tolist() == [0, 0, 1, 0, 1]
    assert totals.loc[("a", "I2"), list(s.COUNT_COLUMNS)].tolist() == [0, 0, 0, 1, 0]
    # b has no answer at all: no count row and not a respondent
    assert "b" not in totals.index.get_level_values(s.UNIT)
    by_gender = answer_counts[answer_counts[s.ATTRIBUTE] == s.GENDER]
    assert set(by_gender[s.ATTRIBUTE_VALUE]) == {"nam"}  # the "nữ" respondent answered nothing
    assert by_gender[list(s.COUNT_COLUMNS)].to_numpy().sum() == 2
    # channel is not in the frame: no rows for it
    assert s.CHANNEL not in set(answer_counts[s.ATTRIBUTE])
    total_respondents = respondents[respondents[s.ATTRIBUTE] == ""]
    assert total_respondents[s.RESPONDENTS].tolist() == [2]


def test_counts_equal_a_plain_pandas_tally() -> None:
    rng = np.random.default_rng(7)
    n, items = 500, 4
    slices = pd.DataFrame(
        {s.UNIT: rng.choice(["a", "b", "c"], n), s.FIELD: rng.choice(["x", "y"], n)}
    )
    answers = rng.integers(0, 6, size=(n, items)).astype(np.uint8)
    answer_counts, _ = count_answers(slices, answers, ["I1", "I2", "I3", "I4"])
    long = (
        pd.DataFrame(answers, columns=["I1", "I2", "I3", "I4"])
        .join(slices)
        .melt(id_vars=[s.UNIT, s.FIELD], var_name=s.ITEM, value_name=s.VALUE)
    )
    expected = long[long[s.VALUE] > 0].groupby([s.UNIT, s.FIELD, s.ITEM, s.VALUE]).size()
    ours = answer_counts.melt(
        id_vars=[s.UNIT, s.FIELD, s.ATTRIBUTE, s.ATTRIBUTE_VALUE, s.ITEM],
        value_vars=list(s.COUNT_COLUMNS),
        var_name=s.VALUE,
        value_name="count",
    )
    ours[s.VALUE] = ours[s.VALUE].str[1].astype(int)
    ours = (
        ours[ours["count"] > 0].set_index([s.UNIT, s.FIELD, s.ITEM, s.VALUE])["count"].sort_index()
    )
    assert ours.to_dict() == expected.sort_index().to_dict()
