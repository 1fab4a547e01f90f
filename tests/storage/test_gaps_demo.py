"""Gaps on the demo database: the 2024 wave tells the issue's story (Ninh Sơn 4/7, 2,8 points
short of "trên 90%", 0,9 behind Ninh Hải for the top 3), checked against an independent
pandas computation from the stored questionnaires; and `python -m sipas gaps`."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from sipas.gaps import table as g
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.texts import unit_caption
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.targets.registry import load_targets
from tests.storage.test_cli import independent_sipas, sipas

REQUIRED = [
    *("wave", "unit", "field", "measure", "value", "target", "gap_pp", "gap_people"),
    *("rank", "of", "rank_target", "points_to_rank_target", "target_source"),
]


def demo_gaps(url: str, wave: str, previous: str, **options: object) -> pd.DataFrame:
    engine = make_engine(url)
    with transaction(engine) as session:
        inputs = GapInputs(
            load_wave_counts(session, wave),
            units_frame(session),
            load_targets(session),
            load_wave_counts(session, previous),
        )
    engine.dispose()
    return gap_table(inputs, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def independent_2024(demo_file: object) -> pd.Series:
    values = independent_sipas(f"sqlite:///{demo_file}", "2024", ["unit"])
    return values.set_index("unit")["sipas"]


def test_the_2024_wave_reproduces_the_issue_s_example(
    demo_url: str, independent_2024: pd.Series
) -> None:
    table = demo_gaps(demo_url, "2024", "2023").set_index(g.UNIT_CODE)
    ninh_son = table.loc["ninh-son"]
    value = independent_2024["ninh-son"]
    assert ninh_son[g.VALUE] == pytest.approx(value)
    assert (ninh_son[g.TARGET], ninh_son[g.COMPARISON]) == (90.0, "gt")
    assert "Kế hoạch 95/KH-UBND ngày 27/02/2024" in ninh_son[g.TARGET_SOURCE]
    assert ninh_son[g.GAP_PP] == pytest.approx(90 - value)
    # "trên 90%" on 500 questionnaires: more than 450 satisfied
    assert ninh_son[g.GAP_PEOPLE] == math.floor((90 - value) * 500 / 100) + 1
    ranks = independent_2024.round(2).rank(method="min", ascending=False)
    assert (ninh_son[g.RANK], ninh_son[g.OF]) == (ranks["ninh-son"], 7) == (4, 7)
    assert ninh_son[g.RANK_TARGET] == 3 and ninh_son[g.NTH_UNITS] == ("ninh-hai",)
    third = round(independent_2024["ninh-hai"], 2) - round(value, 2)
    assert ninh_son[g.POINTS_TO_RANK] == pytest.approx(third)
    assert 0 < ninh_son[g.P_RANK] < 0.5  # behind, but within sampling error
    labels = {"ninh-son": "Ninh Sơn", "ninh-hai": "Ninh Hải"}
    assert unit_caption({**ninh_son.to_dict(), g.UNIT_CODE: "ninh-son"}, labels) == (
        "Ninh Sơn đạt 87,2% (xếp 4/7), còn thiếu 2,8 điểm % so với mục tiêu trên 90%; "
        "cần thêm 0,9 điểm % để bắt kịp Ninh Hải (xếp thứ 3) và vào nhóm 3 dẫn đầu."
    )


def test_the_2024_map_is_ninh_thuan_s_seven_districts(demo_url: str) -> None:
    """The demo holds Khánh Hòa's legacy districts too (the official map): they were not in the
    2024 survey, so they are neither peers nor rows without data, nor counted as missing."""
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        districts = units_frame(session).query("level == 'district'")
    engine.dispose()
    assert len(districts) == 16 and (districts["parent_code"] == "ninh-thuan").sum() == 7
    table = demo_gaps(demo_url, "2024", "2023")
    assert len(table) == 7 and set(table[g.PARENT]) == {"ninh-thuan"}
    assert set(table[g.OF]) == {7} and set(table[g.LEVEL_UNITS]) == {7}
    assert not table[g.PARTIAL].any()


def test_other_units_keep_the_national_target_and_gain_targets_use_the_last_wave(
    demo_url: str, independent_2024: pd.Series
) -> None:
    table = demo_gaps(demo_url, "2024", "2023").set_index(g.UNIT_CODE)
    others = table.drop(index="ninh-son")
    assert set(others[g.TARGET]) == {90.0} and set(others[g.COMPARISON]) == {"gte"}
    assert others[g.TARGET_SOURCE].str.startswith("Nghị quyết 76/NQ-CP").all()
    bac_ai = table.loc["bac-ai"]
    assert (bac_ai[g.RANK_KIND], bac_ai[g.PREVIOUS_RANK], bac_ai[g.RANK_TARGET]) == (
        "rank_gain",
        7,
        6,
    )
    behind = round(independent_2024["thuan-bac"], 2) - round(independent_2024["bac-ai"], 2)
    assert bac_ai[g.POINTS_TO_RANK] == pytest.approx(behind)
    assert pd.isna(table.loc["phan-rang-thap-cham", g.RANK_N])


def test_probabilities_are_reproducible_and_change_only_with_the_seed(demo_url: str) -> None:
    first = demo_gaps(demo_url, "2024", "2023")[g.P_RANK]
    assert first.equals(demo_gaps(demo_url, "2024", "2023")[g.P_RANK])
    other = demo_gaps(demo_url, "2024", "2023", seed=1)[g.P_RANK]
    assert not first.equals(other)
    assert (first - other).abs().max() < 0.03  # 10 000 draws: differences stay small


def test_cli_gaps_prints_the_domain_numbers(demo_url: str) -> None:
    result = sipas(demo_url, "gaps", "--wave", "2024")
    assert result.returncode == 0, result.stderr
    printed = pd.read_csv(io.StringIO(result.stdout))
    assert set(REQUIRED) <= set(printed.columns)
    assert len(printed) == 7 and set(printed["wave"]) == {2024}
    row = printed.set_index("unit_code").loc["ninh-son"]
    expected = demo_gaps(demo_url, "2024", "2023").set_index(g.UNIT_CODE).loc["ninh-son"]
    assert row["unit"] == "Ninh Sơn" and pd.isna(row["field"])
    assert row["value"] == pytest.approx(expected[g.VALUE], abs=1e-4)
    assert row["gap_pp"] == pytest.approx(expected[g.GAP_PP], abs=1e-4)
    assert (row["gap_people"], row["rank"], row["of"], row["rank_target"]) == (14, 4, 7, 3)
    assert row["points_to_rank_target"] == pytest.approx(expected[g.POINTS_TO_RANK], abs=1e-4)
    assert row["p_rank_target"] == pytest.approx(expected[g.P_RANK], abs=1e-4)


def test_cli_gaps_by_unit_and_field(demo_url: str, demo_file: object) -> None:
    result = sipas(demo_url, "gaps", "--wave", "2024", "--by", "unit,field")
    assert result.returncode == 0, result.stderr
    printed = pd.read_csv(io.StringIO(result.stdout)).set_index(["unit_code", "field_code"])
    land = printed.loc[("ninh-son", "dat_dai")]
    independent = independent_sipas(f"sqlite:///{demo_file}", "2024", ["unit", "field"])
    mine = independent.set_index(["unit", "field"]).loc[("ninh-son", "dat_dai")]
    assert land["value"] == pytest.approx(mine["sipas"], abs=1e-4)
    assert (land["target"], land["comparison"], land["n"]) == (85.0, "gte", mine["n"])
    assert land["gap_people"] == math.ceil((85 - mine["sipas"]) * mine["n"] / 100)
    assert land["target_source"].startswith("Kế hoạch 95/KH-UBND")
    health = printed.loc[("bac-ai", "y_te")]
    assert (health["target"], health["comparison"]) == (80.0, "gte")  # NQ 76 for health


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "field"], "Không thể tính theo 'field'"),
        (["--measure", "XX"], "Thước đo không có trong phương pháp QĐ 2640: XX"),
        (["--draws", "0"], "Số lần mô phỏng phải từ 1 trở lên"),
    ],
)
def test_cli_gaps_refuses_bad_arguments_in_vietnamese(
    demo_url: str, args: list[str], message: str
) -> None:
    result = sipas(demo_url, "gaps", "--wave", "2024", *args)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_cli_gaps_for_the_post_reform_wave_by_element(demo_url: str) -> None:
    result = sipas(demo_url, "gaps", "--wave", "2025", "--measure", "all", "--level", "commune")
    assert result.returncode == 0, result.stderr
    printed = pd.read_csv(io.StringIO(result.stdout))
    assert set(printed["measure"]) == {
        "sipas",
        "CS",
        "DV",
        "CSA",
        "CSB",
        "CSC",
        "CSD",
        "YT0",
        "YT1",
        "YT2",
        "YT3",
        "YT4",
        "YT5",
    }
    sipas_rows = printed[printed["measure"] == "sipas"]
    assert len(sipas_rows) == 65 and set(sipas_rows["of"]) == {65}
    assert set(sipas_rows["target"]) == {90.0}  # NQ 76 still applies in 2025
    assert printed.loc[printed["measure"] != "sipas", "target"].isna().all()


def test_cli_targets_lists_the_registry(demo_url: str) -> None:
    result = sipas(demo_url, "targets")
    assert result.returncode == 0, result.stderr
    printed = pd.read_csv(io.StringIO(result.stdout))
    # 13 national thresholds, NĐ 307's top 10 provinces, KH 95 Ninh Sơn (7), 2 demo gains
    assert len(printed) == 23
    plan = printed[printed["source"].str.startswith("Kế hoạch 95/KH-UBND")]
    assert sorted(plan["kind"].unique()) == ["rank_top", "threshold"]
    assert plan.loc[plan["kind"] == "rank_top", "rank_n"].tolist() == [3]
    assert set(printed["updated_by"]) == {"system"}
