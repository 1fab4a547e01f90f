"""The demo data: deterministic, the promised shape, realistic variation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.method.batch import COMMENT
from sipas.method.counting import count_answers
from sipas.method.indices import compute_indices
from sipas.setup.demo import DemoWave, generate_demo


@pytest.fixture(scope="module")
def demo() -> list[DemoWave]:
    return generate_demo()


def sipas_by(wave: DemoWave, by: list[str]) -> pd.DataFrame:
    answers, respondents = count_answers(
        wave.batch.slices, wave.batch.answers, wave.method.item_codes
    )
    return compute_indices(answers, wave.method, by, respondents)


def test_demo_is_the_same_every_time(demo: list[DemoWave]) -> None:
    again = generate_demo()
    for first, second in zip(demo, again, strict=True):
        assert (first.batch.answers == second.batch.answers).all()
        pd.testing.assert_frame_equal(first.batch.slices, second.batch.slices)


def test_waves_methods_and_sizes(demo: list[DemoWave]) -> None:
    assert [w.code for w in demo] == ["2021", "2022", "2023", "2024", "2025"]
    assert [w.method.code for w in demo] == ["qd2640"] * 4 + ["qd1001"]
    for wave in demo[:4]:
        per_unit = wave.batch.slices[s.UNIT].value_counts()
        assert len(per_unit) == 7 and (per_unit == 500).all()
        assert wave.batch.slices[s.FIELD].nunique() >= 6
    post = demo[4].batch.slices
    assert post[s.UNIT].str.startswith(("x-", "p-")).sum() > 3000  # communes and wards
    assert post[s.UNIT].str.startswith("so-").sum() > 1000  # departments


def test_respondent_attributes_and_a_few_hundred_comments(demo: list[DemoWave]) -> None:
    slices = pd.concat([w.batch.slices for w in demo])
    for attribute in s.ATTRIBUTES:
        assert slices[attribute].notna().all()
    comments = slices[COMMENT].dropna()
    assert 200 <= len(comments) <= 900
    assert comments.str.contains("trễ hẹn").any()


def test_answers_have_blanks_and_all_five_values(demo: list[DemoWave]) -> None:
    answers = demo[3].batch.answers
    assert set(np.unique(answers)) == {0, 1, 2, 3, 4, 5}
    assert 0.02 < (answers == 0).mean() < 0.15


def test_the_2024_story_holds(demo: list[DemoWave]) -> None:
    """Some units meet 90 %, some not; Ninh Sơn 4th of 7, behind Ninh Hải; land lags."""
    result = sipas_by(demo[3], [s.UNIT]).set_index(s.UNIT)[s.SIPAS].sort_values(ascending=False)
    assert result.index[0] == "phan-rang-thap-cham" and result.iloc[0] >= 90
    assert result.index[-1] == "bac-ai" and result.iloc[-1] < 80
    assert list(result.index).index("ninh-son") == 3
    assert list(result.index).index("ninh-hai") == 2
    fields = sipas_by(demo[3], [s.FIELD]).set_index(s.FIELD)[s.SIPAS]
    assert fields["dat_dai"] < 85 < fields["tu_phap"]


def test_some_units_improve_and_some_do_not(demo: list[DemoWave]) -> None:
    first = sipas_by(demo[0], [s.UNIT]).set_index(s.UNIT)[s.SIPAS]
    last = sipas_by(demo[3], [s.UNIT]).set_index(s.UNIT)[s.SIPAS]
    change = last - first
    assert change["ninh-son"] > 3
    assert abs(change["ninh-phuoc"]) < 1.5
