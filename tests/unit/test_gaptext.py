"""Gap sentences and tables: every number in a sentence is checkable by mental arithmetic."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sipas.gaps import table as g
from sipas.gaps.texts import gap_display, people_caption, sort_by_gap, unit_caption
from sipas.targets.rules import GT, GTE, RANK_GAIN, RANK_TOP
from sipas.targets.status import BELOW, MEETS, NEAR

LABELS = {
    "ninh-son": "Ninh Sơn",
    "ninh-hai": "Ninh Hải",
    "bac-ai": "Bác Ái",
    "thuan-bac": "Thuận Bắc",
    "prtc": "Phan Rang – Tháp Chàm",
}


def row(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        g.UNIT_CODE: "ninh-son",
        g.FIELD_CODE: None,
        g.VALUE: np.nan,
        g.N: 500,
        g.TARGET: np.nan,
        g.COMPARISON: None,
        g.GAP_PP: np.nan,
        g.GAP_PEOPLE: pd.NA,
        g.TARGET_STATUS: None,
        g.RANK: pd.NA,
        g.OF: 7,
        g.RANK_KIND: None,
        g.RANK_N: pd.NA,
        g.RANK_TARGET: pd.NA,
        g.PREVIOUS_RANK: pd.NA,
        g.NTH_VALUE: np.nan,
        g.NTH_UNITS: (),
        g.POINTS_TO_RANK: np.nan,
        g.MARGIN: np.nan,
        g.FIRST_OUTSIDE: (),
        g.P_RANK: np.nan,
        g.NTH_EXACT: np.nan,
        g.OUTSIDE_EXACT: np.nan,
        g.TARGET_SOURCE: None,
    }
    return {**base, **values}


NINH_SON = row(
    **{
        g.VALUE: 87.2216,
        g.TARGET: 90.0,
        g.COMPARISON: GT,
        g.GAP_PP: 2.7784,
        g.GAP_PEOPLE: 14,
        g.TARGET_STATUS: NEAR,
        g.RANK: 4,
        g.RANK_KIND: RANK_TOP,
        g.RANK_N: 3,
        g.RANK_TARGET: 3,
        g.NTH_VALUE: 88.05,
        g.NTH_UNITS: ("ninh-hai",),
        g.POINTS_TO_RANK: 0.83,
        g.NTH_EXACT: 88.0526,
        g.P_RANK: 0.3616,
        g.TARGET_SOURCE: "KH 95",
    }
)


def test_the_caption_of_the_issue_s_example() -> None:
    assert unit_caption(NINH_SON, LABELS) == (
        "Ninh Sơn đạt 87,2% (xếp 4/7), còn thiếu 2,8 điểm % so với mục tiêu trên 90%; "
        "cần thêm 0,9 điểm % để bắt kịp Ninh Hải (xếp thứ 3) và vào nhóm 3 dẫn đầu."
    )


def test_differences_are_those_of_the_numbers_shown() -> None:
    # 88,0526 is written 88,1 and 90 − 88,1 = 1,9 (not the 2,0 that rounding 1,947 up gives)
    ninh_hai = row(
        **{
            g.UNIT_CODE: "ninh-hai",
            g.VALUE: 88.0526,
            g.TARGET: 90.0,
            g.COMPARISON: GTE,
            g.GAP_PP: 1.9474,
            g.TARGET_STATUS: NEAR,
            g.RANK: 3,
            g.RANK_KIND: RANK_TOP,
            g.RANK_N: 3,
            g.RANK_TARGET: 3,
            g.POINTS_TO_RANK: 0.0,
            g.MARGIN: 0.83,
            g.FIRST_OUTSIDE: ("ninh-son",),
            g.OUTSIDE_EXACT: 87.2216,
        }
    )
    assert unit_caption(ninh_hai, LABELS) == (
        "Ninh Hải đạt 88,1% (xếp 3/7), còn thiếu 1,9 điểm % so với mục tiêu 90%; "
        "đang trong nhóm 3 dẫn đầu, hơn Ninh Sơn (đứng ngay sau nhóm) 0,9 điểm %."
    )


def test_met_targets_gain_targets_and_units_without_data() -> None:
    leader = row(
        **{
            g.UNIT_CODE: "prtc",
            g.VALUE: 92.5385,
            g.TARGET: 90.0,
            g.COMPARISON: GTE,
            g.GAP_PP: -2.5385,
            g.TARGET_STATUS: MEETS,
            g.RANK: 1,
        }
    )
    assert unit_caption(leader, LABELS) == (
        "Phan Rang – Tháp Chàm đạt 92,5% (xếp 1/7), đạt mục tiêu 90%, vượt 2,5 điểm %."
    )
    last = row(
        **{
            g.UNIT_CODE: "bac-ai",
            g.VALUE: 79.4655,
            g.TARGET: 90.0,
            g.COMPARISON: GTE,
            g.GAP_PP: 10.5345,
            g.TARGET_STATUS: BELOW,
            g.RANK: 7,
            g.RANK_KIND: RANK_GAIN,
            g.RANK_N: 1,
            g.RANK_TARGET: 6,
            g.PREVIOUS_RANK: 7,
            g.NTH_UNITS: ("thuan-bac",),
            g.POINTS_TO_RANK: 3.49,
            g.NTH_EXACT: 82.9595,
        }
    )
    assert unit_caption(last, LABELS).endswith(
        "mục tiêu tăng 1 bậc (đợt trước xếp thứ 7) đòi hỏi lên thứ 6: cần thêm 3,5 điểm % "
        "để bắt kịp Thuận Bắc."
    )
    no_previous = {**last, g.PREVIOUS_RANK: pd.NA, g.RANK_TARGET: pd.NA}
    assert "chưa có thứ hạng đợt trước" in unit_caption(no_previous, LABELS)
    assert unit_caption(row(), LABELS) == "Ninh Sơn: chưa có dữ liệu trong đợt này."
    no_target = row(**{g.VALUE: 87.2216, g.RANK: 4})
    assert unit_caption(no_target, LABELS) == (
        "Ninh Sơn đạt 87,2% (xếp 4/7), chưa có mục tiêu tỷ lệ hài lòng."
    )


def test_just_below_an_above_target_is_said_plainly() -> None:
    level = row(
        **{g.VALUE: 90.0, g.TARGET: 90.0, g.COMPARISON: GT, g.GAP_PP: 0.0, g.TARGET_STATUS: NEAR}
    )
    assert "mới bằng mức trên 90%" in unit_caption(level, LABELS)
    tiny = row(
        **{g.VALUE: 89.97, g.TARGET: 90.0, g.COMPARISON: GTE, g.GAP_PP: 0.03, g.TARGET_STATUS: NEAR}
    )
    assert "còn thiếu chưa đến 0,1 điểm %" in unit_caption(tiny, LABELS)


def test_people_sentence_and_table_sorted_by_gap() -> None:
    land = row(**{g.FIELD_CODE: "dat_dai", g.N: 212, g.GAP_PEOPLE: 14})
    assert people_caption(land, "đất đai") == (
        "cần thêm 14 người hài lòng trong 212 phiếu lĩnh vực đất đai"
    )
    assert people_caption(row(**{g.GAP_PEOPLE: 0}), "đất đai") == ""
    leader = row(
        **{
            g.UNIT_CODE: "prtc",
            g.VALUE: 92.5385,
            g.TARGET: 90.0,
            g.COMPARISON: GTE,
            g.GAP_PP: -2.5385,
            g.GAP_PEOPLE: 0,
            g.TARGET_STATUS: MEETS,
            g.RANK: 1,
        }
    )
    table = pd.DataFrame([leader, NINH_SON, row(**{g.UNIT_CODE: "bac-ai"})])
    assert sort_by_gap(table)[g.UNIT_CODE].tolist() == ["ninh-son", "prtc", "bac-ai"]
    shown = gap_display(table, LABELS)
    assert shown["Đơn vị"].tolist() == ["Ninh Sơn", "Phan Rang – Tháp Chàm", "Bác Ái"]
    assert shown["Mục tiêu"].tolist() == ["> 90%", "≥ 90%", "–"]
    assert shown["Khoảng cách"].tolist() == ["thiếu 2,78 điểm %", "vượt 2,54 điểm %", "–"]
    assert shown["Số người hài lòng cần thêm"].tolist() == ["14", "0", "–"]
    assert shown["Xếp hạng"].tolist() == ["4/7", "1/7", "–"]
    assert shown["Mục tiêu xếp hạng"].tolist()[0] == "Nhóm 3 dẫn đầu"
    assert shown["Điểm cần thêm để đạt thứ hạng"].tolist()[0] == "thiếu 0,83 điểm %"
    assert shown["Khả năng đạt thứ hạng"].tolist() == ["36%", "–", "–"]
