"""The import preview's before and after: each unit's value in the wave now and once the
file is stored, compared with what the wave shows after the import is really committed."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.ingest.preview import AFTER, BEFORE, N_AFTER, N_BEFORE
from tests.storage.test_import import imported, prepared, simple_file, sipas_by_unit
from tests.support.workbooks import respondent_rows, xlsx


def by_unit(change: pd.DataFrame, value: str, n: str) -> dict[str, tuple[float, int]]:
    rows = change[(change[s.UNIT] != "") & change[value].notna()]
    return {
        u: (round(v, 9), int(k)) for u, v, k in zip(rows[s.UNIT], rows[value], rows[n], strict=True)
    }


def test_adding_a_file_shows_each_unit_before_and_as_the_wave_will_be(engine: Engine) -> None:
    first, _ = simple_file(40, 3)
    imported(engine, first)
    now = sipas_by_unit(engine, "2024")
    second, _ = simple_file(25, 8)
    ready = prepared(engine, second)
    change = ready.change
    before = by_unit(change, BEFORE, N_BEFORE)
    assert before == {u: now[u] for u in before} and before
    imported(engine, second)
    stored = sipas_by_unit(engine, "2024")
    after = by_unit(change, AFTER, N_AFTER)
    assert after == {u: stored[u] for u in after}
    assert set(after) == set(ready.preview[s.UNIT]) - {""}  # the file's units, no other
    assert any(after[u] != now.get(u) for u in after)  # the file changes something
    total = change[change[s.UNIT] == ""].iloc[0]
    assert (int(total[N_BEFORE]), int(total[N_AFTER])) == (40, 65)


def test_replacing_shows_the_units_that_lose_their_data(engine: Engine) -> None:
    first, _ = simple_file(40, 3)
    imported(engine, first)
    now = sipas_by_unit(engine, "2024")
    header, rows, _ = respondent_rows(12, 5)
    second = xlsx([header, *(row for row in rows if row[2] == rows[0][2])])  # one unit only
    change = prepared(engine, second, mode="replace").change
    imported(engine, second, mode="replace")
    stored = sipas_by_unit(engine, "2024")
    shown = change[change[s.UNIT] != ""].set_index(s.UNIT)
    assert set(shown.index) == set(now) | set(stored)
    for unit in shown.index:
        value = shown.loc[unit, AFTER]
        if unit in stored:
            assert value == pytest.approx(stored[unit][0], abs=1e-7)
        else:
            assert math.isnan(value) and shown.loc[unit, BEFORE] == pytest.approx(now[unit][0])
    assert len(set(now) - set(stored)) > 0  # a unit of the old file is not in the new one


def test_a_new_wave_has_no_before(engine: Engine) -> None:
    content, _ = simple_file(10, 1)
    ready = prepared(engine, content, wave="2031")
    assert ready.change.empty and not ready.preview.empty
