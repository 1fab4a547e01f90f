"""Comparable waves: a small follow-up survey dated between two official waves never becomes
the baseline of rank changes and "gain K places" targets (it did: Bác Ái's "gain one place"
turned into "rank 1, 13,07 points, 0%"); staff can correct what a wave was."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.gaps import table as g
from sipas.gaps.table import GapInputs, gap_table
from sipas.gaps.texts import unit_caption
from sipas.ingest.commit import commit_import
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.method.waves import comparison_wave
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from sipas.storage.waves import WaveError, list_waves, set_survey_type
from sipas.targets.registry import load_targets
from tests.storage.test_cli import sipas
from tests.support.workbooks import respondent_rows, xlsx

FOLLOW_UP = "2023-bo-sung"


def gaps_2024(engine: Engine) -> pd.DataFrame:
    """The 2024 gap table against the wave the product picks as the previous one."""
    with transaction(engine) as session:
        waves = list_waves(session)
        before = comparison_wave(waves, "2024")
        assert before is not None
        inputs = GapInputs(
            load_wave_counts(session, "2024"),
            units_frame(session),
            load_targets(session),
            load_wave_counts(session, before.code),
        )
    return gap_table(inputs).set_index(g.UNIT_CODE)


def import_follow_up(engine: Engine, survey_type: str) -> None:
    header, rows, _ = respondent_rows(60, 11, units=["Huyện Bác Ái", "Huyện Ninh Hải"])
    request = ImportRequest(
        xlsx([header, *rows]), "bo_sung.xlsx", FOLLOW_UP, year=2023, survey_type=survey_type
    )
    with transaction(engine) as session:
        ready = prepare(session, request)
    commit_import(engine, ready, "tester")


def test_a_follow_up_wave_leaves_2024_rank_changes_and_gain_targets_unchanged(
    demo_url: str,
) -> None:
    engine = make_engine(demo_url)
    before = gaps_2024(engine)
    import_follow_up(engine, "supplementary")
    with transaction(engine) as session:
        waves = list_waves(session)
    codes = [w.code for w in waves]
    assert codes.index("2023") < codes.index(FOLLOW_UP) < codes.index("2024")  # in between
    wave_2024 = next(w for w in waves if w.code == "2024")
    assert comparison_wave(waves, "2024").code == "2023"  # type: ignore[union-attr]
    assert comparison_wave(waves, wave_2024).code == "2023"  # type: ignore[union-attr]
    after = gaps_2024(engine)
    columns = [g.RANK, g.PREVIOUS_RANK, g.RANK_TARGET, g.POINTS_TO_RANK, g.P_RANK]
    pd.testing.assert_frame_equal(after[columns], before[columns])
    bac_ai = after.loc["bac-ai"]
    assert (bac_ai[g.RANK_KIND], bac_ai[g.COMPARED_WAVE]) == ("rank_gain", "2023")
    assert bac_ai[g.RANK_TARGET] == bac_ai[g.PREVIOUS_RANK] - 1
    caption = unit_caption(bac_ai.to_dict() | {g.UNIT_CODE: "bac-ai"}, {"bac-ai": "Bác Ái"})
    assert f"(đợt 2023 xếp thứ {int(bac_ai[g.PREVIOUS_RANK])})" in caption
    engine.dispose()


def test_an_official_follow_up_would_be_the_baseline_and_staff_can_correct_it(
    demo_url: str,
) -> None:
    engine = make_engine(demo_url)
    import_follow_up(engine, s.OFFICIAL)
    with transaction(engine) as session:
        assert comparison_wave(list_waves(session), "2024").code == FOLLOW_UP  # type: ignore[union-attr]
    changed = sipas(demo_url, "wave-type", FOLLOW_UP, "supplementary")
    assert changed.returncode == 0, changed.stderr
    assert "Đợt 2023-bo-sung nay là đợt bổ sung." in changed.stderr
    with transaction(engine) as session:
        waves = list_waves(session)
        assert comparison_wave(waves, "2024").code == "2023"  # type: ignore[union-attr]
        assert next(w for w in waves if w.code == FOLLOW_UP).survey_type == "supplementary"
        with pytest.raises(WaveError, match="official \\(chính thức\\)"):
            set_survey_type(session, FOLLOW_UP, "draft")
    engine.dispose()
    refused = sipas(demo_url, "wave-type", FOLLOW_UP, "draft")
    assert refused.returncode != 0 and isinstance(refused, subprocess.CompletedProcess)
