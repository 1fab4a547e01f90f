"""`python -m sipas` against a real database, checked by an independent pandas computation
from the stored questionnaires (not from the answer counts the app uses)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def sipas(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIPAS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "sipas", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def structure(method_code: str) -> pd.DataFrame:
    """item → element → pillar, read straight from the YAML definition."""
    raw = yaml.safe_load(
        (ROOT / f"data/questionnaires/{method_code}.yaml").read_text(encoding="utf-8")
    )
    return pd.DataFrame(
        [
            (item["code"], element["code"], pillar["code"])
            for pillar in raw["pillars"]
            for element in pillar["elements"]
            for item in element["items"]
        ],
        columns=["item", "element", "pillar"],
    )


def independent_sipas(url: str, wave: str, by: list[str]) -> pd.DataFrame:
    """SIPAS and n per group, computed from the responses table with plain pandas."""
    engine = create_engine(url)
    with engine.connect() as connection:
        meta = connection.execute(
            text("SELECT id, method_code, item_codes FROM waves WHERE code = :c"), {"c": wave}
        ).one()
        rows = pd.read_sql_query(
            text(
                "SELECT u.code AS unit, r.field_code AS field, r.answers FROM responses r "
                "JOIN units u ON u.id = r.unit_id WHERE r.wave_id = :w"
            ),
            connection,
            params={"w": meta.id},
        )
    engine.dispose()
    items = yaml.safe_load(meta.item_codes)
    answers = (
        pd.DataFrame([list(a) for a in rows["answers"]], columns=items)
        .replace(".", None)
        .astype(float)
    )
    keys = by or ["all"]
    wide = pd.concat([rows[by], answers], axis=1).assign(all=1)
    long = wide.melt(id_vars=keys, value_vars=items, var_name="item", value_name="answer").dropna()
    long["satisfied"] = long["answer"] >= 4
    item_index = (
        long.groupby([*keys, "item"])["satisfied"].mean().mul(100).rename("index").reset_index()
    )
    tree = item_index.merge(structure(meta.method_code), on="item")
    elements = tree.groupby([*keys, "pillar", "element"])["index"].mean().reset_index()
    pillars = elements.groupby([*keys, "pillar"])["index"].mean().reset_index()
    result = pillars.groupby(keys)["index"].mean().rename("sipas").to_frame()
    answered = wide[items].notna().any(axis=1)
    result["n"] = wide[answered].groupby(keys).size()
    return result.reset_index()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    else:
        from tests.support.postgres import create_database

        url = create_database(request.getfixturevalue("postgres_url"))
    loaded = sipas(url, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "Đã nạp dữ liệu minh họa" in loaded.stderr
    return url


@pytest.mark.parametrize(
    ("wave", "by"),
    [("2024", ["unit"]), ("2022", ["unit", "field"]), ("2025", ["unit"]), ("2023", [])],
)
def test_cli_indices_equal_an_independent_computation(
    demo_database: str, wave: str, by: list[str]
) -> None:
    result = sipas(demo_database, "indices", "--wave", wave, "--by", ",".join(by))
    assert result.returncode == 0, result.stderr
    printed = pd.read_csv(
        io.StringIO(result.stdout),
        dtype={"wave": str, "unit_code": str, "field_code": str},
        keep_default_na=False,
    )
    assert {"wave", "unit", "field", "sipas", "n"} <= set(printed.columns)
    ours = printed.drop(columns=["unit", "field"]).rename(
        columns={"unit_code": "unit", "field_code": "field"}
    )
    expected = independent_sipas(demo_database, wave, by)
    merged = expected.merge(
        ours[[*by, "sipas", "n"]] if by else ours[["sipas", "n"]].assign(all=1),
        on=by or ["all"],
        suffixes=("_expected", "_cli"),
    )
    assert len(merged) == len(expected) == len(printed)
    assert (merged["sipas_cli"] - merged["sipas_expected"]).abs().max() < 1e-3
    assert (merged["n_cli"] == merged["n_expected"]).all()
    assert (printed["wave"] == wave).all()


def test_cli_prints_one_column_per_element(demo_database: str) -> None:
    result = sipas(demo_database, "indices", "--wave", "2025", "--by", "unit")
    header = result.stdout.splitlines()[0].split(",")
    assert {"CS", "DV", "CSA", "YT0", "YT5"} <= set(header)
    by_element = sipas(demo_database, "indices", "--wave", "2024", "--by", "element")
    rows = pd.read_csv(io.StringIO(by_element.stdout))
    assert rows["element"].tolist() == ["YT1", "YT2", "YT3", "YT4", "YT5"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["indices", "--wave", "2030"], "Không có đợt khảo sát '2030'"),
        (["indices", "--wave", "2024", "--by", "huyen"], "Không thể nhóm theo: huyen"),
        (["indices", "--wave", "2024", "--by", "gender,channel"], "một thuộc tính"),
        (["demo"], "đã có đợt 2021"),
    ],
)
def test_cli_errors_are_vietnamese_and_exit_non_zero(
    demo_database: str, args: list[str], message: str
) -> None:
    result = sipas(demo_database, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_on_an_uninitialised_database_says_what_to_do(tmp_path: Path) -> None:
    result = sipas(f"sqlite:///{tmp_path / 'new.db'}", "indices", "--wave", "2024")
    assert result.returncode == 1
    assert "python -m sipas init" in result.stderr


def test_cli_on_an_unreachable_server_fails_cleanly() -> None:
    result = sipas("postgresql+psycopg://nobody@127.0.0.1:1/none", "init")
    assert result.returncode == 1
    assert "Không kết nối được cơ sở dữ liệu" in result.stderr
    assert "Traceback" not in result.stderr
