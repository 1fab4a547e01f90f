"""Small texts and values the dashboard pages show, computed in sipas rather than in pages."""

from __future__ import annotations

import pandas as pd

from sipas.accounts.views import identity_lines
from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard import comments, trends
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import level_name, resolve
from sipas.method.measures import SIPAS_INDEX, Measure, field_key, measure_from_key
from sipas.reference import comment_themes
from sipas.reference.questionnaires import get_method
from sipas.tasks.findings import comparison_drafts, unit_where
from tests.support.builders import uniform_counts, units, wave


def test_level_names_in_titles_and_inside_sentences() -> None:
    assert level_name("district") == "Cấp huyện"
    assert level_name("district", lower=True) == "cấp huyện"


def test_axis_title_and_field_key_of_measures() -> None:
    assert SIPAS_INDEX.axis_title == "SIPAS (%)"
    assert Measure("element", "YT3", "Yếu tố 3: Công chức").axis_title == (
        "Yếu tố 3: Công chức (%)"
    )
    found = measure_from_key(field_key("dat_dai"), get_method("qd2640"))
    assert found is not None and found.field == "dat_dai"


def test_comment_pages_and_theme_choices() -> None:
    assert [comments.page_offset(page) for page in (1, 2, 3)] == [0, 20, 40]
    options = comment_themes.theme_options()
    assert next(iter(options)) == "" and options[""] == "Tất cả chủ đề"
    assert list(options)[1:] == list(comment_themes.themes_by_code())


def test_identity_lines_of_the_own_account_page() -> None:
    lines = identity_lines("lanhdao", "Lê Minh Châu", "leader", None)
    assert [label for label, _ in lines] == ["Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị"]
    assert lines[1][1] == "Lê Minh Châu" and lines[3][1] == t("account.no_unit")
    assert identity_lines("a", "b", "leader", "Ninh Sơn")[3][1] == "Ninh Sơn"


def test_trend_axis_lists_the_waves_oldest_first() -> None:
    history = [uniform_counts(wave(code, wave_id=i), {}) for i, code in enumerate(["2023", "2024"])]
    assert trends.wave_codes(history) == ["2023", "2024"]


def test_unit_where_and_the_criteria_page_drafts() -> None:
    now = wave("2024", wave_id=2)
    counts = uniform_counts(now, {("d1", "dat_dai"): (95, 100)})
    frame = units([("d1", s.DISTRICT, "p"), ("p", s.PROVINCE, None)])
    scope = resolve(FilterState(fields=("dat_dai",)), now, counts, frame).scope
    assert scope is not None
    where = unit_where(counts.method, scope, "d1", "Huyện Một")
    assert (where.wave_code, where.unit_code, where.field_code) == ("2024", "d1", "dat_dai")
    assert where.field_name == "Đất đai"
    rows = pd.DataFrame({"item": ["TC01"], "element": ["YT1"], "value": [70.0]})
    rows = rows.assign(average=80.0, diff=-10.0, n=100)
    drafts = comparison_drafts(where, rows, rows, "Bình quân cấp huyện")
    # the criteria first, then the elements; the average named inside the sentence
    assert [d.measure for d in drafts] == ["TC01", "YT1"]
    assert all("bình quân cấp huyện" in d.finding for d in drafts)
    assert all(d.field_code == "dat_dai" and d.unit_code == "d1" for d in drafts)
