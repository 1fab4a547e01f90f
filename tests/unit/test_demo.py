"""The demo data: deterministic, the promised shape, realistic variation."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from sipas.core import schema as s
from sipas.method.batch import COMMENT, EXTERNAL_ID
from sipas.method.counting import count_answers
from sipas.method.indices import compute_indices
from sipas.setup.demo import DemoWave, generate_demo
from sipas.setup.demo_units import demo_map, read_demo_units


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
    assert post[s.UNIT].str.startswith(("x-", "p-")).sum() == 24 * 170  # the list's communes
    assert post[s.UNIT].str.startswith("so-").sum() == 6 * 260  # the list's departments


def test_2025_covers_the_province_on_the_official_map(demo: list[DemoWave]) -> None:
    """Every commune and ward of Khánh Hòa (65), 12 departments and 3 vertical agencies."""
    mapped = demo_map("56")
    units = demo[4].batch.slices[s.UNIT].drop_duplicates()
    official = {u.official_code for u in read_demo_units() if u.official_code}
    added = {u.code for u in mapped.units if u.level == s.COMMUNE and u.valid_to is None}
    added = {code for code in added if code.removeprefix("vn34-") not in official}
    communes = set(units[units.str.startswith(("x-", "p-"))]) | (set(units) & added)
    assert len(communes) == 65 == len(added) + 24
    standard = {u.code: u.level for u in mapped.agencies}
    own = set(units[units.str.startswith("so-")])
    assert len(own) + sum(standard.get(u) == s.DEPARTMENT for u in units) == 12
    assert sorted(u for u in units if standard.get(u) == s.AGENCY) == [
        "vn34-56-bao-hiem-xa-hoi",
        "vn34-56-cong-an-tinh",
        "vn34-56-thue-tinh",
    ]
    assert len(units) == 65 + 12 + 3
    ids = demo[4].batch.slices[EXTERNAL_ID]
    assert ids.is_unique and ids.iloc[-1] == f"2025-{len(ids):05d}"


# SHA-256 of each wave's answers and slices as generated before the 2025 wave grew to the
# whole province: the listed units' questionnaires (the first 5 640 of 2025) never change.
DIGESTS = {
    "2021": "4868eb27b9579bb3c6ba033916cde6bf98c6bd7cac3d9861e0297d070c1e058e",
    "2022": "14868cc1967933ff207a69a2c25492f3716134f8e78f3d86d2f16b40ce39c467",
    "2023": "e0997f13ee077c58f20c282d2cbb787849fb97cfc8dff77bdab6b78c9495b380",
    "2024": "2611e972a1865a124a505febc1b4097a9a09560a97bd733c5ac0746157e35d9b",
    "2025": "b61a6d775107b1d600e372760049ad9c193b27fdf6c3660070328c7f2b7c7a66",
}


def test_adding_units_leaves_the_earlier_questionnaires_byte_identical(
    demo: list[DemoWave],
) -> None:
    for wave in demo:
        rows = 24 * 170 + 6 * 260 if wave.code == "2025" else len(wave.batch)
        digest = hashlib.sha256(wave.batch.answers[:rows].tobytes())
        slices = wave.batch.slices.iloc[:rows].drop(columns="_share")
        digest.update(slices.to_csv(index=False).encode())
        assert digest.hexdigest() == DIGESTS[wave.code], wave.code


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
