"""Units, fields, attributes and default targets as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sipas.core import schema as s
from sipas.reference.fields import field_for_text, load_attributes, load_fields
from sipas.reference.national import national_figure
from sipas.reference.units import UnitListError, name_key, read_unit_file, read_unit_lists
from sipas.setup.demo_units import read_demo_units
from sipas.targets.rules import applicable_threshold
from sipas.targets.seeds import default_thresholds


def test_fields_include_the_required_codes_in_two_languages() -> None:
    fields = {f.code: f for f in load_fields()}
    assert {"dat_dai", "xay_dung", "dau_tu", "y_te", "giao_duc", "khac"} <= set(fields)
    assert fields["dat_dai"].name_vi == "Đất đai"
    assert fields["dat_dai"].name_en == "Land"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "dat_dai"),
        ("CAP GIAY PHEP XAY DUNG", "xay_dung"),
        ("Đăng ký thành lập hộ kinh doanh", "dau_tu"),
        ("Đăng ký khai sinh", "tu_phap"),
        ("Thủ tục không rõ", None),
    ],
)
def test_free_text_maps_to_a_field_by_keywords(text: str, code: str | None) -> None:
    assert field_for_text(text) == code


def test_attributes_have_codes_and_names() -> None:
    attributes = load_attributes()
    assert set(attributes) == set(s.ATTRIBUTES)
    assert attributes["channel"].value_names()["truc_tuyen"] == "Trực tuyến"


def test_no_unit_list_ships_for_init() -> None:
    """`init` loads no survey unit: a province loads its own, the demo its list."""
    assert read_unit_lists() == []


def test_ninh_thuan_units_before_and_after_the_2025_reform() -> None:
    units = read_demo_units()
    districts = [u for u in units if u.level == s.DISTRICT]
    assert len(districts) == 7
    assert all(u.parent_code == "ninh-thuan" for u in districts)
    assert all(u.is_valid_on(dt.date(2024, 12, 31)) for u in districts)
    assert not any(u.is_valid_on(dt.date(2025, 7, 1)) for u in districts)
    communes = [u for u in units if u.level == s.COMMUNE]
    assert communes and all(u.is_valid_on(dt.date(2025, 7, 1)) for u in communes)
    assert all(u.parent_code == "khanh-hoa" for u in communes)


@pytest.mark.parametrize(
    "spelling", ["Huyện Bác Ái", "H. Bác Ái", "huyen bac ai", "Bác  Ái", "Ba\u0301c A\u0301i"]
)
def test_unit_names_compare_after_normalising(spelling: str) -> None:
    assert name_key(spelling) == "bac ai"


def test_unit_list_with_bad_level_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,full_name,level,unit_type,parent_code,valid_from,valid_to,aliases\n"
        "x,Xã X,Xã X,hamlet,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(UnitListError, match=r"units.csv, dòng 2: cấp đơn vị 'hamlet'"):
        read_unit_file(path)


UNIT_HEADER = "code,name,full_name,level,unit_type,parent_code,valid_from,valid_to,aliases\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "p,Tỉnh P,Tỉnh P,province,,,,,\nx,Xã X,Xã X,commune,,p,,,\nx,Xã Y,Xã Y,commune,,p,,,\n",
            "units.csv, dòng 4: mã đơn vị 'x' đã có ở dòng 3.",
        ),
        (
            "p,Tỉnh P,Tỉnh P,province,,,,,\nx,Xã X,Xã X,commune,,p,2025-07-01,2025-06-30,\n",
            "units.csv, dòng 3: ngày kết thúc 30/06/2025 trước ngày bắt đầu 01/07/2025.",
        ),
        (
            "p,Tỉnh P,Tỉnh P,province,,,,,\n"
            "x,Xã Lâm Sơn,,commune,,p,,,\ny,Xa Lam Son,,commune,,p,,,\n",
            "units.csv, dòng 4: tên 'Xa Lam Son' đã có ở dòng 3",
        ),
        ("x,Xã X,Xã X,commune,,q,,,\n", "đơn vị x có đơn vị cấp trên 'q' không có"),
    ],
)
def test_a_unit_list_with_a_bad_row_is_refused_with_the_reason(
    tmp_path: Path, rows: str, message: str
) -> None:
    path = tmp_path / "units.csv"
    path.write_text(UNIT_HEADER + rows, encoding="utf-8")
    with pytest.raises(UnitListError) as refused:
        read_unit_file(path)
    assert message in str(refused.value)


def test_one_name_under_one_parent_is_allowed_in_periods_that_do_not_overlap(
    tmp_path: Path,
) -> None:
    path = tmp_path / "units.csv"
    rows = (
        "p,Tỉnh P,Tỉnh P,province,,,,,\n"
        "x,Xã Lâm Sơn,,commune,,p,,2025-06-30,\n"
        "y,Xã Lâm Sơn,,commune,,p,2025-07-01,,\n"
    )
    path.write_text(UNIT_HEADER + rows, encoding="utf-8")
    assert [unit.code for unit in read_unit_file(path)] == ["p", "x", "y"]


def threshold_value(year: int, field: str | None = None) -> float | None:
    applied = applicable_threshold(default_thresholds(), year=year, field=field)
    return applied.value if applied else None


def test_default_targets_follow_nq76() -> None:
    assert threshold_value(2024) == 90
    assert threshold_value(2024, "dat_dai") == 85
    assert threshold_value(2024, "y_te") == 80
    assert threshold_value(2024, "tu_phap") == 90
    assert threshold_value(2027) == 95
    assert threshold_value(2027, "giao_duc") == 85
    assert threshold_value(2019) == 80  # NQ 30c/NQ-CP: "trên 80%" by 2020
    assert threshold_value(2016) is None


def test_the_most_specific_target_applies_and_says_why() -> None:
    from sipas.targets.rules import ThresholdTarget, applicable_threshold

    targets = [
        ThresholdTarget(90, "NQ 76", 2021, 2025),
        ThresholdTarget(85, "NQ 76", 2021, 2025, field="dat_dai"),
        ThresholdTarget(88, "KH 95 Ninh Sơn", 2024, 2024, unit="ninh-son"),
    ]
    overall = applicable_threshold(targets, year=2024, unit="bac-ai")
    assert overall is not None and overall.value == 90
    land = applicable_threshold(targets, year=2024, unit="bac-ai", field="dat_dai")
    assert land is not None and land.value == 85 and "lĩnh vực" in land.reason
    own = applicable_threshold(targets, year=2024, unit="ninh-son", field="dat_dai")
    assert own is not None and own.source == "KH 95 Ninh Sơn"
    assert "3 mục tiêu cùng áp dụng" in own.reason
    assert applicable_threshold(targets, year=2026) is None


def test_a_unit_table_is_valid_from_its_first_to_its_last_day() -> None:
    import datetime as dt

    import pandas as pd

    from sipas.reference.units import valid_on

    day = dt.date
    units = pd.DataFrame(
        {
            "code": ["open", "ended", "later", "spell"],
            "valid_from": [None, None, day(2025, 7, 1), day(2021, 1, 1)],
            "valid_to": [None, day(2025, 6, 30), None, day(2025, 6, 30)],
        }
    )
    assert list(units.loc[valid_on(units, day(2025, 6, 30)), "code"]) == ["open", "ended", "spell"]
    assert list(units.loc[valid_on(units, day(2025, 7, 1)), "code"]) == ["open", "later"]


def test_national_figures_are_the_published_ones() -> None:
    figure_2022 = national_figure(2022)
    assert figure_2022 is not None and figure_2022.policy is not None
    assert figure_2022.services is not None
    # Equal pillar weights give the published 2022 figure to two decimals.
    assert round((figure_2022.policy + figure_2022.services) / 2, 2) == figure_2022.sipas == 80.08
    figure_2024 = national_figure(2024)
    assert figure_2024 is not None and (figure_2024.sipas, figure_2024.respondents) == (
        83.94,
        36525,
    )
    assert national_figure(2023) is not None and national_figure(2030) is None
