"""Named mapping profiles and staff corrections of columns and fields."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from sipas.core import schema as s
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.storage.engine import transaction
from sipas.storage.profiles import MappingProfile, ProfileError, load_profile, save_profile
from tests.support.workbooks import xlsx

ROWS = [
    ["Tên ĐV", "Nội dung hồ sơ", "Phái", "A1", "A2"],
    ["Bác Ái", "Cấp phép karaoke", "Nam", 4, 5],
    ["Ninh Hải", "Chứng thực bản sao", "Nữ", 3, 4],
]


def test_a_saved_profile_maps_the_next_file_of_the_same_shape(engine: Engine) -> None:
    with transaction(engine) as session:
        first = prepare(session, ImportRequest(xlsx(ROWS), "a.xlsx", "2024", header_row=1))
    assert first.mapping.targets == {}  # nothing recognised: "Tên ĐV" is no known name
    columns = {
        "ten dv": s.UNIT,
        "noi dung ho so": s.FIELD,
        "phai": s.GENDER,
        "a1": "TC01",
        "a2": "TC02",
    }
    fields = {"cap phep karaoke": "khac"}
    with transaction(engine) as session:
        save_profile(
            session, MappingProfile("Mẫu huyện", s.RESPONDENT_KIND, columns, fields), "tester"
        )
    with transaction(engine) as session:
        profile = load_profile(session, "Mẫu huyện")
        ready = prepare(
            session,
            ImportRequest(
                xlsx(ROWS),
                "b.xlsx",
                "2024",
                header_row=1,
                columns=profile.columns,
                fields=profile.fields,
            ),
        )
    assert ready.mapping.targets == {0: s.UNIT, 1: s.FIELD, 2: s.GENDER, 3: "TC01", 4: "TC02"}
    assert ready.issues.empty
    batch = ready.check.batch  # type: ignore[union-attr]
    assert batch.slices[s.FIELD].tolist() == ["khac", "tu_phap"]  # staff choice, then keyword
    review = ready.field_review.set_index("text")
    assert review.loc["Cấp phép karaoke", "how"] == "staff"
    assert review.loc["Chứng thực bản sao", "how"] == "keyword"
    assert batch.slices[s.GENDER].tolist() == ["nam", "nu"]


def test_profiles_keep_their_kind(engine: Engine) -> None:
    with transaction(engine) as session:
        save_profile(session, MappingProfile("Bảng tỉnh", s.AGGREGATE_KIND, {}, {}), "tester")
    with (
        pytest.raises(ProfileError, match="dùng cho loại dữ liệu khác"),
        transaction(engine) as session,
    ):
        save_profile(session, MappingProfile("Bảng tỉnh", s.RESPONDENT_KIND, {}, {}), "tester")
    with (
        pytest.raises(ProfileError, match="Các mẫu đã lưu: Bảng tỉnh"),
        transaction(engine) as session,
    ):
        load_profile(session, "Không có")
